"""The competencies module's sections on other pages (cercles/core/panels.py):

- "talent_path": each submitted self-assessment of the person, only for whoever may
  read it (himself, or someone he shared it with);
- "development_home": the card of the "Mon développement" hub;
- "person_detail": the competencies the person chose to show on his profile.

Each costs a constant number of queries.
"""

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from cercles.core import panels
from cercles.lib.urls import cached_reverse
from cercles.people.path import PathStep

from .models import Assessment, AssessmentStatus, PublicCompetency


@panels.register("talent_path", order=10)
def assessment_steps(*, person, viewer) -> list:
    """One query: the person's submitted assessments the viewer may read."""
    assessments = (
        Assessment.objects.visible_to(viewer)
        .filter(person=person, status=AssessmentStatus.SUBMITTED)
        .select_related("campaign")
        .order_by("submitted_at")
    )
    return [
        PathStep(
            date=timezone.localtime(a.submitted_at).date(),
            kind="assessment",
            title=_("Auto-évaluation « %(name)s »") % {"name": a.campaign.name},
            url=a.get_absolute_url(),
            detail=_("Privée : visible de lui et des personnes avec qui il l'a partagée."),
            private=True,
        )
        for a in assessments
    ]


@panels.register("development_home", order=10)
def development_card(request) -> str:
    """At most two queries: his current circles, then the open campaigns with his
    assessment's status (the radar link needs no query)."""
    from .views.campaigns import campaigns_for, with_my_status

    user = request.user
    if not (user and user.is_authenticated):
        return ""
    today = timezone.localdate()
    campaign = (
        with_my_status(campaigns_for(user), user)
        .filter(starts_on__lte=today, ends_on__gte=today)
        # Not started (no assessment: NULL) or still a draft.
        .filter(Q(my_status__isnull=True) | Q(my_status=AssessmentStatus.DRAFT))
        .order_by("ends_on", "id")
        .first()
    )
    return render_to_string(
        "competencies/_development_card.html",
        {
            "campaign": campaign,
            "mine_url": cached_reverse("competencies:my_assessments"),
            "framework_url": cached_reverse("competencies:framework"),
        },
        request,
    )


@panels.register("person_detail", order=10)
def public_competencies_panel(request, *, person, is_me, as_of) -> str:
    """One query: what he chose to show, with the competencies (today's choice: nothing
    on a view of the past)."""
    if as_of.is_past:
        return ""
    rows = list(
        PublicCompetency.objects.filter(person=person, competency__archived_at__isnull=True)
        .select_related("competency")
        .order_by("-level", "competency__name")
    )
    if not rows and not is_me:
        return ""
    return render_to_string(
        "competencies/_person_panel.html",
        {
            "rows": rows,
            "is_me": is_me,
            "edit_url": cached_reverse("competencies:public_competencies"),
        },
        request,
    )
