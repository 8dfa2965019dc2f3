"""Every change to proposals and decisions goes through here (see each module)."""

from .common import GENERATION, latest_version
from .consultation import (
    close_due_consultations,
    consultation_close,
    meeting_request_create,
    proposal_consult,
)
from .dissent import dissent_note_delete, dissent_note_save
from .governance import change_add, change_remove, describe, items_for_display, validate_all
from .proposals import (
    next_meeting,
    objection_raise,
    objection_test,
    objection_withdraw,
    proposal_adopt,
    proposal_amend,
    proposal_create,
    proposal_postpone,
    proposal_reject,
    proposal_start,
    proposal_step,
    proposal_submit,
    proposal_update,
    proposal_withdraw,
    question_answer,
    question_ask,
    reaction_create,
)

__all__ = [
    "GENERATION",
    "change_add",
    "change_remove",
    "close_due_consultations",
    "consultation_close",
    "describe",
    "dissent_note_delete",
    "dissent_note_save",
    "items_for_display",
    "latest_version",
    "meeting_request_create",
    "next_meeting",
    "objection_raise",
    "objection_test",
    "objection_withdraw",
    "proposal_adopt",
    "proposal_amend",
    "proposal_consult",
    "proposal_create",
    "proposal_postpone",
    "proposal_reject",
    "proposal_start",
    "proposal_step",
    "proposal_submit",
    "proposal_update",
    "proposal_withdraw",
    "question_answer",
    "question_ask",
    "reaction_create",
    "validate_all",
]
