"""The meetings module's demo (`manage.py load_demo`, after the ideas): three past
meetings in each of the two circles with the most members, with attendance and
speaking turns, so that the speaking-time distribution, the equity figure and its
trend over meetings show. A fixed `random.Random` seed makes every load the same.

The turns go through the services, dated in the past (`at`): at the first meeting two
people take most of the floor; as the circle follows the queue's rule, the floor
spreads out and the equity figure rises.
"""

import datetime
import random
import time

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from cercles.accounts.models import Person
from cercles.organisation import demo as org_demo
from cercles.organisation.models import Circle

from . import services
from .models import Meeting

SEED = org_demo.FAKER_SEED + 4
# (title, days ago, how much the floor goes to the two most talkative people)
MEETINGS = [
    ("Réunion tactique de rentrée", 63, 6.0),
    ("Réunion tactique d'octobre", 35, 3.0),
    ("Réunion tactique de novembre", 7, 1.2),
]
TURNS = 14


def is_loaded() -> bool:
    return Meeting.objects.filter(title=MEETINGS[0][0]).exists()


def wipe() -> None:
    """Delete every meeting (before the organisation they belong to is wiped)."""
    Meeting.objects.all().delete()


def _busiest_circles(count: int) -> list[Circle]:
    today = timezone.localdate()
    current = Q(roles__assignments__start_date__lte=today) & (
        Q(roles__assignments__end_date__isnull=True) | Q(roles__assignments__end_date__gt=today)
    )
    return list(
        Circle.objects.active()
        .annotate(n=Count("roles__assignments__person", filter=current, distinct=True))
        .filter(n__gte=4)
        .order_by("-n", "name")[:count]
    )


def _meeting(*, circle, admin, rng, title, days_ago, skew) -> int:
    starts_at = (timezone.now() - datetime.timedelta(days=days_ago)).replace(
        hour=8, minute=30, second=0, microsecond=0
    )
    meeting = services.meeting_create(
        by=admin, circle=circle, title=title, starts_at=starts_at, duration_minutes=60
    )
    services.meeting_start(meeting=meeting, by=admin)
    people = list(
        Person.objects.filter(meeting_participations__meeting=meeting).order_by("last_name", "id")
    )
    present = rng.sample(people, min(len(people), 8))
    for person in present:
        services.participant_set_present(meeting=meeting, person=person, present=True, by=admin)
    # The first two present people talk `skew` times as often as the others.
    weights = [skew if i < 2 else 1.0 for i in range(len(present))]
    clock = starts_at + datetime.timedelta(minutes=3)
    turns = 0
    for _ in range(TURNS):
        speaker = rng.choices(present, weights=weights)[0]
        services.speaker_request_create(meeting=meeting, person=speaker, at=clock)
        clock += datetime.timedelta(seconds=rng.randint(5, 40))
        services.floor_give(meeting=meeting, by=admin, at=clock)
        clock += datetime.timedelta(seconds=rng.randint(25, 150))
        services.floor_stop(meeting=meeting, by=admin, at=clock)
        turns += 1
    services.meeting_close(meeting=meeting, by=admin, at=clock + datetime.timedelta(minutes=2))
    Meeting.objects.filter(pk=meeting.pk).update(started_at=starts_at, created_at=starts_at)
    return turns


@transaction.atomic
def load(*, log=print) -> dict:
    """Load the meetings demo on top of the demo organisation (which must be loaded)."""
    started = time.monotonic()
    rng = random.Random(SEED)
    admin = Person.objects.get(email=org_demo.ADMIN_EMAIL)
    circles = _busiest_circles(2)
    meetings = turns = 0
    for circle in circles:
        for title, days_ago, skew in MEETINGS:
            turns += _meeting(
                circle=circle, admin=admin, rng=rng, title=title, days_ago=days_ago, skew=skew
            )
            meetings += 1
    log(f"Réunions : {meetings} réunions closes dans {len(circles)} cercles.")
    return {"meetings": meetings, "turns": turns, "seconds": time.monotonic() - started}
