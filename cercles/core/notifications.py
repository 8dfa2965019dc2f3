"""Notifications: `notify()` for the services, the unread count for the navigation bar.

The unread count is kept in the cache per person (computed at login, dropped whenever
that person gets a notification or reads them), so a page costs no query for the badge
most of the time, and one when the cache has forgotten it.
"""

from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from .models import Notification

UNREAD_CACHE_SECONDS = 24 * 3600


def _unread_key(person_id: int) -> str:
    return f"notifications:unread:{person_id}"


def unread_count(person) -> int:
    key = _unread_key(person.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(recipient=person).unread().count()
        cache.set(key, count, UNREAD_CACHE_SECONDS)
    return count


def forget_unread(person_ids) -> None:
    cache.delete_many([_unread_key(pk) for pk in person_ids])


@receiver(user_logged_in, dispatch_uid="cercles_notifications_warm")
def _warm_unread_count(sender, request, user, **kwargs):
    unread_count(user)


def notify(recipients, *, kind: str, text: str, url: str = "") -> None:
    """Tell these people (Person objects or ids; None and repeats dropped) once the
    transaction commits, so a rolled-back change notifies nobody."""
    ids = set()
    for recipient in recipients:
        if recipient is None:
            continue
        ids.add(recipient if isinstance(recipient, int) else recipient.pk)
    if not ids:
        return

    def _send():
        Notification.objects.bulk_create(
            [
                Notification(recipient_id=pk, kind=kind, text=text[:500], url=url)
                for pk in sorted(ids)
            ]
        )
        forget_unread(ids)

    transaction.on_commit(_send)


@transaction.atomic
def notifications_mark_read(*, person, ids=None) -> int:
    """Mark the person's unread notifications read (only `ids` when given)."""
    qs = Notification.objects.filter(recipient=person).unread()
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    count = qs.update(read_at=timezone.now())
    forget_unread([person.pk])
    return count
