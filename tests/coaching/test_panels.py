"""The "Mon développement" card: the reader's own coaching, two queries."""

import pytest
from django.test import RequestFactory

from cercles.coaching.panels import coaching_card

from .conftest import make_coach, make_request, matched_pair

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/development/")
    request.user = user
    return request


def test_card_counts_his_requests_in_two_queries(coordinator, agent, django_assert_num_queries):
    matched_pair(coordinator, request=make_request(agent))
    make_request(agent)
    # his coach profile exists?; his requests counted by state.
    with django_assert_num_queries(2):
        html = coaching_card(_request(agent))
    assert "<h2>Être accompagné</h2>" in html
    assert "1 accompagnement en cours." in html and "1 demande en attente." in html
    assert "Devenir développeur de talents" in html


def test_card_for_a_coach(agent):
    make_coach(agent)
    html = coaching_card(_request(agent))
    assert "Mon profil d'accompagnant" in html and "en cours" not in html
