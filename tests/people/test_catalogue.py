"""The talent path catalogue: read by everyone logged in, edited by HR."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cercles.people import services
from cercles.people.models import PathItem

CATALOGUE = reverse("people:catalogue")


def detail(item, name="item_detail"):
    return reverse(f"people:{name}", args=[item.slug])


def test_everyone_reads_the_catalogue_and_an_item(login, agent, make_item):
    entry = make_item(name="Je me propose", kind="entry", audience="- Tout agent")
    coaching = make_item(getting_started="1. **Faites une demande**")
    client = login(agent)
    page = client.get(CATALOGUE).content.decode()
    assert (
        page.index('id="section-entry"') < page.index("Je me propose") < page.index("Le coaching")
    )
    assert "Ajouter un élément" not in page and "Monter" not in page
    page = client.get(detail(coaching)).content.decode()
    assert "<strong>Faites une demande</strong>" in page
    assert "Comment démarrer" in page and "Modifier" not in page
    assert "Pour qui, quand" in client.get(detail(entry)).content.decode()


def test_catalogue_filter_by_kind_with_htmx_partial(login, agent, make_item):
    make_item(name="Je me propose", kind="entry")
    make_item()
    client = login(agent)
    response = client.get(CATALOGUE, {"kind": "format"}, HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert "<h1>" not in text and "Le coaching" in text and "Je me propose" not in text


def test_hr_creates_an_item_from_the_form(login, hr):
    client = login(hr)
    assert client.get(reverse("people:item_create")).status_code == 200
    response = client.post(
        reverse("people:item_create"),
        {
            "kind": "format",
            "format": "immersion",
            "name": "Vis ma vie",
            "summary": "Deux jours dans un autre service.",
            "getting_started": "Contactez le service.",
        },
    )
    item = PathItem.objects.get()
    assert response["Location"] == item.get_absolute_url() == "/development/catalogue/vis-ma-vie/"
    assert (item.kind, item.format, item.created_by, item.position) == (
        "format",
        "immersion",
        hr,
        1,
    )


@pytest.mark.parametrize(
    "data, message",
    [
        (
            {"kind": "format", "format": "", "name": "Vis ma vie", "summary": "S."},
            "Pour un format d&#x27;accompagnement, choisissez le module qui le propose.",
        ),
        (
            {"kind": "entry", "format": "", "name": "", "summary": "S."},
            "Donnez un nom à l&#x27;élément.",
        ),
        (
            {"kind": "entry", "format": "", "name": "Vis ma vie", "summary": ""},
            "Dites en une phrase de quoi il s&#x27;agit.",
        ),
        (
            {"kind": "chapter", "format": "", "name": "Vis ma vie", "summary": "S."},
            "Choisissez un type de la liste.",
        ),
    ],
)
def test_item_form_bad_input(login, hr, data, message):
    response = login(hr).post(reverse("people:item_create"), data)
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    if data["name"]:
        assert 'value="Vis ma vie"' in page
    assert not PathItem.objects.exists()


def test_hr_edits_archives_and_unarchives(login, hr, make_item, agent):
    item = make_item()
    client = login(hr)
    response = client.post(
        detail(item, "item_update"),
        {"kind": "format", "format": "coaching", "name": "Coaching", "summary": "Nouveau."},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.name, item.summary, item.slug) == (
        "Coaching",
        "Nouveau.",
        "le-coaching-entre-collegues",
    )
    client.post(detail(item, "item_archive"))
    item.refresh_from_db()
    assert item.is_archived
    # Archived: out of the catalogue, a 404 for others, still readable by HR.
    assert "Coaching" not in login(agent).get(CATALOGUE).content.decode()
    assert login(agent).get(detail(item)).status_code == 404
    client = login(hr)
    assert "Coaching" in client.get(CATALOGUE, {"archived": "1"}).content.decode()
    assert client.get(detail(item, "item_update")).status_code == 403
    client.post(detail(item, "item_unarchive"))
    item.refresh_from_db()
    assert not item.is_archived


def test_hr_reorders_within_a_kind(login, hr, make_item):
    first = make_item(name="Coaching", format="coaching")
    second = make_item(name="Mentorat", format="mentoring")
    third = make_item(name="Tutorat", format="tutoring")
    entry = make_item(name="Je me propose", kind="entry")
    client = login(hr)
    client.post(detail(third, "item_move"), {"direction": "up"})
    order = list(
        PathItem.objects.active().filter(kind="format").in_order().values_list("name", flat=True)
    )
    assert order == ["Coaching", "Tutorat", "Mentorat"]
    client.post(detail(first, "item_move"), {"direction": "up"})  # already first: no change
    client.post(detail(first, "item_move"), {"direction": "down"})
    order = list(
        PathItem.objects.active().filter(kind="format").in_order().values_list("name", flat=True)
    )
    assert order == ["Tutorat", "Coaching", "Mentorat"]
    entry.refresh_from_db()
    assert entry.position == 1  # other kinds untouched
    response = client.post(detail(second, "item_move"), {"direction": "sideways"})
    assert response.status_code == 302
    assert "vers le haut ou vers le bas" in client.get(CATALOGUE).content.decode()


@pytest.mark.parametrize("persona", ["agent", "member", "lead_link"])
def test_only_hr_changes_the_catalogue(login, make_item, persona, request):
    item = make_item()
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse("people:item_create")).status_code == 403
    assert (
        client.post(
            reverse("people:item_create"), {"kind": "entry", "name": "X", "summary": "Y"}
        ).status_code
        == 403
    )
    assert client.get(detail(item, "item_update")).status_code == 403
    for name in ("item_archive", "item_move"):
        assert client.post(detail(item, name), {"direction": "up"}).status_code == 403
    assert PathItem.objects.count() == 1 and not PathItem.objects.get().is_archived


def test_services_refuse_non_hr_and_keep_invariants(agent, hr, make_item):
    with pytest.raises(PermissionDenied):
        services.item_create(by=agent, kind="entry", name="X", summary="Y")
    with pytest.raises(ValidationError) as exc:
        services.item_create(by=hr, kind="format", name="X", summary="Y", format="")
    assert "format" in exc.value.message_dict
    # An entry point never keeps a format; the slug stays unique and avoids "new".
    a = services.item_create(by=hr, kind="entry", name="New", summary="Y", format="coaching")
    b = services.item_create(by=hr, kind="entry", name="New", summary="Y")
    assert (a.format, a.slug, b.slug) == ("", "new-1", "new-1-2")


def test_unknown_item_is_a_404(login, agent):
    assert login(agent).get(reverse("people:item_detail", args=["absent"])).status_code == 404


@pytest.mark.parametrize("count", [3, 9])
def test_catalogue_query_count(login, agent, make_item, count, django_assert_num_queries):
    for i in range(count):
        make_item(name=f"Format {i}", format="coaching")
    client = login(agent)
    # Queries: session, user; the user's people functions (HR?); the items.
    with django_assert_num_queries(4):
        response = client.get(CATALOGUE)
    assert response.content.decode().count('class="card"') == count


@pytest.mark.parametrize("count", [3, 9])
def test_item_detail_query_count(login, agent, make_item, count, django_assert_num_queries):
    items = [make_item(name=f"Format {i}", format="coaching") for i in range(count)]
    client = login(agent)
    # Queries: session, user; the item; the user's people functions (HR?).
    with django_assert_num_queries(4):
        response = client.get(detail(items[-1]))
    assert response.status_code == 200
