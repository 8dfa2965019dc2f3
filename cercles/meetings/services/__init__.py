"""Every change to meetings goes through here, by topic:

- `meeting`: meetings, attendance, agenda (and tensions), the live speaker queue;
- `followup`: actions and ratings;
- `minutes`: the minutes, generated, edited, published;
- `templates`: meeting templates and the meeting's checklist;
- `calendar`: a person's calendar feed address.

Each function is keyword-only, runs in one transaction and raises ValidationError
(French message) on bad input, PermissionDenied when the person may not.
"""

from .calendar import calendar_feed_create, calendar_feed_revoke
from .followup import (
    action_create,
    action_delete,
    action_set_done,
    action_update,
    rating_save,
)
from .meeting import (
    AGENDA_FIELDS,
    CALENDAR_FIELDS,
    DEFAULT,
    MEETING_FIELDS,
    _broadcast,
    _end_current_turn,
    _locked,
    _require_drive,
    _require_live,
    _require_open,
    agenda_item_create,
    agenda_item_reorder,
    agenda_item_update,
    circle_member_ids,
    core_role_holder,
    floor_give,
    floor_stop,
    meeting_close,
    meeting_create,
    meeting_start,
    meeting_update,
    ordered_queue,
    participant_add,
    participant_set_attendance,
    participant_set_present,
    queue_move,
    queue_reorder,
    speaker_request_create,
    speaker_request_withdraw,
    speaking_times,
    tension_add,
)
from .minutes import minutes_generate, minutes_publish, minutes_save
from .templates import (
    apply_template,
    checklist_item_set_done,
    parse_agenda,
    parse_checklist,
    template_save,
)

__all__ = [
    "AGENDA_FIELDS",
    "CALENDAR_FIELDS",
    "DEFAULT",
    "MEETING_FIELDS",
    "_broadcast",
    "_end_current_turn",
    "_locked",
    "_require_drive",
    "_require_live",
    "_require_open",
    "action_create",
    "action_delete",
    "action_set_done",
    "action_update",
    "agenda_item_create",
    "agenda_item_reorder",
    "agenda_item_update",
    "apply_template",
    "calendar_feed_create",
    "calendar_feed_revoke",
    "checklist_item_set_done",
    "circle_member_ids",
    "core_role_holder",
    "floor_give",
    "floor_stop",
    "meeting_close",
    "meeting_create",
    "meeting_start",
    "meeting_update",
    "minutes_generate",
    "minutes_publish",
    "minutes_save",
    "ordered_queue",
    "parse_agenda",
    "parse_checklist",
    "participant_add",
    "participant_set_attendance",
    "participant_set_present",
    "queue_move",
    "queue_reorder",
    "rating_save",
    "speaker_request_create",
    "speaker_request_withdraw",
    "speaking_times",
    "template_save",
    "tension_add",
]
