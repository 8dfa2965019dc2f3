"""The competencies API: the framework (read for all, written by HR), campaigns, and
assessments (only one's own and those shared with the caller)."""

import pytest

from cercles.accounts.tokens import api_token_create
from cercles.competencies import services
from cercles.competencies.models import Competency
from tests.competencies.conftest import rate

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    def _as(person):
        _token, raw = api_token_create(person=person, name="test")
        client.defaults["HTTP_AUTHORIZATION"] = f"Token {raw}"
        return client

    return _as


def test_framework_list_has_constant_queries(api, agent, framework, django_assert_num_queries):
    client = api(agent)
    client.get("/api/v1/competencies/families/")  # the token's "last used" day is written once
    # Queries: the token with its person, the count, the page with families, the
    # user's people functions (abilities: is HR?).
    with django_assert_num_queries(4):
        response = client.get("/api/v1/competencies/framework/")
    body = response.json()
    assert body["count"] == 4
    assert {c["name"] for c in body["results"]} == {
        "Accueil du public",
        "Écoute active",
        "Langage clair",
        "Tableur",
    }
    first = next(c for c in body["results"] if c["name"] == "Tableur")
    assert first["family_name"] == "Numérique" and first["kind"] == "technical"
    assert first["abilities"] == {
        "view": True,
        "update": False,
        "archive": False,
        "unarchive": False,
    }
    response = client.get(
        "/api/v1/competencies/framework/", {"kind": "behavioural", "q": "accueil"}
    )
    assert [c["name"] for c in response.json()["results"]] == ["Accueil du public"]
    assert client.get("/api/v1/competencies/framework/", {"kind": "danse"}).status_code == 400


def test_hr_writes_the_framework(api, hr, agent, framework):
    family = framework["families"][1]
    response = api(agent).post(
        "/api/v1/competencies/framework/",
        {"family": family.pk, "name": "Messagerie"},
        content_type="application/json",
    )
    assert response.status_code == 403
    client = api(hr)
    response = client.post(
        "/api/v1/competencies/framework/",
        {"family": family.pk, "name": "Messagerie", "kind": "technical", "level_1": "Lit."},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["name"] == "Messagerie"
    pk = response.json()["id"]
    response = client.patch(
        f"/api/v1/competencies/framework/{pk}/",
        {"name": "Courriel"},
        content_type="application/json",
    )
    assert response.status_code == 200 and Competency.objects.get(pk=pk).name == "Courriel"
    response = client.post(
        "/api/v1/competencies/framework/",
        {"family": 999999, "name": "X"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "family" in response.json()
    response = client.post(
        "/api/v1/competencies/framework/",
        {"family": family.pk, "name": "Tableur"},
        content_type="application/json",
    )
    assert response.status_code == 400
    response = client.post(
        "/api/v1/competencies/families/", {"name": "Langues"}, content_type="application/json"
    )
    assert response.status_code == 201
    assert (
        api(agent)
        .post("/api/v1/competencies/families/", {"name": "Autre"}, content_type="application/json")
        .status_code
        == 403
    )


def test_campaigns(api, member, campaign):
    body = api(member).get("/api/v1/competencies/campaigns/").json()
    assert [c["name"] for c in body["results"]] == ["Auto-évaluation 2026"]
    assert body["results"][0]["is_open"] is True


def test_assessment_list_has_constant_queries(
    api, member, hr, framework, campaign, django_assert_num_queries
):
    from django.utils import timezone

    today = timezone.localdate()
    for n in range(3):
        other = services.campaign_create(
            by=hr, name=f"C{n}", starts_on=today, ends_on=today, competencies=[framework["tableur"]]
        )
        rate(other, member, {framework["tableur"]: n + 1}, axes=[("Anglais", 2, "")])
    client = api(member)
    client.get("/api/v1/competencies/families/")  # the token's "last used" day is written once
    # Queries: the token with its person, the count, the page with campaign and person,
    # the ratings with competencies, the work axes.
    with django_assert_num_queries(5):
        body = client.get("/api/v1/competencies/assessments/").json()
    assert body["count"] == 3
    assert sorted(a["ratings"][0]["level"] for a in body["results"]) == [1, 2, 3]
    assert body["results"][0]["work_axes"] == [{"title": "Anglais", "level": 2, "comment": ""}]
