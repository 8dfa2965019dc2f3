"""Personal API tokens: several per person, stored hashed, shown once at creation."""

import hashlib
import secrets

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

TOKEN_PREFIX_LENGTH = 8


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("nom"), max_length=100)
    prefix = models.CharField(max_length=TOKEN_PREFIX_LENGTH, editable=False, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    # The day of the last use (midnight UTC), never the time: see `authenticate`.
    last_used_at = models.DateTimeField(_("dernière utilisation"), null=True, blank=True)

    class Meta:
        app_label = "accounts"
        verbose_name = _("jeton d'API")
        verbose_name_plural = _("jetons d'API")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


@transaction.atomic
def api_token_create(*, person, name: str) -> tuple[ApiToken, str]:
    """Create a token; returns it with the raw key, which is never stored."""
    raw = secrets.token_urlsafe(32)
    token = ApiToken(
        person=person,
        name=name.strip() or "API",
        prefix=raw[:TOKEN_PREFIX_LENGTH],
        key_hash=_hash(raw),
    )
    token.full_clean()
    token.save()
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> None:
    token.delete()


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token <key>` (or `Bearer <key>`)."""

    keywords = ("token", "bearer")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="ignore").lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("En-tête d'autorisation mal formé."))
        raw = header[1].decode(errors="ignore")
        try:
            token = ApiToken.objects.select_related("person").get(key_hash=_hash(raw))
        except ApiToken.DoesNotExist:
            raise exceptions.AuthenticationFailed(_("Jeton invalide.")) from None
        if not token.person.is_active:
            raise exceptions.AuthenticationFailed(_("Compte désactivé."))
        # The day only (midnight UTC), written once a day: the exact second of a call
        # would date what the call did, e.g. post an anonymous idea (PRODUCT, ideas).
        today = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
        if token.last_used_at != today:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=today)
            token.last_used_at = today
        return token.person, token

    def authenticate_header(self, request):
        return "Token"
