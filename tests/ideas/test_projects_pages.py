"""Project pages: list, detail, proposing and editing, joining, the lead, milestones,
becoming a circle."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cercles.ideas import services
from cercles.ideas.models import Milestone, Project, ProjectStatus
from tests.factories import PersonFactory

from .factories import CampaignFactory, IdeaFactory

LIST = reverse("ideas:project_list")
NEW = reverse("ideas:project_create")
P = ProjectStatus


def url(name, pk):
    return reverse(f"ideas:{name}", args=[pk])


@pytest.fixture
def project(author):
    return services.project_create(
        by=author, title="Bienvenue à bord", purpose="Bien accueillir les nouveaux."
    )


def test_anonymous_is_sent_to_login(client, project):
    for address in (LIST, NEW, project.get_absolute_url()):
        assert client.get(address).url.startswith(reverse("accounts:login"))


def test_unknown_project_is_404(login, agent):
    assert login(agent).get(url("project_detail", 999999)).status_code == 404
    assert login(agent).get(url("milestone_update", 999999)).status_code == 404


def test_outsider_reads_but_cannot_edit(login, agent, project):
    milestone = services.milestone_create(project=project, by=project.lead, title="Charte")
    client = login(agent)
    body = client.get(project.get_absolute_url()).content.decode()
    assert "Bien accueillir les nouveaux." in body and "Rejoindre le projet" in body
    assert url("project_update", project.pk) not in body
    for name, pk in [
        ("project_update", project.pk),
        ("project_hand_over", project.pk),
        ("milestone_create", project.pk),
        ("milestone_update", milestone.pk),
        ("project_make_circle", project.pk),
    ]:
        assert client.get(url(name, pk)).status_code == 403, name
    assert client.post(url("milestone_delete", milestone.pk)).status_code == 403
    assert client.post(url("project_leave", project.pk)).status_code == 403


def test_agent_proposes_a_project_from_ideas(login, agent, author):
    campaign = CampaignFactory()
    ideas = [
        IdeaFactory(by=author, campaign=campaign, title=f"Idée {i}", body="T.") for i in (1, 2)
    ]
    client = login(agent)
    body = client.get(f"{NEW}?idea={ideas[0].pk}&idea={ideas[1].pk}&idea=999999").content.decode()
    low, high = sorted(idea.pk for idea in ideas)  # listed by id
    assert f'value="{low}, {high}"' in body
    response = client.post(
        NEW,
        {
            "title": "Des réunions utiles",
            "purpose": "Moins de réunions.",
            "ideas": f"{ideas[0].pk}, {ideas[1].pk}",
            "governance": "Point mensuel.",
        },
    )
    project = Project.objects.get()
    assert response.status_code == 302 and response.url == project.get_absolute_url()
    assert project.lead == agent and project.campaign == campaign
    assert set(project.ideas.all()) == set(ideas)
    assert project.governance == "Point mensuel."


def test_propose_from_a_theme(login, agent, author, facilitator):
    campaign = CampaignFactory()
    for title in ("Réunions courtes", "Réunions utiles"):
        IdeaFactory(by=author, campaign=campaign, title=title, body="Réunion.")
    theme = services.theme_create(campaign=campaign, name="Réunions", by=facilitator)
    for idea in campaign.ideas.all():
        services.theme_move_idea(idea=idea, theme=theme, by=facilitator)
    client = login(agent)
    body = client.get(f"{NEW}?theme={theme.pk}").content.decode()
    assert "À partir du thème « Réunions »" in body and 'value="Réunions"' in body
    client.post(NEW, {"title": "Réunions", "purpose": "Moins.", "ideas": "", "theme": theme.pk})
    project = Project.objects.get()
    assert project.theme == theme and project.ideas.count() == 2
    assert project.campaign == campaign


def test_create_bad_input_keeps_what_was_typed(login, agent):
    draft = IdeaFactory(by=agent, title="Brouillon", body="T.", draft=True)
    response = login(agent).post(
        NEW,
        {"title": "", "purpose": "Une raison d'être", "ideas": f"{draft.pk}, douze"},
    )
    body = response.content.decode()
    assert "Donnez un titre au projet." in body
    assert "indiquez des numéros d&#x27;idées" in body
    assert "Une raison d&#x27;être" in body and f"{draft.pk}, douze" in body
    response = login(agent).post(NEW, {"title": "T", "purpose": "P", "ideas": f"{draft.pk}"})
    assert f"Aucune idée publiée ne porte le numéro {draft.pk}." in response.content.decode()
    assert not Project.objects.exists()


def test_lead_edits_and_bad_input(login, author, project):
    client = login(author)
    data = {
        "title": "Bienvenue à bord",
        "purpose": "",
        "status": P.ACTIVE,
        "ideas": "",
        "measured_results": "27 agents parrainés.",
    }
    response = client.post(url("project_update", project.pk), data)
    body = response.content.decode()
    assert "Dites ce que le projet veut changer." in body and "27 agents parrainés." in body
    response = client.post(url("project_update", project.pk), {**data, "purpose": "Accueillir."})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == P.ACTIVE and project.measured_results == "27 agents parrainés."


def test_admin_edits_any_project(login, admin, project):
    assert login(admin).get(url("project_update", project.pk)).status_code == 200


def test_join_and_leave_plain_and_htmx(login, agent, project):
    client = login(agent)
    response = client.post(url("project_join", project.pk))
    assert response.status_code == 302
    assert project.members.filter(pk=agent.pk).exists()
    response = client.post(url("project_leave", project.pk), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and "Rejoindre le projet" in body and "1 membre" in body
    assert not project.members.filter(pk=agent.pk).exists()
    response = client.post(url("project_join", project.pk), HTTP_HX_REQUEST="true")
    assert "Quitter le projet" in response.content.decode()


def test_lead_cannot_leave_nor_join(login, author, project):
    client = login(author)
    assert client.post(url("project_leave", project.pk)).status_code == 403
    assert client.post(url("project_join", project.pk)).status_code == 403
    body = client.get(project.get_absolute_url()).content.decode()
    assert "confiez-le d'abord" in body


def test_hand_over(login, author, agent, project):
    services.project_join(project=project, person=agent)
    client = login(author)
    response = client.post(url("project_hand_over", project.pk), {"to": "999999"})
    assert "Sélectionnez un choix valide" in response.content.decode()
    response = client.post(url("project_hand_over", project.pk), {"to": agent.pk})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.lead == agent


def test_milestones_pages(login, author, project):
    client = login(author)
    response = client.post(
        url("milestone_create", project.pk), {"title": "", "progress": "120", "due_on": "demain"}
    )
    body = response.content.decode()
    assert "Donnez un titre au jalon." in body and "inférieure ou égale à 100" in body
    assert "Date invalide." in body and 'value="120"' in body
    due = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    client.post(
        url("milestone_create", project.pk), {"title": "Charte", "progress": "40", "due_on": due}
    )
    milestone = Milestone.objects.get()
    response = client.post(
        url("milestone_update", milestone.pk), {"title": "Charte", "progress": "100", "due_on": ""}
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.is_done
    body = client.get(project.get_absolute_url()).content.decode()
    assert '<progress id="project-progress" max="100" value="100">' in body
    assert "Avancement moyen des jalons : 100 %" in body
    client.post(url("milestone_delete", milestone.pk))
    assert not Milestone.objects.exists()


def test_make_circle_page(login, author, lead_link, org, project):
    assert login(author).get(url("project_make_circle", project.pk)).status_code == 403
    client = login(lead_link)
    body = client.get(url("project_make_circle", project.pk)).content.decode()
    assert f'<option value="{org["rh"].pk}">Ressources humaines</option>' in body
    assert "Numérique" not in body
    response = client.post(url("project_make_circle", project.pk), {"parent": org["numerique"].pk})
    assert "Sélectionnez un choix valide" in response.content.decode()
    response = client.post(url("project_make_circle", project.pk), {"parent": org["rh"].pk})
    project.refresh_from_db()
    assert response.status_code == 302 and response.url == project.circle.get_absolute_url()
    assert project.circle.parent == org["rh"]


def test_list_filters(login, agent, author, project):
    campaign = CampaignFactory(title="Défi accueil")
    other = services.project_create(
        by=agent, title="Covoiturage", purpose="Moins de trajets.", campaign=campaign
    )
    services.project_update(project=other, by=agent, status=P.ACTIVE)
    client = login(agent)
    body = client.get(LIST).content.decode()
    assert "Bienvenue à bord" in body and "Covoiturage" in body and "2 projets" in body
    body = client.get(f"{LIST}?status=active").content.decode()
    assert "Covoiturage" in body and "Bienvenue à bord" not in body
    body = client.get(f"{LIST}?campaign={campaign.pk}").content.decode()
    assert "Covoiturage" in body and "Bienvenue à bord" not in body
    body = client.get(f"{LIST}?mine=1&status=nonsense&campaign=x").content.decode()
    assert "Covoiturage" in body and "Bienvenue à bord" not in body
    response = client.get(LIST, HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode()


def test_queries_do_not_grow(login, agent, author, django_assert_num_queries):
    campaign = CampaignFactory()

    def add(i):
        project = services.project_create(
            by=PersonFactory(),
            title=f"Projet {i}",
            purpose="But.",
            campaign=campaign,
            ideas=[IdeaFactory(by=author, campaign=campaign, title=f"Idée {i}", body="T.")],
        )
        services.project_join(project=project, person=PersonFactory())
        services.milestone_create(project=project, by=project.lead, title="Jalon", progress=50)
        return project

    first = [add(i) for i in range(3)]
    target = first[0]
    client = login(agent)
    # list: session; user; the campaigns (filter); the count; the page of projects with
    # lead, campaign, circle, member count and progress.
    with django_assert_num_queries(5):
        client.get(LIST)
    # detail: session; user; the project with lead, campaign, circle, theme; the user's
    # projects and the circles he leads (abilities); the members; the milestones; the
    # linked ideas.
    with django_assert_num_queries(8):
        client.get(target.get_absolute_url())
    for i in range(3, 7):
        add(i)
        services.project_join(project=target, person=PersonFactory())
        services.milestone_create(project=target, by=target.lead, title=f"J{i}")
        target.ideas.add(IdeaFactory(by=author, campaign=campaign, title=f"Autre {i}", body="T."))
    with django_assert_num_queries(5):
        body = client.get(LIST).content.decode()
    assert "7 projets" in body
    with django_assert_num_queries(8):
        body = client.get(target.get_absolute_url()).content.decode()
    assert "6 membres" in body and "5 idées liées" in body


def test_detail_links_back_to_its_ideas(login, agent, author):
    ideas = [IdeaFactory(by=author, title=f"Idée liée {i}", body="T.") for i in (1, 2)]
    project = services.project_create(
        by=author, title="Accueil", purpose="Bien accueillir.", ideas=ideas
    )
    body = login(agent).get(project.get_absolute_url()).content.decode()
    assert "2 idées liées" in body
    for idea in ideas:
        assert f'<a href="{url("idea_detail", idea.pk)}">{idea.title}</a>' in body
