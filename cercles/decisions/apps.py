from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "cercles.decisions"
    label = "decisions"

    def ready(self):
        # The sections this app adds to the meeting, circle pages and the minutes.
        from . import panels  # noqa: F401  (registers the sections on other pages)
