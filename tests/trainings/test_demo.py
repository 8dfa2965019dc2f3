"""The trainings demo: trainings, sessions past and to come, a waiting list, feedback."""

import pytest
from django.db.models import Count
from django.urls import reverse

from cercles.accounts.models import Person
from cercles.organisation import demo as org_demo
from cercles.trainings import demo
from cercles.trainings.models import (
    Feedback,
    Registration,
    RegistrationStatus,
    Session,
    Training,
    TrainingStatus,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_org():
    org_demo.load(log=lambda *_: None)


def test_load_then_wipe(demo_org, client):
    assert not demo.is_loaded()
    result = demo.load(log=lambda *_: None)
    assert demo.is_loaded()
    assert result["trainings"] == 10 and result["sessions"] == 15
    assert dict(Training.objects.values_list("status").annotate(n=Count("id"))) == {
        TrainingStatus.PUBLISHED: 8,
        TrainingStatus.PROPOSED: 1,
        TrainingStatus.ARCHIVED: 1,
    }
    sessions = Session.objects.with_counts()
    assert sessions.upcoming().count() == 8
    full = [s for s in sessions if s.waiting_count]
    assert len(full) == 1 and full[0].registered_count == full[0].capacity == 6
    assert full[0].waiting_count == 2
    assert Registration.objects.filter(promoted_at__isnull=False).count() == 1
    assert Registration.objects.filter(attended=True).count() == result["present"] > 20
    assert Feedback.objects.count() == result["feedback"] > 10
    # The HR view, the catalogue and the full session's page answer.
    client.force_login(Person.objects.get(email=org_demo.ADMIN_EMAIL))
    assert client.get(reverse("trainings:session_list")).status_code == 200
    assert client.get(reverse("trainings:training_list")).status_code == 200
    assert client.get(full[0].get_absolute_url()).status_code == 200
    demo.wipe()
    assert not Training.objects.exists() and not Session.objects.exists()
    assert not Registration.objects.exclude(status=RegistrationStatus.CANCELLED).exists()
