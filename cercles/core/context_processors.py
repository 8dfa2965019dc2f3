from django.conf import settings


def branding(request):
    return {
        "ORG_NAME": settings.CERCLES_ORG_NAME,
        "ORG_LOGO_URL": settings.CERCLES_ORG_LOGO_URL,
    }
