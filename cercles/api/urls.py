from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

router = DefaultRouter()
# Each app registers its viewsets in its api.py `register(router)`.
from cercles.organisation import api as organisation_api  # noqa: E402

organisation_api.register(router)

v1 = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
]

urlpatterns = [
    path("v1/", include((v1, "v1"), namespace="v1")),
    path("v1/docs/", SpectacularSwaggerView.as_view(url_name="v1:schema"), name="api-docs"),
]
