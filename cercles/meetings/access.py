"""Load objects for a view: 404 for what the user may not see, 403 for what he may not do."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from . import permissions
from .models import AgendaItem, Meeting, MeetingAction, MeetingChecklistItem, MeetingTemplate


def _check(abilities: dict, ability: str | None):
    if ability and not abilities.get(ability):
        raise PermissionDenied


def get_meeting_for_user(request, pk, ability: str | None = None) -> tuple[Meeting, dict]:
    meeting = get_object_or_404(
        Meeting.objects.visible_to(request.user).select_related(
            "circle", "facilitator", "secretary", "charter", "template", "minutes"
        ),
        pk=pk,
    )
    abilities = permissions.meeting_abilities(request.user, meeting)
    _check(abilities, ability)
    return meeting, abilities


def get_agenda_item_for_user(request, pk, ability: str | None = None):
    item = get_object_or_404(
        AgendaItem.objects.filter(
            meeting__in=Meeting.objects.visible_to(request.user)
        ).select_related("meeting", "meeting__circle"),
        pk=pk,
    )
    abilities = permissions.meeting_abilities(request.user, item.meeting)
    _check(abilities, ability)
    return item, abilities


def get_checklist_item_for_user(request, pk, ability: str | None = None):
    item = get_object_or_404(
        MeetingChecklistItem.objects.filter(
            meeting__in=Meeting.objects.visible_to(request.user)
        ).select_related("meeting", "meeting__circle"),
        pk=pk,
    )
    abilities = permissions.meeting_abilities(request.user, item.meeting)
    _check(abilities, ability)
    return item, abilities


def get_action_for_user(request, pk, ability: str | None = None):
    """An action of a meeting the user sees; `ability` among action_abilities'."""
    action = get_object_or_404(
        MeetingAction.objects.visible_to(request.user).select_related(
            "meeting", "meeting__circle", "owner", "agenda_item"
        ),
        pk=pk,
    )
    abilities = permissions.action_abilities(request.user, action)
    _check(abilities, ability)
    return action, abilities


def get_minutes_meeting_for_user(request, pk, ability: str | None = None):
    """A meeting, its minutes (or None) and the user's abilities on both.

    Published minutes of a meeting marked `minutes_public` are read by everyone logged
    in, who may not see the meeting itself: the meeting is then loaded without its
    visibility filter, and the abilities say what he may do. 404 when he may neither
    read nor write the minutes (nothing published yet is nothing to read); 403 when he
    may read them but not do `ability` ("edit").
    """
    related = ("circle", "facilitator", "secretary", "minutes", "minutes__edited_by")
    meeting = (
        Meeting.objects.visible_to(request.user).select_related(*related).filter(pk=pk).first()
    )
    if meeting is not None:
        abilities = permissions.meeting_abilities(request.user, meeting)
    else:
        meeting = (
            Meeting.objects.select_related(*related)
            .filter(pk=pk, minutes_public=True, minutes__published=True)
            .first()
        )
        if meeting is None:
            raise Http404
        abilities = dict.fromkeys(permissions.MEETING_ABILITIES, False)
    # A reverse one-to-one raises an AttributeError subclass when there is none.
    minutes = getattr(meeting, "minutes", None)
    minutes_abilities = permissions.minutes_abilities(request.user, meeting, minutes, abilities)
    if not (minutes_abilities["view"] or minutes_abilities["edit"]):
        raise Http404
    _check(minutes_abilities, ability)
    return meeting, minutes, abilities, minutes_abilities


def get_template_for_admin(request, pk) -> MeetingTemplate:
    if not (request.user.is_authenticated and request.user.is_admin):
        raise PermissionDenied
    return get_object_or_404(MeetingTemplate, pk=pk)
