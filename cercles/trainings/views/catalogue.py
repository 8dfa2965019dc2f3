"""The catalogue (search, filters by competency and "with sessions to come", refreshed
by htmx with a plain-link fallback), a training's page, proposing and editing one,
publishing and archiving it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cercles.accounts.models import Person
from cercles.competencies.models import Competency
from cercles.lib.ids import storable_id
from cercles.people.functions import is_hr

from .. import permissions, services
from ..access import get_training_for_user
from ..forms import TrainingForm
from ..models import Registration, RegistrationStatus, Training, TrainingStatus
from .common import data, get_and_post, service_call

TRAININGS_PER_PAGE = 30
PAST_SESSIONS_SHOWN = 10
MAX_QUERY = 200
SHOWS = ("published", "proposed", "archived")


def _people():
    return Person.objects.order_by("last_name", "first_name", "id").only(
        "id", "first_name", "last_name", "email"
    )


@login_required
def training_list(request):
    user = request.user
    q = request.GET.get("q", "").strip()[:MAX_QUERY]
    competency_id = storable_id(request.GET.get("competency"))
    upcoming = request.GET.get("upcoming") == "1"
    show = request.GET.get("show", "published")
    if show not in SHOWS:
        show = "published"
    # Queries: (his people functions, unless admin); the count and the page of trainings
    # with their number of sessions to come; their trainers; their competencies; (the
    # full page only) the competencies for the filter.
    trainings = (
        Training.objects.visible_to(user)
        .filter(status=show)
        .with_upcoming()
        .defer("programme")
        .prefetch_related(
            Prefetch("trainers", queryset=_people()),
            Prefetch("competencies", queryset=Competency.objects.only("id", "name")),
        )
        .order_by("title", "id")
    )
    if q:
        trainings = trainings.filter(Q(title__icontains=q) | Q(summary__icontains=q))
    if competency_id:
        trainings = trainings.filter(competencies=competency_id)
    if upcoming:
        trainings = trainings.filter(upcoming_count__gt=0)
    page = Paginator(trainings, TRAININGS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "q": q,
        "competency_id": competency_id,
        "upcoming": upcoming,
        "show": show,
        "shows": [
            ("published", _("Au catalogue")),
            ("proposed", _("Propositions")),
            ("archived", _("Archivées")),
        ],
        "filtered": bool(q or competency_id or upcoming or show != "published"),
        "can_propose": permissions.can_propose(user),
        "is_hr": is_hr(user),
    }
    if request.htmx:
        return render(request, "trainings/training_list.html#results", context)
    context["competencies"] = list(
        Competency.objects.live()
        .filter(trainings__status=TrainingStatus.PUBLISHED)
        .distinct()
        .order_by("name")
        .values_list("id", "name")
    )
    return render(request, "trainings/training_list.html", context)


@login_required
def training_detail(request, pk):
    training, abilities = get_training_for_user(request, pk)
    now = timezone.now()
    # Queries: (his people functions); the training; its trainers; its competencies; the
    # sessions to come with their counts and trainers; his registrations to them; the
    # number of past sessions.
    competencies = list(training.competencies.select_related("family").order_by("name"))
    coming = list(
        training.sessions.upcoming(now)
        .with_counts()
        .prefetch_related(Prefetch("trainers", queryset=_people()))
        .order_by("starts_at", "id")
    )
    mine = dict(
        Registration.objects.filter(session__in=coming, person=request.user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .values_list("session_id", "status")
    )
    for session in coming:
        session.my_status = mine.get(session.pk)
    past = list(
        training.sessions.filter(starts_at__lt=now)
        .with_counts()
        .order_by("-starts_at", "-id")[:PAST_SESSIONS_SHOWN]
    )
    return render(
        request,
        "trainings/training_detail.html",
        {
            "training": training,
            "abilities": abilities,
            "competencies": competencies,
            "coming": coming,
            "past": past,
            "statuses": RegistrationStatus,
        },
    )


def _initial(training) -> dict:
    return {
        "title": training.title,
        "summary": training.summary,
        "programme": training.programme,
        "audience": training.audience,
        "duration_minutes": training.duration_minutes,
        "competencies": list(training.competencies.all()),
        "co_trainers": "\n".join(p.email for p in training.trainers.all()),
    }


@login_required
@get_and_post
def training_create(request):
    if not permissions.can_propose(request.user):
        raise PermissionDenied
    form = TrainingForm(data(request))
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            training = services.training_propose(
                by=request.user, trainers=form.cleaned_data["co_trainers"], **form.values()
            )
        if call.ok:
            messages.success(
                request,
                _("Merci ! Votre proposition « %(t)s » est transmise aux RH, qui la publieront.")
                % {"t": training.title},
            )
            return redirect(training)
    return render(request, "trainings/training_form.html", {"form": form})


@login_required
@get_and_post
def training_update(request, pk):
    training, abilities = get_training_for_user(request, pk, ability="update")
    form = TrainingForm(data(request), initial=_initial(training))
    form.fields["co_trainers"].label = _("Formateurs")
    form.fields["co_trainers"].help_text = _(
        "Leurs adresses e-mail, une par ligne (vous compris si vous continuez à la donner)."
    )
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.training_update(
                training=training,
                by=request.user,
                trainers=form.cleaned_data["co_trainers"],
                **form.values(),
            )
        if call.ok:
            messages.success(request, _("La formation est enregistrée."))
            return redirect(training)
    return render(
        request,
        "trainings/training_form.html",
        {"form": form, "training": training, "abilities": abilities},
    )


@login_required
@require_POST
def training_publish(request, pk):
    training, _abilities = get_training_for_user(request, pk, ability="publish")
    services.training_publish(training=training, by=request.user)
    messages.success(request, _("La formation est publiée au catalogue."))
    return redirect(training)


@login_required
@require_POST
def training_archive(request, pk):
    training, _abilities = get_training_for_user(request, pk, ability="archive")
    services.training_archive(training=training, by=request.user)
    messages.success(request, _("La formation est archivée ; ses sessions à venir sont annulées."))
    return redirect(training)
