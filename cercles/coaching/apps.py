from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    name = "cercles.coaching"
    label = "coaching"
    verbose_name = _("Coaching")

    def ready(self):
        from . import panels  # noqa: F401  (registers the talent path and the hub card)
