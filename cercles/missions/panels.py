"""The missions' sections on other pages (cercles/core/panels.py): the circle page (its
open missions), the "Mon développement" hub (a card), and a person's talent path (his
applications, as far as the reader may see them)."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from cercles.core import panels
from cercles.organisation.permissions import manages
from cercles.people.path import PathStep

from . import permissions
from .models import Application, ApplicationStatus, Mission

CIRCLE_PANEL_MISSIONS = 10


@panels.register("circle_detail", order=45)
def circle_open_missions(request, *, circle, abilities, as_of):
    """One query: the circle's open missions (who may post is known from the user);
    nothing on a view of the past, when today's missions mean nothing."""
    if as_of.is_past:
        return ""
    missions = list(
        Mission.objects.accepting(timezone.localdate())
        .filter(circle=circle)
        .only("id", "title", "kind", "share", "circle_id")
        .order_by("deadline", "-published_at", "-id")[:CIRCLE_PANEL_MISSIONS]
    )
    can_post = permissions.can_post(request.user, circle)
    if not missions and not can_post:
        return ""
    return render_to_string(
        "missions/_circle_panel.html",
        {"circle": circle, "missions": missions, "can_post": can_post},
        request,
    )


@panels.register("development_home", order=30)
def development_card(request):
    """Two queries: the open missions, the user's live applications."""
    user = request.user
    if not user.is_authenticated:
        return ""
    open_count = Mission.objects.accepting(timezone.localdate()).count()
    live_count = Application.objects.live().filter(person=user).count()
    return render_to_string(
        "missions/_home_card.html",
        {"open_count": open_count, "live_count": live_count},
        request,
    )


@panels.register("talent_path", order=30)
def mission_steps(*, person, viewer) -> list[PathStep]:
    """A person's applications: an accepted mission is public; the others only to
    himself, to whoever manages the mission's circle and to his lead links informed.

    Two queries: the applications with their missions, the lead links informed (and
    the viewer's led circles, read once per request)."""
    applications = list(
        Application.objects.filter(person=person)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .select_related("mission", "mission__circle")
        .prefetch_related("lead_links")
        .order_by("created_at", "id")
    )
    is_me = viewer is not None and viewer.pk == person.pk
    steps = []
    for application in applications:
        mission = application.mission
        accepted = application.status == ApplicationStatus.ACCEPTED
        entitled = is_me or (
            viewer is not None
            and viewer.is_authenticated
            and (
                manages(viewer, mission.circle_id)
                or any(row.person_id == viewer.pk for row in application.lead_links.all())
            )
        )
        if not (accepted or entitled):
            continue
        if accepted:
            title = _("Mission « %(title)s » (%(share)s %%)") % {
                "title": mission.title,
                "share": mission.share,
            }
            url = mission.get_absolute_url()
            day = timezone.localdate(application.decided_at or application.created_at)
        else:
            title = _("Candidature à la mission « %(title)s »") % {"title": mission.title}
            url = application.get_absolute_url()
            day = timezone.localdate(application.created_at)
        steps.append(
            PathStep(
                date=day,
                kind="mission",
                title=title,
                url=url,
                detail=_("%(circle)s — %(status)s")
                % {"circle": mission.circle.name, "status": application.get_status_display()},
                private=not accepted,
            )
        )
    return steps
