"""The live speaker queue in real browsers (issue 4, "Done when"): three browser
contexts — the facilitator and two participants — on the ASGI server with websockets.

Both participants ask for the floor, the one who spoke earlier first; the one who has
not spoken yet in this meeting comes first in the queue and gets the floor when the
facilitator clicks "Donner la parole". Every screen updates without a reload, and a
reload in the middle shows the same queue (the state lives in the database). The
speaking-time box lists who has spoken and counts the present people who have not.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cercles.meetings import services
from cercles.meetings.models import RequestStatus
from cercles.organisation import services as org_services
from cercles.organisation.models import CoreRole
from tests.browser.conftest import axe_violations, login
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Set when the htmx websocket extension has opened the room's socket.
WATCH_SOCKET = """
window.__roomOpen = false;
document.addEventListener('htmx:wsOpen', () => { window.__roomOpen = true; });
document.addEventListener('htmx:wsClose', () => { window.__roomOpen = false; });
"""


@pytest.fixture
def room():
    admin = PersonFactory(email="ada.admin@exemple.fr", is_org_admin=True)
    circle = org_services.circle_create(by=admin, name="Accueil des usagers")
    facilitator = PersonFactory(
        email="helene.facil@exemple.fr", first_name="Hélène", last_name="Facil"
    )
    org_services.assignment_create(
        role=circle.roles.get(core_role=CoreRole.FACILITATOR), person=facilitator, by=admin
    )
    role = org_services.role_create(by=admin, circle=circle, name="Chargé d'accueil")
    yanis = PersonFactory(email="yanis.premier@exemple.fr", first_name="Yanis", last_name="Premier")
    zoe = PersonFactory(email="zoe.seconde@exemple.fr", first_name="Zoé", last_name="Seconde")
    for person in (yanis, zoe):
        org_services.assignment_create(role=role, person=person, by=admin, share=50)
    meeting = services.meeting_create(
        by=facilitator, circle=circle, title="Réunion tactique", starts_at=timezone.now()
    )
    services.meeting_start(meeting=meeting, by=facilitator)
    # Yanis has spoken once already in this meeting.
    now = timezone.now()
    services.speaker_request_create(meeting=meeting, person=yanis)
    services.floor_give(meeting=meeting, by=facilitator, at=now - datetime.timedelta(seconds=60))
    services.floor_stop(meeting=meeting, by=facilitator, at=now - datetime.timedelta(seconds=20))
    # Zoé is present and has not spoken yet.
    services.participant_set_present(meeting=meeting, person=zoe, present=True, by=facilitator)
    return {"meeting": meeting, "facilitator": facilitator, "yanis": yanis, "zoe": zoe}


def open_room(browser, base_url, person, meeting):
    context = browser.new_context(locale="fr-FR", base_url=base_url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.add_init_script(WATCH_SOCKET)
    login(page, person.email, PASSWORD)
    page.goto(f"/meetings/{meeting.pk}/")
    page.wait_for_function("() => window.__roomOpen === true")
    return context, page


def queue(page):
    return page.locator("#room-queue li")


def test_the_queue_gives_the_floor_to_who_has_not_spoken(browser, asgi_live_server, room):
    meeting = room["meeting"]
    contexts = []
    try:
        for key in ("facilitator", "yanis", "zoe"):
            contexts.append(open_room(browser, asgi_live_server, room[key], meeting))
        (_, chair), (_, yanis), (_, zoe) = contexts
        assert axe_violations(chair) == []

        # The live speaking-time box lists who has spoken and counts the others.
        for page in (chair, yanis, zoe):
            expect(page.locator("#room-times tbody tr")).to_have_count(1)
            expect(page.locator("#room-times tbody")).to_contain_text("Yanis Premier")
            expect(page.locator("#room-silent")).to_have_text(
                "1 participant présent n'a pas encore parlé."
            )

        # Yanis asks first: every screen shows him in the queue, without a reload.
        yanis.get_by_role("button", name="Demander la parole").click()
        expect(yanis.get_by_role("button", name="Retirer ma demande")).to_be_visible()
        for page in (chair, yanis, zoe):
            expect(queue(page)).to_have_count(1)
            expect(queue(page).first).to_contain_text("Yanis Premier")

        # Zoé asks next; she has not spoken yet in this meeting: she goes first.
        zoe.get_by_role("button", name="Demander la parole").click()
        for page in (chair, yanis, zoe):
            expect(queue(page)).to_have_count(2)
            expect(queue(page).nth(0)).to_contain_text("Zoé Seconde")
            expect(queue(page).nth(1)).to_contain_text("Yanis Premier")

        # A reload in the middle keeps the queue, and Zoé's own state.
        zoe.reload()
        zoe.wait_for_function("() => window.__roomOpen === true")
        expect(queue(zoe)).to_have_count(2)
        expect(queue(zoe).nth(0)).to_contain_text("Zoé Seconde")
        expect(zoe.get_by_role("button", name="Retirer ma demande")).to_be_visible()

        # The facilitator gives the floor: Zoé has it, on every screen.
        chair.get_by_role("button", name="Donner la parole", exact=True).click()
        for page in (chair, yanis, zoe):
            expect(page.locator("#room-speaker")).to_contain_text("Zoé Seconde a la parole")
            expect(queue(page)).to_have_count(1)
            expect(queue(page).first).to_contain_text("Yanis Premier")
        for page in (chair, yanis, zoe):
            expect(page.locator("#room-times tbody tr")).to_have_count(2)
            expect(page.locator("#room-silent")).to_have_count(0)
        expect(zoe.get_by_text("Vous avez la parole.")).to_be_visible()
        expect(zoe.get_by_role("button", name="Demander la parole")).to_be_visible()
        expect(chair.locator("[data-countdown-value]")).to_have_text(re.compile(r"^\d+ s$"))
        # Participants never see the facilitator's controls.
        expect(yanis.get_by_role("button", name="Donner la parole", exact=True)).to_have_count(0)

        # The facilitator stops: the speaking-time table counts Zoé's turn everywhere.
        chair.get_by_role("button", name="Arrêter la parole").click()
        for page in (chair, yanis, zoe):
            expect(page.locator("#room-speaker")).to_contain_text("Personne n'a la parole.")
            expect(page.locator("#room-times tbody")).to_contain_text("Zoé Seconde")
        turn = meeting.speaker_requests.get(person=room["zoe"], status=RequestStatus.DONE)
        assert turn.seconds > 0
    finally:
        for context, _page in contexts:
            context.close()
