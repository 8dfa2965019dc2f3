"""The meetings module's demo (`manage.py load_demo`, after the ideas): three past
meetings in each of the two circles with the most members, planned from the tactical
template, with attendance (one person excused), the checklist ticked, tensions added
during the triage, speaking turns, actions (the older ones done), the participants'
ratings and published minutes; and one coming meeting per circle, so that the
invitation and the calendar feed have something ahead. A fixed `random.Random` seed
makes every load the same.

The turns go through the services, dated in the past (`at`): at the first meeting two
people take most of the floor; as the circle follows the queue's rule, the floor
spreads out, the equity figure rises and so do the ratings.

`refresh_minutes()` regenerates the demo's minutes (those nobody edited by hand):
`load_demo` calls it once the decisions, polls and elections demos are loaded, so the
minutes carry their sections too.
"""

import datetime
import random
import time

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone, translation

from cercles.accounts.models import Person
from cercles.organisation import demo as org_demo
from cercles.organisation.models import Circle

from . import services
from .models import Meeting, MeetingMinutes, MeetingTemplate

SEED = org_demo.FAKER_SEED + 4
# (title, days ago, how much the floor goes to the two most talkative people)
MEETINGS = [
    ("Réunion tactique de rentrée", 63, 6.0),
    ("Réunion tactique d'octobre", 35, 3.0),
    ("Réunion tactique de novembre", 7, 1.2),
]
COMING = ("Réunion tactique de décembre", 7)
TURNS = 14
TENSIONS = [
    "Les congés d'été ne sont pas encore posés",
    "Le logiciel de paie plante le vendredi",
    "Personne ne relit les courriers aux usagers",
    "La salle de réunion est souvent réservée sans être utilisée",
    "Les nouveaux arrivants n'ont pas d'accès informatique le premier jour",
    "Le tableau de bord n'est pas à jour",
]
ACTIONS = [
    "Proposer un calendrier des congés",
    "Ouvrir un ticket auprès de l'éditeur",
    "Organiser un tour de relecture",
    "Libérer automatiquement les salles non occupées",
    "Préparer les accès avant l'arrivée",
    "Mettre à jour les indicateurs",
    "Rédiger la fiche de procédure",
    "Recenser les besoins de formation",
]
# Comments of the ratings, from the least to the most satisfied.
COMMENTS = [
    "Toujours les mêmes qui parlent.",
    "Trop long, on a débordé sur le triage.",
    "Ordre du jour tenu, mais peu de décisions.",
    "Bonne réunion, chacun a pu s'exprimer.",
    "Efficace et à l'heure, merci au facilitateur.",
]


def is_loaded() -> bool:
    return Meeting.objects.filter(title=MEETINGS[0][0]).exists()


def _template():
    return MeetingTemplate.objects.filter(kind="tactical").order_by("id").first()


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


def _meeting(*, circle, admin, rng, title, days_ago, skew, index) -> dict:
    """One past meeting; `index` 0, 1, 2 from the oldest: the circle gets better at it."""
    starts_at = (timezone.now() - datetime.timedelta(days=days_ago)).replace(
        hour=8, minute=30, second=0, microsecond=0
    )
    meeting = services.meeting_create(
        by=admin,
        circle=circle,
        title=title,
        starts_at=starts_at,
        duration_minutes=60,
        place="Salle du conseil, 2e étage",
        template=_template(),
    )
    meeting = services.meeting_start(meeting=meeting, by=admin)
    people = list(
        Person.objects.filter(meeting_participations__meeting=meeting).order_by("last_name", "id")
    )
    present = rng.sample(people, min(len(people), 8))
    for person in present:
        services.participant_set_present(meeting=meeting, person=person, present=True, by=admin)
    absent = [p for p in people if p not in present]
    if absent:
        services.participant_set_attendance(
            meeting=meeting, person=absent[0], state="excused", by=admin
        )
    # The checklist: more of it ticked as the circle takes the habit.
    lines = list(meeting.checklist_items.all())
    for line in lines[: len(lines) - 3 + index]:
        services.checklist_item_set_done(
            item=line, by=admin, done=True, at=starts_at + datetime.timedelta(minutes=6)
        )
    # Two tensions added live, during the triage.
    for k in range(2):
        services.tension_add(
            meeting=meeting, by=present[k + 1], title=TENSIONS[(2 * index + k) % len(TENSIONS)]
        )
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
    for item in meeting.agenda_items.all():
        services.agenda_item_update(item=item, by=admin, done=item.position < 5 + index)
    tensions = list(meeting.agenda_items.filter(kind="tension"))
    actions = 0
    for k in range(3):
        owner = present[(k + index) % len(present)]
        action = services.action_create(
            meeting=meeting,
            by=admin,
            title=ACTIONS[(3 * index + k) % len(ACTIONS)],
            owner=owner,
            due_on=(starts_at + datetime.timedelta(days=14 + 7 * k)).date(),
            agenda_item=tensions[k % len(tensions)] if tensions else None,
        )
        actions += 1
        # The older the meeting, the more of its actions are done.
        if k < 3 - index:
            services.action_set_done(
                action=action,
                by=owner,
                done=True,
                at=starts_at + datetime.timedelta(days=5 + 4 * k),
            )
    meeting = services.meeting_close(
        meeting=meeting, by=admin, at=clock + datetime.timedelta(minutes=2)
    )
    Meeting.objects.filter(pk=meeting.pk).update(started_at=starts_at, created_at=starts_at)
    # Everyone present rates it; the ratings rise with the equity of the floor.
    ratings = 0
    for i, person in enumerate(present):
        talkative = i < 2
        score = 2 + index + rng.choice([0, 0, 1])
        if index == 0 and not talkative:
            score -= 1  # the first time, those who hardly spoke are the least happy
        score = min(5, max(1, score))
        voice = "yes" if talkative or score >= 4 else ("partly" if score == 3 else "no")
        comment = COMMENTS[min(score - 1, len(COMMENTS) - 1)] if rng.random() < 0.5 else ""
        services.rating_save(
            meeting=meeting, person=person, score=score, voice=voice, comment=comment
        )
        ratings += 1
    # The secretary's minutes (the facilitator's when the circle has no secretary).
    writer = meeting.secretary or meeting.facilitator or admin
    minutes = services.minutes_generate(meeting=meeting, by=writer)
    services.minutes_publish(minutes=minutes, by=writer, published=True)
    return {"turns": turns, "actions": actions, "ratings": ratings}


def _coming(*, circle, admin) -> Meeting:
    title, days_ahead = COMING
    starts_at = (timezone.now() + datetime.timedelta(days=days_ahead)).replace(
        hour=8, minute=30, second=0, microsecond=0
    )
    return services.meeting_create(
        by=admin,
        circle=circle,
        title=title,
        starts_at=starts_at,
        duration_minutes=60,
        place="Salle du conseil, 2e étage",
        video_link="https://visio.exemple.fr/tactique",
        template=_template(),
    )


def refresh_minutes(*, log=print) -> int:
    """Regenerate the demo's minutes nobody edited by hand (after the other modules'
    demos, so their sections appear). Returns how many."""
    count = 0
    for minutes in MeetingMinutes.objects.filter(edited_at__isnull=True).select_related(
        "meeting", "meeting__secretary", "meeting__facilitator"
    ):
        meeting = minutes.meeting
        writer = meeting.secretary or meeting.facilitator
        if writer is None:
            writer = Person.objects.get(email=org_demo.ADMIN_EMAIL)
        services.minutes_generate(meeting=meeting, by=writer)
        count += 1
    log(f"Comptes rendus : {count} régénérés avec les décisions, sondages et élections.")
    return count


@transaction.atomic
def load(*, log=print) -> dict:
    """Load the meetings demo on top of the demo organisation (which must be loaded)."""
    started = time.monotonic()
    rng = random.Random(SEED)
    admin = Person.objects.get(email=org_demo.ADMIN_EMAIL)
    circles = _busiest_circles(2)
    meetings = turns = actions = ratings = 0
    with translation.override("fr"):
        for circle in circles:
            for index, (title, days_ago, skew) in enumerate(MEETINGS):
                done = _meeting(
                    circle=circle,
                    admin=admin,
                    rng=rng,
                    title=title,
                    days_ago=days_ago,
                    skew=skew,
                    index=index,
                )
                turns += done["turns"]
                actions += done["actions"]
                ratings += done["ratings"]
                meetings += 1
            _coming(circle=circle, admin=admin)
            meetings += 1
    log(
        f"Réunions : {meetings} réunions dans {len(circles)} cercles, {actions} actions, "
        f"{ratings} évaluations, comptes rendus publiés."
    )
    return {
        "meetings": meetings,
        "turns": turns,
        "actions": actions,
        "ratings": ratings,
        "seconds": time.monotonic() - started,
    }
