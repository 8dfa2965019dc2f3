"""storable_id: what a user typed, as an id the database can look up, or None."""

import pytest

from cercles.lib.ids import MAX_ID, storable_id


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("42", 42),
        (" 7 ", 7),
        (3, 3),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),  # would crash SQLite (OverflowError) and PostgreSQL
        ("99999999999999999999", None),
        ("0", None),
        ("-3", None),
        ("1.5", None),
        ("abc", None),
        ("", None),
        (None, None),
    ],
)
def test_storable_id(value, expected):
    assert storable_id(value) == expected
