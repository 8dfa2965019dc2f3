"""The meetings module's sections on other apps' pages (`cercles.core.panels`):

- "person_detail": the person's actions from meetings — open ones by due date, then
  the recently done — among the meetings the *reader* may see (the reader is not
  always the person);
- "circle_detail": the circle's trend over its last closed meetings — equity of
  speaking time and mean rating — as two SVG line charts and a table.

Each costs a constant number of queries (listed in each function).
"""

from django.template.loader import render_to_string
from django.utils import timezone

from cercles.core import panels

from . import trends
from .models import MeetingAction

OPEN_SHOWN = 20
DONE_SHOWN = 5
TREND_MEETINGS = 8


@panels.register("person_detail", order=40)
def person_actions(request, *, person, is_me, as_of):
    # Queries: the reader's roles (and the circles he leads, unless known) for the
    # meetings he sees; the open actions; the recently done ones.
    if as_of.is_past or not request.user.is_authenticated:
        return ""
    actions = (
        MeetingAction.objects.visible_to(request.user)
        .filter(owner=person)
        .select_related("meeting", "meeting__circle")
    )
    open_ = list(actions.open().in_due_order()[: OPEN_SHOWN + 1])
    done = list(actions.filter(done=True).order_by("-done_at", "-id")[:DONE_SHOWN])
    if not open_ and not done and not is_me:
        return ""
    return render_to_string(
        "meetings/_person_actions.html",
        {
            "person": person,
            "is_me": is_me,
            "open_actions": open_[:OPEN_SHOWN],
            "more": len(open_) > OPEN_SHOWN,
            "done_actions": done,
            "today": timezone.localdate(),
            "back": request.get_full_path(),
        },
        request=request,
    )


@panels.register("circle_detail", order=40)
def circle_trend(request, *, circle, abilities, as_of):
    # Queries: the reader's roles (the circles whose meetings he sees); the last closed
    # meetings; their turns; their attendance; their ratings' means.
    if not request.user.is_authenticated:
        return ""
    rows = trends.circle_trend(request.user, circle, TREND_MEETINGS)
    if not rows:
        return ""
    equity_chart, rating_chart = trends.trend_charts(rows, f"circle-trend-{circle.pk}")
    return render_to_string(
        "meetings/_circle_trend.html",
        {
            "circle": circle,
            "rows": rows,
            "equity_chart": equity_chart,
            "rating_chart": rating_chart,
        },
        request=request,
    )
