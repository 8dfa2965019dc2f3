"""The reminder before an elected term ends.

Every day (`tasks.remind_term_ends`, in the beat schedule) the assignments of elected
roles (facilitator, secretary, rep link) whose end date falls within the next
`CERCLES_TERM_REMINDER_DAYS` days (30 by default) are announced to the circle's
facilitator and lead link, once per assignment and end date (`TermReminder` is the
sent marker, so a second run the same day, or the next days, sends nothing again). No
reminder is sent when the successor is already known (a later assignment of the role)
or an election of the role is in progress.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cercles.core.notifications import notify
from cercles.organisation.models import Assignment, CoreRole

from .models import ELECTED_ROLES, Election, TermReminder
from .selectors import reminder_days


def ending_terms(today: datetime.date, days: int):
    """The elected assignments held today that end within `days` days, not announced
    yet, with no successor and no election in progress."""
    successor = Assignment.objects.filter(
        role_id=OuterRef("role_id"), start_date__gt=OuterRef("start_date")
    )
    announced = TermReminder.objects.filter(
        assignment_id=OuterRef("pk"), end_date=OuterRef("end_date")
    )
    running = Election.objects.open().filter(role_id=OuterRef("role_id"))
    return (
        Assignment.objects.current(today)
        .filter(
            role__core_role__in=ELECTED_ROLES,
            role__archived_at__isnull=True,
            end_date__lte=today + datetime.timedelta(days=days),
        )
        .exclude(Exists(successor))
        .exclude(Exists(announced))
        .exclude(Exists(running))
        .select_related("person", "role", "role__circle")
        .order_by("end_date", "id")
    )


def term_end_reminders(*, today: datetime.date | None = None, days: int | None = None) -> int:
    """Announce the terms ending soon; returns how many terms were announced."""
    today = today or timezone.localdate()
    days = reminder_days() if days is None else days
    terms = list(ending_terms(today, days))
    if not terms:
        return 0
    recipients: dict[int, set[int]] = {}
    for circle_id, person_id in (
        Assignment.objects.current(today)
        .filter(
            role__circle_id__in={a.role.circle_id for a in terms},
            role__core_role__in=(CoreRole.FACILITATOR, CoreRole.LEAD_LINK),
            role__archived_at__isnull=True,
            person__is_active=True,
        )
        .values_list("role__circle_id", "person_id")
    ):
        recipients.setdefault(circle_id, set()).add(person_id)
    sent = 0
    for assignment in terms:
        people = recipients.get(assignment.role.circle_id)
        if not people:
            continue  # nobody to tell yet: tried again tomorrow
        try:
            with transaction.atomic():
                TermReminder.objects.create(assignment=assignment, end_date=assignment.end_date)
                circle = assignment.role.circle
                notify(
                    people,
                    kind="election_term_ending",
                    text=_(
                        "Le mandat de %(person)s au rôle « %(role)s » (%(circle)s) se termine "
                        "le %(date)s : organisez l'élection."
                    )
                    % {
                        "person": assignment.person.full_name,
                        "role": assignment.role.name,
                        "circle": circle.name,
                        "date": date_format(assignment.end_date, "j F Y"),
                    },
                    url=reverse("elections:election_create", args=[circle.pk])
                    + f"?role={assignment.role.core_role}",
                )
        except IntegrityError:
            continue  # another worker announced it meanwhile
        sent += 1
    return sent
