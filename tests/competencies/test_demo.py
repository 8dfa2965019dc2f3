"""The competencies demo: thirty competencies in families, two campaigns, radars
comparing them, shares, feedback and public competencies."""

import pytest
from django.urls import reverse

from cercles.accounts.models import Person
from cercles.competencies import demo
from cercles.competencies.models import (
    Assessment,
    AssessmentCampaign,
    Competency,
    CompetencyFamily,
    PublicCompetency,
)
from cercles.organisation import demo as org_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_org():
    org_demo.load(log=lambda *_: None)


def test_load_and_wipe(demo_org, client):
    assert not demo.is_loaded()
    result = demo.load(log=lambda *_: None)
    assert demo.is_loaded()
    assert result["competencies"] == 30 and CompetencyFamily.objects.count() == 6
    assert set(Competency.objects.values_list("kind", flat=True)) == {"technical", "behavioural"}
    assert all(c.level_1 and c.level_4 for c in Competency.objects.all())
    assert AssessmentCampaign.objects.count() == 2
    assert result["submitted"] >= 40 and result["drafts"] >= 1 and result["public"] >= 20
    past = AssessmentCampaign.objects.get(name=demo.PAST_CAMPAIGN)
    assert not past.is_open()
    # Someone validated both: his radar compares two campaigns.
    person = (
        Person.objects.filter(self_assessments__campaign=past, self_assessments__status="submitted")
        .filter(
            self_assessments__campaign__name=demo.CURRENT_CAMPAIGN,
            self_assessments__status="submitted",
        )
        .first()
    )
    assert person is not None
    client.force_login(person)
    response = client.get(reverse("competencies:my_assessments"))
    assert response.context["previous"] is not None and 'role="img"' in response.content.decode()
    admin = Person.objects.get(email=org_demo.ADMIN_EMAIL)
    client.force_login(admin)
    # Last year's campaign has ended: its levels are published; this year's runs.
    past = AssessmentCampaign.objects.get(name=demo.PAST_CAMPAIGN)
    results = client.get(reverse("competencies:campaign_results", args=[past.pk])).context[
        "results"
    ]
    assert results.closed and any(row.shown for row in results.rows)
    current = AssessmentCampaign.objects.get(name=demo.CURRENT_CAMPAIGN)
    results = client.get(reverse("competencies:campaign_results", args=[current.pk])).context[
        "results"
    ]
    assert not results.closed and not any(row.shown for row in results.rows)
    demo.wipe()
    assert not Competency.objects.exists() and not Assessment.objects.exists()
    assert not PublicCompetency.objects.exists()
