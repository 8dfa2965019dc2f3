"""Who may do what on proposals and decisions.

- A proposal is seen by those who see its circle's meetings (its members and whoever
  manages it, `meetings.permissions.seen_circle_ids`), by those who see its meeting
  (invited participants, members of an invited circle), and by admins. A draft is
  seen by its proposer only.
- A decision is seen by the same people; an adopted governance decision, which changed
  the organisation everyone reads (and whose history links to it), by everyone logged in.
- The circle's members and the meeting's participants take part: they propose, react,
  ask clarifying questions, object, ask for a meeting during a consultation, and attach
  a dissent note to an adopted decision. The proposer does not object to his own
  proposal: he amends or withdraws it.
- The facilitator drives the process: the meeting's facilitator, the circle's
  facilitator or secretary, whoever manages the circle (its lead link or one above),
  admins. He opens the proposal in a meeting, moves it from step to step, tests each
  objection, and states the outcome.
- The proposer writes and edits his proposal until it is decided, and amends it (with
  the facilitator) in the amend and integration steps.

The per-user facts (circles he belongs to, facilitates, manages) come from the meetings
and organisation permissions, read once and kept on the user object.
"""

from cercles.meetings.permissions import (
    meeting_abilities,
    meeting_role_circle_ids,
    member_circle_ids,
    participant_of,
    seen_circle_ids,
)
from cercles.organisation.permissions import is_admin, manages

from .models import (
    AMENDING_STEPS,
    FINAL,
    ObjectionStatus,
    ProposalKind,
    ProposalStatus,
    Step,
)

S = ProposalStatus
PROPOSAL_ABILITIES = (
    "view",
    "update",
    "submit",
    "consult",
    "start",
    "drive",
    "react",
    "ask",
    "answer",
    "amend",
    "object",
    "ask_meeting",
    "withdraw",
    "postpone",
    "changes",
)


def _authenticated(user) -> bool:
    return bool(user and user.is_authenticated)


def drives_circle(user, circle_id: int) -> bool:
    """The circle's facilitator or secretary, whoever manages it, admins."""
    if not _authenticated(user):
        return False
    return is_admin(user) or circle_id in meeting_role_circle_ids(user) or manages(user, circle_id)


def drives(user, proposal) -> bool:
    if not _authenticated(user):
        return False
    if drives_circle(user, proposal.circle_id):
        return True
    meeting = proposal.meeting
    return meeting is not None and (
        meeting.facilitator_id == user.pk or manages(user, meeting.circle_id)
    )


def takes_part(user, proposal) -> bool:
    """A member of the proposal's circle, or a participant of its meeting."""
    if not _authenticated(user):
        return False
    if proposal.circle_id in member_circle_ids(user):
        return True
    return proposal.meeting_id is not None and participant_of(user, proposal.meeting) is not None


def can_propose(user, circle, meeting=None) -> bool:
    """Members of the circle, the meeting's participants, and whoever drives it."""
    if not _authenticated(user) or circle.is_archived:
        return False
    if circle.pk in member_circle_ids(user) or drives_circle(user, circle.pk):
        return True
    return meeting is not None and (
        participant_of(user, meeting) is not None or meeting.facilitator_id == user.pk
    )


def sees_circle_decisions(user, circle_id: int) -> bool:
    """Every decision of the circle (not only its adopted governance decisions)."""
    return _authenticated(user) and (is_admin(user) or circle_id in seen_circle_ids(user))


def _sees(user, proposal) -> bool:
    if is_admin(user) or proposal.proposer_id == user.pk:
        return True
    if proposal.status == S.DRAFT:
        return False
    if proposal.circle_id in seen_circle_ids(user):
        return True
    return proposal.meeting_id is not None and meeting_abilities(user, proposal.meeting)["view"]


def proposal_abilities(user, proposal) -> dict[str, bool]:
    if not _authenticated(user):
        return dict.fromkeys(PROPOSAL_ABILITIES, False)
    status, step = proposal.status, proposal.step
    mine = proposal.proposer_id == user.pk
    driver = drives(user, proposal)
    part = takes_part(user, proposal)
    open_ = status == S.OPEN
    editable = status in (S.DRAFT, S.TO_MEETING)
    amending = open_ and step in AMENDING_STEPS and (mine or driver)
    return {
        "view": _sees(user, proposal),
        "update": mine and editable,
        "submit": mine and status == S.DRAFT,
        "consult": editable and (mine or (driver and status == S.TO_MEETING)),
        "start": driver and status == S.TO_MEETING,
        "drive": driver and open_,
        "react": part and open_ and step == Step.REACTIONS,
        "ask": part and not mine and open_ and step == Step.CLARIFYING,
        "answer": (mine or driver) and open_ and step == Step.CLARIFYING,
        "amend": amending,
        "object": part and not mine and ((open_ and step == Step.OBJECTIONS) or status == S.ASYNC),
        "ask_meeting": part and not mine and status == S.ASYNC,
        "withdraw": (mine or driver) and status not in FINAL,
        "postpone": driver and open_,
        "changes": proposal.kind == ProposalKind.GOVERNANCE and ((mine and editable) or amending),
    }


def objection_abilities(user, objection, proposal_abilities_: dict) -> dict[str, bool]:
    """`proposal_abilities_`: the reader's abilities on the objection's proposal."""
    mine = _authenticated(user) and objection.author_id == user.pk
    untouched = objection.status in (ObjectionStatus.RAISED, ObjectionStatus.VALID)
    return {
        "test": proposal_abilities_["drive"]
        and objection.status
        in (ObjectionStatus.RAISED, ObjectionStatus.VALID, ObjectionStatus.NOT_VALID),
        "withdraw": mine and untouched and proposal_abilities_["view"],
    }


def decision_abilities(user, decision) -> dict[str, bool]:
    """`dissent`: the people who took part in the decision (the meeting's participants,
    or the circle's members for a decision without meeting), on an adopted decision."""
    if not _authenticated(user):
        return {"view": False, "dissent": False}
    view = (
        is_admin(user)
        or decision.circle_id in seen_circle_ids(user)
        or (decision.kind == ProposalKind.GOVERNANCE and decision.is_adopted)
        or (decision.meeting_id is not None and meeting_abilities(user, decision.meeting)["view"])
    )
    if decision.meeting_id is not None:
        took_part = participant_of(user, decision.meeting) is not None
    else:
        took_part = decision.circle_id in member_circle_ids(user)
    return {"view": view, "dissent": view and took_part and decision.is_adopted}
