from django.urls import path

from .views import pages

app_name = "meetings"

urlpatterns = [
    path("circles/<int:pk>/meetings/", pages.circle_meetings, name="circle_meetings"),
    path("circles/<int:pk>/meetings/new/", pages.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", pages.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", pages.meeting_update, name="meeting_update"),
    path("meetings/<int:pk>/start/", pages.meeting_start, name="meeting_start"),
    path("meetings/<int:pk>/close/", pages.meeting_close, name="meeting_close"),
    path("meetings/<int:pk>/floor/", pages.room_action, name="room_action"),
    path("meetings/<int:pk>/attendance/", pages.attendance, name="attendance"),
    path("meetings/<int:pk>/agenda/", pages.agenda_item_create, name="agenda_item_create"),
    path("agenda-items/<int:pk>/", pages.agenda_item_change, name="agenda_item_change"),
]
