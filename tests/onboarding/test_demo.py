"""The onboarding demo: two templates, three plans in progress at different stages and
one finished, each with a buddy, the circle's lead link and the welcome booklet."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cercles.accounts.models import Person
from cercles.knowledge import demo as knowledge_demo
from cercles.onboarding import demo
from cercles.onboarding.models import Onboarding, OnboardingTask, PlanTemplate
from cercles.organisation import demo as org_demo

pytestmark = pytest.mark.django_db


def test_load_is_realistic_and_wipe_removes_it(client):
    org_demo.load(log=lambda *_: None)
    knowledge_demo.load(log=lambda *_: None)
    assert not demo.is_loaded()
    result = demo.load(log=lambda *_: None)
    assert demo.is_loaded()
    assert (result["templates"], result["onboardings"], result["closed"]) == (2, 4, 1)
    assert PlanTemplate.objects.get(name="Accueil d'un agent").tasks.count() == 13
    today = timezone.localdate()
    stages = {
        o.start_date - today: (o.closed_at is not None)
        for o in Onboarding.objects.select_related("booklet")
    }
    assert sorted(d.days for d in stages) == [-60, -18, -2, 5]
    assert [stages[d] for d in sorted(stages)] == [True, False, False, False]
    for onboarding in Onboarding.objects.all():
        assert onboarding.buddy is not None and onboarding.buddy != onboarding.newcomer
        assert onboarding.lead_link is not None and onboarding.hr_contact is not None
        assert onboarding.booklet.slug == "livret-daccueil"
        assert onboarding.newcomer.email.endswith(f"@{org_demo.DEMO_DOMAIN}")
    # In progress: some tasks done, some late; the finished one: all done.
    open_tasks = OnboardingTask.objects.filter(onboarding__closed_at__isnull=True)
    assert open_tasks.filter(done_at__isnull=False).count() >= 5
    assert open_tasks.filter(done_at__isnull=True, due_date__lt=today).exists()
    assert not OnboardingTask.objects.filter(
        onboarding__closed_at__isnull=False, done_at__isnull=True
    ).exists()
    # The admin's list and each newcomer's page answer.
    client.force_login(Person.objects.get(email=org_demo.ADMIN_EMAIL))
    assert (
        "4 intégrations"
        in client.get(reverse("onboarding:list"), {"status": "all"}).content.decode()
    )
    for onboarding in Onboarding.objects.all():
        client.force_login(onboarding.newcomer)
        assert client.get(reverse("onboarding:mine")).status_code == 200
    demo.wipe()
    assert not Onboarding.objects.exists() and not PlanTemplate.objects.exists()
