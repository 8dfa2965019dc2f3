"""The GIN index of the ideas' search text on PostgreSQL (see cercles.core.search).

On SQLite the ideas are searched with LIKE over `search_text` (no FTS5 table).
"""

from django.db import migrations

from cercles.core.search import PG_INDEX_EXPRESSION

INDEX = "ideas_idea_search_gin"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "ideas_idea" USING gin ({PG_INDEX_EXPRESSION})'
            )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    dependencies = [("ideas", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
