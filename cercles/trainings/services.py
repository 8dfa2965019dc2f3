"""Every write of the trainings module.

Registrations and the waiting list: every service that changes who holds a seat locks
the session row first (`select_for_update`), so two people taking the last seat at the
same moment, or a cancellation racing a registration, are served one after the other:
the capacity is never exceeded and the waiting list is promoted in order.
"""

import datetime
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cercles.core.notifications import notify
from cercles.meetings.models.calendar import hash_key
from cercles.people.functions import Function, holders, is_hr

from . import permissions
from .models import (
    CalendarFeed,
    Feedback,
    Registration,
    RegistrationStatus,
    Session,
    SessionStatus,
    Training,
    TrainingStatus,
)

MAX_TITLE = 200
TRAINING_FIELDS = ("title", "summary", "programme", "audience", "duration_minutes")
SESSION_FIELDS = ("starts_at", "duration_minutes", "place", "online_link", "capacity")
# A change of these moves the calendar event: bump its SEQUENCE and tell the attendees.
CALENDAR_FIELDS = ("starts_at", "duration_minutes", "place", "online_link")


def _when(session) -> str:
    return timezone.localtime(session.starts_at).strftime("%d/%m/%Y %H:%M")


def _require(abilities: dict, ability: str, message: str) -> None:
    if not abilities.get(ability):
        raise PermissionDenied(message)


def _training_abilities(by, training):
    return permissions.training_abilities(
        by, training, trainer_ids=set(training.trainers.values_list("pk", flat=True))
    )


def _session_abilities(by, session, registration=None):
    return permissions.session_abilities(
        by,
        session,
        trainer_ids=set(session.trainers.values_list("pk", flat=True)),
        registration=registration,
    )


def _locked(session) -> Session:
    """The session's row, locked until the transaction ends (the seat arbiter)."""
    return Session.objects.select_for_update().select_related("training").get(pk=session.pk)


# --- trainings -----------------------------------------------------------------------


@transaction.atomic
def training_propose(
    *,
    by,
    title: str,
    summary: str = "",
    programme: str = "",
    audience: str = "",
    duration_minutes: int = 120,
    competencies=(),
    trainers=(),
) -> Training:
    """A person proposes a training he would give: he is its first trainer; HR are told
    and publish it."""
    if not permissions.can_propose(by):
        raise PermissionDenied(_("Connectez-vous pour proposer une formation."))
    training = Training(
        title=title.strip(),
        summary=summary.strip(),
        programme=programme.strip(),
        audience=audience.strip(),
        duration_minutes=duration_minutes,
        proposed_by=by,
    )
    training.full_clean()
    training.save()
    training.competencies.set(competencies)
    training.trainers.set({by, *trainers})
    notify(
        [p for p in holders(Function.HR) if p.pk != by.pk],
        kind="training_proposed",
        text=_("%(name)s propose la formation « %(title)s ».")
        % {"name": by.full_name, "title": training.title},
        url=training.get_absolute_url(),
    )
    return training


@transaction.atomic
def training_update(*, training, by, competencies=None, trainers=None, **fields) -> Training:
    _require(
        _training_abilities(by, training),
        "update",
        _("Seuls ses formateurs et les RH modifient cette formation."),
    )
    unknown = set(fields) - set(TRAINING_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {unknown}")
    for name, value in fields.items():
        setattr(training, name, value.strip() if isinstance(value, str) else value)
    training.full_clean()
    training.save(update_fields=[*fields, "updated_at"])
    if competencies is not None:
        training.competencies.set(competencies)
    if trainers is not None:
        if not trainers:
            raise ValidationError({"trainers": _("Une formation a au moins un formateur.")})
        # A trainer adds colleagues and may step down himself; removing another trainer
        # is HR's call (a co-trainer must not push out the one who proposed it).
        removed = set(training.trainers.values_list("pk", flat=True)) - {p.pk for p in trainers}
        if not is_hr(by) and removed - {by.pk}:
            raise ValidationError(
                {"trainers": _("Seuls les RH retirent un formateur qui n'est pas vous.")}
            )
        training.trainers.set(trainers)
    return training


@transaction.atomic
def training_publish(*, training, by) -> Training:
    _require(
        _training_abilities(by, training),
        "publish",
        _("Seuls les RH publient une formation proposée."),
    )
    training.status = TrainingStatus.PUBLISHED
    training.published_at = timezone.now()
    training.save(update_fields=["status", "published_at", "updated_at"])
    notify(
        [p for p in training.trainers.all() if p.pk != by.pk],
        kind="training_published",
        text=_("Votre formation « %(title)s » est publiée au catalogue.")
        % {"title": training.title},
        url=training.get_absolute_url(),
    )
    return training


@transaction.atomic
def training_archive(*, training, by) -> Training:
    """Archive a training; its sessions still to come are cancelled (and their people
    told)."""
    _require(_training_abilities(by, training), "archive", _("Seuls les RH archivent."))
    # Locked like any seat change, so a registration at the same moment is either told
    # of the cancellation or refused.
    for session in training.sessions.upcoming().select_for_update().select_related("training"):
        _cancel(session, by=by)
    training.status = TrainingStatus.ARCHIVED
    training.save(update_fields=["status", "updated_at"])
    return training


# --- sessions ------------------------------------------------------------------------


def _check_future(starts_at, now=None) -> None:
    if starts_at <= (now or timezone.now()):
        raise ValidationError({"starts_at": _("Choisissez une date à venir.")})


def _check_where(place: str, online_link: str) -> None:
    if not place.strip() and not online_link.strip():
        raise ValidationError(
            {"place": _("Indiquez un lieu ou un lien de visioconférence (ou les deux).")}
        )


@transaction.atomic
def session_create(
    *,
    training,
    by,
    starts_at,
    capacity: int,
    duration_minutes: int | None = None,
    place: str = "",
    online_link: str = "",
    trainers=None,
    now=None,
) -> Session:
    """Schedule a session of a published training (its trainers by default)."""
    _require(
        _training_abilities(by, training),
        "schedule",
        _("Seuls ses formateurs et les RH programment une session de cette formation."),
    )
    _check_future(starts_at, now)
    _check_where(place, online_link)
    session = Session(
        training=training,
        starts_at=starts_at,
        capacity=capacity,
        duration_minutes=duration_minutes or training.duration_minutes,
        place=place.strip(),
        online_link=online_link.strip(),
    )
    session.full_clean()
    session.save()
    session.trainers.set(trainers or training.trainers.all())
    return session


@transaction.atomic
def session_update(*, session, by, trainers=None, **fields) -> Session:
    """Change a session to come. A raised capacity promotes the waiting list; a new date
    or place is told to everyone registered or waiting."""
    session = _locked(session)
    _require(
        _session_abilities(by, session),
        "update",
        _("Seuls ses formateurs et les RH modifient une session à venir."),
    )
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {unknown}")
    if "starts_at" in fields:
        _check_future(fields["starts_at"])
    _check_where(fields.get("place", session.place), fields.get("online_link", session.online_link))
    registered = session.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    if fields.get("capacity", session.capacity) < registered:
        raise ValidationError(
            {
                "capacity": _(
                    "%(n)s personnes sont déjà inscrites : la capacité ne peut descendre "
                    "en dessous."
                )
                % {"n": registered}
            }
        )
    moved = [n for n in CALENDAR_FIELDS if n in fields and fields[n] != getattr(session, n)]
    for name, value in fields.items():
        setattr(session, name, value.strip() if isinstance(value, str) else value)
    update_fields = [*fields, "updated_at"]
    if moved:
        session.sequence += 1
        update_fields.append("sequence")
        if "starts_at" in moved:
            session.reminded_at = None  # a reminder for the new date
            update_fields.append("reminded_at")
    session.full_clean()
    session.save(update_fields=update_fields)
    if trainers is not None:
        if not trainers:
            raise ValidationError({"trainers": _("Une session a au moins un formateur.")})
        session.trainers.set(trainers)
    if moved:
        notify(
            session.registrations.exclude(status=RegistrationStatus.CANCELLED).values_list(
                "person_id", flat=True
            ),
            kind="training_session_changed",
            text=_("La session « %(title)s » change : %(when)s.")
            % {"title": session.training.title, "when": _when(session)},
            url=session.get_absolute_url(),
        )
    _promote(session)
    return session


def _cancel(session, *, by) -> None:
    people = list(
        session.registrations.exclude(status=RegistrationStatus.CANCELLED).values_list(
            "person_id", flat=True
        )
    )
    session.status = SessionStatus.CANCELLED
    session.cancelled_at = timezone.now()
    session.sequence = F("sequence") + 1
    session.save(update_fields=["status", "cancelled_at", "sequence", "updated_at"])
    session.refresh_from_db(fields=["sequence"])
    notify(
        [pk for pk in people if pk != by.pk],
        kind="training_session_cancelled",
        text=_("La session « %(title)s » du %(when)s est annulée.")
        % {"title": session.training.title, "when": _when(session)},
        url=session.get_absolute_url(),
    )


@transaction.atomic
def session_cancel(*, session, by) -> Session:
    """Cancel a session to come: everyone registered or waiting is told."""
    session = _locked(session)
    _require(
        _session_abilities(by, session),
        "cancel",
        _("Seuls ses formateurs et les RH annulent une session à venir."),
    )
    _cancel(session, by=by)
    return session


# --- registrations and the waiting list ----------------------------------------------


def _promote(session) -> list[Registration]:
    """Move the first waiting people onto the free seats (the session row is locked by
    the caller) and tell them."""
    registered = session.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    free = session.capacity - registered
    if free <= 0 or session.status != SessionStatus.SCHEDULED or session.has_started():
        return []
    promoted = list(
        session.registrations.filter(status=RegistrationStatus.WAITING).order_by("queued_at", "id")[
            :free
        ]
    )
    now = timezone.now()
    for registration in promoted:
        registration.status = RegistrationStatus.REGISTERED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at", "updated_at"])
    if promoted:
        notify(
            [r.person_id for r in promoted],
            kind="training_promoted",
            text=_(
                "Une place s'est libérée : vous êtes inscrit·e à la session « %(title)s » "
                "du %(when)s."
            )
            % {"title": session.training.title, "when": _when(session)},
            url=session.get_absolute_url(),
        )
    return promoted


@transaction.atomic
def registration_create(*, session, person) -> Registration:
    """Register the person, or put him on the waiting list when the session is full."""
    session = _locked(session)
    registration = Registration.objects.filter(session=session, person=person).first()
    abilities = _session_abilities(person, session, registration)
    if not abilities["register"]:
        if registration and registration.status != RegistrationStatus.CANCELLED:
            message = (
                _("Vous êtes déjà inscrit·e à cette session.")
                if registration.status == RegistrationStatus.REGISTERED
                else _("Vous êtes déjà sur la liste d'attente de cette session.")
            )
        elif session.status == SessionStatus.CANCELLED:
            message = _("Cette session est annulée.")
        elif session.has_started():
            message = _("Cette session a commencé : les inscriptions sont closes.")
        elif session.trainers.filter(pk=person.pk).exists():
            message = _("Vous animez cette session : inutile de vous y inscrire.")
        else:
            message = _("Cette formation n'est pas ouverte aux inscriptions.")
        raise ValidationError(message)
    registered = session.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    waiting_exists = session.registrations.filter(status=RegistrationStatus.WAITING).exists()
    status = (
        RegistrationStatus.REGISTERED
        if registered < session.capacity and not waiting_exists
        else RegistrationStatus.WAITING
    )
    now = timezone.now()
    if registration is None:
        registration = Registration(session=session, person=person)
    registration.status = status
    registration.queued_at = now
    registration.promoted_at = None
    registration.cancelled_at = None
    if registration.pk is None:
        registration.save()
    else:  # back after leaving: at the end of the queue
        registration.save(
            update_fields=["status", "queued_at", "promoted_at", "cancelled_at", "updated_at"]
        )
    return registration


@transaction.atomic
def registration_cancel(*, session, person) -> Registration:
    """The person leaves the session (or its waiting list) before it starts; the first
    waiting person takes the freed seat."""
    session = _locked(session)
    registration = (
        Registration.objects.select_for_update().filter(session=session, person=person).first()
    )
    abilities = _session_abilities(person, session, registration)
    if not abilities["unregister"]:
        if registration is None or registration.status == RegistrationStatus.CANCELLED:
            raise ValidationError(_("Vous n'êtes pas inscrit·e à cette session."))
        raise ValidationError(_("Cette session a commencé ou est annulée : trop tard."))
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    _promote(session)
    return registration


@transaction.atomic
def attendance_mark(*, session, by, present_ids) -> int:
    """After the start, mark each registered person present (in `present_ids`) or
    absent. Returns the number of people marked present."""
    _require(
        _session_abilities(by, session),
        "attendance",
        _("Seuls ses formateurs et les RH notent les présences, une fois la session commencée."),
    )
    present_ids = {int(pk) for pk in present_ids}
    registrations = list(session.registrations.filter(status=RegistrationStatus.REGISTERED))
    unknown = present_ids - {r.person_id for r in registrations}
    if unknown:
        raise ValidationError(_("Seules les personnes inscrites peuvent être notées présentes."))
    for registration in registrations:
        attended = registration.person_id in present_ids
        if registration.attended is not attended:
            if not attended and registration.feedback_given_at is not None:
                raise ValidationError(
                    _("%(name)s a déjà donné son avis : sa présence ne peut plus être retirée.")
                    % {"name": registration.person.full_name}
                )
            registration.attended = attended
            registration.save(update_fields=["attended", "updated_at"])
    return len(present_ids)


@transaction.atomic
def feedback_give(*, session, person, rating: int, comment: str = "", now=None) -> Feedback:
    """An attendee rates the session once (1–5, with an optional comment). The opinion is
    stored without its author; the registration only records that he gave one."""
    registration = (
        Registration.objects.select_for_update().filter(session=session, person=person).first()
    )
    abilities = _session_abilities(person, session, registration)
    if not abilities["feedback"]:
        if registration is not None and registration.feedback_given_at is not None:
            raise ValidationError(_("Vous avez déjà donné votre avis sur cette session."))
        raise ValidationError(
            _("Seules les personnes présentes donnent leur avis, après la session.")
        )
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Choisissez une note de 1 à 5.")})
    now = now or timezone.now()
    feedback = Feedback(
        session=session, rating=rating, comment=comment.strip(), given_on=timezone.localdate(now)
    )
    feedback.full_clean()
    feedback.save()
    registration.feedback_given_at = now
    registration.save(update_fields=["feedback_given_at", "updated_at"])
    return feedback


# --- reminders -----------------------------------------------------------------------


@transaction.atomic
def remind_tomorrow_sessions(now=None) -> int:
    """Remind the people registered to the sessions of tomorrow (Europe/Paris), once per
    session (a session moved to another date is reminded again). Returns the number of
    sessions reminded."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))
    end = start + datetime.timedelta(days=1)
    sessions = list(
        Session.objects.select_for_update()
        .filter(
            status=SessionStatus.SCHEDULED,
            reminded_at__isnull=True,
            starts_at__gte=max(start, now),
            starts_at__lt=end,
        )
        .select_related("training")
    )
    people = {}
    for person_id, session_id in Registration.objects.filter(
        session__in=sessions, status=RegistrationStatus.REGISTERED
    ).values_list("person_id", "session_id"):
        people.setdefault(session_id, []).append(person_id)
    for session in sessions:
        local = timezone.localtime(session.starts_at)
        where = session.place or session.online_link
        notify(
            people.get(session.pk, []),
            kind="training_reminder",
            text=_("Rappel : formation « %(title)s » demain à %(time)s (%(where)s).")
            % {"title": session.training.title, "time": f"{local:%H:%M}", "where": where},
            url=session.get_absolute_url(),
        )
    Session.objects.filter(pk__in=[s.pk for s in sessions]).update(reminded_at=now)
    return len(sessions)


# --- calendar feed -------------------------------------------------------------------


@transaction.atomic
def calendar_feed_create(*, person) -> tuple[CalendarFeed, str]:
    """A new secret address for the person's sessions; the old one stops working.
    Returns the feed and the raw key, which is never stored."""
    CalendarFeed.objects.filter(person=person).delete()
    raw = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(person=person, prefix=raw[:6], key_hash=hash_key(raw))
    return feed, raw


@transaction.atomic
def calendar_feed_revoke(*, person) -> None:
    CalendarFeed.objects.filter(person=person).delete()
