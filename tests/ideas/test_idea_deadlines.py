"""Answer deadlines: overdue ideas and the periodic reminder of the facilitators."""

import datetime

from django.utils import timezone

from cercles.ideas import services
from cercles.ideas.deadlines import remind_overdue_ideas
from cercles.ideas.models import Idea, IdeaStatus

from .conftest import notified
from .factories import CampaignFactory, IdeaFactory


def days_ago(n):
    return timezone.now() - datetime.timedelta(days=n)


def test_overdue_is_past_due_and_unanswered(org, author, facilitator):
    today = timezone.localdate()
    late = IdeaFactory(by=author, circle=org["rh"], at=days_ago(31))
    fresh = IdeaFactory(by=author, circle=org["rh"], at=days_ago(29))
    answered = IdeaFactory(by=author, circle=org["rh"], at=days_ago(40))
    services.idea_transition(idea=answered, to=IdeaStatus.UNDER_STUDY, text="Vu.", by=facilitator)
    draft = IdeaFactory(by=author, draft=True, at=days_ago(60))
    assert list(Idea.objects.overdue(today)) == [late]
    assert late.is_overdue_on(today) and not fresh.is_overdue_on(today)
    assert not answered.is_overdue_on(today) and not draft.is_overdue_on(today)


def test_reminder_goes_to_the_circles_facilitators_or_the_admins(
    org, author, facilitator, admin, lead_link, committed
):
    IdeaFactory(by=author, circle=org["rh"], at=days_ago(31))
    IdeaFactory(by=author, circle=org["rh"], at=days_ago(45))
    # A campaign scoped to Numérique (no facilitator there) and an idea of the whole
    # organisation: both go to the admins.
    campaign = CampaignFactory(
        circle=org["numerique"],
        starts_on=timezone.localdate() - datetime.timedelta(days=90),
        answer_deadline_days=5,
    )
    IdeaFactory(by=author, campaign=campaign, at=days_ago(10))
    IdeaFactory(by=author, at=days_ago(40))
    with committed():
        sent = remind_overdue_ideas.delay().get()
    assert sent == 3  # the facilitator once, the admin twice
    assert notified(facilitator, "idea_deadline") == [
        "2 idée(s) attendent leur réponse au-delà du délai annoncé."
    ]
    assert sorted(notified(admin, "idea_deadline")) == [
        "1 idée(s) attendent leur réponse au-delà du délai annoncé.",
        "1 idée(s) attendent leur réponse au-delà du délai annoncé.",
    ]
    assert notified(lead_link) == [] and notified(author) == []
    link = facilitator.notifications.get().url
    assert link == f"/ideas/?overdue=1&circle={org['rh'].pk}"


def test_no_reminder_when_nothing_is_late(org, author, facilitator, committed):
    IdeaFactory(by=author, circle=org["rh"])
    with committed():
        assert remind_overdue_ideas.delay().get() == 0
    assert notified(facilitator) == []
