"""Full-text search indexes over `search_text` (see cercles.core.search).

PostgreSQL: the `unaccent` extension when the role may create it, and a GIN index on
the French+simple text vector of circles, roles and people. SQLite: one FTS5 table per
model, kept in step by triggers. Other databases: nothing (search falls back to LIKE).
"""

from django.db import DatabaseError, migrations, transaction

from cercles.core.search import (
    INDEXED_TABLES,
    PG_INDEX_EXPRESSION,
    drop_sqlite_fts,
    install_sqlite_fts,
    sqlite_has_fts5,
)


def _index_name(table):
    return f"{table}_search_gin"


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        try:
            # A savepoint, so a refused CREATE EXTENSION does not abort the migration.
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        except DatabaseError:
            pass  # the extension is optional: search_text is already accent-folded
        with connection.cursor() as cursor:
            for table in INDEXED_TABLES:
                cursor.execute(
                    f'CREATE INDEX IF NOT EXISTS "{_index_name(table)}" '
                    f'ON "{table}" USING gin ({PG_INDEX_EXPRESSION})'
                )
    elif connection.vendor == "sqlite" and sqlite_has_fts5():
        with connection.cursor() as cursor:
            for table in INDEXED_TABLES:
                install_sqlite_fts(cursor, table)


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for table in INDEXED_TABLES:
            if connection.vendor == "postgresql":
                cursor.execute(f'DROP INDEX IF EXISTS "{_index_name(table)}"')
            elif connection.vendor == "sqlite":
                drop_sqlite_fts(cursor, table)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("organisation", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
