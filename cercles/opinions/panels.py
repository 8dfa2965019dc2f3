"""The consultations' sections on other apps' pages (`cercles.core.panels`).

- the circle page: its open consultations the reader may see, and a link to all;
- the meeting page: the consultations attached to the meeting;
- the meeting's minutes: each attached consultation's results, as Markdown.

Each costs one query on top of the per-user facts the page has already read.
"""

from django.template.loader import render_to_string

from cercles.core import panels

from . import permissions, results
from .models import Consultation


@panels.register("circle_detail", order=40)
def circle_panel(request, *, circle, abilities, as_of):
    consultations = list(
        Consultation.objects.visible_to(request.user)
        .filter(circle=circle)
        .open_now()
        .with_counts()
        .order_by("closes_at", "-opens_at", "-id")[:10]
    )
    return render_to_string(
        "opinions/_circle_panel.html",
        {
            "circle": circle,
            "consultations": consultations,
            "can_create": permissions.can_create_consultation(request.user, circle),
        },
        request,
    )


@panels.register("meeting_detail", order=40)
def meeting_panel(request, *, meeting, abilities):
    consultations = list(
        Consultation.objects.visible_to(request.user)
        .filter(meeting=meeting)
        .with_counts()
        .order_by("-opens_at", "-id")
    )
    return render_to_string(
        "opinions/_meeting_panel.html",
        {
            "meeting": meeting,
            "consultations": consultations,
            "can_create": permissions.can_create_consultation(request.user, meeting.circle),
        },
        request,
    )


@panels.register("meeting_minutes", order=40)
def minutes(*, meeting):
    consultations = list(Consultation.objects.filter(meeting=meeting).order_by("opens_at", "id"))
    if not consultations:
        return ""
    from django.utils.translation import gettext as _

    sections = [f"## {_('Consultations')}"]
    sections += [results.minutes_section(c) for c in consultations]
    return "\n\n".join(sections)
