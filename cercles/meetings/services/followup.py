"""Actions decided in a meeting, and the participants' ratings of it.

Who may is checked here too (the pages and the API call these functions): actions are
created and changed by whoever organises the meeting, ticked by their owner as well;
a meeting is rated by a participant marked present, once it is closed or in its last
minutes (`permissions.rating_open`).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..models import AgendaItem, Meeting, MeetingAction, MeetingRating, Participant, Voice

ACTION_FIELDS = {"title", "owner", "due_on", "agenda_item"}


def _require_organise(by, meeting: Meeting) -> None:
    if not permissions.meeting_abilities(by, meeting)["organise"]:
        raise PermissionDenied(
            _("Seuls le facilitateur, le secrétaire et ceux qui pilotent le cercle.")
        )


def _check_agenda_item(meeting: Meeting, item: AgendaItem | None) -> None:
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("Ce point n'est pas à l'ordre du jour.")})


# --- actions ---------------------------------------------------------------------------


@transaction.atomic
def action_create(
    *, meeting: Meeting, by, title, owner=None, due_on=None, agenda_item=None
) -> MeetingAction:
    _require_organise(by, meeting)
    _check_agenda_item(meeting, agenda_item)
    if owner is not None and not owner.is_active:
        raise ValidationError({"owner": _("Cette personne n'est plus active.")})
    action = MeetingAction(
        meeting=meeting,
        title=(title or "").strip(),
        owner=owner,
        due_on=due_on,
        agenda_item=agenda_item,
        created_by=by,
    )
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_update(*, action: MeetingAction, by, **fields) -> MeetingAction:
    unknown = set(fields) - ACTION_FIELDS
    if unknown:
        raise TypeError(f"action_update() got unexpected fields {sorted(unknown)}")
    _require_organise(by, action.meeting)
    if "agenda_item" in fields:
        _check_agenda_item(action.meeting, fields["agenda_item"])
    owner = fields.get("owner")
    if owner is not None and owner.pk != action.owner_id and not owner.is_active:
        raise ValidationError({"owner": _("Cette personne n'est plus active.")})
    for key, value in fields.items():
        setattr(action, key, value.strip() if key == "title" else value)
    action.full_clean()
    action.save(update_fields=list(fields))
    return action


@transaction.atomic
def action_set_done(*, action: MeetingAction, by, done: bool, at=None) -> MeetingAction:
    """Tick an action done (or not done again): its owner or whoever organises."""
    if not permissions.action_abilities(by, action)["tick"]:
        raise PermissionDenied(_("Seuls le responsable de l'action et ceux qui organisent."))
    if action.done != done:
        action.done = done
        action.done_at = (at or timezone.now()) if done else None
        action.done_by = by if done else None
        action.save(update_fields=["done", "done_at", "done_by"])
    return action


@transaction.atomic
def action_delete(*, action: MeetingAction, by) -> None:
    _require_organise(by, action.meeting)
    action.delete()


# --- ratings ---------------------------------------------------------------------------


@transaction.atomic
def rating_save(*, meeting: Meeting, person, score, voice, comment="", now=None) -> MeetingRating:
    """Rate the meeting, or change one's rating (one per participant)."""
    meeting = Meeting.objects.get(pk=meeting.pk)  # its state now, not the caller's copy
    participant = Participant.objects.filter(meeting=meeting, person=person).first()
    if participant is None or not participant.present:
        raise PermissionDenied(_("Seuls les participants présents évaluent la réunion."))
    if not permissions.rating_open(meeting, now):
        raise ValidationError(
            _("L'évaluation s'ouvre dans les dernières minutes de la réunion, ou à sa clôture.")
        )
    errors = {}
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = None
    if score is None or not 1 <= score <= 5:
        errors["score"] = _("Choisissez une note de 1 à 5.")
    if voice not in Voice.values:
        errors["voice"] = _("Dites si vous avez pu dire ce que vous vouliez.")
    comment = (comment or "").strip()
    if len(comment) > 2000:
        errors["comment"] = _("Le commentaire dépasse 2000 caractères.")
    if errors:
        raise ValidationError(errors)
    rating, _created = MeetingRating.objects.update_or_create(
        meeting=meeting,
        person=person,
        defaults={"score": score, "voice": voice, "comment": comment},
    )
    return rating
