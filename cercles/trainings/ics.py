"""Calendar files of training sessions (RFC 5545, with `icalendar`), like meetings' ics:

- UID: the session's UUID, the same for its whole life; SEQUENCE: bumped by the
  services when its date, duration or place change, or when it is cancelled
  (STATUS:CANCELLED then, so calendar apps strike it out).
- Times in UTC; no attendee list (a feed's address can leak).
"""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import SessionStatus

PRODID = "-//Cercles//Formations//FR"


def _calendar(*, method: str | None = None, name: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def session_event(session, *, url: str, now=None) -> Event:
    """The session (with `training` loaded) as a VEVENT."""
    training = session.training
    event = Event()
    event.add("uid", f"training-session-{session.uid}@cercles")
    event.add("sequence", session.sequence)
    event.add("dtstamp", now or timezone.now())
    event.add("dtstart", session.starts_at.astimezone(datetime.UTC))
    event.add("dtend", session.ends_at.astimezone(datetime.UTC))
    event.add("last-modified", session.updated_at.astimezone(datetime.UTC))
    event.add("created", session.created_at.astimezone(datetime.UTC))
    event.add("summary", _("Formation : %(title)s") % {"title": training.title})
    event.add("location", session.place or session.online_link)
    lines = [training.summary] if training.summary else []
    if session.online_link:
        lines.append(_("Visioconférence : %(url)s") % {"url": session.online_link})
    lines.append(_("La session dans Cercles : %(url)s") % {"url": url})
    event.add("description", "\n".join(lines))
    event.add("url", url)
    cancelled = session.status == SessionStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    return event


def invitation(session, *, url: str) -> bytes:
    """One session as a file to add to one's calendar (METHOD:PUBLISH)."""
    calendar = _calendar(method="PUBLISH")
    calendar.add_component(session_event(session, url=url))
    return calendar.to_ical()


def feed(sessions, *, person, url_of) -> bytes:
    """A person's feed of sessions (with `training` loaded); `url_of(session)` gives the
    session page's absolute address."""
    name = _("Formations de %(name)s — %(org)s") % {
        "name": person.full_name,
        "org": settings.CERCLES_ORG_NAME,
    }
    calendar = _calendar(name=name)
    calendar.add("x-published-ttl", "PT1H")
    now = timezone.now()
    for session in sessions:
        calendar.add_component(session_event(session, url=url_of(session), now=now))
    return calendar.to_ical()
