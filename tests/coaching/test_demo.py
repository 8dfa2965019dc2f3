"""The coaching demo: coaches, requests, a published round, four active relationships."""

import pytest
from django.urls import reverse

from cercles.accounts.models import Person
from cercles.coaching import demo
from cercles.coaching.models import Coach, CoachingRequest, Match, MatchingRound, MatchStatus
from cercles.organisation import demo as org_demo

pytestmark = pytest.mark.django_db


def test_load_is_realistic_and_wipes(client):
    org_demo.load(log=lambda *_: None)
    from cercles.competencies import demo as competencies_demo

    competencies_demo.load(log=lambda *_: None)
    assert not demo.is_loaded()
    result = demo.load(log=lambda *_: None)
    assert demo.is_loaded()
    assert result == {"coaches": 12, "requests": 15, "rounds": 1, "active": 4}
    assert MatchingRound.objects.get().is_published
    assert Match.objects.filter(status=MatchStatus.DECLINED).count() == 1
    assert CoachingRequest.objects.filter(status="open").count() >= 3
    assert Coach.objects.filter(competencies__isnull=False).distinct().count() == 12
    client.force_login(Person.objects.get(email=org_demo.ADMIN_EMAIL))
    assert client.get(reverse("coaching:coordination")).status_code == 200
    assert client.get(MatchingRound.objects.get().get_absolute_url()).status_code == 200
    assert client.get(reverse("coaching:coach_list")).status_code == 200
    demo.wipe()
    assert not Coach.objects.exists() and not Match.objects.exists()
    assert not CoachingRequest.objects.exists()
