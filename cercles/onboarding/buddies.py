"""Buddy suggestions: colleagues of the circle the newcomer joins, then of his site.

People who already look after a newcomer come last, so the load spreads. One query.
"""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from cercles.accounts.models import Person
from cercles.organisation.models import Assignment

SUGGESTIONS = 8


def find_person(value: str) -> Person | None:
    """The active person with this e-mail address or matricule, or None."""
    value = (value or "").strip()
    if not value or len(value) > 254:
        return None
    people = Person.objects.filter(is_active=True)
    if "@" in value:
        return people.filter(email__iexact=value).first()
    return people.filter(matricule__iexact=value).exclude(matricule="").first()


def suggest_buddies(*, circle_id: int | None, newcomer: Person | None, limit=SUGGESTIONS):
    """Active people of the circle (roles held today) or of the newcomer's site, the
    circle's first, then those who look after fewer newcomers now."""
    site = newcomer.site if newcomer is not None else ""
    if not circle_id and not site:
        return []
    in_circle = Exists(
        Assignment.objects.current(timezone.localdate()).filter(
            person_id=OuterRef("pk"), role__circle_id=circle_id, role__archived_at__isnull=True
        )
    )
    people = Person.objects.filter(is_active=True).annotate(
        same_circle=in_circle,
        buddy_load=Count(
            "onboardings_as_buddy",
            filter=Q(onboardings_as_buddy__closed_at__isnull=True),
        ),
    )
    cond = Q(same_circle=True) if circle_id else Q()
    if site:
        cond = cond | Q(site=site) if circle_id else Q(site=site)
    people = people.filter(cond)
    if newcomer is not None:
        people = people.exclude(pk=newcomer.pk)
    return list(
        people.only("id", "email", "first_name", "last_name", "job_title", "site").order_by(
            "-same_circle", "buddy_load", "last_name", "first_name", "id"
        )[:limit]
    )
