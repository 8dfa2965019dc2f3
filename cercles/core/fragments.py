"""HTML fragments cached until the data they show changes.

The long lists (the governance history, the people directory) spend most of their
time rendering rows that are the same for every reader. Each row is rendered once
per *generation* of the data it shows and kept in the cache; a page reads its rows
in one `get_many` and renders only the ones it does not find.

A generation is a random token kept in the cache under its name. The services that
change the data call `bump(name)`, which drops the token: the next reader draws a new
one, so every fragment cached under the old one is never read again (and expires).
Nothing has to list or delete the stale fragments, and a cache that loses the token
(eviction, restart) only costs a re-render. Shared by every app server through the
cache (Redis in production).
"""

import hashlib
import uuid
from collections.abc import Callable, Hashable, Iterable

from django.core.cache import cache
from django.db import transaction
from django.utils.safestring import SafeString, mark_safe

FRAGMENT_SECONDS = 24 * 3600
ORGANISATION = "organisation"
# What the ideas pages show of campaigns and ideas (titles, states, answers), bumped by
# the ideas services. Supports and follows do not bump it: they change often, so the
# support counts are never part of a cached fragment.
IDEAS = "ideas"


def _key(name: str) -> str:
    return f"generation:{name}"


def generation(name: str) -> str:
    """The current token of `name`, drawn on first use."""
    key = _key(name)
    token = cache.get(key)
    if token is None:
        # `add` keeps the first token when two servers draw one at the same time.
        cache.add(key, uuid.uuid4().hex, None)
        token = cache.get(key) or "uncached"
    return token


def bump(name: str) -> None:
    """Make every fragment of `name` stale: now, and again when the transaction commits,
    since a page rendered meanwhile from the data before the commit may have cached
    its rows under the new token."""
    key = _key(name)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def cached_values(keys: dict[Hashable, str], compute: Callable[[list], dict]) -> dict:
    """The value of each item of `keys` (item -> cache key), computing the missing ones
    with `compute(missing_items) -> {item: value}` in one call. One `get_many`."""
    found = cache.get_many(keys.values())
    values = {item: found[key] for item, key in keys.items() if key in found}
    missing = [item for item in keys if item not in values]
    if missing:
        fresh = compute(missing)
        cache.set_many({keys[item]: fresh[item] for item in missing}, FRAGMENT_SECONDS)
        values.update(fresh)
    return values


def cached_fragments(
    keys: dict[Hashable, str], render: Callable[[list], dict[Hashable, str]]
) -> dict[Hashable, SafeString]:
    """`cached_values` for HTML rendered by `render(missing_items) -> {item: html}`."""
    fragments = cached_values(
        keys, lambda missing: {item: str(html) for item, html in render(missing).items()}
    )
    # Only HTML rendered by our templates is ever stored under these keys.
    return {item: mark_safe(html) for item, html in fragments.items()}


def cached_value(key: str, compute: Callable[[], object]):
    """One value: from the cache, or computed by `compute()` and cached."""
    return cached_values({None: key}, lambda _missing: {None: compute()})[None]


def cached_count(queryset, name: str) -> int:
    """`queryset.count()`, cached under the generation `name` of the rows it counts
    (keyed by the query's SQL and parameters)."""
    sql, params = queryset.query.sql_with_params()
    digest = hashlib.sha256(f"{sql}|{params!r}".encode()).hexdigest()[:32]
    return cached_value(f"count:{generation(name)}:{digest}", queryset.count)


def cached_fragment(key: str, render: Callable[[], str]) -> SafeString:
    """One fragment: from the cache, or rendered by `render()` and cached."""
    return cached_fragments({None: key}, lambda _missing: {None: render()})[None]


def render_each(template, name: str, objects: Iterable, **context) -> dict[Hashable, str]:
    """Render `template` (a loaded template or partial) once per object, by primary key."""
    return {obj.pk: template.render({name: obj, **context}) for obj in objects}
