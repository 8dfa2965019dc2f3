"""The missions demo: eight missions in the demo circles, applications in every state,
the lawyer two days a week accepted (her assignment created), and no one above 100 %."""

import pytest
from django.urls import reverse

from cercles.accounts.models import Person
from cercles.missions import demo
from cercles.missions.models import Application, ApplicationStatus, Mission, MissionStatus
from cercles.organisation import demo as org_demo
from cercles.organisation.models import Assignment
from cercles.organisation.services import person_total_share

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_org():
    org_demo.load(log=lambda *_: None)


def test_load_wipe_and_pages(demo_org, client):
    assert not demo.is_loaded()
    lines = []
    result = demo.load(log=lines.append)
    assert demo.is_loaded()
    assert result["missions"] == 8 and result["accepted"] == 1 and result["applications"] >= 8
    assert lines and lines[0].startswith("Missions : 8 missions")
    statuses = set(Mission.objects.values_list("status", flat=True))
    assert statuses == {
        MissionStatus.OPEN,
        MissionStatus.DRAFT,
        MissionStatus.CLOSED,
        MissionStatus.FILLED,
    }
    app_statuses = set(Application.objects.values_list("status", flat=True))
    assert {
        ApplicationStatus.PENDING,
        ApplicationStatus.SELECTED,
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.DECLINED,
        ApplicationStatus.WITHDRAWN,
    } <= app_statuses
    lawyer = Application.objects.get(status=ApplicationStatus.ACCEPTED)
    assert lawyer.mission.share == 40 and lawyer.mission.days_per_week == 2
    assignment = Assignment.objects.get(pk=lawyer.assignment_id)
    assert assignment.role == lawyer.mission.role and assignment.share == 40
    assert person_total_share(lawyer.person, assignment.start_date) <= 100
    # The admin reads the marketplace, each mission and its applications.
    client.force_login(Person.objects.get(email=org_demo.ADMIN_EMAIL))
    assert client.get(reverse("missions:marketplace")).status_code == 200
    for mission in Mission.objects.all():
        assert client.get(mission.get_absolute_url()).status_code == 200
    for application in Application.objects.all():
        assert client.get(application.get_absolute_url()).status_code == 200
    demo.wipe()
    assert not Mission.objects.exists() and not Application.objects.exists()
    # The assignment belongs to the organisation now: it stays.
    assert Assignment.objects.filter(pk=assignment.pk).exists()
