from django.urls import path

from .views import calendar, followup, minutes, pages, templates

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
    # Tensions added live, the checklist
    path("meetings/<int:pk>/tension/", followup.tension_create, name="tension_create"),
    path("checklist-items/<int:pk>/", followup.checklist_item_change, name="checklist_item_change"),
    # Actions
    path("meetings/<int:pk>/actions/new/", followup.action_create, name="action_create"),
    path("actions/", followup.my_actions, name="my_actions"),
    path("actions/<int:pk>/edit/", followup.action_update, name="action_update"),
    path("actions/<int:pk>/done/", followup.action_done, name="action_done"),
    path("actions/<int:pk>/delete/", followup.action_delete, name="action_delete"),
    # Rating
    path("meetings/<int:pk>/rating/", followup.rating, name="rating"),
    # Minutes
    path("meetings/<int:pk>/minutes/", minutes.minutes_detail, name="minutes_detail"),
    path("meetings/<int:pk>/minutes/edit/", minutes.minutes_edit, name="minutes_edit"),
    path("meetings/<int:pk>/minutes/generate/", minutes.minutes_generate, name="minutes_generate"),
    path("meetings/<int:pk>/minutes/publish/", minutes.minutes_publish, name="minutes_publish"),
    path("meetings/<int:pk>/minutes.md", minutes.minutes_markdown, name="minutes_markdown"),
    path("meetings/<int:pk>/minutes.pdf", minutes.minutes_pdf, name="minutes_pdf"),
    # Calendars
    path("meetings/<int:pk>/invitation.ics", calendar.meeting_ics, name="meeting_ics"),
    path("meetings/mine/", calendar.my_meetings, name="my_meetings"),
    path("meetings/mine/calendar/", calendar.calendar_feed_manage, name="calendar_feed_manage"),
    path("calendar/<str:key>.ics", calendar.calendar_feed, name="calendar_feed"),
    # Templates (admins)
    path("meetings/templates/", templates.template_list, name="template_list"),
    path("meetings/templates/new/", templates.template_create, name="template_create"),
    path("meetings/templates/<int:pk>/edit/", templates.template_update, name="template_update"),
]
