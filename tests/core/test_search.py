"""Search across circles, roles and people: the same behaviour on SQLite and PostgreSQL."""

import pytest
from django.db import connection

from cercles.accounts import services as account_services
from cercles.accounts.models import Person
from cercles.core.search import filter_by_search, search_all
from cercles.organisation import services
from cercles.organisation.models import Circle
from tests.factories import PersonFactory


def names(items):
    return [str(item) for item in items]


@pytest.fixture
def corpus(admin):
    direction = services.circle_create(
        by=admin, name="Direction générale", purpose="Piloter l'agglomération."
    )
    formation = services.circle_create(
        by=admin,
        name="Formation & compétences",
        parent=direction,
        purpose="Construire le plan de formation et le catalogue de formation des agents.",
    )
    recherche = services.circle_create(
        by=admin,
        name="Recherche et prospective",
        parent=direction,
        purpose="Éclairer les choix des élus par des études et une veille régulière.",
    )
    communication = services.circle_create(
        by=admin,
        name="Communication",
        parent=direction,
        purpose=(
            "Informer les habitants et les agents de l'agglomération, animer le site, "
            "les réseaux sociaux et le journal interne, accompagner chaque projet "
            "par une stratégie éditoriale et, parfois, une formation à la prise de parole."
        ),
    )
    role = services.role_create(
        by=admin,
        circle=formation,
        name="Référent formations internes",
        purpose="Recenser les formateurs internes.",
    )
    elodie = PersonFactory(
        first_name="Élodie", last_name="Dupré", job_title="Chargée d'accueil téléphonique"
    )
    return {
        "direction": direction,
        "formation": formation,
        "recherche": recherche,
        "communication": communication,
        "role": role,
        "elodie": elodie,
    }


def test_accents_are_ignored_both_ways(corpus, agent):
    for query in ("elodie", "ÉLODIE", "Elodie dupre", "Dupré"):
        assert names(search_all(query, user=agent)["people"]) == ["Élodie Dupré"], query


def test_word_start_matches(corpus, agent):
    result = search_all("rech", user=agent)
    assert names(result["circles"]) == ["Recherche et prospective"]
    assert names(search_all("télépho", user=agent)["people"]) == ["Élodie Dupré"]


def test_plural_finds_singular_and_back(corpus, agent):
    result = search_all("formations", user=agent)
    assert names(result["circles"]) == ["Formation & compétences", "Communication"]
    assert names(result["roles"]) == ["Référent formations internes"]
    assert names(search_all("formation", user=agent)["roles"]) == ["Référent formations internes"]


def test_every_word_must_match(corpus, agent):
    result = search_all("formation competences", user=agent)
    assert names(result["circles"]) == ["Formation & compétences"]
    assert result["roles"] == []
    assert search_all("formation elodie", user=agent) == {
        "circles": [],
        "roles": [],
        "people": [],
    }


def test_best_match_first(corpus, agent):
    # "Formation & compétences" names it in its title and twice in a short purpose;
    # "Communication" mentions it once in a long purpose.
    result = search_all("formation", user=agent)
    assert names(result["circles"]) == ["Formation & compétences", "Communication"]


def test_no_match_and_empty_query(corpus, agent):
    empty = {"circles": [], "roles": [], "people": []}
    assert search_all("zzzyx", user=agent) == empty
    assert search_all("", user=agent) == empty
    assert search_all("  ,;  ", user=agent) == empty


def test_anonymous_sees_nothing(corpus):
    from django.contrib.auth.models import AnonymousUser

    assert search_all("formation", user=AnonymousUser()) == {
        "circles": [],
        "roles": [],
        "people": [],
    }


def test_archived_circles_and_their_roles_are_excluded(corpus, agent, admin):
    services.circle_archive(circle=corpus["formation"], by=admin)
    result = search_all("formation", user=agent)
    assert names(result["circles"]) == ["Communication"]
    assert result["roles"] == []


def test_inactive_people_are_excluded(corpus, agent):
    account_services.person_update(person=corpus["elodie"], is_active=False)
    assert search_all("elodie", user=agent)["people"] == []


def test_renamed_circle_is_found_by_its_new_name_only(corpus, agent, admin):
    services.circle_update(circle=corpus["recherche"], by=admin, name="Observatoire territorial")
    assert names(search_all("observatoire", user=agent)["circles"]) == ["Observatoire territorial"]
    assert search_all("prospective", user=agent)["circles"] == []


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE organisation_circle; --",
        '"',
        'formation"',
        "*",
        "form*",
        "(",
        "formation)",
        "a OR b",
        "NEAR(a b)",
        "-formation",
        "formation:*",
        "& | ! <->",
        "\\",
        "%_%",
        "col:formation",
        "^formation",
    ],
)
def test_hostile_input_gives_no_error(corpus, agent, query):
    result = search_all(query, user=agent)
    assert set(result) == {"circles", "roles", "people"}
    assert Circle.objects.count() == 4


def test_hostile_input_still_matches_its_words(corpus, agent):
    assert names(search_all('"formation*) (', user=agent)["circles"]) == [
        "Formation & compétences",
        "Communication",
    ]


def test_one_query_per_kind(corpus, agent, admin, django_assert_num_queries):
    # circles, roles (with their circle joined), people; more rows do not add queries.
    with django_assert_num_queries(3):
        search_all("formation", user=agent)
    for i in range(3):
        services.circle_create(by=admin, name=f"Formation continue {i}", parent=corpus["direction"])
        PersonFactory(first_name="Formation", last_name=f"Test{i}")
    with django_assert_num_queries(3):
        result = search_all("formation", user=agent)
    assert len(result["circles"]) == 5
    assert [r.circle.name for r in result["roles"]] == ["Formation & compétences"]


def test_limit(corpus, agent, admin):
    for i in range(5):
        services.circle_create(by=admin, name=f"Formation {i}", parent=corpus["direction"])
    assert len(search_all("formation", user=agent, limit=3)["circles"]) == 3


def test_filter_by_search_on_a_people_queryset(corpus, agent):
    qs = Person.objects.visible_to(agent)
    assert filter_by_search(qs, "") is qs
    assert names(filter_by_search(qs, "accueil elo")) == ["Élodie Dupré"]
    unordered = filter_by_search(qs, "dupre", order=False)
    assert names(unordered) == ["Élodie Dupré"]


def test_search_index_exists_for_this_database(db):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE '%_fts' ORDER BY name")
            assert [row[0] for row in cursor.fetchall()] == [
                "accounts_person_fts",
                "organisation_circle_fts",
                "organisation_role_fts",
            ]
        else:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE indexname LIKE '%_search_gin' "
                "ORDER BY indexname"
            )
            # Ideas have a GIN index on PostgreSQL; on SQLite they are still searched
            # with LIKE (no FTS5 table yet).
            assert [row[0] for row in cursor.fetchall()] == [
                "accounts_person_search_gin",
                "ideas_idea_search_gin",
                "organisation_circle_search_gin",
                "organisation_role_search_gin",
            ]


def test_sqlite_index_survives_a_table_rebuild(corpus, agent, admin):
    from cercles.core.search import ensure_sqlite_fts

    if connection.vendor != "sqlite":
        # PostgreSQL indexes are expressions on the table: nothing to repair.
        assert ensure_sqlite_fts(connection) == []
        return
    # What Django's SQLite schema editor does to a table it alters: the triggers go.
    with connection.cursor() as cursor:
        for suffix in ("ai", "ad", "au"):
            cursor.execute(f'DROP TRIGGER "organisation_circle_fts_{suffix}"')
    services.circle_create(by=admin, name="Observatoire fiscal", parent=corpus["direction"])
    assert search_all("observatoire", user=agent)["circles"] == []
    assert ensure_sqlite_fts(connection) == ["organisation_circle"]
    assert names(search_all("observatoire", user=agent)["circles"]) == ["Observatoire fiscal"]
    assert ensure_sqlite_fts(connection) == []
