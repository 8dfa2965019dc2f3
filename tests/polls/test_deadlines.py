"""The periodic task: polls close at their deadline and leave a prompt for the outcome;
the electors who have not voted are reminded once, 24 hours before (idempotent)."""

import datetime

import pytest
from django.utils import timezone

from cercles.core.models import Notification
from cercles.polls import services
from cercles.polls.models import Poll, PollStatus
from cercles.polls.tasks import poll_deadlines


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run a function with its notifications sent (they go after commit)."""

    def _run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return _run


def test_due_polls_close_and_ask_for_the_outcome(make_poll, voters, facilitator, member, run):
    deadline = timezone.now() + datetime.timedelta(days=3)
    poll = make_poll("yes_no", by=member, closes_at=deadline, quorum_kind="count", quorum_value=2)
    services.poll_vote(poll=poll, person=voters[0], answer={"choice": "yes"})
    other = make_poll("yes_no", closes_at=deadline + datetime.timedelta(days=1))
    assert run(services.close_due_polls, deadline - datetime.timedelta(seconds=1)) == 0
    assert run(services.close_due_polls, deadline) == 1
    poll.refresh_from_db()
    assert poll.status == PollStatus.CLOSED and poll.closed_at == deadline
    assert poll.closed_by is None and poll.closed_automatically
    assert poll.outcome == "" and poll.needs_outcome
    assert poll.quorum_reached is False
    asked = set(
        Notification.objects.filter(kind="poll_outcome_needed").values_list("recipient", flat=True)
    )
    assert asked == {member.pk, facilitator.pk}  # the author and the circle's facilitator
    assert Notification.objects.filter(kind="poll_closed", recipient=voters[0]).exists()
    # Idempotent: nothing more the second time; the other poll is still open.
    assert run(services.close_due_polls, deadline) == 0
    assert Notification.objects.filter(kind="poll_outcome_needed").count() == 2
    assert Poll.objects.get(pk=other.pk).status == PollStatus.OPEN


def test_reminders_go_once_to_those_who_have_not_voted(make_poll, voters, facilitator, run):
    now = timezone.now()
    deadline = now + datetime.timedelta(days=5)
    poll = make_poll("yes_no", closes_at=deadline)
    services.poll_vote(poll=poll, person=voters[0], answer={"choice": "yes"})
    assert services.reminder_due_at(poll) == deadline - datetime.timedelta(hours=24)
    assert run(services.remind_due_polls, deadline - datetime.timedelta(hours=25)) == 0
    sent = run(services.remind_due_polls, deadline - datetime.timedelta(hours=23))
    reminded = set(
        Notification.objects.filter(kind="poll_reminder").values_list("recipient", flat=True)
    )
    assert sent == 5 and voters[0].pk not in reminded and facilitator.pk in reminded
    text = Notification.objects.filter(kind="poll_reminder").first().text
    assert "Vous n'avez pas encore voté" in text and poll.question in text
    # A second run (or a second worker) sends nothing more.
    assert run(services.remind_due_polls, deadline - datetime.timedelta(hours=1)) == 0
    assert Notification.objects.filter(kind="poll_reminder").count() == 5
    poll.refresh_from_db()
    assert poll.reminded_at is not None


def test_a_short_poll_is_reminded_halfway(make_poll):
    now = timezone.now()
    poll = make_poll("yes_no", closes_at=now + datetime.timedelta(hours=10), now=now)
    assert services.reminder_due_at(poll) == now + datetime.timedelta(hours=5)


def test_polls_without_deadline_are_neither_reminded_nor_closed(make_poll, run):
    poll = make_poll("yes_no")
    later = timezone.now() + datetime.timedelta(days=365)
    assert run(services.remind_due_polls, later) == 0
    assert run(services.close_due_polls, later) == 0
    poll.refresh_from_db()
    assert poll.status == PollStatus.OPEN and services.reminder_due_at(poll) is None


def test_the_task_closes_and_reminds(make_poll, run):
    poll = make_poll("yes_no", closes_at=timezone.now() + datetime.timedelta(hours=2))
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - datetime.timedelta(seconds=1))
    result = run(poll_deadlines)
    assert result == {"closed": 1, "reminded": 0}
    assert Poll.objects.get(pk=poll.pk).status == PollStatus.CLOSED


def test_the_task_is_scheduled(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["poll-deadlines"]
    assert entry["task"] == "cercles.polls.tasks.poll_deadlines"
    assert entry["schedule"] <= 15 * 60
