"""The hub card and the talent path steps."""

import pytest
from django.test import RequestFactory

from cercles.competencies.panels import assessment_steps, development_card
from tests.competencies.conftest import rate

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/development/")
    request.user = user
    return request


def test_development_card_invites_to_the_open_campaign(
    member, campaign, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        html = development_card(_request(member))
    assert '<section class="card"' in html and "Auto-évaluation 2026" in html
    assert "Commencer mon auto-évaluation" in html


def test_development_card_once_submitted(member, campaign, framework):
    rate(campaign, member, {framework["accueil"]: 2})
    html = development_card(_request(member))
    assert "Auto-évaluation 2026" not in html and "Mon radar et mon historique" in html


def test_talent_path_steps(rated, member, lead_link, django_assert_num_queries):
    with django_assert_num_queries(1):
        steps = assessment_steps(person=member, viewer=member)
    assert [(s.kind, s.title, s.private) for s in steps] == [
        ("assessment", "Auto-évaluation « Auto-évaluation 2026 »", True)
    ]
    assert assessment_steps(person=member, viewer=lead_link) == []
