"""A person's page and "my roles": every role held, the share of time, the warning."""

import datetime

from django.urls import reverse
from django.utils import timezone

from cercles.accounts import services as account_services
from cercles.organisation import services
from tests.factories import PersonFactory


def url(person):
    return reverse("organisation:person_detail", args=[person.pk])


ME = reverse("organisation:my_roles")


def test_anonymous_is_sent_to_login(client, member):
    assert client.get(url(member)).status_code == 302
    response = client.get(ME)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_inactive_or_unknown_person_is_404(login, agent, member):
    account_services.person_update(person=member, is_active=False)
    assert login(agent).get(url(member)).status_code == 404
    assert login(agent).get(reverse("organisation:person_detail", args=[999999])).status_code == 404


def test_person_page_lists_roles_in_all_circles_with_total(login, agent, admin, org, member):
    role = services.role_create(by=admin, circle=org["numerique"], name="Développeur")
    services.assignment_create(role=role, person=member, by=admin, share=30, focus="Site web")
    body = login(agent).get(url(member)).content.decode()
    assert "<h1>Marc Membre</h1>" in body
    assert ">Chargé de recrutement</a>" in body and ">Ressources humaines</a>" in body
    assert ">Développeur</a>" in body and ">Numérique</a>" in body
    assert "<td>Site web</td>" in body
    assert '<td class="total-share">90 %</td>' in body
    assert 'role="alert"' not in body


def test_over_100_percent_shows_a_warning(login, admin, org, member):
    role = services.role_create(by=admin, circle=org["numerique"], name="Développeur")
    services.assignment_create(role=role, person=member, by=admin, share=50)
    body = login(member).get(ME).content.decode()
    assert "<h1>Mes rôles</h1>" in body
    assert '<td class="total-share">110 %</td>' in body
    assert '<p class="warning" role="alert">Attention : ces rôles représentent 110 %' in body


def test_past_and_upcoming_roles_are_apart(login, agent, admin, org, member):
    role = services.role_create(by=admin, circle=org["numerique"], name="Ancien rôle")
    a = services.assignment_create(
        role=role,
        person=member,
        by=admin,
        share=20,
        start_date=timezone.localdate() - datetime.timedelta(days=30),
    )
    services.assignment_end(assignment=a, by=admin)
    later = services.role_create(by=admin, circle=org["numerique"], name="Futur rôle")
    services.assignment_create(
        role=later,
        person=member,
        by=admin,
        share=20,
        start_date=timezone.localdate() + datetime.timedelta(days=10),
    )
    body = login(agent).get(url(member)).content.decode()
    current = body[: body.index("Rôles à venir")]
    assert "Ancien rôle" not in current and "Futur rôle" not in current
    assert "Futur rôle" in body[body.index("Rôles à venir") : body.index("Rôles tenus auparavant")]
    assert "Ancien rôle" in body[body.index("Rôles tenus auparavant") :]
    assert '<td class="total-share">60 %</td>' in body


def test_my_roles_of_someone_without_role(login, agent, org):
    body = login(agent).get(ME).content.decode()
    assert "Aucun rôle tenu." in body


def test_bad_date_on_person_page_falls_back_to_today(login, agent, member):
    response = login(agent).get(url(member), {"date": "2024-02-30"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "n&#x27;est pas valide" in body
    assert '<td class="total-share">60 %</td>' in body


def test_person_page_queries_do_not_grow(
    login, agent, admin, org, member, django_assert_num_queries
):
    client = login(agent)

    def add(n):
        for i in range(n):
            circle = services.circle_create(by=admin, name=f"Cercle {i}", parent=org["rh"])
            role = services.role_create(by=admin, circle=circle, name=f"Rôle {i}")
            services.assignment_create(role=role, person=member, by=admin, share=5)

    add(3)
    # session; user; the person; his assignments with roles and circles; then the
    # panels (cercles.core.panels): the viewer's circles, twice, for what he may see, the
    # meetings' actions the person owns, open and done, the competencies he made public
    # and the trainings he gives.
    with django_assert_num_queries(10):
        client.get(url(member))
    add(4)
    with django_assert_num_queries(10):
        response = client.get(url(member))
    assert '<td class="total-share">95 %</td>' in response.content.decode()
    # "My roles" costs one query less: the person is the logged-in user.
    client = login(member)
    with django_assert_num_queries(9):
        client.get(ME)


def test_person_page_for_another_person(login, agent, member):
    other = PersonFactory(first_name="Zoé", last_name="Zèbre", job_title="Juriste")
    body = login(member).get(url(other)).content.decode()
    assert "<h1>Zoé Zèbre</h1>" in body and "Juriste" in body
