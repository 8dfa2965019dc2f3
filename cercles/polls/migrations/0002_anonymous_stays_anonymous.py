"""The trigger that refuses to turn an anonymous poll into a named one (polls/db.py)."""

from django.db import migrations


def install(apps, schema_editor):
    from cercles.polls.db import install

    install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from cercles.polls.db import uninstall

    uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("polls", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall)]
