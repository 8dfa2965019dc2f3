from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "cercles.meetings"
    label = "meetings"
