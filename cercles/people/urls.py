from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("development/", views.home, name="home"),
    path("development/functions/", views.function_list, name="functions"),
    path("development/functions/<int:pk>/revoke/", views.function_revoke, name="function_revoke"),
    path("development/catalogue/", views.catalogue, name="catalogue"),
    path("development/catalogue/new/", views.item_create, name="item_create"),
    path("development/catalogue/<slug:slug>/", views.item_detail, name="item_detail"),
    path("development/catalogue/<slug:slug>/edit/", views.item_update, name="item_update"),
    path("development/catalogue/<slug:slug>/archive/", views.item_archive, name="item_archive"),
    path(
        "development/catalogue/<slug:slug>/unarchive/",
        views.item_unarchive,
        name="item_unarchive",
    ),
    path("development/catalogue/<slug:slug>/move/", views.item_move, name="item_move"),
    path("development/choose/", views.chooser_page, name="chooser"),
    path("development/choose/save/", views.chooser_save, name="chooser_save"),
    path("development/path/", views.my_path, name="my_path"),
    path("development/path/<int:pk>/", views.person_path, name="person_path"),
    path("development/path/<int:pk>/suggest/", views.suggest, name="suggest"),
    path("development/path/entries/new/", views.entry_create, name="entry_create"),
    path("development/path/entries/<int:pk>/edit/", views.entry_update, name="entry_update"),
    path("development/path/entries/<int:pk>/delete/", views.entry_delete, name="entry_delete"),
    path("development/path/sharing/", views.share_list, name="shares"),
    path("development/path/sharing/<int:pk>/revoke/", views.share_revoke, name="share_revoke"),
    path(
        "development/suggestions/<int:pk>/accept/",
        views.suggestion_accept,
        name="suggestion_accept",
    ),
    path(
        "development/suggestions/<int:pk>/dismiss/",
        views.suggestion_dismiss,
        name="suggestion_dismiss",
    ),
]
