from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _repair_search_index(sender, using, **kwargs):
    # On SQLite, a migration that rebuilds the person, circle or role table drops the
    # FTS5 triggers with it; put them back after every migrate.
    from django.db import connections

    from cercles.core.search import ensure_sqlite_fts

    ensure_sqlite_fts(connections[using])


class CoreConfig(AppConfig):
    name = "cercles.core"
    label = "core"

    def ready(self):
        post_migrate.connect(_repair_search_index, sender=self)
        from . import notifications  # noqa: F401  (connects the login signal)
