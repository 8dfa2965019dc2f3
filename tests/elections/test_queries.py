"""Each page and panel of elections costs the same number of queries whatever the data
size (two sizes measured for each)."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from cercles.elections import panels, services
from cercles.meetings import services as meeting_services
from cercles.organisation import permissions as org_permissions
from cercles.organisation import services as org_services
from cercles.organisation.models import CoreRole
from tests.conftest import core_role
from tests.factories import PersonFactory


def grow(rh, admin, n):
    """n more members of the circle."""
    role = org_services.role_create(by=admin, circle=rh, name=f"Renfort {n}")
    people = [PersonFactory() for _ in range(n)]
    for person in people:
        org_services.assignment_create(role=role, person=person, by=admin, share=10)
    return people


def busy_election(rh, facilitator, secretary_role, people, *, meeting=None):
    """An election at the objection round: everyone nominated, a change, objections."""
    election = services.election_create(
        by=facilitator, circle=rh, role=secretary_role, meeting=meeting
    )
    services.election_open(election=election, by=facilitator)
    for i, person in enumerate(people):
        services.nominate(election=election, by=person, candidate=people[i % 2], reason=f"R{i}")
    services.election_reveal(election=election, by=facilitator)
    services.nomination_change(
        election=election, by=people[0], candidate=people[1], reason="Convaincu."
    )
    services.election_propose(
        election=election, by=facilitator, candidate=people[1], reason="La plus nommée."
    )
    for person in people[2:]:
        services.election_answer(election=election, by=person, objection=True, reason="Non.")
    return election


@pytest.mark.parametrize("extra", [0, 4])
def test_election_page_queries_do_not_grow(
    client,
    rh,
    admin,
    facilitator,
    member,
    colleagues,
    secretary_role,
    extra,
    django_assert_num_queries,
):
    people = [member, *colleagues, *grow(rh, admin, extra)]
    election = busy_election(rh, facilitator, secretary_role, people)
    client.force_login(member)
    # Queries: session, user; the election with circle, role, meeting, facilitator,
    # candidate, elected person, author; the circles the user leads; his roles; the
    # nominations with people; their changes; the proposals; the objections; the log;
    # the number of members. (No form lists the people at the objection round.)
    with django_assert_num_queries(11):
        response = client.get(reverse("elections:election_detail", args=[election.pk]))
    body = response.content.decode()
    assert body.count('class="card"') >= len(people) - 2


@pytest.mark.parametrize("extra", [0, 3])
def test_circle_elections_queries_do_not_grow(
    client, rh, admin, facilitator, member, lead_link, extra, django_assert_num_queries
):
    roles = [core_role(rh, kind) for kind in (CoreRole.SECRETARY, CoreRole.REP_LINK)]
    for i in range(extra):
        election = services.election_create(by=facilitator, circle=rh, role=roles[i % 2])
        services.election_cancel(election=election, by=facilitator, reason="Test.")
    services.election_create(by=facilitator, circle=rh, role=roles[0])
    client.force_login(lead_link)
    cache.clear()
    # Queries: session, user; the circle with its parent; the circles the user leads;
    # the tree (he leads one); the elected roles, their holders, the elections in
    # progress; the count and the page of elections; the unread notifications' count
    # (the cache was emptied).
    with django_assert_num_queries(11):
        response = client.get(reverse("elections:circle_elections", args=[rh.pk]))
    assert response.content.decode().count("elections/") >= extra + 1
    # The terms are cached until the organisation or an election changes.
    with django_assert_num_queries(7):
        client.get(reverse("elections:circle_elections", args=[rh.pk]))


@pytest.fixture
def rf_request(rf: RequestFactory):
    def _request(user):
        request = rf.get("/")
        request.user = user
        return request

    return _request


@pytest.mark.parametrize("extra", [0, 3])
def test_circle_panel_queries(
    rh, admin, facilitator, lead_link, colleagues, rf_request, extra, django_assert_num_queries
):
    for person in grow(rh, admin, extra):
        org_services.assignment_create(
            role=core_role(rh, CoreRole.REP_LINK), person=person, by=admin, share=5
        )
    services.election_create(by=facilitator, circle=rh, role=core_role(rh, CoreRole.SECRETARY))
    request = rf_request(lead_link)
    org_permissions.manages(lead_link, rh.pk)  # the page has read his facts already
    cache.clear()
    # Queries: the elected roles; their holders with people; the elections in progress.
    with django_assert_num_queries(3):
        html = panels.circle_panel(request, circle=rh, abilities={})
    assert "Organiser l&#x27;élection" in html or "Organiser l'élection" in html
    assert "En cours : Rôle et mandat décrits" in html
    # Cached: nothing.
    with django_assert_num_queries(0):
        panels.circle_panel(request, circle=rh, abilities={})


@pytest.mark.parametrize("count", [1, 3])
def test_meeting_panel_and_minutes_queries(
    rh, admin, facilitator, member, colleagues, count, rf_request, django_assert_num_queries
):
    meeting = meeting_services.meeting_create(
        by=admin, circle=rh, title="Gouvernance", starts_at=timezone.now()
    )
    kinds = [CoreRole.SECRETARY, CoreRole.REP_LINK, CoreRole.FACILITATOR]
    for kind in kinds[:count]:
        busy_election(rh, admin, core_role(rh, kind), [member, *colleagues], meeting=meeting)
    request = rf_request(member)
    with django_assert_num_queries(1):
        html = panels.meeting_panel(
            request, meeting=meeting, abilities={"view": True, "drive": False}
        )
    assert html.count("<li>") == count
    # Queries: the elections with their people; their objections with people.
    with django_assert_num_queries(2):
        text = panels.meeting_minutes(meeting=meeting)
    assert text.count("Objection de") == count


@pytest.mark.parametrize("extra", [0, 4])
def test_nominating_page_queries_do_not_grow(
    client,
    rh,
    admin,
    facilitator,
    member,
    colleagues,
    secretary_role,
    extra,
    django_assert_num_queries,
):
    people = [member, *colleagues, *grow(rh, admin, extra)]
    election = services.election_create(by=facilitator, circle=rh, role=secretary_role)
    services.election_open(election=election, by=facilitator)
    for person in people[1:]:
        services.nominate(election=election, by=person, candidate=member, reason="Oui.")
    client.force_login(facilitator)
    # Queries: session, user; the election; his roles (as its facilitator he runs it:
    # no need for the circles he leads); the nominations (he sees them all); their
    # changes; the proposals; the objections; the log; the number of members; the
    # people he may nominate.
    with django_assert_num_queries(11):
        response = client.get(reverse("elections:election_detail", args=[election.pk]))
    body = response.content.decode()
    assert body.count("<td>Oui.</td>") == len(people) - 1
    assert body.count("<option value=") >= len(people)
