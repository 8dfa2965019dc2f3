from django.urls import path

from .views import catalogue, people, sessions

app_name = "trainings"

urlpatterns = [
    path("trainings/", catalogue.training_list, name="training_list"),
    path("trainings/propose/", catalogue.training_create, name="training_create"),
    path("trainings/<int:pk>/", catalogue.training_detail, name="training_detail"),
    path("trainings/<int:pk>/edit/", catalogue.training_update, name="training_update"),
    path("trainings/<int:pk>/publish/", catalogue.training_publish, name="training_publish"),
    path("trainings/<int:pk>/archive/", catalogue.training_archive, name="training_archive"),
    path("trainings/<int:pk>/sessions/new/", sessions.session_create, name="session_create"),
    path("trainings/sessions/", people.session_list, name="session_list"),
    path("trainings/sessions/<int:pk>/", sessions.session_detail, name="session_detail"),
    path("trainings/sessions/<int:pk>/edit/", sessions.session_update, name="session_update"),
    path("trainings/sessions/<int:pk>/cancel/", sessions.session_cancel, name="session_cancel"),
    path(
        "trainings/sessions/<int:pk>/register/",
        sessions.session_register,
        name="session_register",
    ),
    path(
        "trainings/sessions/<int:pk>/unregister/",
        sessions.session_unregister,
        name="session_unregister",
    ),
    path(
        "trainings/sessions/<int:pk>/attendance/",
        sessions.session_attendance,
        name="session_attendance",
    ),
    path(
        "trainings/sessions/<int:pk>/feedback/",
        sessions.session_feedback,
        name="session_feedback",
    ),
    path("trainings/sessions/<int:pk>/ics/", sessions.session_ics, name="session_ics"),
    path("trainings/mine/", people.my_trainings, name="my_trainings"),
    path("trainings/mine/calendar/", people.calendar_feed_manage, name="calendar_feed_manage"),
    path("trainings/calendar/<str:key>.ics", people.calendar_feed, name="calendar_feed"),
    path("trainings/trainers/<int:pk>/", people.trainer_detail, name="trainer_detail"),
]
