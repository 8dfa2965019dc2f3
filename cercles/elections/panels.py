"""The elections' sections on other apps' pages (`core.panels`).

- The circle's page: its elected roles, who holds them until when (flagged when the
  term ends soon), the election in progress for each, the links to organise one.
  Plain data cached until the organisation or an election changes: no query once
  cached, three otherwise.
- The meeting's page: the elections held during the meeting (one query).
- The meeting's minutes: who was elected to what, until when, and the objections
  raised with how they were treated (Markdown; two queries).
"""

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cercles.core import panels

from . import permissions, selectors
from .models import Election, ElectionStatus, Objection, Resolution


@panels.register("circle_detail", order=40)
def circle_panel(request, *, circle, abilities, as_of=None):
    if circle.is_archived:
        return ""
    terms = selectors.circle_terms(circle.pk)
    if not terms:
        return ""
    can_create = permissions.can_create_election(
        request.user, circle, facilitator_ids=selectors.facilitator_ids(terms)
    )
    return render_to_string(
        "elections/_circle_panel.html",
        {"terms": terms, "circle_id": circle.pk, "can_create": can_create},
        request,
    )


@panels.register("meeting_detail", order=40)
def meeting_panel(request, *, meeting, abilities):
    if not abilities.get("view"):
        return ""
    elections = list(
        Election.objects.filter(meeting=meeting).select_related("role", "candidate", "elected")
    )
    from cercles.meetings.models import MeetingStatus

    can_create = bool(abilities.get("drive")) and meeting.status != MeetingStatus.CLOSED
    if not elections and not can_create:
        return ""
    return render_to_string(
        "elections/_meeting_panel.html",
        {"elections": elections, "meeting": meeting, "can_create": can_create},
        request,
    )


def _day(value) -> str:
    return date_format(value, "j F Y")


@panels.register("meeting_minutes", order=40)
def meeting_minutes(*, meeting) -> str:
    """The minutes' section of the elections held during the meeting, in Markdown."""
    elections = list(
        Election.objects.filter(meeting=meeting)
        .exclude(status=ElectionStatus.DESCRIBED)
        .select_related("role", "elected", "candidate")
        .prefetch_related(
            Prefetch(
                "objections",
                queryset=Objection.objects.select_related("person", "proposal__candidate"),
            )
        )
        .order_by("created_at", "id")
    )
    if not elections:
        return ""
    from cercles.meetings.minutes import md_escape  # the meetings app imports the panels

    lines = [f"## {_('Élections')}", ""]
    for election in elections:
        role = md_escape(election.role.name)
        if election.status == ElectionStatus.ELECTED:
            lines.append(
                "- "
                + _(
                    "**%(role)s** : %(name)s est élu·e, %(share)s %% du temps, du %(start)s "
                    "au %(end)s (exclu)."
                )
                % {
                    "role": role,
                    "name": md_escape(election.elected.full_name),
                    "share": election.share,
                    "start": _day(election.term_start),
                    "end": _day(election.term_end),
                }
            )
        elif election.status == ElectionStatus.CANCELLED:
            lines.append(
                "- "
                + _("**%(role)s** : élection annulée (%(reason)s).")
                % {"role": role, "reason": md_escape(election.cancel_reason)}
            )
        else:
            lines.append(
                "- "
                + _("**%(role)s** : élection en cours (%(step)s).")
                % {"role": role, "step": election.get_status_display()}
            )
        objections = list(election.objections.all())
        if not objections:
            lines.append("  - " + _("Aucune objection."))
        for objection in objections:
            how = (
                Resolution(objection.resolution).label if objection.resolution else _("non traitée")
            )
            text = _(
                "Objection de %(name)s à la proposition de %(candidate)s : « %(reason)s » — %(how)s"
            ) % {
                "name": md_escape(objection.person.full_name),
                "candidate": md_escape(objection.proposal.candidate.full_name),
                "reason": md_escape(objection.reason),
                "how": how,
            }
            if objection.resolution_note:
                text += f" (« {md_escape(objection.resolution_note)} »)"
            lines.append(f"  - {text}.")
    return "\n".join(lines) + "\n"
