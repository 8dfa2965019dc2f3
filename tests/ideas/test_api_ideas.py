"""The ideas API: campaigns, ideas, supports, answers, merge, comments, similar ideas."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from cercles.accounts.tokens import api_token_create
from cercles.ideas.models import Campaign, Idea, IdeaStatus
from tests.factories import PersonFactory

from .factories import CampaignFactory, IdeaFactory

IDEAS = "/api/v1/ideas/"
CAMPAIGNS = "/api/v1/campaigns/"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def as_(api):
    def _as(person):
        api.force_authenticate(None)
        api.force_login(person)
        return api

    return _as


def test_anonymous_gets_401(api, idea):
    assert api.get(IDEAS).status_code == 401
    assert api.post(IDEAS, {"title": "x", "body": "y"}, format="json").status_code == 401


def test_create_signed_and_anonymous(as_, agent):
    response = as_(agent).post(
        IDEAS, {"title": "Badge unique", "body": "Un seul badge."}, format="json"
    )
    assert response.status_code == 201
    data = response.json()
    assert data["author"] == agent.pk and data["author_name"] == "Alice Agent"
    response = as_(agent).post(
        IDEAS, {"title": "Secrète", "body": "Sans nom.", "anonymous": True}, format="json"
    )
    data = response.json()
    assert response.status_code == 201
    assert data["author"] is None and data["author_name"] is None and data["is_anonymous"]
    assert Idea.objects.get(pk=data["id"]).author_id is None


def test_create_bad_input(as_, agent):
    client = as_(agent)
    response = client.post(IDEAS, {"title": "", "body": ""}, format="json")
    assert response.status_code == 400 and set(response.json()) == {"title", "body"}
    response = client.post(
        IDEAS, {"title": "x", "body": "y", "anonymous": True, "draft": True}, format="json"
    )
    assert response.status_code == 400
    assert "brouillon" in response.json()["non_field_errors"][0]
    closed = CampaignFactory(
        starts_on=timezone.localdate() - datetime.timedelta(days=9),
        ends_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    response = client.post(IDEAS, {"title": "x", "body": "y", "campaign": closed.pk}, format="json")
    assert response.json() == {"campaign": ["Cette campagne n'est pas ouverte aux idées."]}
    response = client.post(IDEAS, {"title": "x", "body": "y", "campaign": 99999}, format="json")
    assert response.status_code == 400


def test_list_hides_others_drafts_and_filters(as_, agent, author, idea):
    IdeaFactory(by=author, title="Brouillon", draft=True)
    results = as_(agent).get(IDEAS).json()["results"]
    assert [r["title"] for r in results] == ["Un guichet unique pour les arrivées"]
    assert len(as_(author).get(IDEAS).json()["results"]) == 2
    assert as_(agent).get(IDEAS, {"status": "accepted"}).json()["results"] == []
    assert as_(agent).get(IDEAS, {"status": "nope"}).status_code == 400
    assert len(as_(agent).get(IDEAS, {"q": "guichet"}).json()["results"]) == 1


def test_draft_is_404_to_others(as_, agent, author):
    draft = IdeaFactory(by=author, draft=True)
    assert as_(agent).get(f"{IDEAS}{draft.pk}/").status_code == 404
    assert as_(author).get(f"{IDEAS}{draft.pk}/").status_code == 200


def test_support_and_unsupport(as_, agent, author, idea):
    response = as_(agent).post(f"{IDEAS}{idea.pk}/support/")
    assert response.status_code == 200 and response.json()["support_count"] == 1
    assert as_(author).post(f"{IDEAS}{idea.pk}/support/").status_code == 403
    response = as_(agent).post(f"{IDEAS}{idea.pk}/unsupport/")
    assert response.json()["support_count"] == 0


def test_transition_needs_a_moderator_and_a_reason(as_, agent, facilitator, idea):
    url = f"{IDEAS}{idea.pk}/transition/"
    assert as_(agent).post(url, {"to": "accepted", "text": "Oui"}, format="json").status_code == 403
    response = as_(facilitator).post(url, {"to": "refused", "text": ""}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "text": ["Une idée ne peut pas être refusée sans motif : expliquez pourquoi."]
    }
    response = as_(facilitator).post(url, {"to": "implemented", "text": "x"}, format="json")
    assert response.status_code == 400
    response = as_(facilitator).post(url, {"to": "accepted", "text": "Bonne idée."}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    detail = as_(agent).get(f"{IDEAS}{idea.pk}/").json()
    assert (
        detail["answers"][0]["text"] == "Bonne idée."
        and detail["answers"][0]["to_status"] == "accepted"
    )


def test_merge(as_, facilitator, idea, org):
    target = IdeaFactory(by=PersonFactory(), circle=org["rh"])
    url = f"{IDEAS}{idea.pk}/merge/"
    assert (
        as_(facilitator).post(url, {"into": 999999, "text": "x"}, format="json").status_code == 400
    )
    response = as_(facilitator).post(url, {"into": target.pk, "text": "Doublon."}, format="json")
    assert response.status_code == 200 and response.json()["merged_into"] == target.pk


def test_comments(as_, agent, author, idea):
    url = f"{IDEAS}{idea.pk}/comments/"
    response = as_(agent).post(url, {"body": "Oui !"}, format="json")
    assert response.status_code == 201
    first = response.json()["id"]
    response = as_(author).post(url, {"body": "Merci", "parent": first}, format="json")
    assert response.json()["parent"] == first
    assert as_(agent).post(url, {"body": ""}, format="json").status_code == 400
    assert as_(agent).post(url, {"body": "x", "parent": 999999}, format="json").status_code == 400
    results = as_(agent).get(url).json()["results"]
    assert [c["body"] for c in results] == ["Oui !", "Merci"]


def test_similar_validates_its_input(as_, agent):
    url = f"{IDEAS}similar/"
    assert as_(agent).post(url, {"title": "x", "limit": 0}, format="json").status_code == 400
    assert as_(agent).post(url, {"title": "x", "limit": 21}, format="json").status_code == 400
    response = as_(agent).post(url, {"title": "", "body": ""}, format="json")
    assert response.status_code == 200 and response.json() == {"results": []}


def test_similar_returns_visible_ideas_best_first(as_, agent, author):
    close = IdeaFactory(by=author, title="Covoiturage entre collègues", body="Partager la voiture.")
    draft = IdeaFactory(
        by=author, title="Covoiturage (brouillon)", body="Partager la voiture.", draft=True
    )
    response = as_(agent).post(
        f"{IDEAS}similar/",
        {"title": "Covoiturage", "body": "Partager sa voiture", "limit": 5},
        format="json",
    )
    results = response.json()["results"]
    assert response.status_code == 200
    assert results[0]["id"] == close.pk and set(results[0]) == {"id", "title", "score"}
    assert draft.pk not in [r["id"] for r in results]
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)


def test_campaigns(as_, agent, admin, facilitator, org):
    today = timezone.localdate().isoformat()
    data = {"title": "Défi", "question": "Quoi ?", "starts_on": today, "ends_on": today}
    assert as_(agent).post(CAMPAIGNS, data, format="json").status_code == 403
    assert as_(facilitator).post(CAMPAIGNS, data, format="json").status_code == 403
    response = as_(facilitator).post(CAMPAIGNS, {**data, "circle": org["rh"].pk}, format="json")
    assert response.status_code == 201 and response.json()["abilities"]["update"] is True
    campaign_id = response.json()["id"]
    bad = as_(admin).post(CAMPAIGNS, {**data, "ends_on": "2000-01-01"}, format="json")
    assert bad.status_code == 400 and bad.json() == {"ends_on": ["La fin doit suivre le début."]}
    url = f"{CAMPAIGNS}{campaign_id}/"
    assert as_(agent).patch(url, {"title": "X"}, format="json").status_code == 403
    assert (
        as_(facilitator).patch(url, {"title": "Nouveau"}, format="json").json()["title"]
        == "Nouveau"
    )
    assert Campaign.objects.get().title == "Nouveau"
    assert len(as_(agent).get(CAMPAIGNS).json()["results"]) == 1


def test_token_auth(api, agent, idea):
    _token, raw = api_token_create(person=agent, name="t")
    response = api.get(IDEAS, HTTP_AUTHORIZATION=f"Token {raw}")
    assert response.status_code == 200


def test_list_queries_do_not_grow(as_, agent, author, org, django_assert_num_queries):
    for i in range(3):
        IdeaFactory(by=author, circle=org["rh"], title=f"Idée {i}")
    client = as_(agent)
    # session; user; count; the page with authors, campaigns and circles; objectives;
    # the circles the user facilitates and leads (abilities).
    with django_assert_num_queries(7):
        client.get(IDEAS)
    for i in range(5):
        IdeaFactory(by=PersonFactory(), circle=org["numerique"], title=f"Autre {i}")
    with django_assert_num_queries(7):
        response = client.get(IDEAS)
    assert len(response.json()["results"]) == 8
    assert response.json()["results"][0]["status"] == IdeaStatus.SUBMITTED
