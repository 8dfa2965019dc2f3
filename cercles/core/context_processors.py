from django.conf import settings
from django.utils.functional import SimpleLazyObject


def branding(request):
    return {
        "ORG_NAME": settings.CERCLES_ORG_NAME,
        "ORG_LOGO_URL": settings.CERCLES_ORG_LOGO_URL,
    }


def notifications(request):
    """The unread count for the badge: read from the cache only when the page shows it
    (at most one query, see cercles.core.notifications)."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    from .notifications import unread_count

    return {"UNREAD_NOTIFICATIONS": SimpleLazyObject(lambda: unread_count(user))}
