from django.urls import path

from .views import pages, time_eaters

app_name = "knowledge"

urlpatterns = [
    path("knowledge/", pages.home, name="home"),
    path("knowledge/new/", pages.page_create, name="page_create"),
    path("knowledge/pages/<slug:slug>/", pages.page_detail, name="page_detail"),
    path("knowledge/pages/<slug:slug>/edit/", pages.page_update, name="page_update"),
    path("knowledge/pages/<slug:slug>/settings/", pages.page_settings, name="page_settings"),
    path("knowledge/pages/<slug:slug>/history/", pages.page_history, name="page_history"),
    path(
        "knowledge/pages/<slug:slug>/history/<int:number>/",
        pages.revision_detail,
        name="revision_detail",
    ),
    path(
        "knowledge/pages/<slug:slug>/history/<int:number>/restore/",
        pages.page_restore,
        name="page_restore",
    ),
    path("knowledge/pages/<slug:slug>/diff/", pages.page_diff, name="page_diff"),
    path("knowledge/pages/<slug:slug>/archive/", pages.page_archive, name="page_archive"),
    path("knowledge/pages/<slug:slug>/unarchive/", pages.page_unarchive, name="page_unarchive"),
    path("knowledge/pages/<slug:slug>/delete/", pages.page_delete, name="page_delete"),
    path("knowledge/time-eaters/", time_eaters.time_eater_list, name="time_eater_list"),
    path("knowledge/time-eaters/new/", time_eaters.time_eater_create, name="time_eater_create"),
    path(
        "knowledge/time-eaters/<slug:slug>/",
        time_eaters.time_eater_detail,
        name="time_eater_detail",
    ),
    path(
        "knowledge/time-eaters/<slug:slug>/edit/",
        time_eaters.time_eater_update,
        name="time_eater_update",
    ),
    path(
        "knowledge/time-eaters/<slug:slug>/concern/",
        time_eaters.time_eater_concern,
        name="time_eater_concern",
    ),
    path(
        "knowledge/time-eaters/<slug:slug>/unconcern/",
        time_eaters.time_eater_unconcern,
        name="time_eater_unconcern",
    ),
    path(
        "knowledge/time-eaters/<slug:slug>/remedies/",
        time_eaters.remedy_propose,
        name="remedy_propose",
    ),
    path(
        "knowledge/time-eaters/<slug:slug>/archive/",
        time_eaters.time_eater_archive,
        name="time_eater_archive",
    ),
    path(
        "knowledge/time-eaters/<slug:slug>/unarchive/",
        time_eaters.time_eater_unarchive,
        name="time_eater_unarchive",
    ),
    path("knowledge/remedies/<int:pk>/delete/", time_eaters.remedy_delete, name="remedy_delete"),
    path("knowledge/remedies/<int:pk>/adopt/", time_eaters.remedy_adopt, name="remedy_adopt"),
]
