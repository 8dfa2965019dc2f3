"""Meeting templates (edited by admins) and the checklist of a meeting.

A template's agenda and checklist are edited as text, one line each (see
`parse_agenda`): simpler to type and to review than a grid of fields, and a line
that cannot be read gets a message naming it.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cercles.organisation.permissions import is_admin

from .. import permissions
from ..models import (
    AgendaItem,
    AgendaItemKind,
    Meeting,
    MeetingChecklistItem,
    MeetingStatus,
    MeetingTemplate,
    TemplateAgendaItem,
    TemplateChecklistItem,
)

TRIAGE_MARK = "triage"
MAX_LINES = 50


@dataclass
class AgendaLine:
    title: str
    time_box_minutes: int | None
    kind: str


def parse_agenda(text: str) -> list[AgendaLine]:
    """One item a line: `Titre | minutes | triage`, the last two parts optional.

    "Tour d'inclusion | 5" is a 5-minute item; "Triage des tensions | 20 | triage" is
    the item below which participants add their tensions live. Raises ValidationError
    naming each line it cannot read.
    """
    lines: list[AgendaLine] = []
    errors: list[str] = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        if not raw.strip():
            continue
        parts = [part.strip() for part in raw.split("|")]
        title, minutes, kind = parts[0], None, AgendaItemKind.ITEM
        if not title:
            errors.append(_("Ligne %(n)d : le titre manque.") % {"n": number})
            continue
        if len(title) > 200:
            errors.append(_("Ligne %(n)d : titre de plus de 200 caractères.") % {"n": number})
            continue
        if len(parts) > 3:
            errors.append(
                _("Ligne %(n)d : au plus trois parties, « titre | minutes | triage ».")
                % {"n": number}
            )
            continue
        if len(parts) >= 2 and parts[1]:
            try:
                minutes = int(parts[1])
            except ValueError:
                minutes = 0
            if not 1 <= minutes <= 24 * 60:
                errors.append(
                    _("Ligne %(n)d : « %(value)s » n'est pas une durée en minutes (1 à 1440).")
                    % {"n": number, "value": parts[1]}
                )
                continue
        if len(parts) == 3 and parts[2]:
            if parts[2].lower() != TRIAGE_MARK:
                errors.append(
                    _("Ligne %(n)d : la troisième partie ne peut être que « triage ».")
                    % {"n": number}
                )
                continue
            kind = AgendaItemKind.TRIAGE
        lines.append(AgendaLine(title, minutes, kind))
    if sum(1 for line in lines if line.kind == AgendaItemKind.TRIAGE) > 1:
        errors.append(_("Un seul point de triage par ordre du jour."))
    if len(lines) > MAX_LINES:
        errors.append(_("Au plus %(n)d points.") % {"n": MAX_LINES})
    if errors:
        raise ValidationError({"agenda": errors})
    return lines


def parse_checklist(text: str) -> list[str]:
    items = [line.strip() for line in (text or "").splitlines() if line.strip()]
    errors = [
        _("Ligne %(n)d : plus de 300 caractères.") % {"n": number}
        for number, item in enumerate(items, start=1)
        if len(item) > 300
    ]
    if len(items) > MAX_LINES:
        errors.append(_("Au plus %(n)d éléments.") % {"n": MAX_LINES})
    if errors:
        raise ValidationError({"checklist": errors})
    return items


def agenda_text(template: MeetingTemplate) -> str:
    """The template's agenda as the edit form shows it (the inverse of parse_agenda)."""
    lines = []
    for item in template.agenda_items.all():
        parts = [item.title]
        if item.time_box_minutes or item.kind == AgendaItemKind.TRIAGE:
            parts.append(str(item.time_box_minutes or ""))
        if item.kind == AgendaItemKind.TRIAGE:
            parts.append(TRIAGE_MARK)
        lines.append(" | ".join(parts))
    return "\n".join(lines)


def checklist_text(template: MeetingTemplate) -> str:
    return "\n".join(item.text for item in template.checklist_items.all())


def _require_admin(by) -> None:
    if not is_admin(by):
        raise PermissionDenied(_("Seuls les administrateurs modifient les modèles de réunion."))


@transaction.atomic
def template_save(
    *,
    by,
    template: MeetingTemplate | None = None,
    name,
    kind,
    description="",
    agenda="",
    checklist="",
    charter=None,
    is_active=True,
) -> MeetingTemplate:
    """Create a template (`template` None) or replace an existing one's fields, agenda
    and checklist. Meetings already planned from it keep their own copies."""
    _require_admin(by)
    errors = {}
    try:
        lines = parse_agenda(agenda)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        items = parse_checklist(checklist)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    name = (name or "").strip()
    clash = MeetingTemplate.objects.filter(name__iexact=name)
    if template is not None:
        clash = clash.exclude(pk=template.pk)
    if name and clash.exists():
        errors["name"] = [_("Un modèle porte déjà ce nom.")]
    if errors:
        raise ValidationError(errors)
    template = template or MeetingTemplate()
    template.name = name
    template.kind = kind
    template.description = (description or "").strip()
    template.charter = charter
    template.is_active = is_active
    template.full_clean(validate_unique=False)
    template.save()
    template.agenda_items.all().delete()
    template.checklist_items.all().delete()
    TemplateAgendaItem.objects.bulk_create(
        TemplateAgendaItem(
            template=template,
            position=i,
            title=line.title,
            time_box_minutes=line.time_box_minutes,
            kind=line.kind,
        )
        for i, line in enumerate(lines)
    )
    TemplateChecklistItem.objects.bulk_create(
        TemplateChecklistItem(template=template, position=i, text=text)
        for i, text in enumerate(items)
    )
    return template


def organisation_charter():
    """The organisation's meeting charter (a knowledge page), or None."""
    from cercles.knowledge.models import Page

    return Page.objects.charter()


def apply_template(*, meeting: Meeting, template: MeetingTemplate) -> Meeting:
    """Copy the template's agenda and checklist into a new meeting (called by
    `meeting_create`, inside its transaction, which sets the template and charter)."""
    start = meeting.agenda_items.count()
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            position=start + i,
            title=item.title,
            time_box_minutes=item.time_box_minutes,
            kind=item.kind,
        )
        for i, item in enumerate(template.agenda_items.all())
    )
    MeetingChecklistItem.objects.bulk_create(
        MeetingChecklistItem(meeting=meeting, position=i, text=item.text)
        for i, item in enumerate(template.checklist_items.all())
    )
    return meeting


@transaction.atomic
def checklist_item_set_done(
    *, item: MeetingChecklistItem, by, done: bool, at=None
) -> MeetingChecklistItem:
    """Tick a line of the checklist (whoever organises the meeting, while it is open)."""
    meeting = item.meeting
    if not permissions.meeting_abilities(by, meeting)["organise"]:
        raise PermissionDenied(_("Seuls le facilitateur et le secrétaire cochent la checklist."))
    if meeting.status == MeetingStatus.CLOSED:
        raise ValidationError(_("La réunion est close."))
    if item.done != done:
        item.done = done
        item.done_at = (at or timezone.now()) if done else None
        item.done_by = by if done else None
        item.save(update_fields=["done", "done_at", "done_by"])
    return item
