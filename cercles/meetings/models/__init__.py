"""The meetings module's models, by topic (each file's docstring explains its part)."""

from .calendar import CalendarFeed
from .followup import (
    MeetingAction,
    MeetingMinutes,
    MeetingRating,
    MinutesRevision,
    RevisionReason,
    Voice,
)
from .meeting import (
    AgendaItem,
    AgendaItemKind,
    Meeting,
    MeetingKind,
    MeetingQuerySet,
    MeetingStatus,
    Participant,
    RequestKind,
    RequestStatus,
    SpeakerRequest,
    SpeakerRequestQuerySet,
)
from .templates import (
    MeetingChecklistItem,
    MeetingTemplate,
    TemplateAgendaItem,
    TemplateChecklistItem,
)

__all__ = [
    "AgendaItem",
    "AgendaItemKind",
    "CalendarFeed",
    "Meeting",
    "MeetingAction",
    "MeetingChecklistItem",
    "MeetingKind",
    "MeetingMinutes",
    "MeetingQuerySet",
    "MeetingRating",
    "MeetingStatus",
    "MeetingTemplate",
    "MinutesRevision",
    "Participant",
    "RequestKind",
    "RequestStatus",
    "RevisionReason",
    "SpeakerRequest",
    "SpeakerRequestQuerySet",
    "TemplateAgendaItem",
    "TemplateChecklistItem",
    "Voice",
]
