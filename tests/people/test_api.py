"""The people API: the catalogue (read) and my own path entries (read, write)."""

import pytest

from cercles.people import services
from cercles.people.models import PathEntry

CATALOGUE = "/api/v1/development/catalogue/"
ENTRIES = "/api/v1/development/path-entries/"


def test_catalogue_lists_live_items_in_order(login, agent, make_item, hr):
    first = make_item(name="Je me propose", kind="entry")
    second = make_item()
    archived = make_item(name="Ancien", format="mentoring")
    services.item_archive(item=archived, by=hr)
    data = login(agent).get(CATALOGUE).json()
    assert [r["slug"] for r in data["results"]] == [first.slug, second.slug]
    row = data["results"][1]
    assert (row["kind"], row["format"], row["kind_label"]) == (
        "format",
        "coaching",
        "Format d'accompagnement",
    )
    assert row["abilities"]["update"] is False and row["abilities"]["suggest"] is True
    client = login(agent)
    assert client.get(f"{CATALOGUE}{archived.pk}/").status_code == 404
    assert client.get(CATALOGUE, {"archived": "true"}).json()["results"] == []
    hr_view = login(hr).get(CATALOGUE, {"archived": "true"}).json()["results"]
    assert [r["slug"] for r in hr_view] == [archived.slug]
    assert login(agent).get(CATALOGUE, {"kind": "entry"}).json()["count"] == 1
    assert login(agent).get(CATALOGUE, {"kind": "chapter"}).status_code == 400


def test_anonymous_gets_401(client, db):
    assert client.get(CATALOGUE).status_code == 401
    assert client.get(ENTRIES).status_code == 401


def test_my_entries_only(login, member, agent):
    mine = services.entry_create(person=member, title="À moi", private=False)
    services.entry_create(person=agent, title="À Alice")
    data = login(member).get(ENTRIES).json()
    assert [r["title"] for r in data["results"]] == ["À moi"]
    assert login(agent).get(f"{ENTRIES}{mine.pk}/").status_code == 404
    assert (
        login(agent)
        .patch(f"{ENTRIES}{mine.pk}/", {"title": "Volé"}, content_type="application/json")
        .status_code
        == 404
    )
    assert login(agent).delete(f"{ENTRIES}{mine.pk}/").status_code == 404
    mine.refresh_from_db()
    assert mine.title == "À moi"


def test_create_update_delete_an_entry(login, member):
    client = login(member)
    response = client.post(
        ENTRIES,
        {"title": "Animer un atelier", "kind": "note", "date": "2026-02-01", "private": False},
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["title"], body["kind"], body["date"], body["private"]) == (
        "Animer un atelier",
        "note",
        "2026-02-01",
        False,
    )
    entry = PathEntry.objects.get()
    assert entry.person == member
    response = client.patch(
        f"{ENTRIES}{entry.pk}/", {"private": True}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["private"] is True
    assert response.json()["title"] == "Animer un atelier"
    assert client.delete(f"{ENTRIES}{entry.pk}/").status_code == 204
    assert not PathEntry.objects.exists()


@pytest.mark.parametrize(
    "data, field",
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "X", "kind": "choice"}, "kind"),
        ({"title": "X", "date": "demain"}, "date"),
    ],
)
def test_bad_entries_are_400_and_write_nothing(login, member, data, field):
    response = login(member).post(ENTRIES, data, content_type="application/json")
    assert response.status_code == 400 and field in response.json()
    assert not PathEntry.objects.exists()


@pytest.mark.parametrize("count", [3, 9])
def test_catalogue_query_count(login, agent, make_item, count, django_assert_num_queries):
    for i in range(count):
        make_item(name=f"Format {i}", format="coaching")
    client = login(agent)
    # Queries: session, user; the user's people functions (HR?); the count; the items.
    with django_assert_num_queries(5):
        response = client.get(CATALOGUE)
    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [3, 9])
def test_entries_query_count(login, member, count, django_assert_num_queries):
    for i in range(count):
        services.entry_create(person=member, title=f"Étape {i}")
    client = login(member)
    # Queries: session, user; the count; the entries.
    with django_assert_num_queries(4):
        response = client.get(ENTRIES)
    assert len(response.json()["results"]) == count
