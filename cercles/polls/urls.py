from django.urls import path

from .views import pages

app_name = "polls"

urlpatterns = [
    path("circles/<int:pk>/polls/", pages.circle_polls, name="circle_polls"),
    path("circles/<int:pk>/polls/new/", pages.poll_create, name="poll_create"),
    path("meetings/<int:pk>/polls/new/", pages.meeting_poll_create, name="meeting_poll_create"),
    path("polls/<int:pk>/", pages.poll_detail, name="poll_detail"),
    path("polls/<int:pk>/edit/", pages.poll_update, name="poll_update"),
    path("polls/<int:pk>/results/", pages.poll_results_page, name="poll_results"),
    path("polls/<int:pk>/results.csv", pages.poll_results_csv, name="poll_results_csv"),
    path("polls/<int:pk>/open/", pages.poll_open, name="poll_open"),
    path("polls/<int:pk>/close/", pages.poll_close, name="poll_close"),
    path("polls/<int:pk>/outcome/", pages.poll_conclude, name="poll_conclude"),
    path("polls/<int:pk>/delete/", pages.poll_delete, name="poll_delete"),
    path("polls/<int:pk>/electorate/", pages.poll_electorate, name="poll_electorate"),
]
