from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetenciesConfig(AppConfig):
    name = "cercles.competencies"
    label = "competencies"
    verbose_name = _("Compétences")

    def ready(self):
        from . import panels  # noqa: F401  (registers the path steps, hub card, profile panel)
