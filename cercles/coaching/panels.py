"""Coaching on other pages: the steps of a person's talent path and the card of the
"Mon développement" hub. Both keep the relationships confidential: a step is shown to
the pair and the coordinators only; the card speaks of the reader's own coaching."""

from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cercles.core import panels
from cercles.people.functions import is_coaching_coordinator
from cercles.people.path import PathStep

from .models import Coach, CoachingRequest, Match, MatchStatus, RequestStatus


@panels.register("talent_path", order=20)
def coaching_steps(*, person, viewer) -> list[PathStep]:
    """The person's coaching relationships (as coachee or coach), started or closed.
    Queries: the coordinator function (cached on the viewer); the matches."""
    if not (viewer and viewer.is_authenticated):
        return []
    matches = Match.objects.filter(
        Q(request__requester=person) | Q(coach__person=person),
        status__in=(MatchStatus.ACTIVE, MatchStatus.CLOSED),
    ).with_people()
    if not is_coaching_coordinator(viewer):
        # Only the relationships the viewer is part of: his own path, or the other side.
        matches = matches.filter(Q(request__requester=viewer) | Q(coach__person=viewer))
    steps = []
    for match in matches.order_by("started_at", "id"):
        as_coach = match.coach.person_id == person.pk
        other = match.request.requester if as_coach else match.coach.person
        title = (_("Accompagne %(name)s") if as_coach else _("Accompagné·e par %(name)s")) % {
            "name": other.full_name
        }
        when = match.started_at
        steps.append(
            PathStep(
                date=timezone.localdate(when) if when else timezone.localdate(),
                kind="coaching",
                title=title,
                url=match.get_absolute_url(),
                detail=_("Terminé") if match.status == MatchStatus.CLOSED else _("En cours"),
                private=True,
            )
        )
    return steps


@panels.register("development_home", order=20)
def coaching_card(request) -> str:
    """Queries: the reader's coach profile; his open requests and relationships counted."""
    user = request.user
    if not user.is_authenticated:
        return ""
    is_coach = Coach.objects.filter(person=user).exists()
    counts = CoachingRequest.objects.filter(requester=user).aggregate(
        waiting=_count(Q(status__in=(RequestStatus.OPEN, RequestStatus.PROPOSED))),
        matched=_count(Q(status=RequestStatus.MATCHED)),
    )
    return render_to_string(
        "coaching/_development_card.html",
        {
            "is_coach": is_coach,
            "waiting": counts["waiting"],
            "matched": counts["matched"],
            "home_url": reverse("coaching:home"),
            "request_url": reverse("coaching:request_create"),
            "coach_url": reverse("coaching:coach_edit"),
        },
        request,
    )


def _count(condition):
    from django.db.models import Count

    return Count("id", filter=condition)
