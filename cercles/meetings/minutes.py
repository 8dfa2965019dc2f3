"""The minutes' first draft, in Markdown, generated from what the meeting recorded.

Sections: the facts (circle, date, place, facilitator, secretary, charter), attendance
(present, excused, absent), the agenda with each item's state, the checklist, the
speaking times with the equity figure, the actions, then the sections other modules
register on the "meeting_minutes" slot (decisions with their objections and minority
opinions, polls, elections…: `cercles.core.panels.collect`). The secretary edits the
result (`services.minutes`); people's text is escaped so that a title cannot turn
into Markdown markup.
"""

import re

from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cercles.core import panels

from . import live
from .models import AgendaItemKind, Meeting

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def md_escape(text) -> str:
    """Text shown as typed in Markdown (no emphasis, link or table cell break)."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _date(value) -> str:
    return dateformat.format(timezone.localtime(value), "l j F Y, H:i")


def _day(value) -> str:
    return dateformat.format(value, "j F Y")


def _names(people) -> str:
    return ", ".join(md_escape(p.full_name) for p in people) or "—"


def generate_text(meeting: Meeting) -> str:
    meeting = (
        Meeting.objects.select_related("circle", "facilitator", "secretary", "charter")
        .prefetch_related("other_circles")
        .get(pk=meeting.pk)
    )
    participants = list(meeting.participants.select_related("person"))
    agenda = list(meeting.agenda_items.select_related("owner", "added_by"))
    checklist = list(meeting.checklist_items.all())
    actions = list(meeting.actions.select_related("owner", "agenda_item").order_by("id"))
    room = live.room_state(meeting, participants=participants)

    out = [f"# {_('Compte rendu')} — {md_escape(meeting.title)}", ""]
    circles = [meeting.circle, *meeting.other_circles.all()]
    facts = [
        (_("Cercle") if len(circles) == 1 else _("Cercles"), _names_of_circles(circles)),
        (_("Type"), md_escape(meeting.get_kind_display())),
        (
            _("Date"),
            _("%(date)s, %(n)d minutes")
            % {"date": _date(meeting.starts_at), "n": meeting.duration_minutes},
        ),
    ]
    if meeting.place:
        facts.append((_("Lieu"), md_escape(meeting.place)))
    if meeting.video_link:
        facts.append((_("Visioconférence"), md_escape(meeting.video_link)))
    facts += [
        (
            _("Facilitateur"),
            md_escape(meeting.facilitator.full_name) if meeting.facilitator else "—",
        ),
        (_("Secrétaire"), md_escape(meeting.secretary.full_name) if meeting.secretary else "—"),
    ]
    if meeting.charter:
        facts.append((_("Charte de réunion"), md_escape(meeting.charter.title)))
    out += [f"- **{label}** : {value}" for label, value in facts]

    present = [p.person for p in participants if p.present]
    excused = [p.person for p in participants if p.excused and not p.present]
    absent = [p.person for p in participants if not p.present and not p.excused]
    out += [
        "",
        f"## {_('Présences')}",
        "",
        f"- **{_('Présents')} ({len(present)})** : {_names(present)}",
        f"- **{_('Excusés')} ({len(excused)})** : {_names(excused)}",
        f"- **{_('Absents')} ({len(absent)})** : {_names(absent)}",
    ]

    out += ["", f"## {_('Ordre du jour')}", ""]
    if agenda:
        for number, item in enumerate(agenda, start=1):
            details = []
            if item.kind == AgendaItemKind.TENSION:
                details.append(_("tension"))
            if item.owner:
                details.append(_("porté par %(name)s") % {"name": md_escape(item.owner.full_name)})
            if item.time_box_minutes:
                details.append(_("%(n)d min") % {"n": item.time_box_minutes})
            details.append(_("traité") if item.done else _("non traité"))
            out.append(f"{number}. {md_escape(item.title)} — {', '.join(details)}")
    else:
        out.append(_("L'ordre du jour était vide."))

    if checklist:
        out += ["", f"## {_('Checklist')}", ""]
        for line in checklist:
            state = _("fait") if line.done else _("non fait")
            out.append(f"- {md_escape(line.text)} — {state}")

    out += ["", f"## {_('Temps de parole')}", ""]
    if room.equity_percent is not None:
        out += [
            _(
                "Équité du temps de parole : %(n)d %% (100 %% quand chaque participant "
                "présent a parlé autant ; 1 − indice de Gini)."
            )
            % {"n": room.equity_percent},
            "",
        ]
    if room.rows:
        out += [
            f"| {_('Personne')} | {_('Interventions')} | {_('Temps de parole')} |",
            "| --- | ---: | ---: |",
        ]
        out += [f"| {md_escape(r.person.full_name)} | {r.turns} | {r.label} |" for r in room.rows]
    else:
        out.append(_("Aucun temps de parole n'a été enregistré."))

    out += ["", f"## {_('Actions')}", ""]
    if actions:
        out += [
            f"| {_('Action')} | {_('Responsable')} | {_('Échéance')} | {_('État')} |",
            "| --- | --- | --- | --- |",
        ]
        for action in actions:
            title = md_escape(action.title)
            if action.agenda_item:
                title += f" ({md_escape(action.agenda_item.title)})"
            owner = md_escape(action.owner.full_name) if action.owner else "—"
            due = _day(action.due_on) if action.due_on else "—"
            state = _("faite") if action.done else _("à faire")
            out.append(f"| {title} | {owner} | {due} | {state} |")
    else:
        out.append(_("Aucune action."))

    for section in panels.collect("meeting_minutes", meeting=meeting):
        out += ["", str(section).strip()]

    out += [
        "",
        "---",
        "",
        ngettext(
            "Compte rendu généré le %(date)s à partir de la réunion (%(n)d participant).",
            "Compte rendu généré le %(date)s à partir de la réunion (%(n)d participants).",
            len(participants),
        )
        % {"date": _date(timezone.now()), "n": len(participants)},
    ]
    return "\n".join(out) + "\n"


def _names_of_circles(circles) -> str:
    return ", ".join(md_escape(c.name) for c in circles)
