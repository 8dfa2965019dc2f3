from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MissionsConfig(AppConfig):
    name = "cercles.missions"
    label = "missions"
    verbose_name = _("Missions")

    def ready(self):
        from . import panels  # noqa: F401  (registers the circle, hub and path sections)
