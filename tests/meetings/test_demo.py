"""The meetings demo: past meetings of two circles whose equity trend shows, with their
checklists, tensions, actions, ratings and minutes; one coming meeting per circle."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from cercles.accounts.models import Person
from cercles.meetings import demo
from cercles.meetings.models import (
    Meeting,
    MeetingAction,
    MeetingMinutes,
    MeetingRating,
    MeetingStatus,
)
from cercles.meetings.trends import equity_trend
from cercles.organisation.demo import ADMIN_EMAIL

pytestmark = pytest.mark.django_db


def test_load_demo_loads_meetings_once(client):
    call_command("load_demo", stdout=StringIO())
    assert demo.is_loaded()
    closed = list(
        Meeting.objects.filter(status=MeetingStatus.CLOSED).order_by("circle_id", "starts_at")
    )
    assert len(closed) == 6 and len({m.circle_id for m in closed}) == 2
    coming = Meeting.objects.filter(status=MeetingStatus.PLANNED)
    assert coming.count() == 2 and all(m.checklist_items.exists() for m in coming)
    figures = equity_trend(closed)
    means = {}
    for rating in MeetingRating.objects.all():
        means.setdefault(rating.meeting_id, []).append(rating.score)
    for circle_id in {m.circle_id for m in closed}:
        ours = [m for m in closed if m.circle_id == circle_id]
        trend = [figures[m.pk] for m in ours]
        assert all(value is not None for value in trend)
        assert trend[-1] > trend[0]  # the floor spreads out over the meetings
        scores = [sum(means[m.pk]) / len(means[m.pk]) for m in ours]
        assert scores[-1] > scores[0]  # and the ratings rise
    for meeting in closed:
        assert meeting.template is not None
        assert meeting.checklist_items.filter(done=True).exists()
        assert meeting.agenda_items.filter(kind="tension").count() == 2
        assert meeting.participants.filter(excused=True).count() <= 1
    assert MeetingAction.objects.count() == 18
    assert MeetingAction.objects.filter(done=True).count() == 12
    minutes = MeetingMinutes.objects.all()
    assert minutes.count() == 6 and all(m.published for m in minutes)
    assert all("## Actions" in m.text for m in minutes)
    # A second run adds nothing.
    call_command("load_demo", stdout=StringIO())
    assert Meeting.objects.count() == 8
    # The circle's page of meetings shows the trend.
    client.force_login(Person.objects.get(email=ADMIN_EMAIL))
    body = client.get(reverse("meetings:circle_meetings", args=[closed[0].circle_id]))
    assert "Réunion tactique de rentrée" in body.content.decode()
