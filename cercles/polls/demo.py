"""The polls' demo (`manage.py load_demo`, after the meetings): in each of the circles
of the meetings demo, polls of every kind —

- closed ones, dated in the past, with their outcome: a ranked choice counted by
  instant-runoff (several rounds), an anonymous consent with reservations and an
  objection (enough respondents to show the result), a score poll, and, at the second
  circle, a yes/no that missed its quorum and a Borda ranking;
- open ones: a dot vote and a time slot for the next meeting (a meeting poll), with
  some votes already cast and a deadline ahead, so the reminders and the automatic
  closing have something to do.

Votes go through the services with the dates of the past (`now`). A fixed
`random.Random` seed makes every load the same. The people are the demo's invented
agents.
"""

import datetime
import random
import time

from django.db import transaction
from django.utils import timezone, translation

from cercles.accounts.models import Person
from cercles.core.models import Notification
from cercles.core.notifications import forget_unread
from cercles.meetings import demo as meetings_demo
from cercles.meetings.models import Meeting
from cercles.organisation import demo as org_demo
from cercles.organisation.models import Circle

from . import services
from .models import Ballot, Poll

SEED = org_demo.FAKER_SEED + 11
FIRST_QUESTION = "Quel thème pour le séminaire de printemps ?"

THEMES = [
    "Simplifier nos démarches",
    "Mieux accueillir les nouveaux arrivants",
    "Réduire les réunions inutiles",
    "Travailler avec les autres services",
    "Prendre soin de la qualité de vie au travail",
]
# The ballots of the ranked poll (indexes into THEMES, best first): no theme has a
# majority of first choices; the eliminations and transfers decide, over four rounds,
# and one ballot runs out of choices on the way.
RANKINGS = [[1, 0, 2], [1, 2], [0, 1, 3], [2, 1, 0], [0, 3], [2, 0, 1], [3, 2, 1], [1, 0]]
CONCERNS = [
    "Le vendredi en télétravail complique les permanences.",
    "Il faudra une règle claire pour les urgences.",
    "D'accord, si l'on fait un bilan dans six mois.",
]
OBJECTION = "Sans matériel fourni par la collectivité, certains ne pourront pas en profiter."
TRAININGS = [
    "Excel avancé",
    "Prise de parole en public",
    "Conduite de projet",
    "Écrit administratif",
]
PRIORITIES = [
    "Refonte du formulaire en ligne",
    "Classement des archives",
    "Tableau de bord partagé",
    "Procédure d'accueil",
    "Réduction des impressions",
]
LOCATIONS = ["Tram", "Navette de la collectivité", "Covoiturage", "Vélo en libre-service"]


def is_loaded() -> bool:
    return Poll.objects.filter(question=FIRST_QUESTION).exists()


def wipe() -> None:
    """Delete every poll (before the meetings and the organisation are wiped)."""
    Poll.objects.all().delete()


def settle_notifications() -> int:
    """The services told everyone of each poll when it was loaded (after commit): mark
    read those about the polls already closed, as if people had followed along."""
    now = timezone.now()
    urls = [poll.get_absolute_url() for poll in Poll.objects.closed().only("id")]
    count = (
        Notification.objects.unread()
        .filter(kind__startswith="poll_", url__in=urls)
        .update(read_at=now, emailed_at=now)
    )
    forget_unread(Person.objects.values_list("pk", flat=True))
    return count


def _circles() -> list[Circle]:
    titles = [title for title, *_rest in meetings_demo.MEETINGS]
    ids = Meeting.objects.filter(title__in=titles).values_list("circle_id", flat=True)
    return list(Circle.objects.filter(pk__in=set(ids)).order_by("name"))


def _members(poll) -> list[Person]:
    return list(Person.objects.filter(poll_electors__poll=poll).order_by("last_name", "id"))


def _past_poll(*, admin, circle, days_ago: int, duration_days: int = 7, meeting=None, **kwargs):
    """A poll opened `days_ago` days ago, with a deadline `duration_days` later."""
    opened = (timezone.now() - datetime.timedelta(days=days_ago)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    poll = services.poll_create(
        by=admin,
        circle=circle,
        now=opened,
        closes_at=opened + datetime.timedelta(days=duration_days),
        **kwargs,
    )
    Poll.objects.filter(pk=poll.pk).update(created_at=opened, updated_at=opened, meeting=meeting)
    poll.meeting = meeting
    return poll, opened


def _vote_all(poll, people, answer_for, opened, rng, spread=120) -> int:
    """Everyone in `people` votes, within `spread` hours after `opened` (0: at `opened`)."""
    for person in people:
        answer, comment = answer_for(person)
        services.poll_vote(
            poll=poll,
            person=person,
            answer=answer,
            comment=comment,
            now=opened + datetime.timedelta(hours=rng.randint(1, spread) if spread else 0),
        )
    return len(people)


def _close(poll, *, admin, opened, outcome, automatic=False, days=7):
    moment = opened + datetime.timedelta(days=days)
    if automatic:
        services.close_due_polls(moment)
        if outcome:
            services.poll_conclude(
                poll=Poll.objects.get(pk=poll.pk),
                by=admin,
                outcome=outcome,
                now=moment + datetime.timedelta(days=1),
            )
    else:
        services.poll_close(poll=poll, by=admin, outcome=outcome, now=moment)


def _options(poll):
    return [o.pk for o in poll.options.all()]


def _first_circle(*, circle, admin, rng, past_meeting, coming) -> dict:
    counts = {"polls": 0, "ballots": 0}

    # A ranked choice counted by instant-runoff, closed with its outcome.
    poll, opened = _past_poll(
        admin=admin,
        circle=circle,
        days_ago=60,
        meeting=past_meeting,
        kind="ranked",
        ranking_method="irv",
        question=FIRST_QUESTION,
        description="Chacun classe les thèmes qu'il veut ; le vote alternatif désigne celui "
        "qui rassemble.",
        options=[{"label": label} for label in THEMES],
        results_visibility="after_vote",
    )
    ids = _options(poll)
    members = _members(poll)
    rankings = iter(RANKINGS * (len(members) // len(RANKINGS) + 1))

    def ranking(person):
        return {"ranking": [ids[i] for i in next(rankings)]}, ""

    counts["ballots"] += _vote_all(poll, members, ranking, opened, rng)
    _close(
        poll,
        admin=admin,
        opened=opened,
        outcome="Le séminaire de printemps portera sur le thème retenu ; le deuxième "
        "thème fera l'objet d'un atelier à l'automne.",
    )
    counts["polls"] += 1

    # An anonymous consent: reservations and one objection, each with its reason.
    poll, opened = _past_poll(
        admin=admin,
        circle=circle,
        days_ago=30,
        kind="consent",
        question="Adopter la charte du télétravail du cercle ?",
        description="Deux jours par semaine au plus, en accord avec l'équipe ; un jour "
        "commun de présence.",
        is_anonymous=True,
        quorum_kind="percent",
        quorum_value=50,
    )
    people = _members(poll)
    positions = ["agree"] * (len(people) - 4) + ["concerns"] * 3 + ["object"]
    rng.shuffle(positions)
    answers = dict(zip([p.pk for p in people], positions, strict=True))

    def position(person):
        chosen = answers[person.pk]
        comment = {"concerns": rng.choice(CONCERNS), "object": OBJECTION}.get(chosen, "")
        return {"position": chosen}, comment

    counts["ballots"] += _vote_all(poll, people, position, opened, rng)
    _close(
        poll,
        admin=admin,
        opened=opened,
        outcome="L'objection est fondée : la charte sera amendée pour prévoir le prêt "
        "d'un ordinateur portable, puis soumise à nouveau au consentement.",
        automatic=True,
    )
    counts["polls"] += 1

    # A score poll on trainings, closed.
    poll, opened = _past_poll(
        admin=admin,
        circle=circle,
        days_ago=20,
        kind="score",
        score_max=5,
        question="Quelles formations vous seraient le plus utiles ?",
        options=[{"label": label} for label in TRAININGS],
        results_visibility="always",
    )
    ids = _options(poll)
    bias = [4, 3, 2, 1]

    def scores(person):
        return {
            "scores": {
                str(o): max(0, min(5, bias[i] + rng.randint(-1, 1))) for i, o in enumerate(ids)
            }
        }, ""

    counts["ballots"] += _vote_all(poll, _members(poll)[:-2], scores, opened, rng)
    _close(
        poll,
        admin=admin,
        opened=opened,
        outcome="Deux sessions d'Excel avancé seront demandées au service formation.",
    )
    counts["polls"] += 1

    # Open: a time slot for the next meeting, half of the circle has answered.
    now = timezone.now()
    start = (now + datetime.timedelta(days=10)).replace(hour=9, minute=30, second=0, microsecond=0)
    poll = services.poll_create(
        by=admin,
        circle=circle,
        meeting=coming,
        kind="time_slot",
        question="Quel créneau pour l'atelier d'organisation ?",
        options=[
            {"starts_at": start, "label": "Salle du conseil"},
            {"starts_at": start + datetime.timedelta(days=1, hours=5)},
            {"starts_at": start + datetime.timedelta(days=3)},
        ],
        closes_at=now + datetime.timedelta(days=4),
        results_visibility="always",
    )
    ids = _options(poll)
    people = _members(poll)

    def slots(person):
        return {"slots": {str(o): rng.choice(["yes", "yes", "maybe", "no"]) for o in ids}}, ""

    counts["ballots"] += _vote_all(poll, people[: len(people) // 2], slots, now, rng, spread=0)
    counts["polls"] += 1
    return counts


def _second_circle(*, circle, admin, rng, past_meeting) -> dict:
    counts = {"polls": 0, "ballots": 0}

    # Open: a dot vote, results after one has voted.
    now = timezone.now()
    poll = services.poll_create(
        by=admin,
        circle=circle,
        kind="dots",
        dots_total=10,
        dots_max_per_option=5,
        question="Quels chantiers prioritaires pour le trimestre ?",
        options=[{"label": label} for label in PRIORITIES],
        closes_at=now + datetime.timedelta(days=2),
        quorum_kind="percent",
        quorum_value=60,
    )
    ids = _options(poll)
    people = _members(poll)

    def dots(person):
        left, given = 10, {}
        for option in rng.sample(ids, 3):
            n = min(left, rng.randint(1, 5))
            given[str(option)] = n
            left -= n
        return {"dots": given}, ""

    counts["ballots"] += _vote_all(poll, people[: len(people) // 2], dots, now, rng, spread=0)
    counts["polls"] += 1

    # Closed at its deadline without reaching its quorum.
    poll, opened = _past_poll(
        admin=admin,
        circle=circle,
        days_ago=40,
        meeting=past_meeting,
        kind="yes_no",
        question="Regrouper les permanences du mardi et du jeudi ?",
        quorum_kind="percent",
        quorum_value=75,
    )
    people = _members(poll)

    def yes_no(person):
        return {"choice": rng.choice(["yes", "yes", "no", "abstain"])}, ""

    counts["ballots"] += _vote_all(poll, people[: max(2, len(people) // 3)], yes_no, opened, rng)
    _close(
        poll,
        admin=admin,
        opened=opened,
        outcome="Le quorum n'est pas atteint : la question sera reposée en réunion.",
        automatic=True,
    )
    counts["polls"] += 1

    # A Borda ranking, closed.
    poll, opened = _past_poll(
        admin=admin,
        circle=circle,
        days_ago=15,
        kind="ranked",
        ranking_method="borda",
        question="Comment venir au séminaire sur le site des Ormeaux ?",
        options=[{"label": label} for label in LOCATIONS],
    )
    ids = _options(poll)

    def borda(person):
        order = ids[:]
        rng.shuffle(order)
        return {"ranking": order}, ""

    counts["ballots"] += _vote_all(poll, _members(poll), borda, opened, rng)
    _close(
        poll,
        admin=admin,
        opened=opened,
        outcome="Une navette sera affrétée ; le covoiturage reste encouragé.",
    )
    counts["polls"] += 1
    return counts


@transaction.atomic
def load(*, log=print) -> dict:
    """Load the polls demo on top of the organisation and meetings demos."""
    started = time.monotonic()
    rng = random.Random(SEED)
    admin = Person.objects.get(email=org_demo.ADMIN_EMAIL)
    circles = _circles()
    totals = {"polls": 0, "ballots": 0}
    with translation.override("fr"):
        for index, circle in enumerate(circles[:2]):
            meetings = Meeting.objects.filter(circle=circle)
            past = meetings.filter(status="closed").order_by("starts_at").first()
            coming = meetings.exclude(status="closed").order_by("starts_at").first()
            if index == 0:
                done = _first_circle(
                    circle=circle, admin=admin, rng=rng, past_meeting=past, coming=coming
                )
            else:
                done = _second_circle(circle=circle, admin=admin, rng=rng, past_meeting=past)
            for key in totals:
                totals[key] += done[key]
    log(
        f"Sondages : {totals['polls']} sondages dans {min(len(circles), 2)} cercles, "
        f"{Ballot.objects.count()} bulletins."
    )
    return {**totals, "seconds": time.monotonic() - started}
