"""Every step of an election goes through these functions.

Each one is keyword-only and runs in one transaction; it checks who may take the step
(PermissionDenied, since the pages and the API both call them), locks the election's
row so that two clicks cannot interleave, raises ValidationError (French message) on
bad input or on a step the election's state forbids, writes the step and its line in
the election's log (`ElectionEvent`), and schedules the notifications for after the
commit. `at` dates a step in the past (the demo loader).

The confirmation ends the role's running assignment and creates the new one through
the organisation services, with the election as their decision, so the circle's
history links to it.
"""

from .common import (
    DEFAULT,
    ELECTIONS,
    MAX_TERM_MONTHS,
    current_proposal,
    default_description,
    default_term_start,
    eligible_candidates,
    lead_link_message,
    members,
    term_end_for,
    term_label,
)
from .conclusion import election_confirm
from .describe import (
    election_cancel,
    election_create,
    election_open,
    election_take_over,
    election_update,
)
from .rounds import (
    election_answer,
    election_propose,
    election_reveal,
    nominate,
    nomination_change,
    objection_resolve,
    tally,
)

__all__ = [
    "DEFAULT",
    "ELECTIONS",
    "MAX_TERM_MONTHS",
    "current_proposal",
    "default_description",
    "default_term_start",
    "election_answer",
    "election_cancel",
    "election_confirm",
    "election_create",
    "election_open",
    "election_propose",
    "election_reveal",
    "election_take_over",
    "election_update",
    "eligible_candidates",
    "lead_link_message",
    "members",
    "nominate",
    "nomination_change",
    "objection_resolve",
    "tally",
    "term_end_for",
    "term_label",
]
