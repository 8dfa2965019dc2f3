"""The decisions sections on the meeting and circle pages, in the minutes, and the
governance history's link to the decision: what they show, at a constant cost."""

import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from cercles.core import panels
from cercles.decisions import panels as decision_panels
from cercles.decisions import services
from cercles.decisions.models import ProposalKind, Step
from cercles.meetings import permissions as meeting_permissions
from cercles.organisation.selectors import parse_as_of

from .conftest import CRITERIA_MET, open_at


def request_for(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def proposals(member, meeting, n, start=0):
    return [
        services.proposal_create(
            by=member,
            circle=meeting.circle,
            meeting=meeting,
            title=f"Proposition {i}",
            tension="T",
            text="P",
            submit=True,
        )
        for i in range(start, start + n)
    ]


# --- the meeting page ------------------------------------------------------------------


def test_the_meeting_page_lists_its_proposals(login, member, meeting, facilitator, org):
    proposals(member, meeting, 1)
    waiting = services.proposal_create(
        by=member, circle=org["rh"], title="Sans réunion", tension="T", text="P", submit=True
    )
    draft = services.proposal_create(
        by=member, circle=org["rh"], meeting=meeting, title="Brouillon caché", tension="T", text="P"
    )
    page = (
        login(facilitator)
        .get(reverse("meetings:meeting_detail", args=[meeting.pk]))
        .content.decode()
    )
    assert "Proposition 0" in page and "À traiter en réunion" in page
    assert f"/circles/{org['rh'].pk}/proposals/new/?meeting={meeting.pk}" in page
    assert "Sans réunion" in page and "Traiter dans cette réunion" in page
    assert "Brouillon caché" not in page
    # A member sees the meeting's proposals, and his own draft, not the waiting ones.
    page = login(member).get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Brouillon caché" in page and "Sans réunion" not in page
    assert waiting.pk and draft.pk


def test_the_meeting_panel_costs_one_query(member, meeting, facilitator, django_assert_num_queries):
    request = request_for(facilitator)
    meeting_permissions.seen_circle_ids(facilitator)  # read by the meeting page's access
    abilities = meeting_permissions.meeting_abilities(facilitator, meeting)
    proposals(member, meeting, 1)
    # Queries: the proposals (the reader's roles are known from the meeting's abilities).
    with django_assert_num_queries(1):
        html = decision_panels.meeting_proposals(request, meeting=meeting, abilities=abilities)
    assert html.count("Proposition ") == 1
    proposals(member, meeting, 4, start=1)
    with django_assert_num_queries(1):
        html = decision_panels.meeting_proposals(request, meeting=meeting, abilities=abilities)
    assert html.count('<th scope="row"><a href=') == 5


def test_no_panel_for_who_does_not_see_the_meeting(agent, meeting):
    abilities = meeting_permissions.meeting_abilities(agent, meeting)
    assert (
        decision_panels.meeting_proposals(request_for(agent), meeting=meeting, abilities=abilities)
        == ""
    )


# --- the circle page -------------------------------------------------------------------


def adopted(member, meeting, facilitator, title, kind="operational"):
    proposal = services.proposal_create(
        by=member,
        circle=meeting.circle,
        meeting=meeting,
        title=title,
        tension="T",
        text="P",
        kind=kind,
    )
    if kind == ProposalKind.GOVERNANCE:
        services.change_add(proposal=proposal, by=member, kind="role_create", name=f"Rôle {title}")
    services.proposal_submit(proposal=proposal, by=member)
    proposal = open_at(proposal, facilitator, Step.OBJECTIONS)
    return services.proposal_adopt(proposal=proposal, by=facilitator)


def test_the_circle_page_shows_decisions_and_consultations(
    login, member, meeting, facilitator, org, agent
):
    adopted(member, meeting, facilitator, "Accueil le lundi")
    adopted(member, meeting, facilitator, "Rôle de veille", kind="governance")
    open_ = services.proposal_create(
        by=member, circle=org["rh"], title="Vendredi", tension="T", text="P"
    )
    services.proposal_consult(
        proposal=open_, by=member, closes_at=timezone.now() + datetime.timedelta(days=4)
    )
    circle_page = reverse("organisation:circle_detail", args=[org["rh"].pk])
    page = login(member).get(circle_page).content.decode()
    assert "Dernières décisions" in page and "Accueil le lundi" in page and "Rôle de veille" in page
    assert (
        "Consultations en cours" in page and "Vendredi" in page and "Nouvelle proposition" in page
    )
    page = login(agent).get(circle_page).content.decode()
    assert "Rôle de veille" in page and "Accueil le lundi" not in page and "Vendredi" not in page
    assert "Nouvelle proposition" not in page


def test_the_circle_panel_costs_constant_queries(
    member, meeting, facilitator, org, django_assert_num_queries
):
    from cercles.organisation import permissions as org_permissions

    adopted(member, meeting, facilitator, "D0")
    as_of = parse_as_of(None)
    circle = org["rh"]

    def render():
        member_ = type(member).objects.get(pk=member.pk)
        org_permissions.circle_abilities(member_, circle)  # what the circle page reads first
        return member_, decision_panels.circle_decisions(
            request_for(member_), circle=circle, abilities={}, as_of=as_of
        )

    # Queries: the reader's roles; then, unless cached, the latest decisions and the
    # open consultations (the led circles are known from the circle's abilities).
    reader = type(member).objects.get(pk=member.pk)
    org_permissions.circle_abilities(reader, circle)
    with django_assert_num_queries(3):
        decision_panels.circle_decisions(
            request_for(reader), circle=circle, abilities={}, as_of=as_of
        )
    reader = type(member).objects.get(pk=member.pk)
    org_permissions.circle_abilities(reader, circle)
    with django_assert_num_queries(1):
        decision_panels.circle_decisions(
            request_for(reader), circle=circle, abilities={}, as_of=as_of
        )
    for i in range(1, 8):
        adopted(member, meeting, facilitator, f"D{i}")
    reader = type(member).objects.get(pk=member.pk)
    org_permissions.circle_abilities(reader, circle)
    with django_assert_num_queries(3):
        html = decision_panels.circle_decisions(
            request_for(reader), circle=circle, abilities={}, as_of=as_of
        )
    assert html.count("adoptée le") == decision_panels.LATEST_DECISIONS
    assert render()[1] == html


def test_no_circle_panel_in_the_past(member, org):
    as_of = parse_as_of((timezone.localdate() - datetime.timedelta(days=3)).isoformat())
    assert (
        decision_panels.circle_decisions(
            request_for(member), circle=org["rh"], abilities={}, as_of=as_of
        )
        == ""
    )


# --- the history -----------------------------------------------------------------------


def test_history_cards_link_to_their_decision_at_constant_cost(
    login, member, meeting, facilitator, org, agent, django_assert_num_queries
):
    first = adopted(member, meeting, facilitator, "Veille", kind="governance")
    client = login(agent)
    history = reverse("organisation:circle_history", args=[org["rh"].pk])
    # Queries: session, user; the circle; the user's led circles; the count; the ids
    # of the page's changes; the changes with author, circle, role and assignment; the
    # assignments' people; the decisions of the cards (one query for any number: the
    # cards prefetch them); the moved circles' parent names.
    with django_assert_num_queries(10):
        page = client.get(history).content.decode()
    assert f'href="{first.get_absolute_url()}"' in page
    for i in range(3):
        adopted(member, meeting, facilitator, f"Veille {i}", kind="governance")
    with django_assert_num_queries(10):
        page = client.get(history).content.decode()
    assert page.count("voir la décision") == 4
    # The link leads to a page the reader may open: an adopted governance decision.
    assert client.get(first.get_absolute_url()).status_code == 200


# --- the minutes -----------------------------------------------------------------------


def test_the_minutes_keep_objections_and_dissent(
    member, meeting, facilitator, speakers, django_assert_num_queries
):
    proposal = services.proposal_create(
        by=member,
        circle=meeting.circle,
        meeting=meeting,
        title="Accueil *le lundi*",
        tension="T",
        text="Le lundi.\n\nÀ 9 h.",
        submit=True,
    )
    proposal = open_at(proposal, facilitator, Step.OBJECTIONS)
    objection = services.objection_raise(proposal=proposal, by=speakers[0], reason="Férié parfois.")
    services.objection_test(objection=objection, by=facilitator, reason="Valide.", **CRITERIA_MET)
    proposal = services.proposal_step(proposal=proposal, by=facilitator, to=Step.INTEGRATION)
    services.proposal_amend(
        proposal=proposal,
        by=member,
        text="Le premier jour ouvré.",
        integrates=[objection],
        integration_note="Jour ouvré.",
    )
    decision = services.proposal_adopt(proposal=proposal, by=facilitator)
    services.dissent_note_save(decision=decision, by=speakers[1], text="Le mardi irait mieux.")
    adopted(member, meeting, facilitator, "Veille", kind="governance")
    # Queries: decisions; objections; dissent notes; governance changes.
    with django_assert_num_queries(4):
        section = decision_panels.minutes_section(meeting=meeting)
    assert section in panels.collect("meeting_minutes", meeting=meeting)
    assert "### 1. Accueil \\*le lundi\\* — adoptée" in section
    assert "> Le premier jour ouvré." in section
    assert (
        "**Bruno Bavard** : Férié parfois. — valide, intégrée dans la version 2 : Jour ouvré."
        in section
    )
    assert "**Opinions minoritaires** :" in section and "Le mardi irait mieux." in section
    assert "### 2. Veille — adoptée" in section and "- Créer le rôle « Rôle Veille »" in section


def test_no_minutes_section_without_decision(meeting):
    assert decision_panels.minutes_section(meeting=meeting) == ""


@pytest.mark.parametrize("slot", ["meeting_detail", "circle_detail", "meeting_minutes"])
def test_registered(slot):
    names = [name for _order, name, _f in panels._PANELS[slot]]
    assert any(name.startswith("cercles.decisions.panels.") for name in names)
