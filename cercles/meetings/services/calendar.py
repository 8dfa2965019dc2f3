"""A person's calendar feed address: made (or made again) and revoked."""

import secrets

from django.db import transaction

from ..models import CalendarFeed
from ..models.calendar import KEY_PREFIX_LENGTH, hash_key


@transaction.atomic
def calendar_feed_create(*, person) -> tuple[CalendarFeed, str]:
    """A new secret address for the person's feed; the old one stops working. Returns
    the feed and the raw key, which is never stored."""
    CalendarFeed.objects.filter(person=person).delete()
    raw = secrets.token_urlsafe(32)
    feed = CalendarFeed(person=person, prefix=raw[:KEY_PREFIX_LENGTH], key_hash=hash_key(raw))
    feed.full_clean()
    feed.save()
    return feed, raw


@transaction.atomic
def calendar_feed_revoke(*, person) -> None:
    CalendarFeed.objects.filter(person=person).delete()
