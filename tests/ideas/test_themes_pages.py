"""Theme pages: the grouping, proposing (with confirmation), and the facilitator's edits."""

import pytest
from django.urls import reverse

from cercles.ideas import services
from cercles.ideas.models import Idea, IdeaStatus, Project, Theme
from tests.factories import PersonFactory

from .factories import CampaignFactory, IdeaFactory
from .test_themes_services import TOPICS

S = IdeaStatus


@pytest.fixture
def campaign(org):
    """A campaign of Ressources humaines: its facilitator and lead link manage the themes."""
    return CampaignFactory(title="Mieux travailler ensemble", circle=org["rh"])


@pytest.fixture
def ideas(campaign, author):
    out = []
    for items in TOPICS.values():
        for title, body in items:
            out.append(IdeaFactory(by=author, campaign=campaign, title=title, body=body))
    return out


def url(name, pk):
    return reverse(f"ideas:{name}", args=[pk])


def test_anonymous_is_sent_to_login(client, campaign):
    response = client.get(url("theme_list", campaign.pk))
    assert response.url.startswith(reverse("accounts:login"))


def test_agent_reads_the_themes_but_cannot_edit(login, agent, campaign, ideas, facilitator):
    services.propose_themes(campaign=campaign, count=3, by=facilitator)
    theme = Theme.objects.order_by("position").first()
    client = login(agent)
    body = client.get(url("theme_list", campaign.pk)).content.decode()
    assert theme.name in body and "Idée centrale" in body
    assert url("theme_propose", campaign.pk) not in body
    assert url("theme_update", theme.pk) not in body
    # Anyone may propose a project on a theme, though.
    assert f"{reverse('ideas:project_create')}?theme={theme.pk}" in body
    for name, pk in [
        ("theme_propose", campaign.pk),
        ("theme_update", theme.pk),
        ("theme_merge", theme.pk),
        ("theme_project", theme.pk),
    ]:
        assert client.get(url(name, pk)).status_code == 403
    for name, pk in [
        ("theme_create", campaign.pk),
        ("theme_move", campaign.pk),
        ("theme_delete", theme.pk),
    ]:
        assert client.post(url(name, pk), {}).status_code == 403
    assert Theme.objects.count() == 3


def test_unknown_campaign_or_theme_is_404(login, agent):
    assert login(agent).get(url("theme_list", 999999)).status_code == 404
    assert login(agent).get(url("theme_update", 999999)).status_code == 404


def test_facilitator_proposes_then_confirms_a_replacement(login, facilitator, campaign, ideas):
    client = login(facilitator)
    response = client.post(url("theme_propose", campaign.pk), {"count": "3"})
    assert response.status_code == 302 and response.url == url("theme_list", campaign.pk)
    first = set(Theme.objects.values_list("pk", flat=True))
    assert len(first) == 3
    # A second proposal asks first, and changes nothing until confirmed.
    response = client.post(url("theme_propose", campaign.pk), {"count": "4"})
    body = response.content.decode()
    assert response.status_code == 200 and "seront remplacés" in body
    assert 'name="confirm" value="True"' in body and 'value="4"' in body
    assert set(Theme.objects.values_list("pk", flat=True)) == first
    response = client.post(url("theme_propose", campaign.pk), {"count": "4", "confirm": "True"})
    assert response.status_code == 302
    assert Theme.objects.count() == 4 and not first & set(
        Theme.objects.values_list("pk", flat=True)
    )


def test_propose_bad_input_keeps_what_was_typed(login, facilitator, campaign, ideas):
    response = login(facilitator).post(url("theme_propose", campaign.pk), {"count": "40"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "inférieure ou égale à 12" in body and 'value="40"' in body
    assert not Theme.objects.exists()


def test_propose_without_enough_ideas_says_so(login, facilitator, campaign):
    response = login(facilitator).post(url("theme_propose", campaign.pk), {"count": "2"})
    assert "au moins deux idées" in response.content.decode()


@pytest.fixture
def themes(campaign, ideas, facilitator):
    services.propose_themes(campaign=campaign, count=3, by=facilitator)
    return list(Theme.objects.order_by("position"))


def test_move_an_idea_plain_and_htmx(login, lead_link, campaign, themes):
    client = login(lead_link)
    idea = themes[0].ideas.first()
    response = client.post(url("theme_move", campaign.pk), {"idea": idea.pk, "theme": themes[1].pk})
    assert response.status_code == 302
    assert Idea.objects.get(pk=idea.pk).theme == themes[1]
    response = client.post(
        url("theme_move", campaign.pk), {"idea": idea.pk, "theme": ""}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert "Idées sans thème" in body
    assert Idea.objects.get(pk=idea.pk).theme is None


def test_move_bad_input(login, facilitator, campaign, themes, author):
    client = login(facilitator)
    other = IdeaFactory(by=author, campaign=CampaignFactory(), title="Ailleurs", body="Texte.")
    response = client.post(
        url("theme_move", campaign.pk),
        {"idea": other.pk, "theme": themes[0].pk},
        HTTP_HX_REQUEST="true",
    )
    assert "n&#x27;appartient pas à la campagne" in response.content.decode()
    response = client.post(
        url("theme_move", campaign.pk),
        {"idea": themes[0].ideas.first().pk, "theme": "999999"},
        HTTP_HX_REQUEST="true",
    )
    assert "Choisissez un thème de la liste." in response.content.decode()
    assert Idea.objects.get(pk=other.pk).theme is None


def test_rename_and_bad_input(login, facilitator, themes):
    theme = themes[0]
    client = login(facilitator)
    response = client.post(url("theme_update", theme.pk), {"name": "", "key_terms": "durée, visio"})
    body = response.content.decode()
    assert "Donnez un nom au thème." in body and 'value="durée, visio"' in body
    response = client.post(
        url("theme_update", theme.pk), {"name": "Des réunions utiles", "key_terms": "durée"}
    )
    assert response.status_code == 302 and response.url == theme.get_absolute_url()
    theme.refresh_from_db()
    assert theme.name == "Des réunions utiles" and theme.key_terms == "durée"


def test_merge_and_bad_input(login, facilitator, themes):
    source, target = themes[0], themes[1]
    client = login(facilitator)
    response = client.post(url("theme_merge", source.pk), {"into": source.pk})
    assert "Sélectionnez un choix valide" in response.content.decode()
    response = client.post(url("theme_merge", source.pk), {"into": target.pk})
    assert response.status_code == 302
    assert not Theme.objects.filter(pk=source.pk).exists()
    assert target.ideas.count() == 8


def test_create_empty_then_delete(login, facilitator, campaign, themes):
    client = login(facilitator)
    response = client.post(url("theme_create", campaign.pk), {"new-name": "", "new-key_terms": "x"})
    body = response.content.decode()
    assert response.status_code == 200 and "Donnez un nom au thème." in body
    assert 'value="x"' in body and Theme.objects.count() == 3
    client.post(url("theme_create", campaign.pk), {"new-name": "Divers", "new-key_terms": ""})
    theme = Theme.objects.get(name="Divers")
    assert client.post(url("theme_delete", theme.pk)).status_code == 302
    assert not Theme.objects.filter(pk=theme.pk).exists()
    # A theme with ideas stays, and the page says why.
    response = client.post(url("theme_delete", themes[0].pk), follow=True)
    assert "contient encore des idées" in response.content.decode()
    assert Theme.objects.filter(pk=themes[0].pk).exists()


def test_theme_becomes_a_project_from_its_page(login, facilitator, themes):
    theme = themes[0]
    accepted = theme.ideas.order_by("pk").first()
    services.idea_transition(idea=accepted, to=S.ACCEPTED, text="Oui.", by=facilitator)
    client = login(facilitator)
    body = client.get(url("theme_project", theme.pk)).content.decode()
    assert "1 idée passera « En projet »" in body
    assert "3 idées resteront dans leur état" in body
    response = client.post(
        url("theme_project", theme.pk), {"title": "", "purpose": "P", "text": ""}
    )
    body = response.content.decode()
    assert "Donnez un titre au projet." in body and "Rédigez la réponse publique" in body
    assert not Project.objects.exists()
    response = client.post(
        url("theme_project", theme.pk),
        {"title": "Des réunions utiles", "purpose": "Moins de réunions.", "text": "En projet."},
    )
    project = Project.objects.get()
    assert response.status_code == 302 and response.url == project.get_absolute_url()
    assert project.lead == facilitator and project.ideas.count() == 4
    accepted.refresh_from_db()
    assert accepted.status == S.IN_PROJECT


def test_queries_do_not_grow(
    login, agent, facilitator, campaign, author, django_assert_num_queries
):
    for i in range(3):
        IdeaFactory(by=author, campaign=campaign, title=f"Réunion {i}", body="Réunion courte.")
        IdeaFactory(by=author, campaign=campaign, title=f"Chauffage {i}", body="Énergie.")
    services.propose_themes(campaign=campaign, count=2, by=facilitator)
    for who in (agent, facilitator):
        client = login(who)
        # session; user; the campaign; the circles the user facilitates (abilities);
        # for the agent, who facilitates none, the circles he leads too; the themes
        # with their central idea; the ideas of the grouping.
        n = 7 if who == agent else 6
        with django_assert_num_queries(n):
            client.get(url("theme_list", campaign.pk))
    for i in range(5):
        IdeaFactory(by=PersonFactory(), campaign=campaign, title=f"Autre {i}", body="Texte.")
    services.theme_create(campaign=campaign, name="Divers", by=facilitator)
    for who in (agent, facilitator):
        client = login(who)
        n = 7 if who == agent else 6
        with django_assert_num_queries(n):
            body = client.get(url("theme_list", campaign.pk)).content.decode()
    assert "Idées sans thème" in body
