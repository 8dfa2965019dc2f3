"""The onboarding services: templates, creating a plan from one, checking tasks (the
last one closes the plan), moving the start date, changing the buddy, reassigning."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cercles.accounts.services import person_update
from cercles.core.models import Notification
from cercles.knowledge import services as knowledge_services
from cercles.knowledge.models import PageKind
from cercles.onboarding import services
from cercles.onboarding.models import AssigneeKind, Onboarding, OnboardingTask, Phase, TemplateTask
from tests.factories import PersonFactory

from .conftest import days

# --- templates -------------------------------------------------------------------------


def test_template_tasks_take_their_phase_default_offset(template):
    offsets = list(template.tasks.order_by("position").values_list("phase", "day_offset"))
    assert offsets == [
        (Phase.BEFORE, -7),
        (Phase.BEFORE, -3),
        (Phase.DAY_ONE, 0),
        (Phase.DAY_ONE, 0),
        (Phase.WEEK_ONE, 4),
        (Phase.MONTH_ONE, 30),
    ]
    assert list(template.tasks.order_by("position").values_list("position", flat=True)) == [
        0,
        1,
        2,
        3,
        4,
        5,
    ]


@pytest.mark.parametrize(
    "phase, offset",
    [(Phase.BEFORE, 0), (Phase.DAY_ONE, 2), (Phase.WEEK_ONE, 0), (Phase.MONTH_ONE, 5)],
)
def test_an_offset_outside_its_phase_is_refused(hr, template, phase, offset):
    with pytest.raises(ValidationError) as error:
        services.template_task_create(
            template=template,
            by=hr,
            phase=phase,
            day_offset=offset,
            title="Hors étape",
            assignee_kind=AssigneeKind.NEWCOMER,
        )
    assert "day_offset" in error.value.message_dict
    assert "le décalage va de" in error.value.message_dict["day_offset"][0]
    assert template.tasks.count() == 6


def test_only_hr_write_templates(member, lead_link, template):
    for person in (member, lead_link):
        with pytest.raises(PermissionDenied):
            services.template_create(by=person, name="Le mien")
        with pytest.raises(PermissionDenied):
            services.template_task_create(
                template=template,
                by=person,
                phase=Phase.DAY_ONE,
                title="X",
                assignee_kind=AssigneeKind.NEWCOMER,
            )


def test_moving_a_task_swaps_it_with_its_neighbour(hr, template):
    def titles():
        return list(template.tasks.order_by("position", "id").values_list("title", flat=True))

    first, second = titles()[:2]
    task = template.tasks.get(title=second)
    assert services.template_task_move(task=task, by=hr, direction="up") is True
    assert titles()[:2] == [second, first]
    assert services.template_task_move(task=task, by=hr, direction="up") is False  # first
    last = template.tasks.get(title="Point d'étonnement")
    assert services.template_task_move(task=last, by=hr, direction="down") is False
    services.template_task_move(task=last, by=hr, direction="up")
    assert titles()[-2:] == ["Point d'étonnement", "Visiter les sites"]


def test_template_task_update_and_delete(hr, template):
    task = template.tasks.get(title="Visiter les sites")
    services.template_task_update(
        task=task,
        by=hr,
        phase=Phase.MONTH_ONE,
        title="Visiter tous les sites",
        assignee_kind=AssigneeKind.LEAD_LINK,
        link="https://intranet.exemple.fr/sites",
    )
    task.refresh_from_db()
    assert (task.phase, task.day_offset, task.title, task.assignee_kind) == (
        Phase.MONTH_ONE,
        30,
        "Visiter tous les sites",
        AssigneeKind.LEAD_LINK,
    )
    services.template_task_delete(task=task, by=hr)
    assert not TemplateTask.objects.filter(pk=task.pk).exists()


# --- creating an onboarding --------------------------------------------------------------


def test_the_plan_copies_the_template_with_due_dates_and_people(
    onboarding, newcomer, buddy, lead_link, hr, today
):
    rows = list(
        onboarding.tasks.order_by("position").values_list(
            "title", "due_date", "assignee_id", "assignee_kind"
        )
    )
    assert rows == [
        ("Préparer le poste de travail", today - days(7), hr.pk, AssigneeKind.HR),
        ("Envoyer le mot d'accueil", today - days(3), lead_link.pk, AssigneeKind.LEAD_LINK),
        ("Lire le livret d'accueil", today, newcomer.pk, AssigneeKind.NEWCOMER),
        ("Déjeuner avec son parrain", today, buddy.pk, AssigneeKind.BUDDY),
        ("Visiter les sites", today + days(4), buddy.pk, AssigneeKind.BUDDY),
        ("Point d'étonnement", today + days(30), lead_link.pk, AssigneeKind.LEAD_LINK),
    ]
    # The lead link defaults to the circle's, the HR contact to the HR author.
    assert onboarding.lead_link == lead_link and onboarding.hr_contact == hr
    assert onboarding.tasks.first().description == "À faire : **préparer le poste de travail**."


def test_creating_notifies_the_newcomer_buddy_and_lead_link(
    django_capture_on_commit_callbacks, hr, org, newcomer, buddy, lead_link, template, today
):
    with django_capture_on_commit_callbacks(execute=True):
        onboarding = services.onboarding_create(
            by=hr, newcomer=newcomer, start_date=today, circle=org["rh"], buddy=buddy
        )
    texts = dict(Notification.objects.values_list("recipient_id", "text"))
    assert texts[newcomer.pk].startswith("Bienvenue ! Votre parcours d'intégration commence le")
    assert texts[buddy.pk].startswith("Vous parrainez Nina Nouvelle, qui arrive le")
    assert texts[lead_link.pk].startswith("Nina Nouvelle arrive le")
    assert hr.pk not in texts  # the author
    assert Notification.objects.get(recipient=buddy).url == onboarding.get_absolute_url()


def test_the_first_live_booklet_is_the_default(hr, admin, newcomer, today):
    knowledge_services.page_create(by=admin, title="Procédure congés", kind=PageKind.PROCEDURE)
    booklet = knowledge_services.page_create(by=admin, title="Livret", kind=PageKind.BOOKLET)
    knowledge_services.page_create(by=admin, title="Autre livret", kind=PageKind.BOOKLET)
    onboarding = services.onboarding_create(by=hr, newcomer=newcomer, start_date=today)
    assert onboarding.booklet == booklet
    assert onboarding.tasks.count() == 0 and onboarding.circle is None


def test_a_lead_link_welcomes_into_his_circles_only(lead_link, org, newcomer, today):
    with pytest.raises(ValidationError) as error:
        services.onboarding_create(
            by=lead_link, newcomer=newcomer, start_date=today, circle=org["numerique"]
        )
    assert error.value.message_dict == {
        "circle": ["Vous ne pouvez accueillir quelqu'un que dans un cercle que vous pilotez."]
    }
    with pytest.raises(ValidationError) as error:
        services.onboarding_create(by=lead_link, newcomer=newcomer, start_date=today)
    assert "circle" in error.value.message_dict
    # Formation is below Ressources humaines: he manages it.
    onboarding = services.onboarding_create(
        by=lead_link, newcomer=newcomer, start_date=today, circle=org["formation"]
    )
    assert onboarding.created_by == lead_link and onboarding.hr_contact is None
    assert not Onboarding.objects.exclude(pk=onboarding.pk).exists()


def test_plain_members_do_not_create_onboardings(member, agent, newcomer, today, org):
    for person in (member, agent):
        with pytest.raises(PermissionDenied):
            services.onboarding_create(
                by=person, newcomer=newcomer, start_date=today, circle=org["rh"]
            )
    assert not Onboarding.objects.exists()


def test_bad_choices_are_refused(hr, org, newcomer, today, member):
    with pytest.raises(ValidationError) as error:
        services.onboarding_create(by=hr, newcomer=newcomer, start_date=today, buddy=newcomer)
    assert error.value.message_dict == {
        "buddy": ["Le parrain ou la marraine ne peut pas être le nouvel arrivant."]
    }
    role = member.assignments.get().role
    with pytest.raises(ValidationError) as error:
        services.onboarding_create(
            by=hr, newcomer=newcomer, start_date=today, circle=org["numerique"], role=role
        )
    assert error.value.message_dict == {"role": ["Ce rôle n'appartient pas au cercle choisi."]}
    assert not Onboarding.objects.exists()


def test_one_open_onboarding_per_newcomer(onboarding, hr, newcomer, today):
    with pytest.raises(ValidationError) as error:
        services.onboarding_create(by=hr, newcomer=newcomer, start_date=today)
    assert error.value.message_dict == {
        "newcomer": ["Nina Nouvelle a déjà une intégration en cours."]
    }
    services.onboarding_close(onboarding=onboarding, by=hr)
    second = services.onboarding_create(by=hr, newcomer=newcomer, start_date=today)
    with pytest.raises(ValidationError):
        services.onboarding_reopen(onboarding=onboarding, by=hr)
    assert second.closed_at is None


# --- tasks -------------------------------------------------------------------------------


def test_checking_every_task_closes_the_onboarding(
    django_capture_on_commit_callbacks, onboarding, newcomer, hr, lead_link
):
    tasks = list(onboarding.tasks.order_by("position"))
    for task in tasks[:-1]:
        assert services.task_set_done(task=task, by=newcomer, done=True) is False
    # Idempotent, and unchecking works while the plan is open.
    assert services.task_set_done(task=tasks[0], by=newcomer, done=True) is False
    services.task_set_done(task=tasks[0], by=newcomer, done=False)
    assert OnboardingTask.objects.get(pk=tasks[0].pk).done_at is None
    services.task_set_done(task=tasks[0], by=newcomer, done=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.task_set_done(task=tasks[-1], by=lead_link, done=True) is True
    onboarding.refresh_from_db()
    assert onboarding.closed_at is not None
    assert OnboardingTask.objects.get(pk=tasks[-1].pk).done_by == lead_link
    assert list(Notification.objects.values_list("recipient_id", "text")) == [
        (hr.pk, "L'intégration de Nina Nouvelle est terminée.")
    ]
    with pytest.raises(ValidationError):
        services.task_set_done(task=tasks[0], by=newcomer, done=False)


def test_moving_the_start_date_moves_the_pending_tasks(onboarding, hr, buddy, today):
    done = onboarding.tasks.get(title="Préparer le poste de travail")
    services.task_set_done(task=done, by=hr, done=True)
    services.onboarding_update(
        onboarding=onboarding,
        by=hr,
        start_date=today + days(7),
        buddy=buddy,
        lead_link=onboarding.lead_link,
        hr_contact=hr,
    )
    dues = dict(onboarding.tasks.values_list("title", "due_date"))
    assert dues["Préparer le poste de travail"] == today - days(7)  # done: stays
    assert dues["Lire le livret d'accueil"] == today + days(7)
    assert dues["Point d'étonnement"] == today + days(37)


def test_a_new_buddy_takes_the_buddy_tasks_not_reassigned_ones(
    django_capture_on_commit_callbacks, onboarding, hr, buddy, agent, lead_link, today
):
    lunch = onboarding.tasks.get(title="Déjeuner avec son parrain")
    services.task_reassign(task=lunch, by=hr, assignee=lead_link)
    with django_capture_on_commit_callbacks(execute=True):
        services.onboarding_update(
            onboarding=onboarding,
            by=hr,
            start_date=today,
            buddy=agent,
            lead_link=lead_link,
            hr_contact=hr,
        )
    assignees = dict(onboarding.tasks.values_list("title", "assignee_id"))
    assert assignees["Visiter les sites"] == agent.pk
    assert assignees["Déjeuner avec son parrain"] == lead_link.pk
    assert Notification.objects.filter(
        recipient=agent, text="Vous accompagnez l'intégration de Nina Nouvelle."
    ).exists()


def test_reassigning_a_task(django_capture_on_commit_callbacks, onboarding, hr, agent):
    task = onboarding.tasks.get(title="Visiter les sites")
    with django_capture_on_commit_callbacks(execute=True):
        services.task_reassign(task=task, by=hr, assignee=agent)
    task.refresh_from_db()
    assert task.assignee == agent
    assert Notification.objects.get(recipient=agent).text == (
        "Une tâche d'intégration vous est confiée : « Visiter les sites » pour Nina Nouvelle."
    )
    gone = PersonFactory()
    person_update(person=gone, is_active=False)
    with pytest.raises(ValidationError):
        services.task_reassign(task=task, by=hr, assignee=gone)
    services.task_set_done(task=task, by=agent, done=True)
    with pytest.raises(ValidationError):
        services.task_reassign(task=task, by=hr, assignee=hr)


# --- review regressions ------------------------------------------------------------------


@pytest.mark.parametrize("start", ["0001-01-01", "9999-12-31"])
def test_a_start_date_out_of_range_is_refused_not_a_crash(hr, template, newcomer, today, start):
    """Year 1 or 9999 overflowed the due dates (OverflowError, a 500)."""
    start_date = datetime.date.fromisoformat(start)
    with pytest.raises(ValidationError) as error:
        services.onboarding_create(
            by=hr, newcomer=newcomer, start_date=start_date, template=template
        )
    low = (today - days(services.START_DATE_PAST_DAYS)).strftime("%d/%m/%Y")
    high = (today + days(services.START_DATE_FUTURE_DAYS)).strftime("%d/%m/%Y")
    assert error.value.message_dict == {
        "start_date": [f"Choisissez une date entre le {low} et le {high}."]
    }
    assert not Onboarding.objects.exists()


def test_moving_the_start_date_out_of_range_is_refused(onboarding, hr, buddy, today):
    dues = dict(onboarding.tasks.values_list("pk", "due_date"))
    with pytest.raises(ValidationError) as error:
        services.onboarding_update(
            onboarding=onboarding,
            by=hr,
            start_date=datetime.date(9999, 12, 25),
            buddy=buddy,
            lead_link=onboarding.lead_link,
            hr_contact=hr,
        )
    assert list(error.value.message_dict) == ["start_date"]
    onboarding.refresh_from_db()
    assert onboarding.start_date == today
    assert dict(onboarding.tasks.values_list("pk", "due_date")) == dues


def test_the_newcomer_cannot_run_his_own_onboarding(onboarding, hr, newcomer, today, buddy):
    """As his own lead link or HR contact he would check every task and close it."""
    with pytest.raises(ValidationError) as error:
        services.onboarding_update(
            onboarding=onboarding,
            by=hr,
            start_date=today,
            buddy=buddy,
            lead_link=newcomer,
            hr_contact=newcomer,
        )
    assert error.value.message_dict == {
        "lead_link": ["Le premier lien ne peut pas être le nouvel arrivant."],
        "hr_contact": ["Le contact RH ne peut pas être le nouvel arrivant."],
    }
    other = PersonFactory()
    with pytest.raises(ValidationError) as error:
        services.onboarding_create(by=hr, newcomer=other, start_date=today, lead_link=other)
    assert list(error.value.message_dict) == ["lead_link"]
    onboarding.refresh_from_db()
    assert onboarding.lead_link_id != newcomer.pk and onboarding.hr_contact == hr


def test_a_booklet_restricted_to_another_circle_is_refused(admin, lead_link, org, newcomer, today):
    """A lead link handed out a page of a circle he cannot read (its title then showed
    on the plan)."""
    secret = knowledge_services.page_create(
        by=admin,
        title="Livret secret du numérique",
        kind=PageKind.BOOKLET,
        circle=org["numerique"],
        restricted=True,
    )
    with pytest.raises(ValidationError) as error:
        services.onboarding_create(
            by=lead_link, newcomer=newcomer, start_date=today, circle=org["rh"], booklet=secret
        )
    assert error.value.message_dict == {"booklet": ["Choisissez un livret d'accueil en ligne."]}
    assert not Onboarding.objects.exists()
    # The admin reads it, so he may.
    onboarding = services.onboarding_create(
        by=admin, newcomer=newcomer, start_date=today, circle=org["numerique"], booklet=secret
    )
    assert onboarding.booklet == secret
