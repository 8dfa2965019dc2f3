"""The trainings' sections on other pages (`cercles.core.panels`):

- "talent_path": the sessions a person attended and those he gave (public facts);
- "person_detail": the trainings a person gives, on his directory page;
- "development_home": the card of "Mon développement".

Each costs a constant number of queries, listed in each function.
"""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from cercles.core import panels
from cercles.people.path import PathStep

from .models import (
    Registration,
    RegistrationStatus,
    Session,
    SessionStatus,
    Training,
    TrainingStatus,
)

PATH_STEPS_SHOWN = 100
PERSON_TRAININGS_SHOWN = 10


def _minutes(n: int) -> str:
    hours, minutes = divmod(n, 60)
    return f"{hours} h {minutes:02d}" if minutes else f"{hours} h"


@panels.register("talent_path", order=40)
def training_steps(*, person, viewer) -> list[PathStep]:
    # Queries: the sessions he attended; the sessions he gave. Both are public facts
    # (a directory shows who trains whom), so every logged-in viewer sees them.
    if not (viewer and viewer.is_authenticated):
        return []
    now = timezone.now()
    attended = (
        Registration.objects.filter(
            person=person,
            status=RegistrationStatus.REGISTERED,
            attended=True,
            session__status=SessionStatus.SCHEDULED,
        )
        .select_related("session", "session__training")
        .order_by("-session__starts_at")[:PATH_STEPS_SHOWN]
    )
    steps = [
        PathStep(
            date=timezone.localtime(r.session.starts_at).date(),
            kind="training",
            title=_("Formation suivie : %(t)s") % {"t": r.session.training.title},
            url=r.session.get_absolute_url(),
            detail=_minutes(r.session.duration_minutes),
        )
        for r in attended
    ]
    given = (
        Session.objects.filter(trainers=person, status=SessionStatus.SCHEDULED, starts_at__lt=now)
        .select_related("training")
        .order_by("-starts_at")[:PATH_STEPS_SHOWN]
    )
    steps += [
        PathStep(
            date=timezone.localtime(s.starts_at).date(),
            kind="training",
            title=_("Formation donnée : %(t)s") % {"t": s.training.title},
            url=s.get_absolute_url(),
            detail=_minutes(s.duration_minutes),
        )
        for s in given
    ]
    return steps


@panels.register("person_detail", order=60)
def trainings_given(request, *, person, is_me, as_of):
    # Queries: the published trainings he gives.
    if as_of.is_past or not request.user.is_authenticated:
        return ""
    trainings = list(
        Training.objects.filter(trainers=person, status=TrainingStatus.PUBLISHED)
        .only("id", "title")
        .order_by("title", "id")[: PERSON_TRAININGS_SHOWN + 1]
    )
    if not trainings:
        return ""
    return render_to_string(
        "trainings/_person_panel.html",
        {
            "person": person,
            "trainings": trainings[:PERSON_TRAININGS_SHOWN],
            "more": len(trainings) > PERSON_TRAININGS_SHOWN,
        },
        request=request,
    )


@panels.register("development_home", order=40)
def development_card(request):
    # Queries: his registrations to come (registered or waiting), counted by status.
    user = request.user
    if not user.is_authenticated:
        return ""
    counts = dict.fromkeys(RegistrationStatus.values, 0)
    for status in Registration.objects.filter(
        person=user,
        status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITING],
        session__status=SessionStatus.SCHEDULED,
        session__starts_at__gte=timezone.now(),
    ).values_list("status", flat=True):
        counts[status] += 1
    return render_to_string(
        "trainings/_home_card.html",
        {
            "registered": counts[RegistrationStatus.REGISTERED],
            "waiting": counts[RegistrationStatus.WAITING],
        },
        request=request,
    )
