"""Onboarding's sections on other pages (cercles/core/panels.py): the steps of a
person's talent path (his onboarding started and completed) and the card of the
"Mon développement" hub (his own progress, or the newcomers he looks after)."""

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from cercles.core import panels
from cercles.people.functions import is_hr
from cercles.people.path import PathStep

from .models import Onboarding, OnboardingTask


@panels.register("talent_path", order=50)
def onboarding_steps(*, person, viewer) -> list[PathStep]:
    """Seen by the newcomer, his buddy, lead link and HR contact, and HR. One query,
    and the viewer's functions (cached on him) when he is none of those."""
    if not (viewer and viewer.is_authenticated):
        return []
    onboardings = list(
        Onboarding.objects.filter(newcomer=person)
        .select_related("circle")
        .only(
            "id",
            "start_date",
            "closed_at",
            "newcomer_id",
            "buddy_id",
            "lead_link_id",
            "hr_contact_id",
            "circle__id",
            "circle__name",
        )
        .order_by("start_date", "id")
    )
    steps = []
    for onboarding in onboardings:
        people = (
            onboarding.newcomer_id,
            onboarding.buddy_id,
            onboarding.lead_link_id,
            onboarding.hr_contact_id,
        )
        if viewer.pk not in people and not is_hr(viewer):
            continue
        url = onboarding.get_absolute_url()
        detail = onboarding.circle.name if onboarding.circle else ""
        steps.append(
            PathStep(
                date=onboarding.start_date,
                kind="onboarding",
                title=_("Arrivée et début du parcours d'intégration"),
                url=url,
                detail=detail,
                private=True,
            )
        )
        if onboarding.closed_at:
            steps.append(
                PathStep(
                    date=timezone.localtime(onboarding.closed_at).date(),
                    kind="onboarding",
                    title=_("Parcours d'intégration terminé"),
                    url=url,
                    detail=detail,
                    private=True,
                )
            )
    return steps


@panels.register("development_home", order=50)
def development_card(request) -> str:
    """The user's own onboarding in progress, or the newcomers he looks after and his
    pending onboarding tasks. Two queries; "" when he has nothing to do with it."""
    user = request.user
    if not user.is_authenticated:
        return ""
    today = timezone.localdate()
    onboardings = list(
        Onboarding.objects.open()
        .filter(Q(newcomer=user) | Q(buddy=user))
        .with_progress(today)
        .select_related("newcomer")
        .only(
            "id",
            "start_date",
            "closed_at",
            "buddy_id",
            "newcomer__id",
            "newcomer__first_name",
            "newcomer__last_name",
            "newcomer__email",
        )
        .order_by("start_date", "id")
    )
    mine = next((o for o in onboardings if o.newcomer_id == user.pk), None)
    buddies = [o for o in onboardings if o.newcomer_id != user.pk]
    tasks = (
        OnboardingTask.objects.filter(
            assignee=user, done_at__isnull=True, onboarding__closed_at__isnull=True
        )
        .exclude(onboarding__newcomer=user)
        .aggregate(pending=Count("id"), overdue=Count("id", filter=Q(due_date__lt=today)))
    )
    if mine is None and not buddies and not tasks["pending"]:
        return ""
    return render_to_string(
        "onboarding/_development_card.html",
        {"mine": mine, "buddies": buddies, "tasks": tasks},
        request,
    )
