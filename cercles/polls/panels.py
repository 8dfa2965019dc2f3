"""The polls' sections on other apps' pages (cercles/core/panels.py): the meeting page
(its polls, and a button to create one), the circle page (its open polls), and the
meeting's minutes (its polls with their outcome, in Markdown).

Each costs one query (the polls, with the reader's elector and participation flags),
whatever their number.
"""

import re

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from cercles.core import panels

from . import permissions
from .models import Poll, PollStatus
from .results import poll_results

CIRCLE_PANEL_POLLS = 10


@panels.register("meeting_detail", order=40)
def meeting_polls(request, *, meeting, abilities):
    user = request.user
    if not abilities.get("view"):
        return ""
    polls = list(Poll.objects.filter(meeting=meeting).with_mine(user).order_by("created_at", "id"))
    for poll in polls:
        poll.meeting = meeting
        poll.abilities = permissions.poll_abilities(user, poll)
    can_create = permissions.can_create_poll(user, meeting.circle, meeting, abilities)
    if not polls and not can_create:
        return ""
    return render_to_string(
        "polls/_meeting_panel.html",
        {"meeting": meeting, "polls": polls, "can_create": can_create},
        request,
    )


@panels.register("circle_detail", order=40)
def circle_open_polls(request, *, circle, abilities, as_of):
    user = request.user
    polls = list(
        Poll.objects.visible_to(user)
        .filter(circle=circle, status=PollStatus.OPEN)
        .with_mine(user)
        .select_related("meeting")
        .order_by("closes_at", "-created_at", "-id")[:CIRCLE_PANEL_POLLS]
    )
    for poll in polls:
        poll.abilities = permissions.poll_abilities(user, poll)
    return render_to_string(
        "polls/_circle_panel.html",
        {
            "circle": circle,
            "polls": polls,
            "can_create": permissions.can_create_poll(user, circle),
        },
        request,
    )


_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def _md(text) -> str:
    """Text shown as typed in Markdown (no emphasis, link, heading or table break)."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _quote(text: str) -> str:
    return "\n".join(
        f"> {_md(line)}" if line.strip() else ">" for line in text.strip().splitlines()
    )


@panels.register("meeting_minutes", order=40)
def meeting_minutes(*, meeting):
    """The meeting's polls for its minutes: question, participation, quorum, the result
    when the poll is closed and may show it, and the outcome. No reader is known here,
    so only what every reader of a closed poll may see is written."""
    polls = list(
        Poll.objects.filter(meeting=meeting)
        .exclude(status=PollStatus.DRAFT)
        .order_by("created_at", "id")
    )
    if not polls:
        return ""
    lines = [f"## {_('Sondages')}", ""]
    for poll in polls:
        lines.append(f"### {_md(poll.question)}")
        lines.append("")
        facts = [poll.get_kind_display()]
        facts.append(_("anonyme") if poll.is_anonymous else _("nominatif"))
        facts.append(
            _("%(v)s votant(s) sur %(e)s") % {"v": poll.voter_count, "e": poll.electorate_size}
        )
        if poll.quorum_reached is False:
            facts.append(_("quorum non atteint"))
        elif poll.quorum_reached:
            facts.append(_("quorum atteint"))
        lines.append(" · ".join(facts))
        lines.append("")
        if poll.status == PollStatus.OPEN:
            if poll.closes_at:
                lines.append(
                    _("Vote en cours jusqu'au %(d)s.")
                    % {"d": timezone.localtime(poll.closes_at).strftime("%d/%m/%Y %H:%M")}
                )
            else:
                lines.append(_("Vote en cours."))
            lines.append("")
            continue
        if poll.voter_count >= poll.respondents_needed:
            lines.append(f"**{_('Résultat')}** : {_md(poll_results(poll).summary)}")
        else:
            lines.append(
                _("Moins de %(n)s réponses : pas de résultat publié.")
                % {"n": poll.respondents_needed}
            )
        lines.append("")
        if poll.outcome:
            lines.append(f"**{_('Conclusion')}** :")
            lines.append("")
            lines.append(_quote(poll.outcome))
        else:
            lines.append(_("Conclusion à écrire."))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
