"""The missions API: reading, posting, applying, selecting, accepting; who sees the
applications; bad input; query counts."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from cercles.missions import services
from cercles.missions.models import Application, Mission
from cercles.organisation.models import Assignment
from tests.factories import PersonFactory

MISSIONS = "/api/v1/missions/"
APPLICATIONS = "/api/v1/missions/applications/"
TODAY = timezone.localdate


def days(n):
    return (TODAY() + datetime.timedelta(days=n)).isoformat()


@pytest.fixture
def as_():
    api = APIClient()

    def _as(person):
        api.logout()
        if person is not None:
            api.force_login(person)
        return api

    return _as


def test_anonymous_gets_401(as_, mission):
    api = as_(None)
    assert api.get(MISSIONS).status_code == 401
    assert api.get(f"{MISSIONS}{mission.pk}/").status_code == 401
    assert api.get(APPLICATIONS).status_code == 401


def test_list_shows_open_missions_and_drafts_to_their_managers(as_, make_mission, agent, poster):
    make_mission(title="Ouverte")
    draft = make_mission(title="Brouillon", new_role_name="B", publish=False)
    assert [m["title"] for m in as_(agent).get(MISSIONS).json()["results"]] == ["Ouverte"]
    assert as_(agent).get(f"{MISSIONS}?status=draft").json()["results"] == []
    assert as_(agent).get(f"{MISSIONS}{draft.pk}/").status_code == 404
    drafts = as_(poster).get(f"{MISSIONS}?status=draft").json()["results"]
    assert [m["title"] for m in drafts] == ["Brouillon"]
    assert drafts[0]["abilities"]["publish"]


def test_read_one(as_, mission, agent, skills):
    mission.skills.set(skills[:2])
    data = as_(agent).get(f"{MISSIONS}{mission.pk}/").json()
    assert data["share"] == 40 and data["days_per_week"] == 2.0
    assert data["role_name"] == "Juriste contrats" and data["status"] == "open"
    assert sorted(data["skills"]) == sorted(s.pk for s in skills[:2])
    assert data["abilities"]["apply"] and not data["abilities"]["update"]
    assert data["applied"] is False


def test_filters(as_, make_mission, agent, org, admin, skills):
    lawyer = make_mission(title="Juriste")
    lawyer.skills.set([skills[1]])
    make_mission(
        title="Renfort", new_role_name="R", share=10, kind="project", by=admin, circle=org["rh"]
    )
    api = as_(agent)

    def titles(query):
        return [m["title"] for m in api.get(f"{MISSIONS}?{query}").json()["results"]]

    assert titles(f"circle={org['rh'].pk}") == ["Renfort"]
    assert titles(f"competency={skills[1].pk}") == ["Juriste"]
    assert titles("share_max=20") == ["Renfort"]
    assert titles("kind=role") == ["Juriste"]
    assert api.get(f"{MISSIONS}?share_max=300").status_code == 400


def test_post_a_mission(as_, org, poster, member, skills):
    payload = {
        "circle": org["numerique"].pk,
        "title": "Juriste commercial",
        "new_role_name": "Juriste commercial",
        "share": 40,
        "start_date": days(10),
        "end_date": days(100),
        "skills": [skills[0].pk],
        "publish": True,
    }
    assert as_(member).post(MISSIONS, payload, format="json").status_code == 403
    response = as_(poster).post(MISSIONS, payload, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["status"] == "open" and data["role_name"] == "Juriste commercial"
    assert data["skills"] == [skills[0].pk]


def test_post_bad_input(as_, org, poster):
    payload = {
        "circle": org["numerique"].pk,
        "title": "Juriste",
        "share": 40,
        "start_date": days(10),
        "end_date": days(5),
        "new_role_name": "Juriste",
    }
    response = as_(poster).post(MISSIONS, payload, format="json")
    assert response.status_code == 400
    assert response.json() == {"end_date": ["La fin doit venir après le début de la mission."]}
    response = as_(poster).post(
        MISSIONS, {**payload, "end_date": days(50), "skills": [999999]}, format="json"
    )
    assert response.status_code == 400 and "skills" in response.json()
    response = as_(poster).post(MISSIONS, {**payload, "circle": 999999}, format="json")
    assert response.status_code == 400 and "circle" in response.json()
    assert not Mission.objects.exists()


def test_change_publish_close(as_, make_mission, poster, agent):
    draft = make_mission(publish=False)
    assert (
        as_(agent).patch(f"{MISSIONS}{draft.pk}/", {"share": 20}, format="json").status_code == 404
    )
    response = as_(poster).patch(f"{MISSIONS}{draft.pk}/", {"share": 20}, format="json")
    assert response.status_code == 200 and response.json()["share"] == 20
    assert as_(poster).post(f"{MISSIONS}{draft.pk}/publish/").json()["status"] == "open"
    assert as_(agent).post(f"{MISSIONS}{draft.pk}/close/", {}, format="json").status_code == 403
    closed = as_(poster).post(f"{MISSIONS}{draft.pk}/close/", {"message": "Fini."}, format="json")
    assert closed.json()["status"] == "closed"


def test_apply_select_accept(as_, make_mission, member, poster, lead_link, agent):
    mission = make_mission(share=40)
    response = as_(member).post(
        f"{MISSIONS}{mission.pk}/apply/", {"message": "Moi !"}, format="json"
    )
    assert response.status_code == 201
    application = response.json()
    assert application["status"] == "pending" and application["warning"] == ""
    again = as_(member).post(f"{MISSIONS}{mission.pk}/apply/", {"message": "Bis"}, format="json")
    assert again.status_code == 403  # no "apply" ability any more
    pk = application["id"]
    assert as_(agent).get(f"{APPLICATIONS}{pk}/").status_code == 404
    assert as_(lead_link).get(f"{APPLICATIONS}{pk}/").status_code == 404  # not informed yet
    assert as_(member).post(f"{APPLICATIONS}{pk}/select/").status_code == 403
    selected = as_(poster).post(f"{APPLICATIONS}{pk}/select/").json()
    assert selected["status"] == "selected" and selected["lead_links"] == [lead_link.pk]
    assert as_(lead_link).get(f"{APPLICATIONS}{pk}/").status_code == 200
    accepted = as_(member).post(f"{APPLICATIONS}{pk}/accept/").json()
    assert accepted["status"] == "accepted"
    assert accepted["assignment"] == Assignment.objects.get(role=mission.role).pk


def test_apply_warns_and_select_refuses_above_100_percent(as_, make_mission, member, poster):
    mission = make_mission(share=80)
    data = (
        as_(member).post(f"{MISSIONS}{mission.pk}/apply/", {"message": "Moi"}, format="json").json()
    )
    assert "porterait votre temps à 140 %" in data["warning"]
    response = as_(poster).post(f"{APPLICATIONS}{data['id']}/select/")
    assert response.status_code == 400
    assert "porterait le temps de Marc Membre à 140 %" in response.json()["non_field_errors"][0]
    assert Application.objects.get().status == "pending"


def test_decline_needs_a_reason(as_, mission, apply, poster):
    application = apply(mission)
    url = f"{APPLICATIONS}{application.pk}/decline/"
    assert as_(poster).post(url, {"reason": ""}, format="json").status_code == 400
    data = as_(poster).post(url, {"reason": "Autre profil."}, format="json").json()
    assert (data["status"], data["decline_reason"]) == ("declined", "Autre profil.")


def test_application_list_is_what_one_may_see(as_, mission, apply, member, agent, poster):
    mine = apply(mission)
    other = apply(mission, person=agent)
    assert [a["id"] for a in as_(member).get(APPLICATIONS).json()["results"]] == [mine.pk]
    assert {a["id"] for a in as_(poster).get(APPLICATIONS).json()["results"]} == {
        mine.pk,
        other.pk,
    }
    assert [a["id"] for a in as_(poster).get(f"{APPLICATIONS}?mine=true").json()["results"]] == []
    assert as_(PersonFactory()).get(APPLICATIONS).json()["results"] == []


@pytest.mark.parametrize("count", [3, 6])
def test_mission_list_query_count(
    as_, make_mission, agent, skills, count, django_assert_num_queries
):
    for i in range(count):
        make_mission(title=f"M{i}", new_role_name=f"R{i}").skills.set(skills)
    api = as_(agent)
    # Queries: session, user; the count and the page of missions (circle, role, whether
    # he applied); their skills; his led circles (the abilities).
    with django_assert_num_queries(6):
        response = api.get(MISSIONS)
    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [3, 6])
def test_application_list_query_count(as_, make_mission, poster, count, django_assert_num_queries):
    mission = make_mission(places=count)
    for i in range(count):
        application, _w = services.application_create(
            mission=mission, person=PersonFactory(), message=f"M{i}"
        )
        if i % 2:
            services.application_select(application=application, by=poster)
    api = as_(poster)
    # Queries: session, user; his led circles and the tree (the applications he sees);
    # the count and the page of applications (mission, applicant); their lead links.
    with django_assert_num_queries(7):
        response = api.get(APPLICATIONS)
    assert len(response.json()["results"]) == count
