"""Promise 3: after an anonymous vote, nothing ties the ballot back to its voter.

The vote goes through the page and through the API, with every log record kept (DEBUG,
all loggers, SQL included). Then:
- no row reachable from the ballot (following its foreign keys, and the rows pointing
  at it) names the voter, in a key or in a text;
- the participation row (one per voter, for "one ballot per person" and reminders)
  has no time at all; the ballot keeps only its day;
- no row anywhere holds the voter's id with a time inside the voting window (such a row
  would date his request to the second and so tie him to the ballot's INSERT);
- no log record and no cache entry that speaks of the ballot names him;
- the results page, its CSV and the API never name a voter of an anonymous poll, to
  anyone (its author and admins included);
- ballot and participation ids are random, not in voting order; on SQLite the random
  id is the rowid (no hidden insertion counter); on PostgreSQL the ballots lie in the
  order of their ids and all carry the last vote's transaction id.
"""

import datetime
import json
import logging
import pickle

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection, models
from django.utils import timezone
from rest_framework.test import APIClient

from cercles.accounts.tokens import api_token_create
from cercles.polls import services
from cercles.polls.models import RANDOM_ID_MAX, Ballot, Participation, Poll
from tests.factories import PersonFactory

MARKER = "Marqueur-vote-4c2e : la cantine ferme trop tôt."
API_MARKER = "Marqueur-vote-8d1a : et le parking aussi."


@pytest.fixture
def secret_voter(circle, admin):
    """A member of the circle with a recognisable name, who votes anonymously."""
    from cercles.organisation import services as org_services

    person = PersonFactory(first_name="Zoé", last_name="Discrète", email="zoe.discrete@exemple.fr")
    role = org_services.role_create(by=admin, circle=circle, name="Agente d'accueil")
    org_services.assignment_create(role=role, person=person, by=admin, share=50)
    return person


@pytest.fixture
def all_logs(caplog):
    caplog.set_level(logging.DEBUG)
    for name in ("django", "django.db.backends", "django.request", "celery", "cercles"):
        caplog.set_level(logging.DEBUG, logger=name)
    connection.force_debug_cursor = True
    yield caplog
    connection.force_debug_cursor = False


def markers_of(person) -> list[str]:
    return [person.email, person.email.split("@")[0], person.first_name, person.last_name]


def names(text: str, person) -> bool:
    lowered = text.lower()
    return any(m.lower() in lowered for m in markers_of(person))


def _texts(row: dict, model) -> list[str]:
    values = []
    for field in model._meta.concrete_fields:
        value = row.get(field.attname)
        if value is None:
            continue
        if isinstance(field, models.JSONField):
            values.append(json.dumps(value, ensure_ascii=False))
        elif isinstance(field, models.CharField | models.TextField):
            values.append(str(value))
    return values


def reachable_rows(ballot: Ballot):
    """The ballot's row, the rows its foreign keys lead to (recursively), and the rows
    of any table that point at a ballot: (model, row dict)."""
    person_model = apps.get_model(settings.AUTH_USER_MODEL)
    seen = set()
    queue = [(Ballot, ballot.pk)]
    while queue:
        model, pk = queue.pop()
        if (model, pk) in seen or model is person_model:
            continue  # a person's own row is where a link would lead, not a link
        seen.add((model, pk))
        row = model._default_manager.filter(pk=pk).values().first()
        if row is None:
            continue
        yield model, row
        for field in model._meta.concrete_fields:
            if field.is_relation and row.get(field.attname) is not None:
                queue.append((field.related_model, row[field.attname]))
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is Ballot:
                for row in model._default_manager.filter(**{field.attname: ballot.pk}).values():
                    yield model, row


def assert_ballot_names_nobody(ballot: Ballot, voter):
    person_model = apps.get_model(settings.AUTH_USER_MODEL)
    checked = 0
    for model, row in reachable_rows(ballot):
        checked += 1
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is person_model:
                assert row.get(field.attname) != voter.pk, (
                    f"{model._meta.label}.{field.name} ties the ballot to its voter: {row}"
                )
        for text in _texts(row, model):
            assert not names(text, voter), f"{model._meta.label} row {row} names the voter"
    assert checked >= 3  # the ballot, its poll, its circle at least


def assert_no_row_in_the_window(voter, start, end):
    person_model = apps.get_model(settings.AUTH_USER_MODEL)
    checked = 0
    for model in apps.get_models(include_auto_created=True):
        fields = model._meta.concrete_fields
        times = [f for f in fields if isinstance(f, models.DateTimeField)]
        if model is person_model:
            links = [model._meta.pk]
        else:
            links = [f for f in fields if f.is_relation and f.related_model is person_model]
        if not times or not links:
            continue
        checked += 1
        for link in links:
            for row in model._default_manager.filter(**{link.attname: voter.pk}).values():
                for field in times:
                    moment = row[field.attname]
                    assert moment is None or not (start <= moment <= end), (
                        f"{model._meta.label}.{field.name} = {moment} names the voter "
                        f"within the voting window: {row}"
                    )
    assert checked >= 3


def assert_logs_name_nobody(records, voter, refs: list[str]):
    seen = 0
    for record in records:
        text = record.getMessage() + (repr(record.args) if record.args else "")
        if not any(ref in text for ref in refs):
            continue
        seen += 1
        assert not names(text, voter), text
        assert f'person_id" = {voter.pk}' not in text and f"'person_id': {voter.pk}" not in text
    assert seen >= 1  # the capture works: the ballot's INSERT at least was logged


def assert_cache_names_nobody(voter, refs: list[str]):
    store = getattr(cache, "_cache", None)
    assert store is not None, "the test cache is Django's local-memory cache"
    for key, raw in list(store.items()):
        try:
            value = repr(pickle.loads(raw))
        except Exception:  # an entry we cannot read is looked at raw
            value = repr(raw)
        text = f"{key} {value}"
        if any(ref in text for ref in refs):
            assert not names(text, voter), key


def assert_answers_name_nobody(poll: Poll, voter, viewers):
    client = APIClient()
    for viewer in viewers:
        client.force_authenticate(viewer)
        for address in (
            f"/api/v1/polls/{poll.pk}/",
            f"/api/v1/polls/{poll.pk}/results/",
            "/api/v1/polls/",
        ):
            response = client.get(address)
            assert response.status_code == 200, address
            assert not names(json.dumps(response.json(), ensure_ascii=False), voter), address
        client.force_authenticate(None)
        client.force_login(viewer)
        for address in (
            f"/polls/{poll.pk}/results/",
            f"/circles/{poll.circle_id}/polls/?status=all",
        ):
            main = client.get(address).content.decode().split('<main id="main"', 1)[1]
            assert not names(main, voter), (viewer, address)
        csv = client.get(f"/polls/{poll.pk}/results.csv")
        assert csv.status_code == 200
        assert not names(csv.content.decode("utf-8-sig"), voter)
        client.logout()


def _close_with_enough_votes(poll, voters, facilitator):
    for person in voters:
        services.poll_vote(poll=poll, person=person, answer={"position": "agree"})
    return services.poll_close(poll=poll, by=facilitator, outcome="Adopté.")


def test_an_anonymous_vote_through_the_page(
    client, make_poll, secret_voter, voters, facilitator, admin, all_logs,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    poll = make_poll("consent", is_anonymous=True, question="Fermer la cantine à 14 h ?")
    client.force_login(secret_voter)
    start = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(poll.get_absolute_url(), {"position": "object", "comment": MARKER})
    end = timezone.now()
    assert response.status_code == 302
    ballot = Ballot.objects.get(poll=poll)
    assert ballot.person_id is None and ballot.comment == MARKER
    assert Participation.objects.filter(poll=poll, person=secret_voter).exists()
    assert_no_row_in_the_window(secret_voter, start, end)
    # Nor his session: saved during the vote, its expiry would give the second of it.
    age = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    for session in Session.objects.all():
        assert not (start <= session.expire_date - age <= end)
    assert_ballot_names_nobody(ballot, secret_voter)
    refs = [MARKER[:20], "polls_ballot"]
    assert_logs_name_nobody(all_logs.records, secret_voter, refs)
    assert_cache_names_nobody(secret_voter, refs)
    _close_with_enough_votes(poll, voters, facilitator)
    assert_answers_name_nobody(poll, secret_voter, [secret_voter, admin, facilitator])
    # The objection and its reason are there, without a name.
    page = client.get(f"/polls/{poll.pk}/results/").content.decode()
    assert "la cantine ferme trop tôt" in page and "J&#x27;objecte" in page
    assert_ballot_names_nobody(Ballot.objects.get(comment=MARKER), secret_voter)


def test_an_anonymous_vote_through_the_api(
    make_poll, secret_voter, voters, facilitator, admin, all_logs,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    poll = make_poll("consent", is_anonymous=True)
    _token, raw = api_token_create(person=secret_voter, name="mobile")
    api = APIClient()
    start = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            f"/api/v1/polls/{poll.pk}/vote/",
            {"answer": {"position": "concerns"}, "comment": API_MARKER},
            format="json",
            HTTP_AUTHORIZATION=f"Token {raw}",
        )
    end = timezone.now()
    assert response.status_code == 200
    assert response.json()["my_ballot"] is None
    # The token's last use keeps the day, not the second of this call.
    assert_no_row_in_the_window(secret_voter, start, end)
    ballot = Ballot.objects.get(poll=poll)
    assert_ballot_names_nobody(ballot, secret_voter)
    assert_logs_name_nobody(all_logs.records, secret_voter, [API_MARKER[:20], "polls_ballot"])
    _close_with_enough_votes(poll, voters, facilitator)
    assert_answers_name_nobody(poll, secret_voter, [secret_voter, admin])


def test_the_checks_would_catch_a_named_ballot(make_poll, secret_voter):
    """The same checks fail for an open poll: they are able to see a link."""
    poll = make_poll("consent")
    services.poll_vote(poll=poll, person=secret_voter, answer={"position": "agree"})
    with pytest.raises(AssertionError, match="ties the ballot to its voter"):
        assert_ballot_names_nobody(Ballot.objects.get(poll=poll), secret_voter)


def test_the_participation_row_has_no_time_and_the_ballot_only_its_day():
    time_fields = (models.DateTimeField, models.DateField, models.TimeField)
    assert not [f for f in Participation._meta.concrete_fields if isinstance(f, time_fields)]
    assert [f.name for f in Ballot._meta.concrete_fields if isinstance(f, time_fields)] == [
        "cast_on"
    ]
    assert not any(isinstance(f, models.DateTimeField) for f in Ballot._meta.concrete_fields)


def test_ids_are_random_not_in_voting_order(make_poll, circle, admin):
    from cercles.organisation import services as org_services

    role = org_services.role_create(by=admin, circle=circle, name="Votants")
    people = [PersonFactory() for _ in range(16)]
    for person in people:
        org_services.assignment_create(role=role, person=person, by=admin, share=10)
    poll = make_poll("yes_no", is_anonymous=True)
    ballots, participations = [], []
    for person in people:
        before = set(Ballot.objects.values_list("pk", flat=True))
        services.poll_vote(poll=poll, person=person, answer={"choice": "yes"})
        ballots += list(set(Ballot.objects.values_list("pk", flat=True)) - before)
        participations.append(Participation.objects.get(poll=poll, person=person).pk)
    for ids in (ballots, participations):
        assert len(ids) == 16 and all(0 < pk <= RANDOM_ID_MAX for pk in ids)
        assert ids != sorted(ids) and ids != sorted(ids, reverse=True)
        assert 2 <= sum(a > b for a, b in zip(ids, ids[1:], strict=False)) <= 13


def test_the_storage_keeps_no_voting_order(make_poll, voters, member, facilitator):
    poll = make_poll("yes_no", is_anonymous=True)
    for person in [*voters, member, facilitator]:
        services.poll_vote(poll=poll, person=person, answer={"choice": "yes"})
    ids = sorted(Ballot.objects.filter(poll=poll).values_list("pk", flat=True))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # The random id *is* the rowid: the table has no other (sequential) key.
            cursor.execute("SELECT rowid, id FROM polls_ballot ORDER BY rowid")
            rows = cursor.fetchall()
            assert [r for r, _ in rows] == [i for _, i in rows] == ids
        else:
            cursor.execute(
                "SELECT id, xmin::text FROM polls_ballot WHERE poll_id = %s ORDER BY ctid",
                [poll.pk],
            )
            rows = cursor.fetchall()
            assert [i for i, _ in rows] == ids  # stored in id order, not voting order
            assert len({x for _, x in rows}) == 1  # all rewritten by the last vote
