from django.urls import path

from . import views

app_name = "coaching"

urlpatterns = [
    path("coaching/", views.home, name="home"),
    path("coaching/requests/", views.request_list, name="request_list"),
    path("coaching/requests/new/", views.request_create, name="request_create"),
    path("coaching/requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("coaching/requests/<int:pk>/withdraw/", views.request_withdraw, name="request_withdraw"),
    path("coaching/coaches/", views.coach_list, name="coach_list"),
    path("coaching/coaches/me/", views.coach_edit, name="coach_edit"),
    path("coaching/matches/<int:pk>/", views.match_detail, name="match_detail"),
    path("coaching/matches/<int:pk>/accept/", views.match_accept, name="match_accept"),
    path("coaching/matches/<int:pk>/decline/", views.match_decline, name="match_decline"),
    path("coaching/matches/<int:pk>/close/", views.match_close, name="match_close"),
    path("coaching/matches/<int:pk>/drop/", views.match_drop, name="match_drop"),
    path("coaching/matches/<int:pk>/replace/", views.match_replace, name="match_replace"),
    path("coaching/coordination/", views.coordination, name="coordination"),
    path("coaching/coordination/rounds/", views.round_run, name="round_run"),
    path("coaching/rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("coaching/rounds/<int:pk>/publish/", views.round_publish, name="round_publish"),
]
