"""The elections' demo (`manage.py load_demo`, after the meetings), on the demo
organisation's invented people:

- two months ago, Ressources humaines elected its facilitator: written nominations,
  the reveal, one person changing hers, the facilitator's proposal, an objection heard
  and withdrawn, the candidate's acceptance; the former facilitator's assignment ends
  and the new one's begins, both in the circle's history linked to the election;
- ten months ago, Direction générale re-elected its secretary for a term that ends in
  less than 30 days, so its facilitator and lead link get the reminder and the circle's
  page flags it.

Every step goes through the services, dated in the past (`at`). The steps that write
the organisation's past (a term begun weeks ago) are the admin's, as the organisation
services require; the others are the circle facilitator's, as in a real election.
"""

import datetime
import time

from django.db import transaction
from django.utils import timezone

from cercles.accounts.models import Person
from cercles.core.models import Notification
from cercles.core.notifications import forget_unread
from cercles.organisation import demo as org_demo
from cercles.organisation import services as org_services
from cercles.organisation.models import Assignment, Circle, CoreRole

from . import reminders, services
from .models import Election, Resolution, TermReminder

FACILITATOR_CIRCLE = "Ressources humaines"
SECRETARY_CIRCLE = "Direction générale"
FACILITATOR_DAYS_AGO = 61
SECRETARY_DAYS_AGO = 305
SECRETARY_TERM_LEFT_DAYS = 18
# The notifications of the steps, sent when loading: read already, as if followed.
STEP_KINDS = (
    "election_nominations",
    "election_revealed",
    "election_proposed",
    "election_candidate",
    "election_objection",
    "election_objection_resolved",
    "election_accepted",
    "election_elected",
)


def is_loaded() -> bool:
    return Election.objects.filter(created_by__email=org_demo.ADMIN_EMAIL).exists()


def wipe() -> None:
    """Delete every election (before the organisation they belong to is wiped)."""
    TermReminder.objects.all().delete()
    Election.objects.all().delete()


def settle_notifications() -> int:
    """Mark the step notifications the loading sent as read; returns how many."""
    now = timezone.now()
    count = (
        Notification.objects.unread()
        .filter(kind__in=STEP_KINDS)
        .update(read_at=now, emailed_at=now)
    )
    forget_unread(Person.objects.values_list("pk", flat=True))
    return count


class _Clock:
    """Moments of one sitting, a few minutes apart."""

    def __init__(self, days_ago: int):
        self.now = (timezone.now() - datetime.timedelta(days=days_ago)).replace(
            hour=14, minute=0, second=0, microsecond=0
        )

    def tick(self, minutes: int = 2) -> datetime.datetime:
        self.now += datetime.timedelta(minutes=minutes)
        return self.now


def _holder(circle, core_role):
    return (
        Assignment.objects.current()
        .filter(role__circle=circle, role__core_role=core_role)
        .select_related("person", "role")
        .order_by("start_date", "id")
        .first()
    )


def _members(circle) -> list[Person]:
    """Today's members: they take part (the services check today's roles)."""
    return list(services.members(circle).order_by("last_name", "first_name", "id"))


def _facilitator_election(admin, log) -> Election:
    circle = Circle.objects.get(name=FACILITATOR_CIRCLE)
    clock = _Clock(FACILITATOR_DAYS_AGO)
    day = timezone.localtime(clock.now).date()
    current = _holder(circle, CoreRole.FACILITATOR)
    facilitator = current.person
    people = [p for p in _members(circle) if p.pk != facilitator.pk]
    lead = _holder(circle, CoreRole.LEAD_LINK).person
    # The candidate the circle will choose: a member with room for 5 % more (most of
    # the demo's people work 100 %); the other one nominated need not have room.
    chosen = next(
        p for p in people if p.pk != lead.pk and org_services.person_total_share(p, on=day) <= 95
    )
    other = next(p for p in people if p.pk not in (lead.pk, chosen.pk))
    election = services.election_create(
        by=admin,
        circle=circle,
        role=current.role,
        term_start=day,
        term_months=12,
        facilitator=facilitator,
        at=clock.tick(),
    )
    services.election_open(election=election, by=facilitator, at=clock.tick())
    reasons = {
        chosen.pk: [
            "Elle reformule sans juger et tient le temps.",
            "Toujours attentive à ce que chacun ait pu parler.",
            "Calme quand le ton monte.",
        ],
        other.pk: ["Il connaît bien les règles de nos réunions."],
    }
    nominators = [p for p in [facilitator, *people] if p.pk != chosen.pk][:5]
    plan = [(person, chosen if i % 3 != 1 else other) for i, person in enumerate(nominators)]
    plan.append((chosen, other))  # the candidate nominates someone else
    for person, candidate in plan:
        pool = reasons[candidate.pk]
        services.nominate(
            election=election,
            by=person,
            candidate=candidate,
            reason=pool[election.nominations.filter(candidate=candidate).count() % len(pool)],
            at=clock.tick(1),
        )
    services.election_reveal(election=election, by=facilitator, at=clock.tick())
    changer = next(person for person, candidate in plan if candidate == other and person != chosen)
    services.nomination_change(
        election=election,
        by=changer,
        candidate=chosen,
        reason="En entendant les raisons données, je la vois mieux que lui dans ce rôle.",
        at=clock.tick(),
    )
    services.election_propose(
        election=election,
        by=facilitator,
        candidate=chosen,
        reason="La plus nommée, pour son écoute et sa tenue du temps.",
        at=clock.tick(),
    )
    objector = next(p for p in people if p.pk not in (chosen.pk, changer.pk))
    objection = services.election_answer(
        election=election,
        by=objector,
        objection=True,
        reason="Elle part en formation en juin : qui animera les réunions de gouvernance ?",
        at=clock.tick(),
    )
    services.objection_resolve(
        objection=objection,
        by=facilitator,
        resolution=Resolution.WITHDRAWN,
        note="Vérifié avec elle : la formation dure trois jours, hors réunions. Objection retirée.",
        at=clock.tick(3),
    )
    for person in people:
        if person.pk != chosen.pk:
            services.election_answer(
                election=election, by=person, objection=False, at=clock.tick(1)
            )
    services.election_answer(election=election, by=chosen, objection=False, at=clock.tick())
    # The term began that day: writing the organisation's past is the admin's.
    services.election_confirm(election=election, by=admin, at=clock.tick())
    log(
        f"Élections : {chosen.full_name} élu·e au rôle de facilitateur de « {circle.name} » "
        f"il y a {FACILITATOR_DAYS_AGO} jours."
    )
    return election


def _secretary_reelection(admin, log) -> Election:
    circle = Circle.objects.get(name=SECRETARY_CIRCLE)
    clock = _Clock(SECRETARY_DAYS_AGO)
    day = timezone.localtime(clock.now).date()
    current = _holder(circle, CoreRole.SECRETARY)
    facilitator = _holder(circle, CoreRole.FACILITATOR).person
    secretary = current.person
    term_end = timezone.localdate() + datetime.timedelta(days=SECRETARY_TERM_LEFT_DAYS)
    election = services.election_create(
        by=admin,
        circle=circle,
        role=current.role,
        term_start=day,
        term_end=term_end,
        share=current.share,
        facilitator=facilitator,
        at=clock.tick(),
    )
    services.election_open(election=election, by=facilitator, at=clock.tick())
    for person in _members(circle):
        services.nominate(
            election=election,
            by=person,
            candidate=secretary,
            reason="Des comptes rendus clairs et envoyés le jour même.",
            at=clock.tick(1),
        )
    services.election_reveal(election=election, by=facilitator, at=clock.tick())
    services.election_propose(
        election=election,
        by=facilitator,
        candidate=secretary,
        reason="Nommé à l'unanimité.",
        at=clock.tick(),
    )
    services.election_answer(election=election, by=secretary, objection=False, at=clock.tick())
    services.election_confirm(election=election, by=admin, at=clock.tick())
    log(
        f"Élections : {secretary.full_name} réélu·e secrétaire de « {circle.name} », mandat "
        f"finissant dans {SECRETARY_TERM_LEFT_DAYS} jours."
    )
    return election


@transaction.atomic
def load(*, log=print) -> dict:
    """Load the elections demo on top of the demo organisation (which must be loaded)."""
    started = time.monotonic()
    admin = Person.objects.get(email=org_demo.ADMIN_EMAIL)
    elections = [_secretary_reelection(admin, log), _facilitator_election(admin, log)]
    # The circles' facilitators and lead links hear of the term ending soon.
    reminded = reminders.term_end_reminders()
    return {
        "elections": len(elections),
        "reminders": reminded,
        "seconds": time.monotonic() - started,
    }
