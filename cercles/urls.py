from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from cercles.core import views as core_views

urlpatterns = [
    path("", include("cercles.organisation.urls")),
    path("", include("cercles.core.urls")),
    path("", include("cercles.ideas.urls")),
    path("", include("cercles.meetings.urls")),
    path("", include("cercles.decisions.urls")),
    path("", include("cercles.elections.urls")),
    path("", include("cercles.opinions.urls")),
    path("", include("cercles.polls.urls")),
    path("", include("cercles.knowledge.urls")),
    path("", include("cercles.people.urls")),
    path("", include("cercles.competencies.urls")),
    path("", include("cercles.coaching.urls")),
    path("", include("cercles.missions.urls")),
    path("", include("cercles.trainings.urls")),
    path("", include("cercles.onboarding.urls")),
    path("accounts/", include("cercles.accounts.urls")),
    path("api/", include("cercles.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("hello/", core_views.hello, name="hello"),
]
if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
