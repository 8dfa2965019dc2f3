"""Campaign pages: list, detail with its ideas, create and edit (admins, circle moderators)."""

import datetime

from django.urls import reverse
from django.utils import timezone

from cercles.ideas.models import Campaign
from tests.factories import PersonFactory

from .factories import CampaignFactory, IdeaFactory

LIST = reverse("ideas:campaign_list")
NEW = reverse("ideas:campaign_create")


def form_data(**extra):
    today = timezone.localdate()
    return {
        "title": "Défi mobilité",
        "question": "Comment venir autrement ?",
        "description": "Le **défi** du printemps.",
        "starts_on": today.isoformat(),
        "ends_on": (today + datetime.timedelta(days=30)).isoformat(),
        "answer_deadline_days": "20",
        **extra,
    }


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(LIST).url.startswith(reverse("accounts:login"))


def test_list_and_detail(login, agent, author):
    campaign = CampaignFactory(title="Défi papier", description="Moins de **papier**.")
    IdeaFactory(by=author, campaign=campaign, title="Signature électronique")
    IdeaFactory(by=author, campaign=campaign, title="Mon brouillon", draft=True)
    body = login(agent).get(LIST).content.decode()
    assert "Défi papier" in body and "1 idée" in body and "ouverte" in body
    assert NEW not in body  # an agent cannot launch one
    body = login(agent).get(campaign.get_absolute_url()).content.decode()
    assert "<strong>papier</strong>" in body
    assert "Signature électronique" in body and "Mon brouillon" not in body
    assert reverse("ideas:campaign_idea_create", args=[campaign.pk]) in body
    assert reverse("ideas:campaign_update", args=[campaign.pk]) not in body


def test_unknown_campaign_is_404(login, agent):
    assert login(agent).get(reverse("ideas:campaign_detail", args=[999999])).status_code == 404


def test_admin_creates_a_campaign_for_everyone(login, admin):
    response = login(admin).post(NEW, form_data())
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and response.url == campaign.get_absolute_url()
    assert campaign.circle is None and campaign.answer_deadline_days == 20
    assert campaign.created_by == admin


def test_facilitator_creates_only_for_his_circle(login, facilitator, org):
    client = login(facilitator)
    body = client.get(NEW).content.decode()
    assert f'<option value="{org["rh"].pk}">Ressources humaines</option>' in body
    assert "Numérique" not in body
    response = client.post(NEW, form_data(circle=org["numerique"].pk))
    assert "Sélectionnez un choix valide" in response.content.decode()
    response = client.post(NEW, form_data())  # whole organisation: not his to launch
    assert response.status_code == 200 and not Campaign.objects.exists()
    client.post(NEW, form_data(circle=org["rh"].pk))
    assert Campaign.objects.get().circle == org["rh"]


def test_agent_cannot_create_or_edit(login, agent, org):
    campaign = CampaignFactory(circle=org["rh"])
    assert login(agent).get(NEW).status_code == 403
    assert login(agent).get(reverse("ideas:campaign_update", args=[campaign.pk])).status_code == 403


def test_bad_input_keeps_what_was_typed(login, admin):
    today = timezone.localdate()
    response = login(admin).post(
        NEW,
        form_data(
            title="",
            ends_on=(today - datetime.timedelta(days=1)).isoformat(),
            answer_deadline_days="0",
        ),
    )
    body = response.content.decode()
    assert "Donnez un titre à la campagne." in body
    assert "La fin doit suivre le début." in body
    assert "supérieure ou égale à 1" in body
    assert 'value="Comment venir autrement ?"' in body
    assert not Campaign.objects.exists()


def test_out_of_range_ids_are_a_french_error_not_a_crash(login, admin):
    """An id past 2**63-1 would crash the lookup (OverflowError on SQLite, DataError on
    PostgreSQL): refused before it, like any bad choice."""
    for extra in (
        {"objectives": ["99999999999999999999"]},
        {"objectives": ["0"]},
        {"objectives": ["abc"]},
        {"circle": "99999999999999999999"},
    ):
        response = login(admin).post(NEW, form_data(**extra))
        assert response.status_code == 200, extra
        assert "n&#x27;est pas un choix possible" in response.content.decode(), extra
    assert not Campaign.objects.exists()


def test_lead_link_edits_his_circles_campaign(login, lead_link, org):
    campaign = CampaignFactory(circle=org["rh"])
    url = reverse("ideas:campaign_update", args=[campaign.pk])
    response = login(lead_link).post(url, form_data(title="Nouveau titre", circle=org["rh"].pk))
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.title == "Nouveau titre"


def test_queries_do_not_grow(login, agent, author, django_assert_num_queries):
    campaign = CampaignFactory()
    for i in range(3):
        IdeaFactory(by=author, campaign=campaign, title=f"Idée {i}")
        CampaignFactory()
    client = login(agent)
    # list: session; user; count; the page of campaigns with circle and idea counts;
    # the circles the user facilitates and leads (for the "launch" link).
    with django_assert_num_queries(6):
        client.get(LIST)
    # detail: session; user; the campaign; objectives; count; the page of ideas.
    with django_assert_num_queries(6):
        client.get(campaign.get_absolute_url())
    for i in range(4):
        IdeaFactory(by=PersonFactory(), campaign=campaign, title=f"Autre {i}")
        CampaignFactory()
    with django_assert_num_queries(6):
        client.get(LIST)
    with django_assert_num_queries(6):
        body = client.get(campaign.get_absolute_url()).content.decode()
    assert "7 idées" in body


def test_detail_links_to_its_themes_and_dashboard(login, agent):
    campaign = CampaignFactory()
    client = login(agent)
    body = client.get(campaign.get_absolute_url()).content.decode()
    themes = reverse("ideas:theme_list", args=[campaign.pk])
    dashboard = reverse("ideas:campaign_dashboard", args=[campaign.pk])
    assert f'<a href="{themes}">Thèmes de la campagne</a>' in body
    assert f'<a href="{dashboard}">Tableau de bord de la campagne</a>' in body
    # Anyone logged in reads both.
    assert client.get(themes).status_code == 200
    assert client.get(dashboard).status_code == 200
