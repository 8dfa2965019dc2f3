"""The missions' sections elsewhere: the circle page, the "Mon développement" card and
a person's talent path (private applications, public accepted missions)."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from cercles.missions import services
from cercles.missions.panels import circle_open_missions, development_card, mission_steps
from cercles.organisation.selectors import parse_as_of
from tests.factories import PersonFactory


def request_of(person):
    request = RequestFactory().get("/")
    request.user = person
    return request


def test_circle_page_lists_its_open_missions(login, make_mission, poster, agent, org):
    make_mission(title="Juriste")
    make_mission(title="Brouillon", new_role_name="B", publish=False)
    page = reverse("organisation:circle_detail", args=[org["numerique"].pk])
    body = login(agent).get(page).content.decode()
    assert "Missions ouvertes" in body and "Juriste" in body and "Brouillon" not in body
    assert "Proposer une mission" not in body
    assert "Proposer une mission" in login(poster).get(page).content.decode()
    # A circle with no mission shows nothing to those who cannot post one.
    rh = reverse("organisation:circle_detail", args=[org["rh"].pk])
    assert 'id="missions"' not in login(agent).get(rh).content.decode()


@pytest.mark.parametrize("count", [3, 6])
def test_circle_panel_costs_one_query(make_mission, poster, org, count, django_assert_num_queries):
    for i in range(count):
        make_mission(title=f"M{i}", new_role_name=f"R{i}")
    request = request_of(poster)
    from cercles.organisation.permissions import manages

    manages(poster, org["numerique"].pk)  # the circle page has read his led circles
    # Queries: the circle's open missions.
    with django_assert_num_queries(1):
        html = circle_open_missions(
            request, circle=org["numerique"], abilities={}, as_of=parse_as_of(None)
        )
    assert html.count("/missions/") >= count


def test_development_card(make_mission, member, apply, django_assert_num_queries):
    apply(make_mission())
    make_mission(title="Autre", new_role_name="Autre")
    # Queries: the open missions' count; his live applications' count.
    with django_assert_num_queries(2):
        html = development_card(request_of(member))
    assert "2 missions à temps partiel sont ouvertes" in html
    assert "Mes candidatures (1 en cours)" in html and "<h2" in html


def test_talent_path_shows_applications_only_to_those_entitled(
    make_mission, member, poster, lead_link, agent, apply, admin
):
    pending = apply(make_mission(title="En attente", new_role_name="A"))
    accepted_mission = make_mission(title="Acceptée", new_role_name="B", share=10)
    accepted = services.application_select(application=apply(accepted_mission), by=poster)
    services.application_accept(application=accepted, by=member)

    def titles(viewer):
        return [(s.title, s.private) for s in mission_steps(person=member, viewer=viewer)]

    both = [
        ("Candidature à la mission « En attente »", True),
        ("Mission « Acceptée » (10 %)", False),
    ]
    assert titles(member) == both
    assert titles(poster) == both  # he manages the missions' circle
    assert titles(admin) == both
    # Informed of the accepted one only; the pending one stays hidden from him.
    assert titles(lead_link) == [("Mission « Acceptée » (10 %)", False)]
    assert titles(agent) == [("Mission « Acceptée » (10 %)", False)]
    assert titles(PersonFactory()) == [("Mission « Acceptée » (10 %)", False)]
    assert pending.pk


@pytest.mark.parametrize("count", [3, 6])
def test_talent_path_query_count(
    make_mission, member, apply, agent, count, django_assert_num_queries
):
    for i in range(count):
        apply(make_mission(title=f"M{i}", new_role_name=f"R{i}", share=1))
    # Queries: his applications with missions and circles; their lead links informed;
    # the viewer's led circles (read once).
    with django_assert_num_queries(3):
        steps = mission_steps(person=member, viewer=agent)
    assert steps == []
