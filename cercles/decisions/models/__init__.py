"""Proposals of a circle, the steps of their decision process, and the decision records.

A Proposal answers a tension of its circle with a text (Markdown) and, for a governance
proposal, structured changes to roles, circles and assignments (GovernanceChangeItem).
It is decided by consent or by integrative decision-making (IDM), in a meeting (the
facilitator drives the steps) or asynchronously (put to the circle with a closing
date). Every version of the text is kept (ProposalVersion), every step and every act
is logged (ProposalEvent, never changed), and the outcome leaves a Decision record
that keeps the objections with their test and integration, and the dissent notes.

The life cycle is a small state machine (`TRANSITIONS`, `NEXT_STEPS`); writes go
through `services`, which lock the proposal row on every change of state.
"""

from .changes import ChangeKind, GovernanceChangeItem
from .decisions import Decision, DecisionOutcome, DissentNote
from .proposals import (
    AMENDING_STEPS,
    BLOCKING,
    CRITERIA,
    FINAL,
    NEXT_STEPS,
    STEPS,
    TRANSITIONS,
    EventKind,
    MeetingRequest,
    Objection,
    ObjectionStatus,
    Process,
    Proposal,
    ProposalEvent,
    ProposalKind,
    ProposalStatus,
    ProposalVersion,
    Question,
    Reaction,
    Step,
)

__all__ = [
    "AMENDING_STEPS",
    "BLOCKING",
    "CRITERIA",
    "FINAL",
    "NEXT_STEPS",
    "STEPS",
    "TRANSITIONS",
    "ChangeKind",
    "Decision",
    "DecisionOutcome",
    "DissentNote",
    "EventKind",
    "GovernanceChangeItem",
    "MeetingRequest",
    "Objection",
    "ObjectionStatus",
    "Process",
    "Proposal",
    "ProposalEvent",
    "ProposalKind",
    "ProposalStatus",
    "ProposalVersion",
    "Question",
    "Reaction",
    "Step",
]
