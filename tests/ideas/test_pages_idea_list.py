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
    # session; user; campaigns, objectives and circles for the filters; count; the page
    # of ideas with author, campaign and circle.
    with django_assert_num_queries(7):
        first = client.get(LIST)
    for i in range(6):
        IdeaFactory(by=PersonFactory(), campaign=campaign, title=f"Seconde {i}", anonymous=i % 2)
    with django_assert_num_queries(7):
        second = client.get(LIST)
    assert cards(second.content.decode()) == cards(first.content.decode()) + 6
