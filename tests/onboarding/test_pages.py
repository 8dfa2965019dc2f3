"""The onboarding pages: who sees what (404 for outsiders), checking tasks with htmx
and without, the forms with bad input, and query counts."""

import datetime
import re

import pytest
from django.urls import reverse

from cercles.knowledge import services as knowledge_services
from cercles.knowledge.models import PageKind
from cercles.onboarding import services
from cercles.onboarding.models import AssigneeKind, Onboarding, OnboardingTask, Phase, PlanTemplate
from cercles.people.models import Function
from cercles.people.services import function_grant
from tests.factories import PersonFactory

from .conftest import days


def detail(onboarding):
    return reverse("onboarding:detail", args=[onboarding.pk])


def toggle(task):
    return reverse("onboarding:task_toggle", args=[task.pk])


# --- who sees ----------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, onboarding):
    task = onboarding.tasks.first()
    for address in (
        reverse("onboarding:mine"),
        reverse("onboarding:my_tasks"),
        reverse("onboarding:list"),
        reverse("onboarding:create"),
        detail(onboarding),
        reverse("onboarding:task_reassign", args=[task.pk]),
        reverse("onboarding:template_list"),
    ):
        response = client.get(address)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    response = client.post(toggle(task), {"done": "1"})
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.parametrize(
    "persona, status",
    [
        ("newcomer", 200),
        ("buddy", 200),
        ("lead_link", 200),
        ("hr", 200),
        ("admin", 200),
        ("agent", 404),
    ],
)
def test_the_plan_is_seen_by_the_people_around_the_newcomer(
    request, login, onboarding, persona, status
):
    client = login(request.getfixturevalue(persona))
    assert client.get(detail(onboarding)).status_code == status
    task = onboarding.tasks.get(title="Visiter les sites")
    assert client.post(toggle(task), {"done": "1"}).status_code in (
        (302,) if persona in ("buddy", "lead_link", "hr", "admin") else (403, 404)
    )


def test_the_newcomer_sees_his_plan_grouped_by_phase(login, onboarding, newcomer, today):
    body = login(newcomer).get(reverse("onboarding:mine")).content.decode()
    assert "<h1>Mon intégration</h1>" in body
    phases = [
        body.index(f'<h2 id="phase-{p}">{label}</h2>')
        for p, label in (
            ("before", "Avant l&#x27;arrivée"),
            ("day_one", "Premier jour"),
            ("week_one", "Première semaine"),
            ("month_one", "Premier mois"),
        )
    ]
    assert phases == sorted(phases)
    # (0 done: singular or plural depends on the French catalogue)
    assert "0 % fait (0 tâche" in body and " sur 6)" in body
    assert "2 tâches en retard" in body  # the two tasks before day one
    assert "Marc Membre" in body and "Léa Lien" in body  # buddy and lead link
    assert "<strong>préparer le poste de travail</strong>" in body  # Markdown
    # He checks his own task only; the others' are shown, not checkable.
    own = onboarding.tasks.get(title="Lire le livret d'accueil")
    other = onboarding.tasks.get(title="Déjeuner avec son parrain")
    assert f'action="{toggle(own)}"' in body and f'action="{toggle(other)}"' not in body
    assert "Confier à quelqu'un d'autre" not in body and "Clore l'intégration" not in body


def test_mine_sends_each_one_where_he_belongs(login, onboarding, buddy, admin, agent):
    assert login(buddy).get(reverse("onboarding:mine")).url == reverse("onboarding:my_tasks")
    assert login(agent).get(reverse("onboarding:mine")).status_code == 404
    other_hr = PersonFactory()
    function_grant(person=other_hr, function=Function.HR, by=admin)
    response = login(other_hr).get(reverse("onboarding:mine"))
    assert response.url == reverse("onboarding:list")


# --- checking tasks ----------------------------------------------------------------------


def test_checking_with_htmx_returns_the_row_and_the_progress(login, onboarding, newcomer):
    task = onboarding.tasks.get(title="Lire le livret d'accueil")
    response = login(newcomer).post(toggle(task), {"done": "1"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith(f'<li id="task-{task.pk}" class="task card task-done')
    assert f'<div id="progress-{onboarding.pk}"' in body and 'hx-swap-oob="innerHTML"' in body
    assert "17 % fait (1 tâche sur 6)" in body
    assert OnboardingTask.objects.get(pk=task.pk).done_by == newcomer
    response = login(newcomer).post(toggle(task), {"done": "0"}, HTTP_HX_REQUEST="true")
    assert "0 % fait (0 tâche" in response.content.decode()
    assert OnboardingTask.objects.get(pk=task.pk).done_at is None


def test_checking_without_javascript_goes_back_to_the_page(login, onboarding, newcomer):
    task = onboarding.tasks.get(title="Lire le livret d'accueil")
    response = login(newcomer).post(toggle(task), {"done": "1", "next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == detail(onboarding)
    response = login(newcomer).post(toggle(task), {"done": "0", "next": reverse("onboarding:mine")})
    assert response.url == reverse("onboarding:mine")


def test_the_newcomer_cannot_check_the_buddy_tasks(login, onboarding, newcomer):
    task = onboarding.tasks.get(title="Déjeuner avec son parrain")
    assert login(newcomer).post(toggle(task), {"done": "1"}).status_code == 403
    assert OnboardingTask.objects.get(pk=task.pk).done_at is None


def test_the_last_task_closes_the_plan(login, onboarding, hr):
    tasks = list(onboarding.tasks.order_by("position"))
    for task in tasks[:-1]:
        services.task_set_done(task=task, by=hr, done=True)
    response = login(hr).post(toggle(tasks[-1]), {"done": "1"}, HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == detail(onboarding)
    body = login(hr).get(detail(onboarding)).content.decode()
    assert "Toutes les tâches sont faites : l&#x27;intégration est terminée." in body
    assert "Rouvrir l'intégration" in body and "Marquer comme faite" not in body


# --- my tasks and the list ---------------------------------------------------------------


def test_my_tasks_lists_the_buddy_tasks(login, onboarding, buddy):
    body = login(buddy).get(reverse("onboarding:my_tasks")).content.decode()
    assert "Nina Nouvelle" in body and "vous êtes son parrain ou sa marraine" in body
    assert "Déjeuner avec son parrain" in body and "Visiter les sites" in body
    assert "Lire le livret d'accueil" not in body  # the newcomer's


def test_the_list_filters_and_shows_progress(login, hr, onboarding, org, today):
    late = PersonFactory(first_name="Paul", last_name="Passé")
    services.onboarding_create(
        by=hr, newcomer=late, start_date=today - days(40), circle=org["numerique"]
    )
    client = login(hr)
    body = client.get(reverse("onboarding:list")).content.decode()
    assert "2 intégrations" in body and "0 % (0/6)" in body
    body = client.get(reverse("onboarding:list"), {"q": "passé"}).content.decode()
    assert "Paul Passé" in body and "Nina Nouvelle" not in body
    body = client.get(reverse("onboarding:list"), {"overdue": "1"}).content.decode()
    assert "1 intégration" in body and "Nina Nouvelle" in body
    body = client.get(reverse("onboarding:list"), {"circle": org["numerique"].pk}).content.decode()
    assert "Paul Passé" in body and "Nina Nouvelle" not in body
    body = client.get(reverse("onboarding:list"), {"status": "closed"}).content.decode()
    assert "0 intégration" in body
    response = client.get(reverse("onboarding:list"), {"status": "x", "circle": "abc"})
    assert response.status_code == 200


def test_a_lead_link_lists_the_onboardings_of_his_circles(login, hr, onboarding, org, lead_link):
    services.onboarding_create(
        by=hr,
        newcomer=PersonFactory(last_name="Ailleurs"),
        start_date=onboarding.start_date,
        circle=org["numerique"],
    )
    body = login(lead_link).get(reverse("onboarding:list")).content.decode()
    assert "1 intégration" in body and "Nina Nouvelle" in body and "Ailleurs" not in body


# --- forms -------------------------------------------------------------------------------


def test_create_an_onboarding_through_the_form(login, hr, org, template, buddy, today):
    newcomer = PersonFactory(email="sam@exemple.fr", first_name="Sam", last_name="Neuf")
    response = login(hr).post(
        reverse("onboarding:create"),
        {
            "newcomer": "SAM@exemple.fr",
            "start_date": (today + days(10)).isoformat(),
            "circle": org["rh"].pk,
            "template": template.pk,
            "buddy": buddy.email,
            "save": "1",
        },
    )
    onboarding = Onboarding.objects.get(newcomer=newcomer)
    assert response.status_code == 302 and response.url == detail(onboarding)
    assert onboarding.tasks.count() == 6 and onboarding.buddy == buddy


def test_the_form_refuses_bad_input_and_keeps_it(login, hr, org, newcomer):
    response = login(hr).post(
        reverse("onboarding:create"),
        {
            "newcomer": newcomer.email,
            "start_date": "31/02/2026",
            "circle": org["rh"].pk,
            "buddy": "inconnu@exemple.fr",
            "save": "1",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Indiquez une date valide, par exemple 02/03/2026." in body
    assert "Aucune personne active ne correspond à « inconnu@exemple.fr »" in body
    assert 'value="inconnu@exemple.fr"' in body and 'value="nina@exemple.fr"' in body
    assert not Onboarding.objects.exists()
    response = login(hr).post(
        reverse("onboarding:create"),
        {"newcomer": newcomer.email, "start_date": "2026-03-02", "buddy": newcomer.email},
    )
    assert "Le parrain ou la marraine ne peut pas être le nouvel arrivant." in (
        response.content.decode()
    )
    assert not Onboarding.objects.exists()


def test_the_form_suggests_buddies_of_the_circle_and_site(login, hr, org, newcomer, member):
    neighbour = PersonFactory(first_name="Victor", last_name="Voisin", site="Site nord")
    stranger = PersonFactory(first_name="Xavier", last_name="Loin", site="Site sud")
    params = {"newcomer": newcomer.email, "circle": org["rh"].pk}
    response = login(hr).get(reverse("onboarding:create"), params, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.index("Marc Membre") < body.index("Victor Voisin")  # same circle first
    assert "Xavier Loin" not in body and "Nina Nouvelle" not in body
    assert f'<option value="{neighbour.email}">' in body and stranger.email not in body
    # Without JavaScript, the refresh button re-renders the form without saving.
    response = login(hr).post(reverse("onboarding:create"), {**params, "refresh": "1"})
    body = response.content.decode()
    assert "Victor Voisin" in body and "errorlist" not in body
    assert not Onboarding.objects.exists()


def test_a_lead_link_chooses_among_his_circles(login, lead_link, org):
    body = login(lead_link).get(reverse("onboarding:create")).content.decode()
    assert "Ressources humaines" in body and "Formation" in body and "Numérique" not in body


def test_edit_and_reassign_with_bad_input(login, hr, onboarding, agent):
    task = onboarding.tasks.get(title="Visiter les sites")
    url = reverse("onboarding:task_reassign", args=[task.pk])
    response = login(hr).post(url, {"assignee": "personne"})
    assert "Aucune personne active ne correspond à « personne »" in response.content.decode()
    response = login(hr).post(url, {"assignee": agent.email})
    assert response.status_code == 302
    assert OnboardingTask.objects.get(pk=task.pk).assignee == agent
    url = reverse("onboarding:update", args=[onboarding.pk])
    response = login(hr).post(url, {"start_date": "", "buddy": "x@y.z"})
    body = response.content.decode()
    assert "Indiquez la date d&#x27;arrivée." in body and 'value="x@y.z"' in body
    response = login(hr).post(url, {"start_date": onboarding.start_date.isoformat()})
    assert response.status_code == 302
    assert Onboarding.objects.get(pk=onboarding.pk).buddy is None


def test_the_buddy_does_not_run_the_plan(login, onboarding, buddy):
    client = login(buddy)
    assert client.get(reverse("onboarding:update", args=[onboarding.pk])).status_code == 403
    assert client.post(reverse("onboarding:close", args=[onboarding.pk])).status_code == 403
    assert Onboarding.objects.get(pk=onboarding.pk).closed_at is None


def test_close_and_reopen(login, lead_link, onboarding):
    client = login(lead_link)
    assert client.post(reverse("onboarding:close", args=[onboarding.pk])).status_code == 302
    assert Onboarding.objects.get(pk=onboarding.pk).closed_at is not None
    assert client.post(reverse("onboarding:reopen", args=[onboarding.pk])).status_code == 302
    assert Onboarding.objects.get(pk=onboarding.pk).closed_at is None


# --- templates ---------------------------------------------------------------------------


def test_templates_are_for_hr(login, lead_link, member, template):
    for person in (lead_link, member):
        client = login(person)
        assert client.get(reverse("onboarding:template_list")).status_code == 403
        assert client.get(template.get_absolute_url()).status_code == 403


def test_write_a_template_and_its_tasks(login, hr):
    client = login(hr)
    response = client.post(reverse("onboarding:template_create"), {"name": "", "description": ""})
    assert "Donnez un nom au modèle." in response.content.decode()
    response = client.post(reverse("onboarding:template_create"), {"name": "Stagiaires"})
    template = PlanTemplate.objects.get(name="Stagiaires")
    assert response.url == template.get_absolute_url()
    url = reverse("onboarding:template_task_create", args=[template.pk])
    bad = {
        "phase": Phase.WEEK_ONE,
        "day_offset": "12",
        "title": "Visite",
        "assignee_kind": AssigneeKind.BUDDY,
        "link": "pas un lien",
    }
    body = client.post(url, bad).content.decode()
    assert "Indiquez une adresse web complète, par exemple https://…" in body
    assert 'value="Visite"' in body and template.tasks.count() == 0
    body = client.post(url, {**bad, "link": ""}).content.decode()
    assert "Pour l&#x27;étape « Première semaine », le décalage va de 1 à 7 jours." in body
    assert client.post(url, {**bad, "link": "", "day_offset": ""}).status_code == 302
    task = template.tasks.get()
    assert (task.day_offset, task.title) == (4, "Visite")


def test_reorder_with_htmx(login, hr, template):
    last = template.tasks.get(title="Point d'étonnement")
    response = login(hr).post(
        reverse("onboarding:template_task_move", args=[last.pk]),
        {"direction": "up"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert body.lstrip().startswith("<table>")
    assert body.index("Point d&#x27;étonnement") < body.index("Visiter les sites")
    response = login(hr).post(
        reverse("onboarding:template_task_move", args=[last.pk]), {"direction": "down"}
    )
    assert response.status_code == 302
    assert list(template.tasks.order_by("position").values_list("title", flat=True))[-1] == (
        "Point d'étonnement"
    )


# --- query counts ------------------------------------------------------------------------


def _more_onboardings(hr, org, template, n, start):
    for i in range(n):
        services.onboarding_create(
            by=hr,
            newcomer=PersonFactory(),
            start_date=start + datetime.timedelta(days=i),
            circle=org["rh"],
            buddy=PersonFactory(),
            template=template,
        )


def test_list_query_count(login, django_assert_num_queries, hr, org, template, today):
    _more_onboardings(hr, org, template, 3, today)
    client = login(hr)
    # Session, user; his people functions; the count; the page of onboardings with
    # progress, newcomer, buddy and circle; the circles of the filter.
    with django_assert_num_queries(6):
        body = client.get(reverse("onboarding:list")).content.decode()
    assert "3 intégrations" in body
    _more_onboardings(hr, org, template, 2, today + days(5))
    with django_assert_num_queries(6):
        client.get(reverse("onboarding:list"))


def test_my_tasks_query_count(login, django_assert_num_queries, hr, org, template, today):
    _more_onboardings(hr, org, template, 3, today)
    client = login(hr)
    # Session, user; the onboardings he helps with (with progress); his tasks in them;
    # his people functions (the link to the list).
    with django_assert_num_queries(5):
        body = client.get(reverse("onboarding:my_tasks")).content.decode()
    assert body.count('<h3 class="task-title">Préparer le poste de travail</h3>') == 3


def test_template_pages_query_count(login, django_assert_num_queries, hr, template):
    services.template_create(by=hr, name="Deux")
    services.template_create(by=hr, name="Trois")
    client = login(hr)
    # Session, user; his people functions; the templates with their counts.
    with django_assert_num_queries(4):
        client.get(reverse("onboarding:template_list"))
    # Session, user; his people functions; the template; its tasks.
    with django_assert_num_queries(5):
        client.get(template.get_absolute_url())


def test_my_plan_query_count(login, django_assert_num_queries, onboarding, newcomer, hr):
    # (A template task added after the plan was made never reaches it: a one-off task
    # does, so the count is measured with 6 tasks and with 7.)
    client = login(newcomer)
    # Session, user; his own onboarding's id; his people functions; the circles he leads
    # (none: no tree read); the onboarding with its people, circle, role, booklet,
    # template and his task flag; its tasks with their assignees.
    with django_assert_num_queries(7):
        assert client.get(reverse("onboarding:mine")).status_code == 200
    services.task_create(
        onboarding=onboarding, by=hr, phase=Phase.DAY_ONE, title="x", assignee_kind="newcomer"
    )
    with django_assert_num_queries(7):
        body = client.get(reverse("onboarding:mine")).content.decode()
    assert body.count('class="task card') == 7


# --- review regressions ------------------------------------------------------------------


def test_after_htmx_rows_the_last_task_still_redirects_to_the_page(login, onboarding, hr):
    """The row htmx swapped in carried the toggle URL as its "next": checking it last
    sent the browser to a POST-only address (405)."""
    tasks = list(onboarding.tasks.order_by("position"))
    for task in tasks[2:]:
        services.task_set_done(task=task, by=hr, done=True)
    client = login(hr)
    page = detail(onboarding)

    def click(done, next_url):
        """Post the row's form as the browser would, and read the "next" it now holds."""
        response = client.post(
            toggle(tasks[0]), {"done": done, "next": next_url}, HTTP_HX_REQUEST="true"
        )
        found = re.search(r'name="next" value="([^"]*)"', response.content.decode())
        return response, found.group(1) if found else None

    _response, next_url = click("1", page)
    assert next_url == page
    _response, next_url = click("0", next_url)
    assert next_url == page
    services.task_set_done(task=tasks[1], by=hr, done=True)
    response, _next = click("1", next_url)  # the last one: the plan closes
    assert response["HX-Redirect"] == page
    assert client.get(response["HX-Redirect"]).status_code == 200


def test_an_absurd_start_date_is_a_message_not_a_500(login, hr, onboarding, newcomer, template):
    client = login(hr)
    response = client.post(
        reverse("onboarding:update", args=[onboarding.pk]), {"start_date": "9999-12-25"}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Choisissez une date entre le" in body
    assert 'value="9999-12-25"' in body
    assert Onboarding.objects.get(pk=onboarding.pk).start_date == onboarding.start_date
    other = PersonFactory(email="o@exemple.fr")
    response = client.post(
        reverse("onboarding:create"),
        {"newcomer": other.email, "start_date": "01/01/0001", "template": template.pk},
    )
    assert response.status_code == 200 and "Choisissez une date entre le" in (
        response.content.decode()
    )
    assert not Onboarding.objects.filter(newcomer=other).exists()


def test_the_forms_list_only_the_booklets_one_reads(login, admin, lead_link, org, onboarding):
    knowledge_services.page_create(
        by=admin,
        title="Livret secret du numérique",
        kind=PageKind.BOOKLET,
        circle=org["numerique"],
        restricted=True,
    )
    knowledge_services.page_create(by=admin, title="Livret commun", kind=PageKind.BOOKLET)
    client = login(lead_link)
    for url in (reverse("onboarding:create"), reverse("onboarding:update", args=[onboarding.pk])):
        body = client.get(url).content.decode()
        assert "Livret commun" in body and "Livret secret" not in body, url
    assert "Livret secret" in login(admin).get(reverse("onboarding:create")).content.decode()


def test_a_lead_link_filters_only_by_the_circles_he_sees(login, hr, onboarding, org, lead_link):
    services.onboarding_create(
        by=hr, newcomer=PersonFactory(), start_date=onboarding.start_date, circle=org["numerique"]
    )
    body = login(lead_link).get(reverse("onboarding:list")).content.decode()
    assert f'<option value="{org["rh"].pk}"' in body
    assert f'<option value="{org["numerique"].pk}"' not in body
    body = login(hr).get(reverse("onboarding:list")).content.decode()
    assert f'<option value="{org["numerique"].pk}"' in body


def test_plan_page_query_count_does_not_grow_with_tasks(
    login, django_assert_num_queries, onboarding, lead_link, hr
):
    """The older count test added a template task, which never reaches the plan."""
    client = login(lead_link)
    # Session, user; his people functions; the circles he leads, the tree of circles;
    # the onboarding with its people, circle, role, booklet, template and his task
    # flag; its tasks with their assignees.
    with django_assert_num_queries(7):
        body = client.get(detail(onboarding)).content.decode()
    assert body.count('class="task card') == 6
    for title in ("Badge", "Clés", "Parking"):
        services.task_create(
            onboarding=onboarding, by=hr, phase=Phase.WEEK_ONE, title=title, assignee_kind="hr"
        )
    with django_assert_num_queries(7):
        body = client.get(detail(onboarding)).content.decode()
    assert body.count('class="task card') == 9


def test_a_lead_link_editing_keeps_the_booklet_he_cannot_read(
    login, admin, lead_link, org, newcomer, buddy, today
):
    secret = knowledge_services.page_create(
        by=admin,
        title="Livret secret du numérique",
        kind=PageKind.BOOKLET,
        circle=org["numerique"],
        restricted=True,
    )
    onboarding = services.onboarding_create(
        by=admin, newcomer=newcomer, start_date=today, circle=org["rh"], booklet=secret
    )
    url = reverse("onboarding:update", args=[onboarding.pk])
    client = login(lead_link)
    body = client.get(url).content.decode()
    assert f'<option value="{secret.pk}" selected>' in body
    response = client.post(
        url,
        {"start_date": today.isoformat(), "buddy": buddy.email, "booklet": secret.pk},
    )
    assert response.status_code == 302
    onboarding.refresh_from_db()
    assert onboarding.booklet == secret and onboarding.buddy == buddy
