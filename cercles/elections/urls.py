from django.urls import path

from . import views

app_name = "elections"

urlpatterns = [
    path("circles/<int:pk>/elections/", views.circle_elections, name="circle_elections"),
    path("circles/<int:pk>/elections/new/", views.election_create, name="election_create"),
    path(
        "meetings/<int:pk>/elections/new/",
        views.election_create_for_meeting,
        name="election_create_for_meeting",
    ),
    path("elections/<int:pk>/", views.election_detail, name="election_detail"),
    path("elections/<int:pk>/edit/", views.election_update, name="election_update"),
    path("elections/<int:pk>/open/", views.election_open, name="election_open"),
    path("elections/<int:pk>/nominate/", views.election_nominate, name="election_nominate"),
    path("elections/<int:pk>/reveal/", views.election_reveal, name="election_reveal"),
    path("elections/<int:pk>/propose/", views.election_propose, name="election_propose"),
    path("elections/<int:pk>/answer/", views.election_answer, name="election_answer"),
    path("elections/<int:pk>/confirm/", views.election_confirm, name="election_confirm"),
    path("elections/<int:pk>/cancel/", views.election_cancel, name="election_cancel"),
    path("elections/<int:pk>/take-over/", views.election_take_over, name="election_take_over"),
    path(
        "election-objections/<int:pk>/resolve/",
        views.objection_resolve,
        name="objection_resolve",
    ),
]
