"""A session: its page (seats, waiting list, one's place, and for its trainers and HR
the people and the feedback), scheduling and editing it, cancelling it, registering
and leaving, attendance, feedback, and its calendar file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import ics, services
from ..access import get_session_for_user, get_training_for_user
from ..forms import FeedbackForm, SessionForm
from ..models import RegistrationStatus
from ..results import feedback_results
from .common import data, get_and_post, service_call


def _counts(session) -> dict:
    return session.registrations.aggregate(
        registered=Count("id", filter=Q(status=RegistrationStatus.REGISTERED)),
        waiting=Count("id", filter=Q(status=RegistrationStatus.WAITING)),
        present=Count("id", filter=Q(status=RegistrationStatus.REGISTERED, attended=True)),
    )


def waiting_position(registration) -> int | None:
    """1 for the first person waiting (one query)."""
    if registration is None or registration.status != RegistrationStatus.WAITING:
        return None
    ahead = registration.session.registrations.filter(
        Q(queued_at__lt=registration.queued_at)
        | Q(queued_at=registration.queued_at, id__lt=registration.pk),
        status=RegistrationStatus.WAITING,
    ).count()
    return ahead + 1


@login_required
def session_detail(request, pk):
    session, abilities, registration = get_session_for_user(request, pk)
    # Queries: (his people functions); the session with its training; its trainers; his
    # registration; the seat counts; (waiting) his place in the queue; (trainers and HR)
    # the people registered or waiting; the feedback's distribution and its comments.
    counts = _counts(session)
    context = {
        "session": session,
        "training": session.training,
        "abilities": abilities,
        "registration": registration,
        "counts": counts,
        "free": max(0, session.capacity - counts["registered"]),
        "position": waiting_position(registration),
        "started": session.has_started(),
        "statuses": RegistrationStatus,
    }
    if abilities["results"]:
        people = list(
            session.registrations.exclude(status=RegistrationStatus.CANCELLED)
            .select_related("person")
            .order_by("queued_at", "id")
        )
        context["registered"] = [r for r in people if r.status == RegistrationStatus.REGISTERED]
        context["waiting"] = [r for r in people if r.status == RegistrationStatus.WAITING]
        if context["started"]:
            context["results"] = feedback_results([session.pk])
    return render(request, "trainings/session_detail.html", context)


@login_required
@get_and_post
def session_create(request, pk):
    training, _abilities = get_training_for_user(request, pk, ability="schedule")
    form = SessionForm(data(request), initial={"duration_minutes": training.duration_minutes})
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            session = services.session_create(training=training, by=request.user, **form.values())
        if call.ok:
            messages.success(request, _("La session est programmée."))
            return redirect(session)
    return render(request, "trainings/session_form.html", {"form": form, "training": training})


@login_required
@get_and_post
def session_update(request, pk):
    session, _abilities, _registration = get_session_for_user(request, pk, ability="update")
    initial = {
        "starts_at": timezone.localtime(session.starts_at),
        "duration_minutes": session.duration_minutes,
        "capacity": session.capacity,
        "place": session.place,
        "online_link": session.online_link,
    }
    form = SessionForm(data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.values().items() if v != initial[k]}
        with service_call(form) as call:
            services.session_update(session=session, by=request.user, **values)
        if call.ok:
            messages.success(request, _("La session est enregistrée."))
            return redirect(session)
    return render(
        request,
        "trainings/session_form.html",
        {"form": form, "training": session.training, "session": session},
    )


@login_required
@require_POST
def session_cancel(request, pk):
    session, _abilities, _registration = get_session_for_user(request, pk, ability="cancel")
    services.session_cancel(session=session, by=request.user)
    messages.success(request, _("La session est annulée ; les personnes inscrites sont prévenues."))
    return redirect(session)


@login_required
@require_POST
def session_register(request, pk):
    session, _abilities, _registration = get_session_for_user(request, pk)
    try:
        registration = services.registration_create(session=session, person=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if registration.status == RegistrationStatus.REGISTERED:
            messages.success(request, _("Vous êtes inscrit·e. À bientôt !"))
        else:
            messages.warning(
                request,
                _(
                    "La session est complète : vous êtes sur la liste d'attente. Vous serez "
                    "inscrit·e automatiquement et prévenu·e si une place se libère."
                ),
            )
    return redirect(session)


@login_required
@require_POST
def session_unregister(request, pk):
    session, _abilities, _registration = get_session_for_user(request, pk)
    try:
        services.registration_cancel(session=session, person=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Vous êtes désinscrit·e ; votre place revient au suivant."))
    return redirect(session)


@login_required
@get_and_post
def session_attendance(request, pk):
    session, abilities, _registration = get_session_for_user(request, pk, ability="attendance")
    # Queries: (his people functions); the session; its trainers; his registration; the
    # people registered.
    registered = list(
        session.registrations.filter(status=RegistrationStatus.REGISTERED)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "id")
    )
    error = None
    if request.method == "POST":
        present = [v for v in request.POST.getlist("present") if v.isdigit()]
        try:
            count = services.attendance_mark(session=session, by=request.user, present_ids=present)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("Présences enregistrées : %(n)s présent·e(s) sur %(total)s.")
                % {"n": count, "total": len(registered)},
            )
            return redirect(session)
    return render(
        request,
        "trainings/session_attendance.html",
        {
            "session": session,
            "training": session.training,
            "registered": registered,
            "error": error,
            "checked": {int(v) for v in request.POST.getlist("present") if v.isdigit()}
            if request.method == "POST"
            else {r.person_id for r in registered if r.attended},
        },
    )


@login_required
@get_and_post
def session_feedback(request, pk):
    session, _abilities, _registration = get_session_for_user(request, pk, ability="feedback")
    form = FeedbackForm(data(request))
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.feedback_give(
                session=session,
                person=request.user,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        if call.ok:
            messages.success(request, _("Merci pour votre avis !"))
            return redirect(session)
    return render(
        request,
        "trainings/session_feedback.html",
        {"session": session, "training": session.training, "form": form},
    )


@login_required
@require_GET
def session_ics(request, pk):
    session, _abilities, _registration = get_session_for_user(request, pk)
    content = ics.invitation(session, url=request.build_absolute_uri(session.get_absolute_url()))
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="formation-{session.pk}.ics"'
    return response
