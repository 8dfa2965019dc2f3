from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "cercles.people"
    label = "people"
    verbose_name = _("Développement des personnes")

    def ready(self):
        from . import panels  # noqa: F401  (registers the hub cards, path steps, person panel)
