"""The ideas list: filters, search, sort, pagination, htmx, constant queries."""

import datetime

from django.urls import reverse
from django.utils import timezone

from cercles.ideas import services
from cercles.ideas.models import IdeaStatus, Objective
from tests.factories import PersonFactory

from .factories import CampaignFactory, IdeaFactory

LIST = reverse("ideas:idea_list")


def cards(body):
    return body.count('<li class="card">')


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(LIST)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_list_shows_published_ideas_and_only_my_drafts(login, agent, author, idea):
    IdeaFactory(by=author, title="Brouillon de Paul", draft=True)
    IdeaFactory(by=author, title="Idée cachée", anonymous=True)
    body = login(agent).get(LIST).content.decode()
    assert "Un guichet unique pour les arrivées" in body and "Paul Porteur" in body
    assert "Idée anonyme" in body
    assert "Brouillon de Paul" not in body
    assert "Brouillon de Paul" in login(author).get(LIST).content.decode()


def test_filters_and_search(login, agent, author, org, facilitator):
    campaign = CampaignFactory()
    objective = Objective.objects.create(name="Préserver les ressources")
    a = IdeaFactory(by=author, title="Réduire le papier", body="Dématérialiser.", campaign=campaign)
    a.objectives.add(objective)
    b = IdeaFactory(by=author, title="Covoiturage", body="Entre agents.", circle=org["rh"])
    IdeaFactory(by=author, title="Cantine bio", body="Manger mieux.", circle=org["numerique"])
    services.idea_transition(idea=b, to=IdeaStatus.ACCEPTED, text="Oui.", by=facilitator)
    client = login(agent)

    def titles(**params):
        body = client.get(LIST, params).content.decode()
        return sorted(t for t in ("Réduire le papier", "Covoiturage", "Cantine bio") if t in body)

    assert titles(campaign=campaign.pk) == ["Réduire le papier"]
    assert titles(status="accepted") == ["Covoiturage"]
    assert titles(objective=objective.pk) == ["Réduire le papier"]
    assert titles(circle=org["rh"].pk) == ["Covoiturage"]
    assert titles(q="PAPIER") == ["Réduire le papier"]
    assert titles(q="dematerialiser") == ["Réduire le papier"]
    # Bad values are ignored, not a 500.
    assert titles(status="nope", campaign="x", circle="9" * 30) == [
        "Cantine bio",
        "Covoiturage",
        "Réduire le papier",
    ]


def test_overdue_filter_and_flag(login, agent, author, org):
    IdeaFactory(by=author, title="En retard", at=timezone.now() - datetime.timedelta(days=40))
    IdeaFactory(by=author, title="À temps")
    body = login(agent).get(LIST, {"overdue": "1"}).content.decode()
    assert "En retard" in body and "À temps" not in body
    assert "réponse en retard" in body


def test_sort_by_supports(login, agent, author):
    low = IdeaFactory(by=author, title="Peu soutenue")
    high = IdeaFactory(by=author, title="Très soutenue")
    for _i in range(2):
        services.idea_support(idea=high, person=PersonFactory())
    services.idea_support(idea=low, person=PersonFactory())
    body = login(agent).get(LIST, {"sort": "supported"}).content.decode()
    assert body.index("Très soutenue") < body.index("Peu soutenue")
    body = login(agent).get(LIST).content.decode()
    assert body.index("Très soutenue") < body.index("Peu soutenue")  # the most recent first


def test_htmx_gets_only_the_results(login, agent, idea):
    response = login(agent).get(LIST, {"q": "guichet"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and cards(body) == 1


def test_pagination_has_links_without_javascript(login, agent, author):
    for i in range(31):
        IdeaFactory(by=author, title=f"Idée numéro {i}")
    body = login(agent).get(LIST).content.decode()
    assert cards(body) == 30
    assert 'href="?page=2"' in body and 'hx-get="?page=2"' in body


def test_list_queries_do_not_grow(login, agent, author, org, django_assert_num_queries):
    campaign = CampaignFactory(circle=org["rh"])
    for i in range(3):
        IdeaFactory(by=author, campaign=campaign, circle=org["rh"], title=f"Première {i}")
    client = login(agent)
    # Nothing cached: session; user; the campaigns, objectives and circles for the
    # filters; the count of posted ideas; whether I have drafts; the ids and support
    # counts of the page; the cards' ideas with author, campaign and circle.
    with django_assert_num_queries(9):
        first = client.get(LIST)
    # Cached: session; user; the objectives; the ids and support counts of the page.
    with django_assert_num_queries(4):
        client.get(LIST)
    for i in range(6):
        IdeaFactory(by=author, campaign=campaign, title=f"Seconde {i}", anonymous=i % 2)
    # New ideas make the cards, the campaigns and the count stale, not the circles.
    with django_assert_num_queries(8):
        second = client.get(LIST)
    with django_assert_num_queries(4):
        third = client.get(LIST)
    assert cards(second.content.decode()) == cards(first.content.decode()) + 6
    assert cards(third.content.decode()) == cards(second.content.decode())


def test_my_drafts_cost_one_count_more(login, author, django_assert_num_queries):
    IdeaFactory(by=author, title="Posée")
    IdeaFactory(by=author, title="Mon brouillon", draft=True)
    client = login(author)
    client.get(LIST)
    # session; user; the objectives; my drafts under the filters; the page.
    with django_assert_num_queries(5):
        body = client.get(LIST).content.decode()
    assert "2 idées" in body and "Mon brouillon" in body


def test_cached_cards_follow_supports_answers_and_new_ideas(
    login, agent, author, idea, facilitator
):
    """Cards are cached (cercles.core.fragments): the support count is added to them on
    each request, and the services that change what a card shows make it stale."""
    client = login(agent)
    body = client.get(LIST).content.decode()
    assert "<p>0 soutien</p>" in body and 'status-submitted">Déposée' in body
    services.idea_support(idea=idea, person=agent)
    body = client.get(LIST).content.decode()
    assert "<p>1 soutien</p>" in body
    services.idea_transition(idea=idea, to=IdeaStatus.ACCEPTED, text="Oui.", by=facilitator)
    body = client.get(LIST).content.decode()
    assert 'status-accepted">Retenue' in body and "status-submitted" not in body
    IdeaFactory(by=author, title="Une toute nouvelle idée")
    body = client.get(LIST).content.decode()
    assert "Une toute nouvelle idée" in body and "2 idées" in body


def test_cached_cards_follow_a_renamed_author(login, agent, author, idea):
    from cercles.accounts import services as account_services

    client = login(agent)
    assert "Paul Porteur" in client.get(LIST).content.decode()
    account_services.person_update(person=author, last_name="Portail")
    assert "Paul Portail" in client.get(LIST).content.decode()
