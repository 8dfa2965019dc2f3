"""Query counts of the remaining pages, with at least three rows each."""

import pytest
from django.urls import reverse

from cercles.competencies import services
from cercles.competencies.models import PublicCompetency
from cercles.organisation.selectors import parse_as_of
from tests.competencies.conftest import rate
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_competency_detail(login, agent, framework, django_assert_num_queries):
    client = login(agent)
    # Queries: session, user, the competency with its family, his functions (abilities).
    with django_assert_num_queries(4):
        response = client.get(framework["accueil"].get_absolute_url())
    assert response.status_code == 200


def test_campaign_detail(login, member, campaign, django_assert_num_queries):
    client = login(member)
    # Queries: session, user, the campaign, his functions (abilities), the competencies
    # with families, his assessment, whether he is invited.
    with django_assert_num_queries(7):
        response = client.get(campaign.get_absolute_url())
    assert len(response.context["competencies"]) == 3


def test_shared_with_me(login, lead_link, campaign, framework, django_assert_num_queries):
    for n in range(3):
        person = PersonFactory(first_name=f"P{n}")
        assessment = rate(campaign, person, {framework["tableur"]: n + 1})
        services.share_create(owner=person, viewer=lead_link, assessment=assessment if n else None)
    client = login(lead_link)
    # Queries: session, user, the shared assessments with their people and campaigns.
    with django_assert_num_queries(3):
        response = client.get(reverse("competencies:shared_with_me"))
    assert len(response.context["assessments"]) == 3


def test_feedback_answer_page(login, agent, rated, member, django_assert_num_queries):
    [feedback] = services.feedback_request(assessment=rated, by=member, reviewers=[agent])
    client = login(agent)
    # Queries: session, user, the request with its assessment, campaign and person, the
    # campaign's competencies with families.
    with django_assert_num_queries(4):
        response = client.get(reverse("competencies:feedback_answer", args=[feedback.pk]))
    assert len(response.context["form"].competencies) == 3


def test_public_competencies_page(login, member, framework, django_assert_num_queries):
    services.public_competencies_set(
        person=member,
        levels={framework["accueil"].pk: 2, framework["tableur"].pk: 3, framework["ecoute"].pk: 4},
    )
    client = login(member)
    # Queries: session, user, his shown competencies, the live competencies.
    with django_assert_num_queries(4):
        response = client.get(reverse("competencies:public_competencies"))
    assert response.context["form"].initial == {
        f"level_{framework['accueil'].pk}": 2,
        f"level_{framework['tableur'].pk}": 3,
        f"level_{framework['ecoute'].pk}": 4,
    }
    assert PublicCompetency.objects.count() == 3


def test_person_panel_costs_one_query(rf, member, agent, framework, django_assert_num_queries):
    from cercles.competencies.panels import public_competencies_panel

    services.public_competencies_set(
        person=member,
        levels={framework["accueil"].pk: 2, framework["tableur"].pk: 3, framework["ecoute"].pk: 4},
    )
    request = rf.get("/")
    request.user = agent
    with django_assert_num_queries(1):
        html = public_competencies_panel(
            request, person=member, is_me=False, as_of=parse_as_of(None)
        )
    assert html.count("<li>") == 3


def test_assessment_detail_with_answered_feedback_has_constant_queries(
    login, member, rated, lead_link, django_assert_num_queries
):
    """Review: the peer feedback section, with three answered requests and shares."""
    reviewers = [PersonFactory(first_name=f"R{n}") for n in range(3)]
    competencies = list(rated.campaign.competencies.all())
    for n, feedback in enumerate(
        services.feedback_request(assessment=rated, by=member, reviewers=reviewers)
    ):
        services.feedback_answer(
            feedback=feedback,
            by=feedback.reviewer,
            ratings={c.pk: (n % 4) + 1 for c in competencies},
            comment=f"Regard {n}",
        )
        services.share_create(owner=member, viewer=feedback.reviewer, assessment=rated)
    client = login(member)
    # Queries: session, user; the assessment with its campaign and person, its ratings
    # with competencies and families, its work axes; the previous assessment (none);
    # the peer feedback with reviewers, their ratings with competencies; the shares
    # with viewers; his lead links (his roles' circles, their lead links, the circle
    # tree: 3), the lead link himself; the HR holders.
    with django_assert_num_queries(14):
        response = client.get(rated.get_absolute_url())
    text = response.content.decode()
    assert [f.comment for f in response.context["feedback"]] == [
        "Regard 0",
        "Regard 1",
        "Regard 2",
    ]
    assert all(len(f.ratings.all()) == 3 for f in response.context["feedback"])
    assert len(response.context["shares"]) == 3 and "Regard 2" in text
