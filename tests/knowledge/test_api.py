"""The knowledge API: reading what one may read, writing with revisions and conflicts,
permissions, filters and query counts."""

import pytest
from rest_framework.test import APIClient

from cercles.knowledge import services
from cercles.knowledge.models import Page, PageKind

PAGES = "/api/v1/knowledge/pages/"
EATERS = "/api/v1/knowledge/time-eaters/"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def as_(api):
    def _as(person):
        api.force_authenticate(None)
        if person is not None:
            api.force_login(person)
        return api

    return _as


def test_anonymous_gets_401(api, open_page):
    assert api.get(PAGES).status_code == 401
    assert api.get(f"{PAGES}{open_page.pk}/").status_code == 401
    assert api.post(PAGES, {"title": "X"}, format="json").status_code == 401


def test_list_hides_restricted_pages_from_outsiders(as_, agent, member, open_page, restricted_page):
    titles = {p["title"] for p in as_(agent).get(PAGES).json()["results"]}
    assert titles == {"Guide du travail collaboratif"}
    titles = {p["title"] for p in as_(member).get(PAGES).json()["results"]}
    assert titles == {"Guide du travail collaboratif", "Clôture de la paie"}
    assert as_(agent).get(f"{PAGES}{restricted_page.pk}/").status_code == 404
    assert as_(agent).get(f"{PAGES}{restricted_page.pk}/revisions/").status_code == 404


def test_retrieve_has_the_text_and_the_abilities(as_, agent, protected_page):
    data = as_(agent).get(f"{PAGES}{protected_page.pk}/").json()
    assert data["body"].startswith("1. Un ordre du jour")
    assert data["revision"] == 1 and data["current_revision"] == protected_page.current_revision_id
    assert data["abilities"]["view"] and not data["abilities"]["update"]
    assert data["url"] == f"/knowledge/pages/{protected_page.slug}/"


def test_filters(as_, agent, open_page, protected_page, org):
    api = as_(agent)
    assert [p["slug"] for p in api.get(PAGES + "?kind=charter").json()["results"]] == [
        protected_page.slug
    ]
    assert [p["slug"] for p in api.get(PAGES + "?q=guide").json()["results"]] == [open_page.slug]
    assert [p["slug"] for p in api.get(PAGES + f"?circle={org['rh'].pk}").json()["results"]] == [
        protected_page.slug
    ]
    assert api.get(PAGES + "?kind=roman").status_code == 400
    assert api.get(PAGES + "?circle=abc").status_code == 400


def test_create_a_page(as_, member):
    response = as_(member).post(
        PAGES,
        {"title": "Kit projet", "body": "# Cadrage", "kind": PageKind.KIT, "summary": "Début"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["slug"] == "kit-projet" and data["revision"] == 1 and data["body"] == "# Cadrage"
    assert Page.objects.get().current_revision.summary == "Début"


def test_create_with_bad_input(as_, member, open_page):
    api = as_(member)
    response = api.post(PAGES, {"title": "X", "slug": open_page.slug}, format="json")
    assert response.status_code == 400
    assert "Cette adresse est déjà prise" in response.json()["slug"][0]
    response = api.post(PAGES, {"title": "X", "protected": True}, format="json")
    assert response.status_code == 400 and "protected" in response.json()
    assert api.post(PAGES, {"title": ""}, format="json").status_code == 400
    assert Page.objects.count() == 1


def test_update_writes_a_revision(as_, agent, open_page):
    response = as_(agent).patch(
        f"{PAGES}{open_page.pk}/",
        {
            "body": "Nouveau texte.",
            "summary": "Réécriture",
            "base_revision": open_page.current_revision_id,
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["revision"] == 2 and data["body"] == "Nouveau texte."
    assert data["title"] == "Guide du travail collaboratif"  # unchanged
    revisions = as_(agent).get(f"{PAGES}{open_page.pk}/revisions/").json()["results"]
    assert [(r["number"], r["summary"], r["author_name"]) for r in revisions] == [
        (2, "Réécriture", "Alice Agent"),
        (1, "Création de la page", "Marc Membre"),
    ]


def test_update_conflict_is_409_and_writes_nothing(as_, agent, member, open_page):
    base = open_page.current_revision_id
    services.page_update(page=open_page, by=member, title="T", body="Marc.", base_revision_id=base)
    response = as_(agent).patch(
        f"{PAGES}{open_page.pk}/", {"body": "Alice.", "base_revision": base}, format="json"
    )
    assert response.status_code == 409
    data = response.json()
    assert "pendant que vous la modifiiez" in data["detail"]
    assert data["current_revision"]["number"] == 2
    assert data["current_revision"]["author_name"] == "Marc Membre"
    assert Page.objects.get(pk=open_page.pk).body == "Marc."


def test_update_of_a_protected_page_is_refused(as_, member, facilitator, protected_page):
    url = f"{PAGES}{protected_page.pk}/"
    assert as_(member).patch(url, {"body": "x"}, format="json").status_code == 403
    assert as_(facilitator).patch(url, {"body": "x"}, format="json").status_code == 200


def test_update_with_bad_input(as_, agent, open_page):
    url = f"{PAGES}{open_page.pk}/"
    api = as_(agent)
    assert api.patch(url, {"title": ""}, format="json").status_code == 400
    assert api.patch(url, {"base_revision": "x"}, format="json").status_code == 400
    response = api.patch(url, {"base_revision": 2**62}, format="json")
    assert response.status_code == 400
    assert "n'appartient pas" in str(response.json())
    assert open_page.revisions.count() == 1


def test_time_eaters(as_, agent, member):
    eater = services.time_eater_create(
        by=member, name="Interruptions", description="Sans cesse.", category="interruptions"
    )
    services.concern_add(time_eater=eater, person=agent)
    data = as_(agent).get(EATERS).json()["results"]
    assert data[0]["name"] == "Interruptions" and data[0]["concern_count"] == 2
    assert data[0]["concerned"] is True
    assert as_(agent).get(f"{EATERS}{eater.pk}/").json()["description"] == "Sans cesse."
    assert as_(agent).get(EATERS + "?category=tools").json()["count"] == 0
    assert as_(agent).post(EATERS, {}, format="json").status_code == 405


@pytest.mark.parametrize("count", [2, 6])
def test_list_query_count(as_, member, admin, org, count, django_assert_num_queries):
    for i in range(count):
        services.page_create(by=admin, title=f"Page {i}", circle=org["rh"], restricted=bool(i % 2))
    api = as_(member)
    # Queries: session, user; the user's roles, his led circles (restricted pages);
    # the count; the page of pages.
    with django_assert_num_queries(6):
        response = api.get(PAGES)
    assert response.json()["count"] == count
