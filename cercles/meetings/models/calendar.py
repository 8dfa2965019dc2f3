"""A person's calendar feed: a secret address that calendar apps poll without logging in.

The address holds a random key; only its SHA-256 is stored (like the API tokens of
`cercles.accounts.tokens`), so the key is shown once, when it is made, and a leaked
database gives no feed. One key per person: making a new one kills the old address.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

KEY_PREFIX_LENGTH = 6


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class CalendarFeed(models.Model):
    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    prefix = models.CharField(max_length=KEY_PREFIX_LENGTH, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    # The day of the last read (midnight UTC), written at most once a day.
    last_used_at = models.DateTimeField(_("dernière lecture"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda personnel")
        verbose_name_plural = _("agendas personnels")

    def __str__(self):
        return f"{self.person} ({self.prefix}…)"
