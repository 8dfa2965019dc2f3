"""Database ids from user input (query parameters, form choices).

Ids are 64-bit signed on SQLite and PostgreSQL: a bigger number does not find nothing,
it crashes the lookup (OverflowError on SQLite, DataError on PostgreSQL). Anything a
user typed goes through `storable_id` before it reaches a query.
"""

MAX_ID = 2**63 - 1


def storable_id(value) -> int | None:
    """The value as an id in 1..MAX_ID, or None (not a number, zero, negative, too big)."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None
