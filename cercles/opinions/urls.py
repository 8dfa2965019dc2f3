from django.urls import path

from .views import pages

app_name = "opinions"

urlpatterns = [
    path(
        "circles/<int:pk>/consultations/",
        pages.circle_consultations,
        name="circle_consultations",
    ),
    path(
        "circles/<int:pk>/consultations/new/",
        pages.consultation_create,
        name="consultation_create",
    ),
    path("consultations/<int:pk>/", pages.consultation_detail, name="consultation_detail"),
    path("consultations/<int:pk>/edit/", pages.consultation_update, name="consultation_update"),
    path("consultations/<int:pk>/close/", pages.consultation_close, name="consultation_close"),
    path("consultations/<int:pk>/reopen/", pages.consultation_reopen, name="consultation_reopen"),
    path("consultations/<int:pk>/vote/", pages.vote, name="vote"),
    path("consultations/<int:pk>/propose/", pages.statement_create, name="statement_create"),
    path("consultations/<int:pk>/resume/", pages.resume, name="resume"),
    path("consultations/<int:pk>/map/", pages.consultation_map, name="consultation_map"),
    path("consultations/<int:pk>/moderation/", pages.moderation, name="moderation"),
    path("statements/<int:pk>/moderate/", pages.statement_moderate, name="statement_moderate"),
]
