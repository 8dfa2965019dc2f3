"""A one-off task added to one onboarding (not to its template): due by default on its
phase's day, given to the person of that kind, refused on a closed plan or with a due
date outside its phase; only those who run the plan add one."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cercles.core.models import Notification
from cercles.onboarding import services
from cercles.onboarding.models import AssigneeKind, OnboardingTask, Phase

from .conftest import days


def test_a_one_off_task_joins_this_plan_only(
    django_capture_on_commit_callbacks, onboarding, hr, buddy, template, today
):
    with django_capture_on_commit_callbacks(execute=True):
        task = services.task_create(
            onboarding=onboarding,
            by=hr,
            phase=Phase.WEEK_ONE,
            title="  Présenter l'équipe projet ",
            assignee_kind=AssigneeKind.BUDDY,
        )
    task.refresh_from_db()
    assert (task.title, task.due_date, task.assignee, task.position) == (
        "Présenter l'équipe projet",
        today + days(4),
        buddy,
        6,
    )
    assert template.tasks.count() == 6 and onboarding.tasks.count() == 7
    assert Notification.objects.get(recipient=buddy).text == (
        "Une tâche d'intégration vous est confiée : « Présenter l'équipe projet » pour "
        "Nina Nouvelle."
    )
    task = services.task_create(
        onboarding=onboarding,
        by=hr,
        phase=Phase.MONTH_ONE,
        title="Bilan",
        assignee_kind=AssigneeKind.HR,
        due_date=today + days(45),
    )
    assert (task.due_date, task.assignee, task.position) == (today + days(45), hr, 7)


def test_bad_one_off_tasks_are_refused(onboarding, hr, today):
    with pytest.raises(ValidationError) as error:
        services.task_create(
            onboarding=onboarding,
            by=hr,
            phase=Phase.DAY_ONE,
            title="",
            assignee_kind="boss",
            due_date=today + days(1),
        )
    assert error.value.message_dict == {
        "title": ["Donnez un intitulé à la tâche."],
        "assignee_kind": ["Choisissez qui s'en charge dans la liste."],
    }
    with pytest.raises(ValidationError) as error:
        services.task_create(
            onboarding=onboarding,
            by=hr,
            phase=Phase.DAY_ONE,
            title="Accueil",
            assignee_kind=AssigneeKind.HR,
            due_date=today + days(1),
        )
    day = today.strftime("%d/%m/%Y")
    assert error.value.message_dict == {
        "due_date": [f"Pour l'étape « Premier jour », l'échéance va du {day} au {day}."]
    }
    services.onboarding_close(onboarding=onboarding, by=hr)
    with pytest.raises(ValidationError):
        services.task_create(
            onboarding=onboarding,
            by=hr,
            phase=Phase.DAY_ONE,
            title="Accueil",
            assignee_kind=AssigneeKind.HR,
        )
    assert onboarding.tasks.count() == 6


def test_the_page_adds_a_task_for_those_who_run_the_plan(
    login, onboarding, lead_link, buddy, newcomer, agent, today
):
    url = reverse("onboarding:task_create", args=[onboarding.pk])
    assert login(agent).get(url).status_code == 404
    for person in (buddy, newcomer):
        assert login(person).post(url, {"title": "x"}).status_code == 403
    client = login(lead_link)
    body = client.get(url).content.decode()
    assert "<h1>Ajouter une tâche au parcours de Nina Nouvelle</h1>" in body
    assert '<label for="id_due_date">Échéance</label>' in body
    # Bad input: French messages, what was typed kept, nothing written.
    response = client.post(
        url,
        {
            "phase": Phase.WEEK_ONE,
            "due_date": (today + days(20)).isoformat(),
            "title": "Visite du chantier",
            "assignee_kind": AssigneeKind.LEAD_LINK,
            "link": "pas un lien",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Indiquez une adresse web complète, par exemple https://…" in body
    assert 'value="Visite du chantier"' in body
    response = client.post(
        url,
        {
            "phase": Phase.WEEK_ONE,
            "due_date": (today + days(20)).isoformat(),
            "title": "Visite du chantier",
            "assignee_kind": AssigneeKind.LEAD_LINK,
        },
    )
    assert "l&#x27;échéance va du" in response.content.decode()
    assert onboarding.tasks.count() == 6
    response = client.post(
        url,
        {"phase": Phase.WEEK_ONE, "title": "Visite du chantier", "assignee_kind": "lead_link"},
    )
    task = OnboardingTask.objects.get(title="Visite du chantier")
    assert response.url == f"{onboarding.get_absolute_url()}#task-{task.pk}"
    assert (task.assignee, task.due_date) == (lead_link, today + days(4))
    body = client.get(onboarding.get_absolute_url()).content.decode()
    assert "Visite du chantier" in body
    assert "0 % fait (0 tâche" in body and " sur 7)" in body
    assert (
        "Ajouter une tâche"
        not in login(newcomer).get(onboarding.get_absolute_url()).content.decode()
    )


def test_the_api_adds_a_task_for_those_who_run_the_plan(
    client, onboarding, hr, buddy, agent, today
):
    from cercles.accounts.tokens import api_token_create

    def post(person, data):
        _token, raw = api_token_create(person=person, name="test")
        return client.post(
            "/api/v1/onboarding/tasks/",
            data,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {raw}",
        )

    data = {
        "onboarding": onboarding.pk,
        "phase": "month_one",
        "title": "Bilan du premier mois",
        "assignee_kind": "hr",
    }
    assert post(buddy, data).status_code == 403  # sees the plan, does not run it
    response = post(agent, data)  # does not see it: it does not exist for him
    assert response.status_code == 400 and list(response.json()) == ["onboarding"]
    response = post(hr, {**data, "due_date": (today + days(100)).isoformat()})
    assert response.status_code == 400 and list(response.json()) == ["due_date"]
    assert onboarding.tasks.count() == 6
    response = post(hr, data)
    assert response.status_code == 201
    row = response.json()
    assert (row["title"], row["due_date"], row["assignee"]) == (
        "Bilan du premier mois",
        (today + days(30)).isoformat(),
        hr.pk,
    )
    assert onboarding.tasks.count() == 7
