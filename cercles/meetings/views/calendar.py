"""Calendars: a meeting's invitation (.ics), "Mes réunions" with the personal feed's
address, and the feed itself, read by calendar apps without logging in.

The feed's address holds a random key whose hash only is stored (`CalendarFeed`): it
is shown once, when made; making a new one kills the old address. A wrong key is a
404, the same as a revoked one, so a key cannot be guessed by trying.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cercles.lib.urls import cached_reverse

from .. import ics, services
from ..access import get_meeting_for_user
from ..models import CalendarFeed, Meeting
from ..models.calendar import hash_key

FEED_PAST_DAYS = 90
FEED_MAX_MEETINGS = 500
MY_MEETINGS_SHOWN = 50
MAX_KEY_LENGTH = 100


def _ics_response(content: bytes, filename: str | None = None) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def meeting_ics(request, pk):
    # Queries: session, user; his roles and led circles; the meeting; his participant
    # row; the agenda; the participants with their person.
    meeting, _abilities = get_meeting_for_user(request, pk, ability="view")
    content = ics.invitation(
        meeting,
        agenda=list(meeting.agenda_items.all()),
        participants=list(meeting.participants.select_related("person")),
        url=request.build_absolute_uri(meeting.get_absolute_url()),
    )
    return _ics_response(content, f"reunion-{meeting.pk}.ics")


def _my_meetings_page(request, *, new_key: str | None = None, status=200):
    # Queries: the coming meetings he takes part in; those of the last 90 days; his
    # calendar feed, if any.
    now = timezone.now()
    mine = Meeting.objects.filter(participants__person=request.user).select_related("circle")
    coming = list(mine.filter(starts_at__gte=now).order_by("starts_at", "id")[:MY_MEETINGS_SHOWN])
    past = list(
        mine.filter(
            starts_at__lt=now, starts_at__gte=now - datetime.timedelta(days=FEED_PAST_DAYS)
        ).order_by("-starts_at", "-id")[:MY_MEETINGS_SHOWN]
    )
    feed = CalendarFeed.objects.filter(person=request.user).first()
    feed_url = webcal_url = ""
    if new_key:
        feed_url = request.build_absolute_uri(cached_reverse("meetings:calendar_feed", new_key))
        webcal_url = "webcal://" + feed_url.split("://", 1)[1]
    return render(
        request,
        "meetings/my_meetings.html",
        {
            "coming": coming,
            "past": past,
            "feed": feed,
            "feed_url": feed_url,
            "webcal_url": webcal_url,
            "past_days": FEED_PAST_DAYS,
        },
        status=status,
    )


@login_required
def my_meetings(request):
    return _my_meetings_page(request)


@login_required
@require_POST
def calendar_feed_manage(request):
    """Make a new feed address (`action=create`) or revoke it (`action=revoke`)."""
    action = request.POST.get("action")
    if action == "create":
        _feed, raw = services.calendar_feed_create(person=request.user)
        return _my_meetings_page(request, new_key=raw)
    if action == "revoke":
        services.calendar_feed_revoke(person=request.user)
        messages.success(request, _("L'adresse de votre agenda ne fonctionne plus."))
    else:
        messages.error(request, _("Action inconnue."))
    return redirect("meetings:my_meetings")


@require_GET
def calendar_feed(request, key):
    """The feed: the meetings the key's holder takes part in, from 90 days ago on."""
    # Queries: the feed with its person; (once a day, the day of last use); the
    # meetings with circle, facilitator and creator; their agenda items.
    if len(key) > MAX_KEY_LENGTH:
        raise Http404
    feed = CalendarFeed.objects.select_related("person").filter(key_hash=hash_key(key)).first()
    if feed is None or not feed.person.is_active:
        raise Http404
    today = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    if feed.last_used_at != today:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=today)
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    meetings = (
        Meeting.objects.filter(participants__person=feed.person, starts_at__gte=since)
        .select_related("circle", "facilitator", "created_by")
        .prefetch_related("agenda_items")
        .order_by("starts_at", "id")[:FEED_MAX_MEETINGS]
    )
    content = ics.feed(
        meetings,
        person=feed.person,
        url_of=lambda m: request.build_absolute_uri(m.get_absolute_url()),
    )
    response = _ics_response(content)
    response["Cache-Control"] = "private, max-age=900"
    return response
