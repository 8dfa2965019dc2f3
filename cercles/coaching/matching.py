"""The matching engine: hard filters, an explained score, then the global optimum.

Pure functions on plain data (`CoachData`, `RequestData`), so they are tested against
brute force and timed by `manage.py bench_matching` without a database; `load()` reads
them from the database in a constant number of queries.

1. Hard filters (`exclusion`): the coach is active with a free place; he is not the
   requester; he is neither in the requester's reporting line (his lead links and
   those of every circle above, `people.lines.reporting_line`) unless the requester
   allows it, nor one of his circle mates (`people.lines.circle_mates`) unless he allows
   it; the pair never worked together unless the requester allows or asks for it; a
   pair that one of them declined is never proposed again; when the requester names
   competencies, the coach offers at least one.
2. Score (`score`): points, each with its reason — skills wanted and offered, format,
   site or distance, half-days in common, a previous coach asked for. Every feasible
   pair gets BASE points first so that matching one more request always counts.
3. Optimum (`solve`): each coach is repeated once per free place (never more than
   there are requests); SciPy's `linear_sum_assignment` maximises the total score over
   requests × (coach places + one "unmatched" column per request). Infeasible cells
   cost more than any assignment can gain, so the solver leaves a request unmatched
   rather than use one. This is the global optimum, never a greedy pass.
"""

import datetime
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from scipy.optimize import linear_sum_assignment

BASE = 10
SKILLS = 40
FORMAT = 20
SAME_SITE = 15
REMOTE = 8
AVAILABILITY = 15
PREVIOUS_WANTED = 30


@dataclass(frozen=True)
class CoachData:
    id: int
    person_id: int
    skills: frozenset = frozenset()
    formats: frozenset = frozenset()
    half_days: frozenset = frozenset()
    site: str = ""
    remote_ok: bool = True
    places: int = 1  # free places: capacity minus published or active matches
    active: bool = True


@dataclass(frozen=True)
class RequestData:
    id: int
    person_id: int
    skills: frozenset = frozenset()
    format: str = ""
    half_days: frozenset = frozenset()
    site: str = ""
    remote_ok: bool = True
    allow_circle: bool = False
    allow_line: bool = False
    previous: str = "avoid"  # "avoid" | "allowed" | "wanted"
    line: frozenset = frozenset()  # person ids of his reporting line (lead links up)
    mates: frozenset = frozenset()  # person ids of his circle mates
    past_coaches: frozenset = frozenset()  # person ids of coaches he worked with
    declined: frozenset = frozenset()  # person ids of coaches in a pair one of them declined


@dataclass(frozen=True)
class Reason:
    label: str
    points: int

    def as_dict(self) -> dict:
        return {"label": self.label, "points": self.points}


@dataclass
class Pair:
    request_id: int
    coach_id: int
    score: int
    reasons: list = field(default_factory=list)


def exclusion(request: RequestData, coach: CoachData) -> str | None:
    """Why this coach may not be proposed to this request, or None when he may."""
    if not coach.active:
        return _("ne prend personne en ce moment")
    if coach.places <= 0:
        return _("n'a plus de place")
    if coach.person_id == request.person_id:
        return _("c'est le demandeur")
    if coach.person_id in request.line and not request.allow_line:
        return _("dans la ligne hiérarchique du demandeur")
    if coach.person_id in request.mates and not request.allow_circle:
        return _("dans un cercle du demandeur")
    if coach.person_id in request.past_coaches and request.previous == "avoid":
        return _("a déjà accompagné le demandeur")
    if coach.person_id in request.declined:
        return _("une proposition de ce binôme a déjà été déclinée")
    if request.skills and not (request.skills & coach.skills):
        return _("n'offre aucune des compétences recherchées")
    return None


def feasible(request: RequestData, coach: CoachData) -> bool:
    """`exclusion(...) is None` without building the message (the solver's fast path)."""
    return (
        coach.active
        and coach.places > 0
        and coach.person_id != request.person_id
        and (request.allow_line or coach.person_id not in request.line)
        and (request.allow_circle or coach.person_id not in request.mates)
        and (request.previous != "avoid" or coach.person_id not in request.past_coaches)
        and coach.person_id not in request.declined
        and (not request.skills or bool(request.skills & coach.skills))
    )


def points(request: RequestData, coach: CoachData) -> int:
    """The score of a feasible pair, as `score()` counts it, without the reasons."""
    total = BASE
    if request.skills:
        total += round(SKILLS * len(request.skills & coach.skills) / len(request.skills))
    if request.format and request.format in coach.formats:
        total += FORMAT
    if request.site and request.site == coach.site:
        total += SAME_SITE
    elif request.remote_ok and coach.remote_ok:
        total += REMOTE
    if request.half_days:
        common = len(request.half_days & coach.half_days)
        if common:
            total += round(AVAILABILITY * common / len(request.half_days))
    if request.previous == "wanted" and coach.person_id in request.past_coaches:
        total += PREVIOUS_WANTED
    return total


def score(request: RequestData, coach: CoachData, names: dict | None = None) -> tuple[int, list]:
    """The points of a feasible pair and the reasons that make them up."""
    reasons = [Reason(_("Accompagnant disponible"), BASE)]
    if request.skills:
        common = request.skills & coach.skills
        points = round(SKILLS * len(common) / len(request.skills))
        shown = ", ".join(sorted((names or {}).get(s, str(s)) for s in common))
        reasons.append(
            Reason(
                ngettext(
                    "%(n)s compétence recherchée sur %(total)s : %(names)s",
                    "%(n)s compétences recherchées sur %(total)s : %(names)s",
                    len(common),
                )
                % {"n": len(common), "total": len(request.skills), "names": shown},
                points,
            )
        )
    if request.format and request.format in coach.formats:
        reasons.append(Reason(_("Propose le format souhaité"), FORMAT))
    if request.site and request.site == coach.site:
        reasons.append(Reason(_("Même site : %(site)s") % {"site": coach.site}, SAME_SITE))
    elif request.remote_ok and coach.remote_ok:
        reasons.append(Reason(_("À distance possible des deux côtés"), REMOTE))
    if request.half_days:
        common_days = request.half_days & coach.half_days
        if common_days:
            points = round(AVAILABILITY * len(common_days) / len(request.half_days))
            reasons.append(
                Reason(
                    ngettext(
                        "%(n)s demi-journée en commun",
                        "%(n)s demi-journées en commun",
                        len(common_days),
                    )
                    % {"n": len(common_days)},
                    points,
                )
            )
    if request.previous == "wanted" and coach.person_id in request.past_coaches:
        reasons.append(Reason(_("Accompagnant déjà connu, comme souhaité"), PREVIOUS_WANTED))
    return sum(r.points for r in reasons), reasons


def ranked(request: RequestData, coaches, names: dict | None = None) -> list[Pair]:
    """Every feasible coach for one request, best score first (the alternatives the
    coordinator may pick from)."""
    pairs = []
    for coach in coaches:
        if exclusion(request, coach) is None:
            points, reasons = score(request, coach, names)
            pairs.append(Pair(request.id, coach.id, points, reasons))
    pairs.sort(key=lambda p: (-p.score, p.coach_id))
    return pairs


def solve(requests, coaches, names: dict | None = None) -> list[Pair]:
    """The pairs that maximise the total score under every constraint and each coach's
    free places; requests without a feasible coach (or outbid) stay unmatched."""
    requests, coaches = list(requests), list(coaches)
    if not requests or not coaches:
        return []
    slots = []  # column -> coach index, one column per free place
    for index, coach in enumerate(coaches):
        slots.extend([index] * max(0, min(coach.places, len(requests))))
    if not slots:
        return []
    scores = np.zeros((len(requests), len(coaches)), dtype=np.int64)
    allowed = np.zeros((len(requests), len(coaches)), dtype=bool)
    open_coaches = [(j, c) for j, c in enumerate(coaches) if c.active and c.places > 0]
    for i, request in enumerate(requests):
        for j, coach in open_coaches:
            if feasible(request, coach):
                scores[i, j], allowed[i, j] = points(request, coach), True
    # Costs to minimise: minus the score; an infeasible cell costs more than all the
    # scores together can gain, and each request has its own zero-cost "unmatched" column.
    forbidden = int(scores.sum()) + 1
    slot_index = np.array(slots)
    matched_cost = np.where(allowed[:, slot_index], -scores[:, slot_index], forbidden)
    unmatched_cost = np.full((len(requests), len(requests)), forbidden, dtype=np.int64)
    np.fill_diagonal(unmatched_cost, 0)
    cost = np.hstack([matched_cost, unmatched_cost])
    rows, cols = linear_sum_assignment(cost)
    pairs = []
    for i, col in zip(rows, cols, strict=True):
        if col >= len(slots):
            continue
        j = slots[col]
        if not allowed[i, j]:  # cannot happen: the unmatched column is always cheaper
            continue
        # The reasons only for the pairs kept (building them for every cell is slow).
        total_points, reasons = score(requests[i], coaches[j], names)
        pairs.append(Pair(requests[i].id, coaches[j].id, total_points, reasons))
    return pairs


def total(pairs) -> int:
    return sum(p.score for p in pairs)


# --- loading from the database -------------------------------------------------------


def load(request_ids=None, *, on: datetime.date | None = None, exclude_round=None):
    """(requests, coaches, competency names) for the engine.

    Requests: the open ones (or those given). Coaches: every coach, with his free places
    (capacity minus his published or active matches; the matches of `exclude_round` are
    not counted). Queries: the requests with their competencies (2), the coaches with
    theirs (2), the matches taking places (1), the pairs that worked together or
    declined (1), the
    reporting lines (3) and the circle mates (3), the competency names (1).
    """
    from cercles.competencies.models import Competency
    from cercles.people.lines import circle_mates, reporting_line

    from .models import (
        TAKING_PLACE,
        WORKED_TOGETHER,
        Coach,
        CoachingRequest,
        Match,
        MatchStatus,
        RequestStatus,
    )

    qs = CoachingRequest.objects.prefetch_related("competencies").order_by("created_at", "id")
    if request_ids is None:
        qs = qs.filter(status=RequestStatus.OPEN, requester__is_active=True)
    else:
        qs = qs.filter(pk__in=list(request_ids))
    db_requests = list(qs)
    person_ids = [r.requester_id for r in db_requests]
    lines = reporting_line(person_ids, on) if person_ids else {}
    mates = circle_mates(person_ids, on) if person_ids else {}
    past, declined = {}, {}
    for requester_id, coach_person_id, status in Match.objects.filter(
        request__requester_id__in=person_ids,
        status__in=(*WORKED_TOGETHER, MatchStatus.DECLINED),
    ).values_list("request__requester_id", "coach__person_id", "status"):
        into = declined if status == MatchStatus.DECLINED else past
        into.setdefault(requester_id, set()).add(coach_person_id)
    taken = {}
    busy = Match.objects.filter(status__in=TAKING_PLACE)
    if exclude_round is not None:
        busy = busy.exclude(round=exclude_round)
    for coach_id in busy.values_list("coach_id", flat=True):
        taken[coach_id] = taken.get(coach_id, 0) + 1
    db_coaches = list(
        Coach.objects.select_related("person").prefetch_related("competencies").order_by("id")
    )
    requests = [
        RequestData(
            id=r.pk,
            person_id=r.requester_id,
            skills=frozenset(c.pk for c in r.competencies.all()),
            format=r.format,
            half_days=frozenset(r.half_days),
            site=r.site,
            remote_ok=r.remote_ok,
            allow_circle=r.allow_circle,
            allow_line=r.allow_line,
            previous=r.previous_coach,
            line=frozenset(lines.get(r.requester_id, ())),
            mates=frozenset(mates.get(r.requester_id, ())),
            past_coaches=frozenset(past.get(r.requester_id, ())),
            declined=frozenset(declined.get(r.requester_id, ())),
        )
        for r in db_requests
    ]
    coaches = [
        CoachData(
            id=c.pk,
            person_id=c.person_id,
            skills=frozenset(x.pk for x in c.competencies.all()),
            formats=frozenset(c.formats),
            half_days=frozenset(c.half_days),
            site=c.site,
            remote_ok=c.remote_ok,
            places=c.capacity - taken.get(c.pk, 0),
            active=c.active and c.person.is_active,
        )
        for c in db_coaches
    ]
    wanted = {s for r in requests for s in r.skills}
    names = dict(Competency.objects.filter(pk__in=wanted).values_list("pk", "name"))
    return requests, coaches, names
