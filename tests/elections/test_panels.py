"""The elections' sections on the circle's and the meeting's pages, and in the minutes."""

import datetime

from django.urls import reverse
from django.utils import timezone

from cercles.core import panels as core_panels
from cercles.elections import services
from cercles.elections.models import Resolution
from cercles.meetings import services as meeting_services
from cercles.organisation import services as org_services
from cercles.organisation.models import CoreRole
from tests.conftest import core_role


def circle_page(login, person, circle):
    return (
        login(person).get(reverse("organisation:circle_detail", args=[circle.pk])).content.decode()
    )


def test_the_circle_page_shows_the_elected_roles_and_their_terms(
    login, rh, admin, member, facilitator, colleagues
):
    org_services.assignment_create(
        role=core_role(rh, CoreRole.SECRETARY),
        person=colleagues[0],
        by=admin,
        share=5,
        end_date=timezone.localdate() + datetime.timedelta(days=12),
    )
    election = services.election_create(
        by=facilitator, circle=rh, role=core_role(rh, CoreRole.REP_LINK)
    )
    body = circle_page(login, member, rh)
    panel = body[
        body.index('id="elections"') : body.index("</section>", body.index('id="elections"'))
    ]
    assert "Rôles élus et mandats" in panel
    assert "Fabien Facilitateur" in panel and "sans échéance" in panel
    assert "Bruno Bavard" in panel and "dans 12 jours" in panel
    assert (
        f'href="/elections/{election.pk}/"' in panel
        and "En cours : Rôle et mandat décrits" in panel
    )
    assert "Rôle non pourvu" in panel  # nobody holds the rep link
    # A member reads; only who may organise an election gets the links.
    assert "Organiser l" not in panel
    for person in (facilitator, admin):
        panel = circle_page(login, person, rh)
        assert f"/circles/{rh.pk}/elections/new/?role=secretary" in panel


def test_an_archived_circle_shows_no_panel(login, org, admin):
    org_services.circle_archive(circle=org["formation"], by=admin)
    assert 'id="elections"' not in circle_page(login, admin, org["formation"])


def test_the_meeting_page_lists_its_elections(
    login, rh, admin, facilitator, member, lead_link, colleagues, advance
):
    meeting = meeting_services.meeting_create(
        by=admin, circle=rh, title="Gouvernance", starts_at=timezone.now()
    )
    url = reverse("meetings:meeting_detail", args=[meeting.pk])
    # Nothing held yet: the section is offered only to who drives the meeting.
    assert 'id="elections"' not in login(member).get(url).content.decode()
    body = login(facilitator).get(url).content.decode()
    assert f"/meetings/{meeting.pk}/elections/new/" in body
    election = services.election_create(
        by=facilitator, circle=rh, role=core_role(rh, CoreRole.SECRETARY), meeting=meeting
    )
    advance(election, "elected")
    body = login(member).get(url).content.decode()
    assert f'href="/elections/{election.pk}/"' in body
    assert "Claire Calme, jusqu&#x27;au" in body or "Claire Calme, jusqu'au" in body


def test_the_minutes_say_who_was_elected_and_the_objections(
    rh, admin, facilitator, member, colleagues, advance
):
    meeting = meeting_services.meeting_create(
        by=admin, circle=rh, title="Gouvernance", starts_at=timezone.now()
    )
    election = services.election_create(
        by=facilitator, circle=rh, role=core_role(rh, CoreRole.SECRETARY), meeting=meeting
    )
    advance(election, "objections")
    objection = services.election_answer(
        election=election, by=member, objection=True, reason="Elle est déjà\nsurchargée."
    )
    services.objection_resolve(
        objection=objection,
        by=facilitator,
        resolution=Resolution.INVALID,
        note="Vérifié : *non* <b>[lien](x)</b>.",
    )
    services.election_answer(election=election, by=colleagues[1], objection=False)
    services.election_confirm(election=election, by=facilitator)
    election.refresh_from_db()
    sections = core_panels.collect("meeting_minutes", meeting=meeting)
    text = next(s for s in sections if "## Élections" in s)
    assert "**Secrétaire** : Claire Calme est élu·e, 5 % du temps" in text
    assert election.term_end.strftime("%Y") in text
    assert (
        "Objection de Marc Membre à la proposition de Claire Calme : « Elle est déjà surchargée. »"
        " — Non retenue après vérification"
        " (« Vérifié : \\*non\\* \\<b\\>\\[lien\\](x)\\</b\\>. »)." in text
    )
    # A meeting without elections adds nothing to its minutes.
    other = meeting_services.meeting_create(
        by=admin, circle=rh, title="Tactique", starts_at=timezone.now()
    )
    assert not any(
        "## Élections" in s for s in core_panels.collect("meeting_minutes", meeting=other)
    )
