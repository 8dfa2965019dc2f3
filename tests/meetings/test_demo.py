"""The meetings demo: past meetings of two circles whose equity trend shows."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from cercles.accounts.models import Person
from cercles.meetings import demo
from cercles.meetings.models import Meeting, MeetingStatus
from cercles.meetings.views.pages import equity_trend
from cercles.organisation.demo import ADMIN_EMAIL

pytestmark = pytest.mark.django_db


def test_load_demo_loads_meetings_once(client):
    call_command("load_demo", stdout=StringIO())
    assert demo.is_loaded()
    meetings = list(Meeting.objects.order_by("circle_id", "starts_at"))
    assert len(meetings) == 6
    assert {m.status for m in meetings} == {MeetingStatus.CLOSED}
    assert len({m.circle_id for m in meetings}) == 2
    figures = equity_trend(meetings)
    for circle_id in {m.circle_id for m in meetings}:
        trend = [figures[m.pk] for m in meetings if m.circle_id == circle_id]
        assert all(value is not None for value in trend)
        assert trend[-1] > trend[0]  # the floor spreads out over the meetings
    # A second run adds nothing.
    call_command("load_demo", stdout=StringIO())
    assert Meeting.objects.count() == 6
    # The circle's page of meetings shows the trend.
    client.force_login(Person.objects.get(email=ADMIN_EMAIL))
    body = client.get(reverse("meetings:circle_meetings", args=[meetings[0].circle_id]))
    assert "Réunion tactique de rentrée" in body.content.decode()
