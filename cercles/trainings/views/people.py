"""People's pages: "Mes formations" (my sessions to come, my waiting lists, what I
attended and gave, my calendar feed), a trainer's page, the HR view of sessions with
their fill rates; and the calendar feed itself, read without logging in."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cercles.accounts.models import Person
from cercles.lib.urls import cached_reverse
from cercles.meetings.models.calendar import hash_key
from cercles.people.functions import is_hr

from .. import ics, services
from ..models import (
    CalendarFeed,
    Registration,
    RegistrationStatus,
    Session,
    SessionStatus,
    Training,
    TrainingStatus,
)
from ..results import feedback_results

SHOWN = 50
SESSIONS_PER_PAGE = 50
FEED_PAST_DAYS = 90
FEED_MAX_SESSIONS = 500
MAX_KEY_LENGTH = 100


def _waiting_ahead():
    """Annotation: how many people wait before this registration (its place - 1)."""
    return Subquery(
        Registration.objects.filter(session=OuterRef("session"), status=RegistrationStatus.WAITING)
        .filter(
            Q(queued_at__lt=OuterRef("queued_at"))
            | Q(queued_at=OuterRef("queued_at"), id__lt=OuterRef("id"))
        )
        .order_by()
        .values("session")
        .annotate(n=Count("id"))
        .values("n")[:1]
    )


def _my_page(request, *, new_key: str | None = None):
    user = request.user
    now = timezone.now()
    # Queries: his registrations to come (with session, training and his place in the
    # waiting list); the sessions he attended; the sessions he gives to come; those he
    # gave; his calendar feed.
    coming = list(
        Registration.objects.filter(
            person=user,
            status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITING],
            session__starts_at__gte=now,
            session__status=SessionStatus.SCHEDULED,
        )
        .select_related("session", "session__training")
        .annotate(ahead=_waiting_ahead())
        .order_by("session__starts_at", "id")[:SHOWN]
    )
    attended = list(
        Registration.objects.filter(
            person=user,
            status=RegistrationStatus.REGISTERED,
            attended=True,
            session__status=SessionStatus.SCHEDULED,
        )
        .select_related("session", "session__training")
        .order_by("-session__starts_at", "-id")[:SHOWN]
    )
    given = Session.objects.filter(trainers=user, status=SessionStatus.SCHEDULED).select_related(
        "training"
    )
    giving = list(given.filter(starts_at__gte=now).with_counts().order_by("starts_at", "id"))
    gave = list(
        given.filter(starts_at__lt=now)
        .annotate(
            present_count=Count(
                "registrations",
                filter=Q(
                    registrations__status=RegistrationStatus.REGISTERED,
                    registrations__attended=True,
                ),
            )
        )
        .order_by("-starts_at", "-id")[:SHOWN]
    )
    feed = CalendarFeed.objects.filter(person=user).first()
    feed_url = webcal_url = ""
    if new_key:
        feed_url = request.build_absolute_uri(cached_reverse("trainings:calendar_feed", new_key))
        webcal_url = "webcal://" + feed_url.split("://", 1)[1]
    return render(
        request,
        "trainings/my_trainings.html",
        {
            "coming": coming,
            "attended": attended,
            "giving": giving,
            "gave": gave,
            "feed": feed,
            "feed_url": feed_url,
            "webcal_url": webcal_url,
            "statuses": RegistrationStatus,
        },
    )


@login_required
def my_trainings(request):
    return _my_page(request)


@login_required
@require_POST
def calendar_feed_manage(request):
    """Make a new feed address (`action=create`) or revoke it (`action=revoke`)."""
    action = request.POST.get("action")
    if action == "create":
        _feed, raw = services.calendar_feed_create(person=request.user)
        return _my_page(request, new_key=raw)
    if action == "revoke":
        services.calendar_feed_revoke(person=request.user)
        messages.success(request, _("L'adresse de votre agenda des formations ne fonctionne plus."))
    else:
        messages.error(request, _("Action inconnue."))
    return redirect("trainings:my_trainings")


@require_GET
def calendar_feed(request, key):
    """The feed: the sessions the key's holder is registered to or gives, from 90 days
    ago on (cancelled ones included, so calendars strike them out)."""
    # Queries: the feed with its person; (once a day, the day of last use); the sessions
    # with their training.
    if len(key) > MAX_KEY_LENGTH:
        raise Http404
    feed = CalendarFeed.objects.select_related("person").filter(key_hash=hash_key(key)).first()
    if feed is None or not feed.person.is_active:
        raise Http404
    today = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    if feed.last_used_at != today:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=today)
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    person = feed.person
    sessions = (
        Session.objects.filter(
            Q(
                registrations__person=person,
                registrations__status=RegistrationStatus.REGISTERED,
            )
            | Q(trainers=person),
            starts_at__gte=since,
        )
        .distinct()
        .select_related("training")
        .order_by("starts_at", "id")[:FEED_MAX_SESSIONS]
    )
    content = ics.feed(
        sessions,
        person=person,
        url_of=lambda s: request.build_absolute_uri(s.get_absolute_url()),
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response


@login_required
def trainer_detail(request, pk):
    """A trainer's page: his trainings, his sessions to come, how many people he trained;
    the mean of his feedback for himself and HR."""
    user = request.user
    person = get_object_or_404(Person.objects.filter(is_active=True), pk=pk)
    now = timezone.now()
    # Queries: the person; (the reader's people functions); the trainings he gives that
    # the reader sees; his sessions to come with their counts; the people he trained;
    # (himself or HR) the feedback's distribution and its comments.
    trainings = list(
        Training.objects.visible_to(user)
        .filter(trainers=person)
        .with_upcoming()
        .order_by("status", "title", "id")
    )
    if not trainings:
        raise Http404
    coming = list(
        Session.objects.filter(trainers=person, training__status=TrainingStatus.PUBLISHED)
        .upcoming(now)
        .with_counts()
        .select_related("training")
        .order_by("starts_at", "id")
    )
    given = Session.objects.filter(
        trainers=person, status=SessionStatus.SCHEDULED, starts_at__lt=now
    )
    trained = (
        Registration.objects.filter(
            session__in=given, status=RegistrationStatus.REGISTERED, attended=True
        )
        .values("person")
        .distinct()
        .count()
    )
    sees_feedback = person.pk == user.pk or is_hr(user)
    return render(
        request,
        "trainings/trainer_detail.html",
        {
            "trainer": person,
            "trainings": trainings,
            "coming": coming,
            "trained": trained,
            "results": feedback_results(given.values("pk")) if sees_feedback else None,
            "is_me": person.pk == user.pk,
        },
    )


@login_required
def session_list(request):
    """HR: the sessions (to come, or past) with their fill rate."""
    if not is_hr(request.user):
        raise PermissionDenied
    past = request.GET.get("when") == "past"
    now = timezone.now()
    # Queries: (his people functions); the count and the page of sessions with their
    # training and counts; their trainers.
    sessions = (
        Session.objects.select_related("training")
        .with_counts()
        .prefetch_related(
            Prefetch(
                "trainers",
                queryset=Person.objects.order_by("last_name", "first_name", "id"),
            )
        )
    )
    if past:
        sessions = sessions.filter(starts_at__lt=now).order_by("-starts_at", "-id")
    else:
        sessions = sessions.filter(starts_at__gte=now).order_by("starts_at", "id")
    page = Paginator(sessions, SESSIONS_PER_PAGE).get_page(request.GET.get("page"))
    for session in page.object_list:
        session.fill_rate = round(100 * session.registered_count / session.capacity)
    context = {"page": page, "past": past}
    if request.htmx:
        return render(request, "trainings/session_list.html#rows", context)
    return render(request, "trainings/session_list.html", context)
