"""The decisions module's sections on other apps' pages (`cercles.core.panels`):

- "meeting_detail": the meeting's proposals with their state and step, a button to add
  one, and for its facilitator the circle's proposals waiting for a meeting;
- "circle_detail": the circle's latest decisions and its open consultations;
- "meeting_minutes": the decisions taken in the meeting, in Markdown, with their
  objections (test and integration), the governance changes applied and the dissent
  notes.

Each costs a constant number of queries (listed in each function).
"""

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from cercles.core import fragments, panels

from . import permissions
from .models import (
    Decision,
    DecisionOutcome,
    DissentNote,
    Objection,
    ObjectionStatus,
    Proposal,
    ProposalKind,
    ProposalStatus,
)
from .services import GENERATION, describe
from .services.governance import items_queryset

S = ProposalStatus
LATEST_DECISIONS = 5


@panels.register("meeting_detail", order=30)
def meeting_proposals(request, *, meeting, abilities):
    # Queries: the meeting's proposals (with, for whoever drives the circle, its
    # proposals waiting for a meeting), with their proposers and decisions. The
    # reader's roles are already known from the meeting's abilities.
    user = request.user
    if not abilities.get("view"):
        return ""
    drives = permissions.drives_circle(user, meeting.circle_id) or (
        meeting.facilitator_id == user.pk
    )
    wanted = Q(meeting=meeting)
    if drives:
        wanted |= Q(circle_id=meeting.circle_id, status=S.TO_MEETING, meeting__isnull=True)
    proposals = list(
        Proposal.objects.filter(wanted)
        .exclude(Q(status=S.DRAFT) & ~Q(proposer_id=user.pk))
        .select_related("proposer", "decision")
        .order_by("created_at", "id")
    )
    return render_to_string(
        "decisions/_meeting_panel.html",
        {
            "meeting": meeting,
            "proposals": [p for p in proposals if p.meeting_id == meeting.pk],
            "waiting": [p for p in proposals if p.meeting_id is None],
            "drives": drives,
            "can_propose": meeting.status != "closed"
            and permissions.can_propose(user, meeting.circle, meeting),
        },
        request=request,
    )


def _circle_body(circle, sees_all: bool) -> str:
    # Queries (cached until a proposal of any circle changes state): the latest
    # decisions; the open consultations.
    decisions = Decision.objects.filter(circle=circle)
    if not sees_all:
        decisions = decisions.filter(kind=ProposalKind.GOVERNANCE, outcome=DecisionOutcome.ADOPTED)
    latest = list(decisions.order_by("-decided_at", "-id")[:LATEST_DECISIONS])
    consultations = (
        list(Proposal.objects.filter(circle=circle, status=S.ASYNC).order_by("closes_at", "id"))
        if sees_all
        else []
    )
    return render_to_string(
        "decisions/_circle_panel.html#body",
        {"circle": circle, "decisions": latest, "consultations": consultations},
    )


@panels.register("circle_detail", order=30)
def circle_decisions(request, *, circle, abilities, as_of):
    # Queries: the reader's roles (the circles whose decisions he sees); then, unless
    # cached, the latest decisions and the open consultations.
    user = request.user
    if as_of.is_past or not user.is_authenticated:
        return ""
    sees_all = permissions.sees_circle_decisions(user, circle.pk)
    key = ":".join(
        [
            "decisions-circle",
            fragments.generation(GENERATION),
            get_language() or "",
            str(circle.pk),
            "all" if sees_all else "governance",
        ]
    )
    body = fragments.cached_fragment(key, lambda: _circle_body(circle, sees_all))
    return render_to_string(
        "decisions/_circle_panel.html",
        {
            "circle": circle,
            "body": body,
            "can_propose": permissions.can_propose(user, circle),
        },
        request=request,
    )


# --- the minutes -----------------------------------------------------------------------


def _escape(text) -> str:
    from cercles.meetings.minutes import md_escape

    return md_escape(text)


def _quote(text: str) -> list[str]:
    return ["> " + line if line.strip() else ">" for line in (text or "").splitlines()]


def _objection_line(objection) -> str:
    who = _escape(objection.author.full_name) if objection.author else "?"
    line = f"- **{who}** : {_escape(objection.reason)}"
    if objection.status == ObjectionStatus.INTEGRATED:
        line += " — " + _("valide, intégrée dans la version %(n)s : %(how)s") % {
            "n": objection.integrated_in.number if objection.integrated_in else "?",
            "how": _escape(objection.integration_note),
        }
    elif objection.status == ObjectionStatus.NOT_VALID:
        line += " — " + _("jugée non valide : %(why)s") % {"why": _escape(objection.test_reason)}
    elif objection.status == ObjectionStatus.WITHDRAWN:
        line += " — " + _("retirée par son auteur")
    else:
        line += " — " + str(objection.get_status_display()).lower()
    return line


@panels.register("meeting_minutes", order=30)
def minutes_section(*, meeting) -> str:
    # Queries: the meeting's decisions; their objections; their dissent notes; the
    # governance changes of its governance decisions (one query each).
    decisions = list(
        Decision.objects.filter(meeting=meeting)
        .select_related("proposer")
        .order_by("decided_at", "id")
    )
    if not decisions:
        return ""
    proposal_ids = [d.proposal_id for d in decisions]
    objections: dict[int, list] = {pk: [] for pk in proposal_ids}
    for objection in Objection.objects.filter(proposal_id__in=proposal_ids).select_related(
        "author", "integrated_in"
    ):
        objections[objection.proposal_id].append(objection)
    notes: dict[int, list] = {d.pk: [] for d in decisions}
    for note in DissentNote.objects.filter(decision__in=decisions).select_related("author"):
        notes[note.decision_id].append(note)
    changes: dict[int, list] = {pk: [] for pk in proposal_ids}
    governance = [d.proposal_id for d in decisions if d.kind == ProposalKind.GOVERNANCE]
    if governance:
        for item in items_queryset().filter(proposal_id__in=governance):
            changes[item.proposal_id].append(item)
    out = [f"## {_('Décisions')}", ""]
    for index, decision in enumerate(decisions, start=1):
        out += [
            f"### {index}. {_escape(decision.title)} — {decision.get_outcome_display().lower()}",
            "",
            f"- **{_('Processus')}** : {decision.get_process_display()}, "
            f"{decision.get_kind_display().lower()}",
            f"- **{_('Porteur')}** : "
            + (_escape(decision.proposer.full_name) if decision.proposer else "—"),
            f"- **{_('Tension')}** : {_escape(decision.tension)}",
            f"- **{_('Décidée le')}** : "
            + date_format(timezone.localtime(decision.decided_at), "j F Y, H:i"),
            "",
            f"**{_('Texte adopté') if decision.is_adopted else _('Texte rejeté')}** :",
            "",
            *_quote(decision.text),
            "",
        ]
        if decision.reason:
            out += [f"**{_('Motif du rejet')}** : {_escape(decision.reason)}", ""]
        if decision.kind == ProposalKind.GOVERNANCE and decision.is_adopted:
            out += [f"**{_('Changements de gouvernance appliqués')}** :", ""]
            out += [
                f"- {_escape(describe(item)['title'])}" for item in changes[decision.proposal_id]
            ]
            out.append("")
        mine = objections[decision.proposal_id]
        if mine:
            out += [
                "**"
                + ngettext("%(n)d objection", "%(n)d objections", len(mine)) % {"n": len(mine)}
                + "** :",
                "",
                *[_objection_line(o) for o in mine],
                "",
            ]
        else:
            out += [_("Aucune objection."), ""]
        if notes[decision.pk]:
            out += [f"**{_('Opinions minoritaires')}** :", ""]
            out += [
                f"- **{_escape(n.author.full_name)}** : {_escape(n.text)}"
                for n in notes[decision.pk]
            ]
            out.append("")
    return "\n".join(out).strip()
