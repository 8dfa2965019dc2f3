from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _install_trigger(sender, using, **kwargs):
    # SQLite drops a table's triggers when a migration rebuilds it: put ours back.
    from django.db import connections

    from .db import install

    install(connections[using])


class PollsConfig(AppConfig):
    name = "cercles.polls"
    label = "polls"
    verbose_name = "Sondages"

    def ready(self):
        post_migrate.connect(_install_trigger, sender=self, dispatch_uid="polls_trigger")
        from . import panels  # noqa: F401  (registers the meeting and circle sections)
