"""Who may do what on consultations (docs/opinion-map.md).

- A consultation is seen by everyone logged in when it is open to the whole
  organisation; otherwise by the members of its circle (people holding a role there
  today), by whoever manages the circle (its lead link or one above), by the
  participants of its meeting if it has one, by its author and by admins.
- Whoever sees it takes part (votes, adds statements if allowed) while it is open.
- It is launched by a member of the circle, whoever manages it, or an admin; it is
  organised (edited, moderated, closed, reopened) by its author, the circle's
  facilitator and secretary, the facilitator of its meeting, whoever manages the
  circle and admins.
- Nobody, organisers and admins included, ever sees who voted what: the map never
  names anyone (named consultations included).

The per-user facts come from `meetings.permissions` (cached on the user object for the
request), so a page that checks many consultations costs no query per row.
"""

from cercles.meetings.permissions import (
    meeting_role_circle_ids,
    member_circle_ids,
    seen_circle_ids,
)
from cercles.organisation.permissions import is_admin, manages

from .analysis import effective_min_votes
from .models import Audience, Consultation, ConsultationState, ResultsVisibility

ABILITIES = (
    "view",
    "vote",
    "add_statement",
    "moderate",
    "update",
    "close",
    "reopen",
)


def can_create_consultation(user, circle) -> bool:
    if not (user and user.is_authenticated) or circle.is_archived:
        return False
    return is_admin(user) or circle.pk in member_circle_ids(user) or manages(user, circle.pk)


def _in_meeting(user, consultation: Consultation) -> bool:
    if consultation.meeting_id is None:
        return False
    if hasattr(consultation, "in_meeting"):  # annotated by `with_meeting_part`
        return bool(consultation.in_meeting)
    from cercles.meetings.models import Participant

    return Participant.objects.filter(meeting_id=consultation.meeting_id, person=user).exists()


def organises(user, consultation: Consultation) -> bool:
    if not (user and user.is_authenticated):
        return False
    return (
        is_admin(user)
        or consultation.created_by_id == user.pk
        or manages(user, consultation.circle_id)
        or consultation.circle_id in meeting_role_circle_ids(user)
        or (consultation.meeting_id is not None and consultation.meeting.facilitator_id == user.pk)
    )


def sees(user, consultation: Consultation) -> bool:
    if not (user and user.is_authenticated):
        return False
    return (
        is_admin(user)
        or consultation.audience == Audience.ORGANISATION
        or consultation.created_by_id == user.pk
        or consultation.circle_id in seen_circle_ids(user)
        or _in_meeting(user, consultation)
    )


def consultation_abilities(user, consultation: Consultation) -> dict[str, bool]:
    if not sees(user, consultation):
        return dict.fromkeys(ABILITIES, False)
    state = consultation.state
    live_circle = not consultation.circle.is_archived
    open_ = state == ConsultationState.OPEN and live_circle
    organiser = organises(user, consultation)
    return {
        "view": True,
        "vote": open_,
        "add_statement": open_ and consultation.allow_statements,
        "moderate": organiser,
        "update": organiser and live_circle,
        "close": organiser and state != ConsultationState.CLOSED,
        "reopen": organiser and live_circle and state == ConsultationState.CLOSED,
    }


def results_visible(
    consultation: Consultation, abilities: dict, *, votes_cast: int, statement_count: int
) -> bool:
    """Whether the map is shown: always to organisers; to the others as the
    consultation says (at any time, once they voted enough to be placed, at closing)."""
    if not abilities.get("view"):
        return False
    if abilities.get("moderate"):
        return True
    rule = consultation.results_visibility
    if rule == ResultsVisibility.ALWAYS or consultation.is_closed:
        return True
    if rule == ResultsVisibility.AFTER_VOTING:
        needed = effective_min_votes(consultation.min_votes, statement_count)
        return votes_cast >= needed
    return False
