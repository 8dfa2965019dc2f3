"""Periodic work of the core: the daily e-mail digest of unread notifications."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from .models import Notification

DIGEST_MAX_ITEMS = 50


def _digest_body(notifications, base_url: str) -> str:
    lines = [_("Voici ce qui s'est passé depuis votre dernier résumé :"), ""]
    for item in notifications[:DIGEST_MAX_ITEMS]:
        lines.append(f"- {item.text}")
        if item.url:
            lines.append(f"  {base_url}{item.url}")
    if len(notifications) > DIGEST_MAX_ITEMS:
        lines.append("")
        lines.append(
            _("… et %(n)s autres, à lire dans l'application.")
            % {"n": len(notifications) - DIGEST_MAX_ITEMS}
        )
    return "\n".join(lines)


@shared_task
def send_notification_digests() -> int:
    """One e-mail per person with unread notifications not yet sent; returns the count.

    Each person's notifications are marked sent in their own transaction after the
    e-mail left, so a failure for one person does not resend the others'.
    """
    base_url = getattr(settings, "CERCLES_BASE_URL", "")
    pending = (
        Notification.objects.unread()
        .filter(emailed_at__isnull=True, recipient__is_active=True)
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "id")
    )
    by_person: dict[int, list[Notification]] = {}
    for item in pending:
        by_person.setdefault(item.recipient_id, []).append(item)
    sent = 0
    for items in by_person.values():
        person = items[0].recipient
        with override(settings.LANGUAGE_CODE):
            subject = _("Cercles : %(n)s notification(s) non lue(s)") % {"n": len(items)}
            body = _digest_body(items, base_url)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])
        with transaction.atomic():
            Notification.objects.filter(pk__in=[i.pk for i in items]).update(
                emailed_at=timezone.now()
            )
        sent += 1
    return sent
