from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnboardingConfig(AppConfig):
    name = "cercles.onboarding"
    label = "onboarding"
    verbose_name = _("Intégration")

    def ready(self):
        from . import panels  # noqa: F401  (registers the talent path and hub card)
