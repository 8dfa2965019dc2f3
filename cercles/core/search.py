"""One search for circles, roles and people, on PostgreSQL or SQLite.

Every searchable row keeps an accent-folded, lower-case `search_text` (see
`cercles.lib.text.fold`). A query is folded the same way and cut into words; a row
matches when it holds every word, each one as the start of a word, so "rech" finds
"Recherche" and "elodie" finds "Élodie". Plurals match their singular.

- PostgreSQL: full-text search. The row's vector joins the French configuration (stems,
  so "formations" finds "Formation") and the simple one (raw words, so any word start
  matches); each query word becomes `word:*` in both. Ranked with `ts_rank`. GIN
  indexes on the same expression come from core migration 0001.
- SQLite: an FTS5 table per searchable model (external content, kept in step by
  triggers, see `install_sqlite_fts`), queried with `"word"*` and ranked with bm25.
  SQLite has no French stemmer, so plurals are handled by also trying the word
  without its plural ending. Without FTS5 in the SQLite build, a LIKE search.

Query words are only letters, digits and underscores (`tokens` splits on anything
else) and are passed as parameters, so no input can break the SQL or the FTS syntax.
"""

import functools
import sqlite3

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connections
from django.db.models import F, Func, Q, QuerySet

from cercles.lib.text import tokens

MAX_WORDS = 8
# Models with an FTS5 table on SQLite and a GIN index on PostgreSQL.
INDEXED_TABLES = ("organisation_circle", "organisation_role", "accounts_person")


def _stem(word: str) -> str:
    """A light French plural stripper, for SQLite (PostgreSQL uses its French stemmer)."""
    if len(word) > 4 and word.endswith("aux"):
        return word[:-2]  # journaux -> journa, which starts journal
    if len(word) > 3 and word[-1] in "sx":
        return word[:-1]
    return word


def _words(query: str) -> list[str]:
    return tokens(query)[:MAX_WORDS]


# --- PostgreSQL ------------------------------------------------------------------------


class _PgVector(Func):
    """French stems and raw words of `search_text`: the expression the GIN indexes cover."""

    template = (
        "(to_tsvector('french'::regconfig, %(expressions)s)"
        " || to_tsvector('simple'::regconfig, %(expressions)s))"
    )
    output_field = SearchVectorField()


PG_INDEX_EXPRESSION = "(to_tsvector('french'::regconfig, search_text) || to_tsvector('simple'::regconfig, search_text))"


def _pg_query(words: list[str]) -> SearchQuery:
    query = None
    for word in words:
        term = f"{word}:*"
        either = SearchQuery(term, config="french", search_type="raw") | SearchQuery(
            term, config="simple", search_type="raw"
        )
        query = either if query is None else query & either
    return query


def _pg_filter(qs: QuerySet, words: list[str], order: bool) -> QuerySet:
    vector = _PgVector(F("search_text"))
    query = _pg_query(words)
    qs = qs.alias(_search_vector=vector).filter(_search_vector=query)
    if order:
        qs = qs.annotate(search_rank=SearchRank(vector, query)).order_by(
            "-search_rank", *qs.model._meta.ordering
        )
    return qs


# --- SQLite ----------------------------------------------------------------------------


@functools.cache
def sqlite_has_fts5() -> bool:
    """Whether this Python's SQLite library was built with FTS5 (checked once, in memory)."""
    try:
        probe = sqlite3.connect(":memory:")
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5(x)")
        probe.close()
    except sqlite3.Error:
        return False
    return True


def fts_table(table: str) -> str:
    return f"{table}_fts"


def install_sqlite_fts(cursor, table: str, rebuild: bool = True) -> None:
    """Create (if missing) the FTS5 table over `table.search_text` and its triggers.

    Idempotent. The triggers only fire when `search_text` changes, which every service
    that changes a searched field rewrites. SQLite drops a table's triggers when Django
    rebuilds the table in a migration, so running this again after such a migration
    (with rebuild=True) restores the index.
    """
    fts = fts_table(table)
    cursor.execute(
        f'CREATE VIRTUAL TABLE IF NOT EXISTS "{fts}" USING fts5('
        f"search_text, content='{table}', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    cursor.execute(
        f'CREATE TRIGGER IF NOT EXISTS "{fts}_ai" AFTER INSERT ON "{table}" BEGIN '
        f'INSERT INTO "{fts}"(rowid, search_text) VALUES (new.id, new.search_text); END'
    )
    cursor.execute(
        f'CREATE TRIGGER IF NOT EXISTS "{fts}_ad" AFTER DELETE ON "{table}" BEGIN '
        f'INSERT INTO "{fts}"("{fts}", rowid, search_text) VALUES (\'delete\', old.id, old.search_text); END'
    )
    cursor.execute(
        f'CREATE TRIGGER IF NOT EXISTS "{fts}_au" AFTER UPDATE OF search_text ON "{table}" BEGIN '
        f'INSERT INTO "{fts}"("{fts}", rowid, search_text) VALUES (\'delete\', old.id, old.search_text); '
        f'INSERT INTO "{fts}"(rowid, search_text) VALUES (new.id, new.search_text); END'
    )
    if rebuild:
        cursor.execute(f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')')


def ensure_sqlite_fts(connection) -> list[str]:
    """Restore the FTS triggers a table rebuild dropped; return the tables re-indexed.

    Django's SQLite schema editor alters a table by copying it to a new one and dropping
    the old, which drops its triggers with it: run this after `migrate` (a post_migrate
    handler) so later migrations on people, circles or roles cannot silently stop the
    index from following the data. Does nothing before core migration 0001 has run.
    """
    if connection.vendor != "sqlite" or not sqlite_has_fts5():
        return []
    repaired = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {row[0] for row in cursor.fetchall()}
        for table in INDEXED_TABLES:
            fts = fts_table(table)
            if fts not in present:
                continue
            if any(f"{fts}_{suffix}" not in present for suffix in ("ai", "ad", "au")):
                install_sqlite_fts(cursor, table, rebuild=True)
                repaired.append(table)
    return repaired


def drop_sqlite_fts(cursor, table: str) -> None:
    fts = fts_table(table)
    for suffix in ("ai", "ad", "au"):
        cursor.execute(f'DROP TRIGGER IF EXISTS "{fts}_{suffix}"')
    cursor.execute(f'DROP TABLE IF EXISTS "{fts}"')


def _fts5_match(words: list[str]) -> str:
    """`"formation"* AND ("competences"* OR "competence"*)`: every word, as a word start."""
    parts = []
    for word in words:
        stem = _stem(word)
        if stem != word:
            parts.append(f'("{word}"* OR "{stem}"*)')
        else:
            parts.append(f'"{word}"*')
    return " AND ".join(parts)


def _sqlite_filter(qs: QuerySet, words: list[str], order: bool) -> QuerySet:
    table = qs.model._meta.db_table
    if table not in INDEXED_TABLES or not sqlite_has_fts5():
        return _like_filter(qs, words)
    fts = fts_table(table)
    # A join on the FTS table (rowid = id) evaluates the MATCH once for the whole query;
    # `extra()` is the ORM's only way to join a table that has no model.
    qs = qs.extra(
        tables=[fts],
        where=[f'"{fts}".rowid = "{table}"."id"', f'"{fts}" MATCH %s'],
        params=[_fts5_match(words)],
    )
    if order:
        # bm25 is lower for better matches.
        qs = qs.extra(select={"search_rank": f'bm25("{fts}")'}).order_by(
            "search_rank", *qs.model._meta.ordering
        )
    return qs


def _like_filter(qs: QuerySet, words: list[str]) -> QuerySet:
    cond = Q()
    for word in words:
        stem = _stem(word)
        cond &= Q(search_text__contains=stem)
    return qs.filter(cond)


# --- Public API --------------------------------------------------------------------------


def filter_by_search(qs: QuerySet, query: str, *, order: bool = True) -> QuerySet:
    """Keep the rows of `qs` (a model with `search_text`) matching `query`, best first.

    An empty query (or one with no word) leaves `qs` untouched. With `order=False` the
    queryset keeps its own ordering and no rank is computed.
    """
    words = _words(query)
    if not words:
        return qs
    vendor = connections[qs.db].vendor
    if vendor == "postgresql":
        return _pg_filter(qs, words, order)
    if vendor == "sqlite":
        return _sqlite_filter(qs, words, order)
    return _like_filter(qs, words)


def search_all(query: str, *, user, limit: int = 20) -> dict:
    """Circles, roles and people matching `query` that `user` may see: one query per kind."""
    from cercles.accounts.models import Person
    from cercles.organisation.models import Circle, Role

    if not _words(query):
        return {"circles": [], "roles": [], "people": []}
    circles = filter_by_search(Circle.objects.visible_to(user).active(), query)
    roles = filter_by_search(
        Role.objects.visible_to(user)
        .active()
        .filter(circle__archived_at__isnull=True)
        .select_related("circle"),
        query,
    )
    people = filter_by_search(Person.objects.visible_to(user), query)
    return {
        "circles": list(circles[:limit]),
        "roles": list(roles[:limit]),
        "people": list(people[:limit]),
    }
