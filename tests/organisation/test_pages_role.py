"""The role page: what the role is, who holds it, who held it."""

import datetime

from django.urls import reverse
from django.utils import timezone

from cercles.organisation import services
from tests.conftest import core_role
from tests.factories import PersonFactory


def url(role):
    return reverse("organisation:role_detail", args=[role.pk])


def test_anonymous_is_sent_to_login(client, org):
    assert client.get(url(core_role(org["rh"]))).status_code == 302


def test_unknown_role_is_404(login, agent, org):
    assert login(agent).get(reverse("organisation:role_detail", args=[999999])).status_code == 404


def test_role_page_shows_current_and_past_holders(login, agent, admin, org):
    role = services.role_create(
        by=admin,
        circle=org["rh"],
        name="Référent paie",
        purpose="Payer juste.",
        domains="Bulletins",
        accountabilities="Contrôler la paie",
    )
    old = PersonFactory(first_name="Olivier", last_name="Ancien")
    past = services.assignment_create(
        role=role,
        person=old,
        by=admin,
        share=20,
        start_date=timezone.localdate() - datetime.timedelta(days=50),
    )
    services.assignment_end(
        assignment=past, by=admin, end_date=timezone.localdate() - datetime.timedelta(days=10)
    )
    now = PersonFactory(first_name="Nina", last_name="Actuelle")
    services.assignment_create(role=role, person=now, by=admin, share=30, focus="Cadres")
    body = login(agent).get(url(role)).content.decode()
    assert "<h1>Référent paie" in body
    assert "Payer juste." in body and "<li>Bulletins</li>" in body
    assert "<li>Contrôler la paie</li>" in body
    current = body[body.index("Tenu actuellement par") : body.index("Anciens titulaires")]
    assert "Nina Actuelle" in current and "<td>Cadres</td>" in current and "30 %" in current
    assert "Olivier Ancien" not in current
    assert "Olivier Ancien" in body[body.index("Anciens titulaires") :]
    assert f'href="/circles/{org["rh"].pk}/">Ressources humaines</a>' in body


def test_agent_sees_no_edit_link(login, agent, org, member):
    role = org["rh"].roles.get(name="Chargé de recrutement")
    body = login(agent).get(url(role)).content.decode()
    for name in ("edit", "archive", "assign"):
        assert f"/roles/{role.pk}/{name}/" not in body
    assert "/assignments/" not in body


def test_lead_link_manages_the_roles_of_his_circle(login, lead_link, member, org):
    role = org["rh"].roles.get(name="Chargé de recrutement")
    assignment = role.assignments.get()
    body = login(lead_link).get(url(role)).content.decode()
    for name in ("edit", "archive", "assign"):
        assert f'href="/roles/{role.pk}/{name}/"' in body
    assert f'href="/assignments/{assignment.pk}/edit/"' in body
    assert f'href="/assignments/{assignment.pk}/end/"' in body
    # His own lead-link role is assigned from the circle above: not by him.
    lead = core_role(org["rh"])
    body = login(lead_link).get(url(lead)).content.decode()
    assert f'href="/roles/{lead.pk}/assign/"' not in body
    assert f'href="/roles/{lead.pk}/archive/"' not in body  # core roles are never archived
    # RH's core roles are defined from the circle above as well.
    assert f'href="/roles/{lead.pk}/edit/"' not in body
    # Formation's are his: RH, its parent, is the circle he leads.
    sub_lead = core_role(org["formation"])
    body = login(lead_link).get(url(sub_lead)).content.decode()
    assert f'href="/roles/{sub_lead.pk}/edit/"' in body
    assert f'href="/roles/{sub_lead.pk}/assign/"' in body
    assert f'href="/roles/{sub_lead.pk}/archive/"' not in body


def test_admin_assigns_any_lead_link(login, admin, lead_link, org):
    lead = core_role(org["rh"])
    body = login(admin).get(url(lead)).content.decode()
    assert f'href="/roles/{lead.pk}/assign/"' in body
    assignment = lead.assignments.get()
    assert f'href="/assignments/{assignment.pk}/end/"' in body


def test_role_page_queries_do_not_grow(login, lead_link, admin, org, django_assert_num_queries):
    role = services.role_create(by=admin, circle=org["rh"], name="Référent paie")
    client = login(lead_link)

    def add(n):
        for _ in range(n):
            a = services.assignment_create(
                role=role,
                person=PersonFactory(),
                by=admin,
                share=5,
                start_date=timezone.localdate() - datetime.timedelta(days=5),
            )
            services.assignment_end(assignment=a, by=admin)
            services.assignment_create(role=role, person=PersonFactory(), by=admin, share=5)

    add(3)
    # session; user; the role with circle and parent; the circles the user leads;
    # the parent map (he leads one); the breadcrumb (recursive query); the role's
    # assignments with their people.
    with django_assert_num_queries(7):
        client.get(url(role))
    add(5)
    with django_assert_num_queries(7):
        response = client.get(url(role))
    assert response.content.decode().count("/end/") == 8


def test_role_page_as_of_a_past_date(login, agent, admin, org, django_assert_num_queries):
    from .conftest import date_ago, days_ago

    role = services.role_create(
        by=admin, circle=org["rh"], name="Référent paie", purpose="Payer.", at=days_ago(60)
    )
    services.role_update(role=role, by=admin, name="Référent rémunération", at=days_ago(10))
    first = PersonFactory(first_name="Paul", last_name="Premier")
    services.assignment_create(
        role=role, person=first, by=admin, share=30, start_date=date_ago(50), at=days_ago(50)
    )
    services.assignment_end(
        assignment=role.assignments.get(), by=admin, end_date=date_ago(20), at=days_ago(20)
    )
    second = PersonFactory(first_name="Sarah", last_name="Second")
    services.assignment_create(
        role=role, person=second, by=admin, share=40, start_date=date_ago(20), at=days_ago(20)
    )
    client = login(agent)

    today = client.get(url(role)).content.decode()
    assert "<h1>Référent rémunération" in today
    assert "Sarah Second" in today.split("Anciens titulaires")[0]

    # session; user; role with circle and parent; the circles the user leads; the
    # role's snapshot of that day; the circles of that day; the role's assignments;
    # their share and focus of that day.
    with django_assert_num_queries(8):
        page = client.get(url(role), {"date": date_ago(30).isoformat()}).content.decode()
    assert "<h1>Référent paie" in page
    held, _, before = page.partition("Anciens titulaires")
    assert "Paul Premier" in held and "Sarah Second" not in page
    assert "Organisation au" in page

    long_ago = client.get(url(role), {"date": date_ago(90).isoformat()}).content.decode()
    assert "Ce rôle n'existait pas à cette date" in long_ago.replace("&#x27;", "'")


def test_role_page_of_a_past_date_shows_the_circles_above_as_they_were(login, agent, admin):
    from .conftest import date_ago, days_ago

    top = services.circle_create(by=admin, name="Direction générale", at=days_ago(90))
    rh = services.circle_create(by=admin, name="Ressources humaines", parent=top, at=days_ago(90))
    numerique = services.circle_create(by=admin, name="Numérique", parent=top, at=days_ago(90))
    formation = services.circle_create(by=admin, name="Formation", parent=rh, at=days_ago(90))
    role = services.role_create(by=admin, circle=formation, name="Tuteur", at=days_ago(60))
    services.circle_move(circle=formation, new_parent=numerique, by=admin, at=days_ago(5))
    client = login(agent)

    def breadcrumb(html):
        return html.split('class="breadcrumb"')[1].split("</nav>")[0]

    today = breadcrumb(client.get(url(role)).content.decode())
    assert "Numérique" in today and "Ressources humaines" not in today
    crumbs = breadcrumb(client.get(url(role), {"date": date_ago(30).isoformat()}).content.decode())
    assert "Direction générale" in crumbs and "Ressources humaines" in crumbs
    assert "Numérique" not in crumbs
