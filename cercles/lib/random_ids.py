"""Random primary keys for the rows whose order of creation would tell who wrote them:
anonymous ideas and their objective links, anonymous poll ballots, the opinion map's
participants, statements and votes.

Sequential ids would place an anonymous row between signed rows whose exact times are
public, and so pin when (and, joined with access logs, by whom) it was written. The ids
stay below 2**53 so that JavaScript clients of the API read them exactly.

Collisions: with n rows, the chance that a new id hits one is n / 2**53 (about 1 in
180 billion at 50,000 rows). A collision is an IntegrityError on the primary key: the
write fails, nothing is overwritten.
"""

import secrets

from django.db import models

RANDOM_ID_MAX = 2**53 - 1


def random_id() -> int:
    """A random primary key in 1..2**53-1."""
    return secrets.randbelow(RANDOM_ID_MAX) + 1


class RandomIdField(models.BigIntegerField):
    """A primary key filled with `random_id`. On SQLite the column is declared INTEGER,
    which makes it the table's rowid: with any other type SQLite keeps a hidden rowid
    that counts the insertions, and so the order in which the rows were written."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("primary_key", True)
        kwargs.setdefault("default", random_id)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def db_type(self, connection):
        if connection.vendor == "sqlite":
            return "integer"
        return super().db_type(connection)
