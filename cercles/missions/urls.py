from django.urls import path

from . import views

app_name = "missions"

urlpatterns = [
    path("missions/", views.marketplace, name="marketplace"),
    path("missions/mine/", views.my_applications, name="my_applications"),
    path("missions/circles/<int:pk>/new/", views.mission_create, name="mission_create"),
    path("missions/<int:pk>/", views.mission_detail, name="mission_detail"),
    path("missions/<int:pk>/edit/", views.mission_update, name="mission_update"),
    path("missions/<int:pk>/publish/", views.mission_publish, name="mission_publish"),
    path("missions/<int:pk>/close/", views.mission_close, name="mission_close"),
    path("missions/<int:pk>/apply/", views.mission_apply, name="mission_apply"),
    path(
        "missions/<int:pk>/applications/",
        views.mission_applications,
        name="mission_applications",
    ),
    path("missions/applications/<int:pk>/", views.application_detail, name="application_detail"),
    path(
        "missions/applications/<int:pk>/withdraw/",
        views.application_withdraw,
        name="application_withdraw",
    ),
    path(
        "missions/applications/<int:pk>/select/",
        views.application_select,
        name="application_select",
    ),
    path(
        "missions/applications/<int:pk>/decline/",
        views.application_decline,
        name="application_decline",
    ),
    path(
        "missions/applications/<int:pk>/accept/",
        views.application_accept,
        name="application_accept",
    ),
    path(
        "missions/applications/<int:pk>/answer/",
        views.application_answer,
        name="application_answer",
    ),
    path(
        "missions/applications/<int:pk>/messages/",
        views.application_message,
        name="application_message",
    ),
]
