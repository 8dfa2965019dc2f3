from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "cercles.meetings"
    label = "meetings"

    def ready(self):
        from . import panels  # noqa: F401  (registers the sections on other pages)
