"""Who may do what in an election.

- Everyone logged in reads an election: it completes the governance history, which the
  whole organisation reads. Who nominated whom stays secret until the reveal: before
  it, only the election's facilitator (and each author, his own) sees the nominations.
- The electors are the circle's members (people holding one of its roles today): they
  nominate, change their nomination after the reveal, and answer the objection round.
  The candidates are the same people; for the rep link, not the circle's lead link
  (holacracy keeps the two roles apart).
- An election is organised by the circle's facilitator, by whoever manages the circle
  (its lead link or one above, `organisation.permissions.manages`), by admins, and from
  a meeting by the meeting's facilitator.
- It is run (reveal, proposal, objections, confirmation, cancellation) by its
  facilitator and by whoever manages the circle. In the election of the facilitator
  role, the facilitator who is the candidate no longer runs it: the lead link (or
  whoever manages the circle, or an admin) does. A manager may take the facilitation
  over (and then sees the secret nominations); otherwise only the named facilitator does.
- The candidate answers the objection round last: he accepts once no objection is open.

The per-user facts (the circles he belongs to and facilitates) are read once and kept
on the user object for the request.
"""

from django.utils import timezone

from cercles.organisation.models import Assignment, CoreRole
from cercles.organisation.permissions import is_admin, manages

from .models import ELECTED_ROLES, Election, ElectionStatus

_FACTS = ("_cercles_election_member_ids", "_cercles_election_facilitated_ids")


def forget(user) -> None:
    for attr in _FACTS:
        if hasattr(user, attr):
            delattr(user, attr)


def _read_facts(user) -> None:
    rows = list(
        Assignment.objects.current(timezone.localdate())
        .filter(person=user, role__archived_at__isnull=True)
        .values_list("role__circle_id", "role__core_role")
    )
    user._cercles_election_member_ids = {circle for circle, _core in rows}
    user._cercles_election_facilitated_ids = {
        circle for circle, core in rows if core == CoreRole.FACILITATOR
    }


def member_circle_ids(user) -> set[int]:
    """Circles where the user holds a role today."""
    if not hasattr(user, "_cercles_election_member_ids"):
        _read_facts(user)
    return user._cercles_election_member_ids


def facilitated_circle_ids(user) -> set[int]:
    """Circles whose facilitator the user is today."""
    if not hasattr(user, "_cercles_election_facilitated_ids"):
        _read_facts(user)
    return user._cercles_election_facilitated_ids


def can_create_election(user, circle, meeting=None, *, facilitator_ids=None) -> bool:
    """The circle's facilitator, whoever manages the circle, admins; from a meeting, also
    the meeting's facilitator. `facilitator_ids` (the circle's facilitators, when the
    caller knows them) spares the query of the user's roles."""
    if not (user and user.is_authenticated) or circle.is_archived:
        return False
    if is_admin(user) or manages(user, circle.pk):
        return True
    if meeting is not None and meeting.facilitator_id == user.pk:
        return True
    if facilitator_ids is not None:
        return user.pk in facilitator_ids
    return circle.pk in facilitated_circle_ids(user)


def runs(user, election: Election) -> bool:
    """Whether the user runs the election now (see the module's docstring)."""
    if not (user and user.is_authenticated):
        return False
    if (
        election.role.core_role == CoreRole.FACILITATOR
        and election.candidate_id == user.pk
        and election.is_open
    ):
        return False
    return user.pk == election.facilitator_id or manages(user, election.circle_id)


def is_elector(user, election: Election) -> bool:
    """A member of the circle today: he nominates and answers the objection round."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and election.circle_id in member_circle_ids(user)
    )


ELECTION_ABILITIES = (
    "view",
    "update",
    "open",
    "nominate",
    "change",
    "see_nominations",
    "reveal",
    "propose",
    "answer",
    "accept",
    "resolve",
    "confirm",
    "cancel",
    "take_over",
)


def election_abilities(user, election: Election) -> dict[str, bool]:
    if not (user and user.is_authenticated):
        return dict.fromkeys(ELECTION_ABILITIES, False)
    status = election.status
    run = runs(user, election)
    elector = is_elector(user, election)
    candidate = election.candidate_id == user.pk
    before_proposal = status in (
        ElectionStatus.DESCRIBED,
        ElectionStatus.NOMINATING,
        ElectionStatus.CHANGING,
    )
    objections = status == ElectionStatus.OBJECTIONS
    return {
        "view": True,
        "update": run and before_proposal,
        "open": run and status == ElectionStatus.DESCRIBED,
        "nominate": elector and status == ElectionStatus.NOMINATING,
        # Only those who wrote a nomination change it (the view knows whether he did).
        "change": elector and status == ElectionStatus.CHANGING,
        "see_nominations": election.is_revealed or user.pk == election.facilitator_id,
        "reveal": run and status == ElectionStatus.NOMINATING,
        "propose": run and status in (ElectionStatus.CHANGING, ElectionStatus.OBJECTIONS),
        "answer": (elector or candidate) and objections,
        "accept": candidate and objections,
        "resolve": run and objections,
        "confirm": run and objections,
        "cancel": run and election.is_open,
        "take_over": (
            election.is_open
            and user.pk != election.facilitator_id
            and manages(user, election.circle_id)
            and not (election.role.core_role == CoreRole.FACILITATOR and candidate)
        ),
    }


def is_elected_role(role) -> bool:
    return role.core_role in ELECTED_ROLES
