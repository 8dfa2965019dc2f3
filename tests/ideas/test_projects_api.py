"""The projects and themes API: list, retrieve, create, edit, join, leave, milestones."""

import pytest
from rest_framework.test import APIClient

from cercles.ideas import services
from cercles.ideas.models import Project, ProjectStatus
from tests.factories import PersonFactory

from .factories import CampaignFactory, IdeaFactory

PROJECTS = "/api/v1/projects/"
THEMES = "/api/v1/themes/"


@pytest.fixture
def as_():
    api = APIClient()

    def _as(person):
        api.force_login(person)
        return api

    return _as


@pytest.fixture
def project(author):
    return services.project_create(by=author, title="Bienvenue à bord", purpose="Accueillir.")


def test_anonymous_gets_401(project):
    api = APIClient()
    assert api.get(PROJECTS).status_code == 401
    assert api.get(THEMES).status_code == 401
    assert api.post(PROJECTS, {"title": "x", "purpose": "y"}, format="json").status_code == 401


def test_create_from_ideas_and_read_back(as_, agent, author):
    campaign = CampaignFactory()
    idea = IdeaFactory(by=author, campaign=campaign, title="Parrainage", body="Un parrain.")
    response = as_(agent).post(
        PROJECTS,
        {"title": "Parrains", "purpose": "Un parrain chacun.", "ideas": [idea.pk]},
        format="json",
    )
    assert response.status_code == 201
    data = response.json()
    assert data["lead"] == agent.pk and data["lead_name"] == "Alice Agent"
    assert data["status"] == "proposed" and data["member_count"] == 1
    assert data["campaign"] == campaign.pk and data["progress"] is None
    assert data["abilities"]["update"] and not data["abilities"]["leave"]
    detail = as_(agent).get(f"{PROJECTS}{data['id']}/").json()
    assert detail["ideas"] == [idea.pk]
    assert [m["person"] for m in detail["members"]] == [agent.pk]


def test_create_bad_input(as_, agent):
    draft = IdeaFactory(by=agent, title="Brouillon", body="T.", draft=True)
    response = as_(agent).post(
        PROJECTS, {"title": "", "purpose": "", "ideas": [draft.pk, 2**70]}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"title", "purpose", "ideas"}
    response = as_(agent).post(
        PROJECTS, {"title": "T", "purpose": "P", "ideas": [draft.pk]}, format="json"
    )
    assert response.json()["ideas"] == [f"Aucune idée publiée ne porte le numéro {draft.pk}."]
    assert not Project.objects.exists()


def test_create_with_a_state_is_one_transaction(as_, agent, monkeypatch):
    """Created, then put in the state asked: when the second step is refused, no
    half-made project is left behind."""
    from django.core.exceptions import ValidationError

    def refused(**kwargs):
        raise ValidationError({"status": "Cet état n'est pas permis."})

    monkeypatch.setattr(services, "project_update", refused)
    response = as_(agent).post(
        PROJECTS, {"title": "Parrains", "purpose": "Un parrain.", "status": "active"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"status": ["Cet état n'est pas permis."]}
    assert not Project.objects.exists()


def test_only_the_lead_or_an_admin_edits(as_, agent, author, admin, project):
    url = f"{PROJECTS}{project.pk}/"
    assert as_(agent).patch(url, {"status": "active"}, format="json").status_code == 403
    response = as_(author).patch(
        url, {"status": "active", "measured_results": "27 parrainés."}, format="json"
    )
    assert response.status_code == 200 and response.json()["status_label"] == "En cours"
    assert as_(admin).patch(url, {"title": "Bienvenue"}, format="json").status_code == 200
    response = as_(author).patch(url, {"title": ""}, format="json")
    assert response.status_code == 400 and "title" in response.json()
    project.refresh_from_db()
    assert project.title == "Bienvenue" and project.status == ProjectStatus.ACTIVE


def test_join_and_leave(as_, agent, author, project):
    client = as_(agent)
    response = client.post(f"{PROJECTS}{project.pk}/join/")
    assert response.status_code == 200
    assert response.json()["member_count"] == 2 and response.json()["abilities"]["leave"]
    assert client.post(f"{PROJECTS}{project.pk}/join/").status_code == 403
    assert client.post(f"{PROJECTS}{project.pk}/leave/").json()["member_count"] == 1
    assert as_(author).post(f"{PROJECTS}{project.pk}/leave/").status_code == 403


def test_milestones(as_, agent, author, project):
    url = f"{PROJECTS}{project.pk}/milestones/"
    assert as_(agent).post(url, {"title": "Charte"}, format="json").status_code == 403
    response = as_(author).post(url, {"title": "Charte", "progress": 101}, format="json")
    assert response.status_code == 400 and "progress" in response.json()
    response = as_(author).post(url, {"title": "Charte", "progress": 40}, format="json")
    assert response.status_code == 201
    milestone = response.json()
    assert as_(agent).get(url).json()["results"][0]["title"] == "Charte"
    detail = f"/api/v1/milestones/{milestone['id']}/"
    assert as_(agent).patch(detail, {"progress": 100}, format="json").status_code == 403
    response = as_(author).patch(detail, {"progress": 100}, format="json")
    assert response.status_code == 200 and response.json()["done_at"] is not None
    assert as_(agent).get(f"{PROJECTS}{project.pk}/").json()["progress"] == 100


def test_list_filters_and_queries(as_, agent, author, django_assert_num_queries):
    campaign = CampaignFactory()
    client = as_(agent)

    def add(i, **extra):
        project = services.project_create(
            by=PersonFactory(), title=f"Projet {i}", purpose="But.", **extra
        )
        services.project_join(project=project, person=PersonFactory())
        services.milestone_create(project=project, by=project.lead, title="J", progress=20)
        return project

    mine = add(0, campaign=campaign)
    services.project_join(project=mine, person=agent)
    for i in range(1, 3):
        add(i)
    # session; user; count; the page with lead, campaign, circle, members and progress;
    # the user's projects and the circles he leads (abilities).
    with django_assert_num_queries(6):
        assert client.get(PROJECTS).json()["count"] == 3
    for i in range(3, 6):
        add(i)
    with django_assert_num_queries(6):
        data = client.get(PROJECTS).json()
    assert data["count"] == 6 and data["results"][0]["progress"] == 20
    assert [p["id"] for p in client.get(f"{PROJECTS}?mine=true").json()["results"]] == [mine.pk]
    assert client.get(f"{PROJECTS}?campaign={campaign.pk}").json()["count"] == 1
    assert client.get(f"{PROJECTS}?status=nowhere").status_code == 400


def test_themes_by_campaign(as_, agent, author, facilitator, django_assert_num_queries):
    campaign = CampaignFactory()
    ideas = [IdeaFactory(by=author, campaign=campaign, title=f"I{i}", body="T.") for i in range(3)]
    theme = services.theme_create(
        campaign=campaign, name="Réunions", by=facilitator, key_terms="réunion, durée"
    )
    for idea in ideas[:2]:
        services.theme_move_idea(idea=idea, theme=theme, by=facilitator)
    services.theme_create(campaign=CampaignFactory(), name="Ailleurs", by=facilitator)
    client = as_(agent)
    # session; user; count; the themes; their ideas.
    with django_assert_num_queries(5):
        data = client.get(f"{THEMES}?campaign={campaign.pk}").json()
    assert data["count"] == 1
    assert data["results"][0] == {
        "id": theme.pk,
        "campaign": campaign.pk,
        "name": "Réunions",
        "key_terms": ["réunion", "durée"],
        "central_idea": None,
        "position": 0,
        "ideas": sorted(i.pk for i in ideas[:2]),
    }
    assert client.get(THEMES).json()["count"] == 2
    assert client.get(f"{THEMES}{theme.pk}/").json()["name"] == "Réunions"
