"""Calendar files (RFC 5545, with the `icalendar` library): a meeting's invitation and a
person's feed.

- UID: the meeting's own UUID (`Meeting.uid`), the same for its whole life, so a
  calendar app updates the event instead of adding a second one.
- SEQUENCE: `Meeting.sequence`, bumped by the services when the date, duration,
  place, video link, title, kind or facilitator change.
- Times in UTC (…Z): no time-zone block needed; calendar apps show local time.
- ORGANIZER: the facilitator (or whoever planned it); ATTENDEE: the participants, in
  the invitation only (a feed is a secret address, but an address can leak: it lists
  no one else).
- DESCRIPTION: the agenda, the video link and the meeting page's address.
"""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

PRODID = "-//Cercles//Réunions//FR"


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


def _address(person, role: str | None = None) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    address.params["cn"] = vText(person.full_name)
    if role:
        address.params["role"] = vText(role)
    return address


def _description(meeting, agenda, url: str) -> str:
    lines = []
    if agenda:
        lines.append(_("Ordre du jour :"))
        for number, item in enumerate(agenda, start=1):
            box = (
                " " + _("(%(n)d min)") % {"n": item.time_box_minutes}
                if item.time_box_minutes
                else ""
            )
            lines.append(f"{number}. {item.title}{box}")
        lines.append("")
    if meeting.video_link:
        lines.append(_("Visioconférence : %(url)s") % {"url": meeting.video_link})
    lines.append(_("La réunion dans Cercles : %(url)s") % {"url": url})
    return "\n".join(lines)


def meeting_event(meeting, *, agenda, url: str, participants=None, now=None) -> Event:
    """The meeting as a VEVENT; with `participants` (Participant rows with person), its
    attendees."""
    event = Event()
    event.add("uid", f"{meeting.uid}@cercles")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", now or timezone.now())
    event.add("dtstart", meeting.starts_at.astimezone(datetime.UTC))
    event.add("dtend", meeting.ends_at.astimezone(datetime.UTC))
    event.add("last-modified", meeting.updated_at.astimezone(datetime.UTC))
    event.add("created", meeting.created_at.astimezone(datetime.UTC))
    event.add("summary", meeting.title)
    event.add("categories", [meeting.get_kind_display()])
    event.add("location", meeting.place or meeting.video_link or meeting.circle.name)
    event.add("description", _description(meeting, agenda, url))
    event.add("url", url)
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    organizer = meeting.facilitator or getattr(meeting, "created_by", None)
    if organizer is not None:
        event.add("organizer", _address(organizer), encode=0)
    for participant in participants or ():
        attendee = _address(participant.person, "REQ-PARTICIPANT")
        attendee.params["partstat"] = vText("ACCEPTED" if participant.present else "NEEDS-ACTION")
        attendee.params["cutype"] = vText("INDIVIDUAL")
        event.add("attendee", attendee, encode=0)
    return event


def invitation(meeting, *, agenda, participants, url: str) -> bytes:
    """One meeting's invitation (METHOD:PUBLISH: a file to add to one's calendar, not
    a scheduling message that would ask the calendar app to answer the organiser)."""
    calendar = _calendar(method="PUBLISH")
    calendar.add_component(
        meeting_event(meeting, agenda=agenda, url=url, participants=participants)
    )
    return calendar.to_ical()


def feed(meetings, *, person, url_of) -> bytes:
    """A person's feed: `meetings` with `agenda_items` prefetched; `url_of(meeting)`
    gives each meeting page's absolute address."""
    name = _("Réunions de %(name)s — %(org)s") % {
        "name": person.full_name,
        "org": settings.CERCLES_ORG_NAME,
    }
    calendar = _calendar(name=name)
    calendar.add("x-published-ttl", "PT1H")
    now = timezone.now()
    for meeting in meetings:
        calendar.add_component(
            meeting_event(
                meeting, agenda=list(meeting.agenda_items.all()), url=url_of(meeting), now=now
            )
        )
    return calendar.to_ical()
