"""The polls demo: polls of every kind on the demo circles and meetings, one anonymous,
some closed with their outcome, some open with votes and a deadline ahead."""

import pytest
from django.urls import reverse

from cercles.accounts.models import Person
from cercles.core.models import Notification
from cercles.meetings import demo as meetings_demo
from cercles.organisation import demo as org_demo
from cercles.polls import demo
from cercles.polls.models import Ballot, Poll, PollStatus

pytestmark = pytest.mark.django_db


def test_the_demo_loads_polls_of_every_kind(client, django_capture_on_commit_callbacks):
    org_demo.load(log=lambda _m: None)
    meetings_demo.load(log=lambda _m: None)
    assert not demo.is_loaded()
    logs = []
    with django_capture_on_commit_callbacks(execute=True):
        result = demo.load(log=logs.append)
    demo.settle_notifications()
    assert demo.is_loaded() and "Sondages :" in logs[0]
    polls = list(Poll.objects.all())
    assert result["polls"] == len(polls) == 7
    assert {p.kind for p in polls} == {"ranked", "consent", "score", "time_slot", "dots", "yes_no"}
    assert {p.ranking_method for p in polls if p.kind == "ranked"} == {"irv", "borda"}
    assert len({p.circle_id for p in polls}) == 2
    closed = [p for p in polls if p.status == PollStatus.CLOSED]
    assert len(closed) == 5 and all(p.outcome for p in closed)
    assert any(p.quorum_reached is False for p in closed)
    assert any(p.meeting_id for p in polls)
    anonymous = Poll.objects.get(is_anonymous=True)
    assert anonymous.voter_count >= anonymous.min_respondents
    assert not Ballot.objects.filter(poll=anonymous, person__isnull=False).exists()
    assert Ballot.objects.filter(poll=anonymous, answer__position="object").count() == 1
    open_polls = [p for p in polls if p.status == PollStatus.OPEN]
    assert all(p.closes_at and 0 < p.voter_count < p.electorate_size for p in open_polls)
    # The notifications about closed polls are settled; the open ones still wait.
    closed_urls = [p.get_absolute_url() for p in closed]
    assert not Notification.objects.unread().filter(url__in=closed_urls).exists()
    assert Notification.objects.unread().filter(kind="poll_open").exists()
    # The pages show them, to the admin and to a member.
    admin = Person.objects.get(email=org_demo.ADMIN_EMAIL)
    client.force_login(admin)
    for poll in polls:
        assert client.get(poll.get_absolute_url()).status_code == 200
        assert client.get(reverse("polls:poll_results", args=[poll.pk])).status_code == 200
    irv = Poll.objects.get(question=demo.FIRST_QUESTION)
    body = client.get(reverse("polls:poll_results", args=[irv.pk])).content.decode()
    assert "Tours du vote alternatif" in body and "Tour 2" in body
    # Wiped cleanly, before the meetings.
    demo.wipe()
    assert not Poll.objects.exists() and not Ballot.objects.exists()
    meetings_demo.wipe()
