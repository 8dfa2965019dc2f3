"""The people directory: search, filters by circle and role, pages, htmx."""

from django.urls import reverse

from cercles.accounts.services import person_update
from cercles.organisation import services
from tests.factories import PersonFactory

from .conftest import grow

PEOPLE = reverse("organisation:people")


def rows(body):
    return body.count('<th scope="row"><a href="/people/')


def test_anonymous_is_sent_to_login(client, org):
    response = client.get(PEOPLE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_directory_lists_active_people_with_their_roles(login, agent, member, lead_link):
    body = login(agent).get(PEOPLE).content.decode()
    assert "Marc Membre" in body and "Léa Lien" in body and "Alice Agent" in body
    assert ">Chargé de recrutement</a>" in body
    # Every filter has a label.
    for field in ("people-q", "people-circle", "people-role"):
        assert f'<label for="{field}">' in body


def test_search_folds_accents_and_case(login, agent, org):
    PersonFactory(first_name="Élodie", last_name="Dupré", job_title="Juriste")
    PersonFactory(first_name="Bruno", last_name="Martin")
    body = login(agent).get(PEOPLE, {"q": "ELODIE dupre"}).content.decode()
    assert "Élodie Dupré" in body
    assert "Bruno Martin" not in body
    body = login(agent).get(PEOPLE, {"q": "juriste"}).content.decode()
    assert rows(body) == 1


def test_filter_by_circle_and_by_role(login, agent, admin, org, member, lead_link):
    other = services.role_create(by=admin, circle=org["numerique"], name="Développeur")
    dev = PersonFactory(first_name="Diane", last_name="Dev")
    services.assignment_create(role=other, person=dev, by=admin, share=50)
    client = login(agent)
    body = client.get(PEOPLE, {"circle": org["rh"].pk}).content.decode()
    assert rows(body) == 2
    assert "Marc Membre" in body and "Léa Lien" in body and "Diane Dev" not in body
    # The role list offers the circle's roles.
    recruteur = org["rh"].roles.get(name="Chargé de recrutement")
    assert f'<option value="{recruteur.pk}">Chargé de recrutement</option>' in body
    body = client.get(PEOPLE, {"circle": org["rh"].pk, "role": recruteur.pk}).content.decode()
    assert rows(body) == 1 and "Marc Membre" in body
    # A role of another circle, or garbage, is ignored.
    body = client.get(PEOPLE, {"circle": org["rh"].pk, "role": other.pk}).content.decode()
    assert rows(body) == 2
    body = client.get(PEOPLE, {"circle": "abc", "role": "x"}).content.decode()
    assert rows(body) == 5  # Ada, Alice, Léa, Marc and Diane
    # Back to "all circles": the role chosen before no longer filters.
    body = client.get(PEOPLE, {"circle": "", "role": recruteur.pk}).content.decode()
    assert rows(body) == 5
    # Ids too large for the database are ignored, not a 500.
    response = client.get(PEOPLE, {"circle": "9" * 25, "role": "9" * 25})
    assert response.status_code == 200
    assert rows(response.content.decode()) == 5


def test_directory_is_paginated_by_50(login, agent, org):
    for i in range(55):
        PersonFactory(last_name=f"Zz{i:02d}")
    client = login(agent)
    body = client.get(PEOPLE).content.decode()
    assert rows(body) == 50
    assert "Page 1 sur 2" in body
    assert 'href="?page=2"' in body
    assert 'hx-get="?page=2" hx-target="#people-results"' in body
    body = client.get(PEOPLE, {"page": "2"}).content.decode()
    assert rows(body) == 57 - 50  # 55 + Ada and Alice
    # A page past the end shows the last one rather than an error.
    assert client.get(PEOPLE, {"page": "99"}).status_code == 200


def test_htmx_request_gets_only_the_results(login, agent, org, member):
    response = login(agent).get(
        PEOPLE, {"q": "marc", "circle": org["rh"].pk}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "Marc Membre" in body and rows(body) == 1
    # The role list of the newly chosen circle is swapped in out of band.
    assert 'id="people-role-filter" hx-swap-oob="true"' in body
    assert ">Chargé de recrutement</option>" in body


def test_form_works_without_javascript(login, agent, org):
    body = login(agent).get(PEOPLE).content.decode()
    assert '<form method="get" role="search"' in body
    assert f'action="{PEOPLE}"' in body
    assert 'hx-get="/people/" hx-target="#people-results"' in body
    assert '<button type="submit">Filtrer</button>' in body


def test_directory_queries_do_not_grow(login, agent, admin, org, member, django_assert_num_queries):
    client = login(agent)
    grow(admin, org, 3)
    params = {"circle": org["rh"].pk}
    # Nothing cached yet: session; user; the circles for the filter; the circle's
    # roles for the filter; count; the ids of the page's people; the people; their
    # current assignments with roles and circles.
    with django_assert_num_queries(8):
        client.get(PEOPLE, params)
    # The circles, the count and the rows cached (cercles.core.fragments): session;
    # user; the circle's roles; the ids of the page's people.
    with django_assert_num_queries(4):
        client.get(PEOPLE, params)
    with django_assert_num_queries(6):  # no circle chosen: no role list; other rows
        client.get(PEOPLE)
    with django_assert_num_queries(3):
        first = client.get(PEOPLE)
    grow(admin, org, 8, prefix="Autre")
    # The change made the cache stale: the circles, the count and the rows are read again.
    with django_assert_num_queries(7):
        client.get(PEOPLE)
    with django_assert_num_queries(3):
        second = client.get(PEOPLE)
    assert rows(second.content.decode()) == rows(first.content.decode()) + 8


def test_cached_rows_and_filter_follow_changes(login, agent, admin, org, member):
    """Rows and the circle filter are cached (cercles.core.fragments) until a service
    changes the organisation or a person."""
    client = login(agent)
    body = client.get(PEOPLE, {"circle": org["rh"].pk}).content.decode()
    assert f'<option value="{org["rh"].pk}" selected>{org["rh"].name}</option>' in body
    assert member.full_name in body
    services.circle_update(circle=org["rh"], by=admin, name="Ressources humaines et talents")
    person_update(person=member, job_title="Cheffe de projet RH")
    body = client.get(PEOPLE, {"circle": org["rh"].pk}).content.decode()
    assert (
        f'<option value="{org["rh"].pk}" selected>Ressources humaines et talents</option>' in body
    )
    assert "Cheffe de projet RH" in body
    assert body.count("Ressources humaines et talents") >= 2  # the filter and the row
