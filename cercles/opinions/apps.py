from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpinionsConfig(AppConfig):
    name = "cercles.opinions"
    label = "opinions"
    verbose_name = _("Cartes d'opinion")

    def ready(self):
        from . import panels  # noqa: F401  (registers the sections on other pages)
