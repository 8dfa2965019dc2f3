"""The project's URLs plus the OIDC ones, which cercles.urls adds only when OIDC_ENABLED is set
at import time."""

from django.urls import include, path

from cercles.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    *(p for p in project_urlpatterns if str(p.pattern) != "oidc/"),
    path("oidc/", include("mozilla_django_oidc.urls")),
]
