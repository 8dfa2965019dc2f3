"""The live room's websocket, through the real ASGI application (cercles.asgi): the
session cookie authenticates (AuthMiddlewareStack), the origin is checked, and the
in-memory channel layer carries the broadcasts.

The consumer reads the database from its own threads: these tests commit their data
(`transaction=True`), and each runs its event loop in a thread of its own, as
tests/core/test_asgi.py does."""

import asyncio
import datetime
import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from channels.db import database_sync_to_async
from django.test import Client
from django.utils import timezone

from cercles.meetings import services
from cercles.meetings.models import RequestStatus

from .ws import WebsocketCommunicator

pytestmark = pytest.mark.django_db(transaction=True)


def run(coro_fn, *args):
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro_fn(*args)).result(timeout=60)


def session_cookie(person) -> bytes:
    client = Client()
    client.force_login(person)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


def cookies(*people) -> dict:
    return {person: session_cookie(person) for person in people}


def communicator(meeting, cookie=None, origin=b"http://testserver"):
    from cercles.asgi import application

    headers = [(b"origin", origin), (b"host", b"testserver")]
    if cookie is not None:
        headers.append((b"cookie", cookie))
    return WebsocketCommunicator(application, f"/ws/meetings/{meeting.pk}/", headers=headers)


async def connect(meeting, cookie):
    com = communicator(meeting, cookie)
    connected, _code = await com.connect(timeout=10)
    assert connected
    first = await com.receive_from(timeout=10)
    return com, first


async def send(com, **message):
    await com.send_to(text_data=json.dumps(message))


async def receive_until(com, needle, tries=5):
    """Messages until one holds `needle` (a reply to the sender comes with the broadcast)."""
    for _ in range(tries):
        text = await com.receive_from(timeout=10)
        if needle in text:
            return text
    raise AssertionError(f"{needle!r} never came")


def queue_part(html):
    start = html.index('id="room-queue"')
    return html[start : html.index('id="room-times"')]


def times_part(html):
    start = html.index('id="room-times"')
    return html[start : html.index('id="room-tensions"')]


def test_anonymous_is_refused(live_meeting):
    async def scenario():
        com = communicator(live_meeting)
        connected, _code = await com.connect(timeout=10)
        await com.disconnect()
        return connected

    assert run(scenario) is False


def test_someone_from_another_origin_is_refused(live_meeting, member):
    cookie = cookies(member)

    async def scenario():
        com = communicator(live_meeting, cookie[member], origin=b"http://evil.example")
        connected, _code = await com.connect(timeout=10)
        await com.disconnect()
        return connected

    assert run(scenario) is False


def test_a_non_participant_is_refused(live_meeting, agent):
    cookie = cookies(agent)

    async def scenario():
        com = communicator(live_meeting, cookie[agent])
        connected, code = await com.connect(timeout=10)
        await com.disconnect()
        return connected, code

    connected, _code = run(scenario)
    assert connected is False


def test_unknown_meeting_is_refused(live_meeting, member):
    cookie = cookies(member)
    live_meeting.pk = 999999

    async def scenario():
        com = communicator(live_meeting, cookie[member])
        connected, _code = await com.connect(timeout=10)
        await com.disconnect()
        return connected

    assert run(scenario) is False


def test_participants_ask_and_everyone_sees_it(live_meeting, member, speakers):
    bruno = speakers[0]
    cookie = cookies(member, bruno)

    async def scenario():
        marc, first = await connect(live_meeting, cookie[member])
        other, _ = await connect(live_meeting, cookie[bruno])
        await send(marc, action="ask", kind="speak")
        mine = await receive_until(marc, "Marc Membre")
        theirs = await receive_until(other, "Marc Membre")
        await marc.disconnect()
        await other.disconnect()
        return first, mine, theirs

    first, mine, theirs = run(scenario)
    # The state on connect: the three boxes and the person's own buttons.
    for box in ("room-speaker", "room-queue", "room-times", "room-tensions", "room-controls"):
        assert f'id="{box}"' in first
    assert first.count('hx-swap-oob="true"') == 5
    assert "Demander la parole" in first
    # Marc sees himself queued and may withdraw; Bruno sees Marc queued and may ask.
    assert "Marc Membre" in queue_part(mine) and "Retirer ma demande" in mine
    assert "Marc Membre" in queue_part(theirs) and "Retirer ma demande" not in theirs
    assert "Demander la parole" in theirs
    # Participants get no facilitator buttons.
    assert "Donner la parole" not in mine
    assert live_meeting.speaker_requests.get().person == member


def test_only_the_facilitator_drives(live_meeting, member, facilitator):
    cookie = cookies(member, facilitator)

    async def scenario():
        marc, _ = await connect(live_meeting, cookie[member])
        fabien, first = await connect(live_meeting, cookie[facilitator])
        await send(marc, action="ask")
        await receive_until(fabien, "Marc Membre")
        await send(marc, action="give")
        refused = await receive_until(marc, "Seul le facilitateur")
        await send(fabien, action="give")
        given = await receive_until(marc, "a la parole")
        seen = await receive_until(fabien, "a la parole")
        await marc.disconnect()
        await fabien.disconnect()
        return first, refused, given, seen

    first, refused, given, seen = run(scenario)
    assert "Seul le facilitateur anime la réunion." in refused
    assert 'role="alert"' in refused
    assert "Vous avez la parole." in given and "data-countdown-end=" in given
    assert "Arrêter la parole" in seen and "Arrêter la parole" not in given
    assert live_meeting.speaker_requests.get().status == RequestStatus.SPEAKING


def test_a_change_made_elsewhere_is_pushed(live_meeting, member, facilitator, speakers):
    """A change through the pages or the API (a service call) reaches the sockets."""
    cookie = cookies(member)

    async def scenario():
        marc, _ = await connect(live_meeting, cookie[member])
        await database_sync_to_async(services.speaker_request_create)(
            meeting=live_meeting, person=speakers[1]
        )
        pushed = await receive_until(marc, "Claire Calme")
        await marc.disconnect()
        return pushed

    assert "Claire Calme" in queue_part(run(scenario))


def test_bad_messages_get_an_error_and_keep_the_connection(live_meeting, member):
    cookie = cookies(member)

    async def scenario():
        marc, _ = await connect(live_meeting, cookie[member])
        await marc.send_to(text_data="not json")
        unreadable = await marc.receive_from(timeout=10)
        await send(marc, action="dance")
        unknown = await marc.receive_from(timeout=10)
        await send(marc, action="withdraw")
        nothing = await marc.receive_from(timeout=10)
        await send(marc, action="give", request="abc")
        await marc.receive_from(timeout=10)
        await marc.disconnect()
        return unreadable, unknown, nothing

    unreadable, unknown, nothing = run(scenario)
    assert "Message illisible." in unreadable
    assert "Action inconnue." in unknown
    assert "Vous n&#x27;avez pas de demande en attente." in nothing


def test_reconnecting_shows_the_same_state(live_meeting, member, facilitator, speakers):
    cookie = cookies(member)
    services.speaker_request_create(meeting=live_meeting, person=speakers[0])

    async def scenario():
        marc, first = await connect(live_meeting, cookie[member])
        await marc.disconnect()
        again, second = await connect(live_meeting, cookie[member])
        await again.disconnect()
        return first, second

    first, second = run(scenario)
    assert "Bruno Bavard" in queue_part(first)
    assert first == second


def test_a_tension_added_live_reaches_everyone(live_meeting, member, speakers, admin):
    from cercles.meetings.models import AgendaItemKind

    services.agenda_item_create(
        meeting=live_meeting, by=admin, title="Triage des tensions", kind=AgendaItemKind.TRIAGE
    )
    bruno = speakers[0]
    cookie = cookies(member, bruno)

    async def scenario():
        marc, first = await connect(live_meeting, cookie[member])
        other, _ = await connect(live_meeting, cookie[bruno])
        await send(marc, action="tension", title="Astreintes du week-end")
        theirs = await receive_until(other, "Astreintes du week-end")
        await send(marc, action="tension", title="   ")
        error = await receive_until(marc, "Décrivez la tension")
        await marc.disconnect()
        await other.disconnect()
        return first, theirs, error

    first, theirs, error = run(scenario)
    assert 'id="room-tensions"' in first and "Aucune tension ajoutée" in first
    tensions = theirs[theirs.index('id="room-tensions"') :]
    assert "Astreintes du week-end" in tensions and "Marc Membre" in tensions
    assert 'id="room-error"' in error
    assert live_meeting.agenda_items.filter(kind="tension").count() == 1


def test_the_update_lists_only_who_spoke(live_meeting, admin, facilitator, member, speakers):
    """The speaking-time box of a live update: who spoke, and a count of the others;
    the equity figure counts everyone present (docs/performance.md)."""
    bruno, claire = speakers
    for person in (member, bruno, claire):
        services.participant_set_present(
            meeting=live_meeting, person=person, present=True, by=admin
        )
    services.speaker_request_create(meeting=live_meeting, person=bruno)
    cookie = cookies(member)

    async def scenario():
        marc, first = await connect(live_meeting, cookie[member])
        await database_sync_to_async(services.floor_give)(meeting=live_meeting, by=facilitator)
        given = await receive_until(marc, "Bruno Bavard</strong> a la parole")
        await database_sync_to_async(services.floor_stop)(
            meeting=live_meeting, by=facilitator, at=timezone.now() + datetime.timedelta(seconds=30)
        )
        stopped = await receive_until(marc, "Personne n'a la parole.")
        await marc.disconnect()
        return first, given, stopped

    first, given, stopped = run(scenario)
    box = times_part(first)
    assert "<table" not in box
    assert "3 participants présents n'ont pas encore parlé." in box
    for update in (given, stopped):
        box = times_part(update)
        assert '<th scope="row">Bruno Bavard</th><td>1</td>' in box
        assert "Marc Membre" not in box and "Claire Calme" not in box
        assert "2 participants présents n'ont pas encore parlé." in box
    assert '<th scope="row">Bruno Bavard</th><td>1</td><td>30 s</td>' in times_part(stopped)
    # Bruno's 30 s against two zeros: 1 − Gini = 1/3.
    assert "Équité du temps de parole : <strong>33 %</strong>" in times_part(stopped)
