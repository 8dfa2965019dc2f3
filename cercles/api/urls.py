from django.http import JsonResponse
from django.urls import include, path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from cercles.coaching import api as coaching_api
from cercles.competencies import api as competencies_api
from cercles.decisions import api as decisions_api
from cercles.elections import api as elections_api
from cercles.ideas import api as ideas_api
from cercles.knowledge import api as knowledge_api
from cercles.meetings import api as meetings_api
from cercles.missions import api as missions_api
from cercles.onboarding import api as onboarding_api
from cercles.opinions import api as opinions_api
from cercles.organisation import api as organisation_api
from cercles.people import api as people_api
from cercles.polls import api as polls_api
from cercles.trainings import api as trainings_api

router = DefaultRouter()
# Each app registers its viewsets in its api.py `register(router)`.
for app_api in (
    organisation_api,
    ideas_api,
    meetings_api,
    decisions_api,
    opinions_api,
    elections_api,
    knowledge_api,
    polls_api,
    people_api,
    competencies_api,
    coaching_api,
    missions_api,
    trainings_api,
    onboarding_api,
):
    app_api.register(router)


@csrf_exempt  # nothing to protect: it answers 404 to every method
def not_found(request, *args, **kwargs):
    """A JSON 404 for any address under /api/ that no endpoint matches (not Django's HTML page)."""
    return JsonResponse({"detail": _("Introuvable.")}, status=404)


v1 = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
]

urlpatterns = [
    path("v1/", include((v1, "v1"), namespace="v1")),
    path("v1/docs/", SpectacularSwaggerView.as_view(url_name="v1:schema"), name="api-docs"),
    re_path(r"^", not_found, name="api-not-found"),
]
