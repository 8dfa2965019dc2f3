from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "cercles.elections"
    label = "elections"
    verbose_name = "Élections"

    def ready(self):
        # Registers the sections shown on the circle and meeting pages and in minutes.
        from . import panels  # noqa: F401  (registers the sections on other pages)
