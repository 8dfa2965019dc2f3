"""Review: an anonymous consultation's rows keep no order of insertion (PRODUCT, promise 3).

Participants, votes and statements have random ids so that the order in which people
took part tells nothing. On SQLite a primary key declared `bigint` is not the rowid:
the table then keeps a hidden rowid counting the insertions, and `SELECT rowid` gives
back the order in which each participant joined and voted (e.g. "the third person to
vote in the meeting"). The random id must be the rowid itself, as for the polls'
ballots (`cercles.polls.models.RandomIdField`).
"""

import pytest
from django.db import connection

from cercles.opinions import services

from .conftest import people

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's hidden rowid")
def test_anonymous_rows_keep_no_insertion_order(anonymous_consultation, org, admin):
    from cercles.organisation import services as org_services

    c = anonymous_consultation
    role = org_services.role_create(by=admin, circle=org["rh"], name="Votants")
    voters = people(4)
    for person in voters:
        org_services.assignment_create(role=role, person=person, by=admin, share=10)
    statements = list(c.statements.published())[:3]
    for person in voters:
        participant = None
        for statement in statements:
            _vote, participant, _key = services.vote_as(
                consultation=c, by=person, participant=participant, statement=statement, value=1
            )
        services.statement_propose(
            consultation=c, by=person, participant=participant, text=f"Avis de {person.pk}"
        )
    with connection.cursor() as cursor:
        for table in ("opinions_participant", "opinions_vote", "opinions_statement"):
            cursor.execute(f"SELECT rowid, id FROM {table} ORDER BY rowid")  # noqa: S608
            rows = cursor.fetchall()
            assert len(rows) >= 4
            # The random id is the rowid: no other, sequential, key in the table.
            assert all(rowid == pk for rowid, pk in rows), table
