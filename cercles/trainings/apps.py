from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "cercles.trainings"
    label = "trainings"
    verbose_name = _("Formations")

    def ready(self):
        from . import panels  # noqa: F401  (registers the path steps, person and hub panels)
