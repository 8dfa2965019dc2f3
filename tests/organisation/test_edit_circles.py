"""Creating, editing, moving and archiving circles from the pages."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from cercles.organisation import services
from cercles.organisation.models import ChangeAction, Circle, GovernanceChange

LOGIN_URL = reverse("accounts:login")


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def circle_url(view, org, key):
    if view == "circle_create":
        return reverse("organisation:circle_create")
    return reverse(f"organisation:{view}", args=[org[key].pk])


def change_count():
    return GovernanceChange.objects.count()


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# Permissions

ALL_VIEWS = ["circle_create", "subcircle_create", "circle_update", "circle_move", "circle_archive"]


@pytest.mark.parametrize("view", ALL_VIEWS)
def test_anonymous_is_sent_to_login(client, org, view):
    url = circle_url(view, org, "rh")
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{LOGIN_URL}?next={url}"
    response = client.post(url, {"name": "Pirate"})
    assert response.status_code == 302
    assert not Circle.objects.filter(name="Pirate").exists()


@pytest.mark.parametrize("view", ALL_VIEWS)
def test_agent_is_forbidden(client, org, agent, view):
    client.force_login(agent)
    count = change_count()
    assert client.get(circle_url(view, org, "rh")).status_code == 403
    assert client.post(circle_url(view, org, "rh"), {"name": "Pirate"}).status_code == 403
    assert change_count() == count


@pytest.mark.parametrize(
    "view,key,expected",
    [
        ("circle_create", None, 403),
        ("subcircle_create", "rh", 200),
        ("subcircle_create", "formation", 200),
        ("subcircle_create", "numerique", 403),
        ("circle_update", "numerique", 403),
        # A circle's charter, moving or archiving it belong to whoever manages its parent:
        # he runs RH but does not rewrite his own mandate.
        ("circle_update", "rh", 403),
        ("circle_update", "formation", 200),
        ("circle_move", "rh", 403),
        ("circle_move", "formation", 200),
        ("circle_move", "numerique", 403),
        ("circle_archive", "rh", 403),
        ("circle_archive", "formation", 200),
        ("circle_archive", "numerique", 403),
    ],
)
def test_lead_link_manages_his_circle_and_below(client, org, lead_link, view, key, expected):
    client.force_login(lead_link)
    assert client.get(circle_url(view, org, key)).status_code == expected


@pytest.mark.parametrize("view", ALL_VIEWS)
@pytest.mark.parametrize("key", ["direction", "rh", "numerique"])
def test_admin_may_open_every_form(client, org, admin, view, key):
    client.force_login(admin)
    response = client.get(circle_url(view, org, key))
    assert response.status_code == 200
    assert b'<form method="post"' in response.content


def test_archived_circle_cannot_be_edited(client, org, admin):
    services.circle_archive(circle=org["formation"], by=admin)
    client.force_login(admin)
    assert client.get(circle_url("circle_update", org, "formation")).status_code == 403


# Creating


def test_admin_creates_a_top_level_circle(client, admin, org):
    client.force_login(admin)
    response = client.post(
        reverse("organisation:circle_create"),
        {
            "name": " Accueil ",
            "purpose": "Accueillir le public.",
            "domains": "Hall\r\n\r\n  Standard  \r\n",
            "accountabilities": "Orienter les visiteurs",
            "kind": "department",
            "colour": "#2a6f97",
            "note": "Décision du comité de direction",
        },
    )
    circle = Circle.objects.get(name="Accueil")
    assert response.status_code == 302
    assert response.url == circle.get_absolute_url()
    assert circle.parent is None
    assert circle.kind == "department"
    assert circle.colour == "#2a6f97"
    assert circle.domains == "Hall\nStandard"
    assert circle.roles.count() == 4
    change = GovernanceChange.objects.get(circle=circle, action=ChangeAction.CIRCLE_CREATE)
    assert change.by == admin
    assert change.note == "Décision du comité de direction"
    assert messages_of(response) == ["Le cercle « Accueil » a été créé."]


def test_lead_link_creates_a_subcircle(client, org, lead_link):
    client.force_login(lead_link)
    url = reverse("organisation:subcircle_create", args=[org["rh"].pk])
    response = client.post(url, {"name": "Paie", "kind": "circle", "colour": ""})
    circle = Circle.objects.get(name="Paie")
    assert response.status_code == 302
    assert response.url == circle.get_absolute_url()
    assert circle.parent == org["rh"]
    assert circle.colour == ""
    change = GovernanceChange.objects.get(circle=circle, action=ChangeAction.CIRCLE_CREATE)
    assert change.by == lead_link


@pytest.mark.parametrize("view", ["circle_create", "subcircle_create"])
def test_create_with_bad_input_shows_errors_and_keeps_values(client, org, admin, view):
    client.force_login(admin)
    count = change_count()
    circles = Circle.objects.count()
    response = client.post(
        circle_url(view, org, "rh"),
        {
            "name": "  ",
            "purpose": "Garder la trace des talents",
            "domains": "Registre des talents",
            "kind": "project",
            "colour": "bleu",
            "note": "Séminaire de juin",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Indiquez le nom du cercle." in html
    assert "Indiquez une couleur au format #RRGGBB, par exemple #2a6f97." in html
    assert "Garder la trace des talents" in html
    assert "Registre des talents" in html
    assert 'value="bleu"' in html
    assert '<option value="project" selected>' in html
    assert "Séminaire de juin" in html
    # The error is tied to its input for screen readers.
    assert 'aria-describedby="id_name_error"' in html
    assert 'id="id_name_error"' in html
    assert 'aria-describedby="id_colour_helptext id_colour_error"' in html
    assert change_count() == count
    assert Circle.objects.count() == circles


# Updating


def test_lead_link_updates_a_circle(client, org, lead_link):
    client.force_login(lead_link)
    url = reverse("organisation:circle_update", args=[org["formation"].pk])
    response = client.get(url)
    assert 'value="Formation"' in response.content.decode()
    response = client.post(
        url,
        {
            "name": "Formation et compétences",
            "purpose": "Développer les compétences.",
            "domains": "",
            "accountabilities": "Plan de formation\r\nCatalogue",
            "kind": "circle",
            "colour": "",
            "note": "Réunion de gouvernance du 3 mars",
        },
    )
    assert response.status_code == 302
    assert response.url == org["formation"].get_absolute_url()
    circle = Circle.objects.get(pk=org["formation"].pk)
    assert circle.name == "Formation et compétences"
    assert circle.accountabilities == "Plan de formation\nCatalogue"
    change = GovernanceChange.objects.get(circle=circle, action=ChangeAction.CIRCLE_UPDATE)
    assert change.by == lead_link
    assert change.note == "Réunion de gouvernance du 3 mars"
    assert change.before["name"] == "Formation"
    assert change.after["name"] == "Formation et compétences"


def test_update_without_change_records_nothing(client, org, lead_link):
    client.force_login(lead_link)
    count = change_count()
    response = client.post(
        reverse("organisation:circle_update", args=[org["formation"].pk]),
        {"name": "Formation", "kind": "circle"},
    )
    assert response.status_code == 302
    assert change_count() == count
    assert messages_of(response) == ["Aucune modification à enregistrer."]


def test_update_with_empty_name_keeps_values(client, org, lead_link):
    client.force_login(lead_link)
    count = change_count()
    response = client.post(
        reverse("organisation:circle_update", args=[org["formation"].pk]),
        {"name": "", "purpose": "Prendre soin des agents", "kind": "circle"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Indiquez le nom du cercle." in html
    assert "Prendre soin des agents" in html
    assert change_count() == count
    circle = Circle.objects.get(pk=org["formation"].pk)
    assert (circle.name, circle.purpose) == ("Formation", "")


# Moving


def test_move_offers_only_managed_circles_outside_the_subtree(client, org, lead_link, admin):
    paie = services.circle_create(by=admin, name="Paie", parent=org["rh"])
    client.force_login(lead_link)
    response = client.get(reverse("organisation:circle_move", args=[org["formation"].pk]))
    html = response.content.decode()
    assert f'<option value="{org["rh"].pk}" selected>' in html
    assert f'<option value="{paie.pk}">' in html
    for key in ("formation", "numerique", "direction"):
        assert f'<option value="{org[key].pk}"' not in html
    assert '<option value="top"' not in html


def test_admin_sees_top_level_and_not_the_subtree(client, org, admin):
    client.force_login(admin)
    response = client.get(reverse("organisation:circle_move", args=[org["rh"].pk]))
    html = response.content.decode()
    assert '<option value="top">' in html
    assert f'<option value="{org["direction"].pk}" selected>' in html
    assert f'<option value="{org["numerique"].pk}">' in html
    assert f'<option value="{org["rh"].pk}"' not in html
    assert f'<option value="{org["formation"].pk}"' not in html


def test_lead_link_moves_a_circle(client, org, lead_link, admin):
    paie = services.circle_create(by=admin, name="Paie", parent=org["rh"])
    client.force_login(lead_link)
    response = client.post(
        reverse("organisation:circle_move", args=[org["formation"].pk]),
        {"parent": str(paie.pk), "note": "La formation rejoint la paie"},
    )
    assert response.status_code == 302
    assert response.url == org["formation"].get_absolute_url()
    assert Circle.objects.get(pk=org["formation"].pk).parent == paie
    change = GovernanceChange.objects.get(action=ChangeAction.CIRCLE_MOVE)
    assert change.by == lead_link
    assert change.circle == org["formation"]
    assert change.before["parent_id"] == org["rh"].pk
    assert change.after["parent_id"] == paie.pk
    assert change.note == "La formation rejoint la paie"


def test_admin_moves_a_circle_to_the_top_level(client, org, admin):
    client.force_login(admin)
    response = client.post(
        reverse("organisation:circle_move", args=[org["numerique"].pk]), {"parent": "top"}
    )
    assert response.status_code == 302
    assert Circle.objects.get(pk=org["numerique"].pk).parent is None
    assert GovernanceChange.objects.get(action=ChangeAction.CIRCLE_MOVE).by == admin
    assert messages_of(response) == ["Le cercle « Numérique » est maintenant au premier niveau."]


def test_move_into_own_subcircle_is_refused(client, org, admin):
    client.force_login(admin)
    count = change_count()
    response = client.post(
        reverse("organisation:circle_move", args=[org["rh"].pk]),
        {"parent": str(org["formation"].pk), "note": "Essai de boucle"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "Un cercle ne peut pas être placé dans lui-même ou dans l&#x27;un de ses sous-cercles."
        in html
    )
    assert "Essai de boucle" in html
    assert change_count() == count
    assert Circle.objects.get(pk=org["rh"].pk).parent == org["direction"]


@pytest.mark.parametrize(
    "target,message",
    [
        ("numerique", "Vous ne gérez pas ce cercle : vous ne pouvez pas y placer un cercle."),
        ("top", "Seul un administrateur peut placer un cercle au premier niveau."),
    ],
)
def test_lead_link_cannot_move_outside_what_he_manages(client, org, lead_link, target, message):
    client.force_login(lead_link)
    count = change_count()
    parent = "top" if target == "top" else str(org[target].pk)
    response = client.post(
        reverse("organisation:circle_move", args=[org["formation"].pk]),
        {"parent": parent, "note": "Tentative"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert change_count() == count
    assert Circle.objects.get(pk=org["formation"].pk).parent == org["rh"]


# Archiving


def test_archive_page_explains_the_consequences(client, org, lead_link, admin):
    client.force_login(lead_link)
    url = reverse("organisation:circle_archive", args=[org["formation"].pk])
    html = client.get(url).content.decode()
    assert "Ses 4 rôles actifs seront archivés." in html
    assert "Aucune affectation en cours n’est concernée." in html
    role = services.role_create(by=admin, circle=org["formation"], name="Formateur")
    for person in (lead_link, admin):
        services.assignment_create(role=role, person=person, by=admin, share=10)
    html = client.get(url).content.decode()
    assert "Ses 5 rôles actifs seront archivés." in html
    assert "2 affectations en cours prendront fin aujourd’hui." in html


def test_lead_link_archives_a_circle(client, org, lead_link):
    client.force_login(lead_link)
    response = client.post(
        reverse("organisation:circle_archive", args=[org["formation"].pk]),
        {"note": "Fusion avec RH"},
    )
    assert response.status_code == 302
    assert response.url == org["rh"].get_absolute_url()
    circle = Circle.objects.get(pk=org["formation"].pk)
    assert circle.is_archived
    assert not circle.roles.active().exists()
    change = GovernanceChange.objects.get(action=ChangeAction.CIRCLE_ARCHIVE)
    assert change.by == lead_link
    assert change.note == "Fusion avec RH"
    assert GovernanceChange.objects.filter(action=ChangeAction.ROLE_ARCHIVE, by=lead_link).count()


def test_archive_with_active_subcircles_is_refused(client, org, admin):
    client.force_login(admin)
    get = client.get(reverse("organisation:circle_archive", args=[org["rh"].pk]))
    assert "déplacez-les ou archivez-les d’abord." in get.content.decode()
    assert f'<a href="{org["formation"].get_absolute_url()}">Formation</a>' in get.content.decode()
    count = change_count()
    response = client.post(
        reverse("organisation:circle_archive", args=[org["rh"].pk]), {"note": "Réorganisation"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert (
        "Ce cercle a encore des sous-cercles actifs : déplacez-les ou archivez-les d&#x27;abord."
        in html
    )
    assert "Réorganisation" in html
    assert change_count() == count
    assert not Circle.objects.get(pk=org["rh"].pk).is_archived


# Query counts


def add_circles(admin, parent, n):
    for i in range(n):
        services.circle_create(by=admin, name=f"Cercle ajouté {i}", parent=parent)


@pytest.mark.parametrize("extra", [0, 6])
def test_circle_form_query_count(client, org, lead_link, admin, django_assert_num_queries, extra):
    add_circles(admin, org["formation"], 3 + extra)
    client.force_login(lead_link)
    # Formation: its parent RH is his, so the charter is his to edit.
    url = reverse("organisation:circle_update", args=[org["formation"].pk])
    # 1 session, 2 user, 3 circle with its parent, 4 circles led by the user,
    # 5 the (id, parent_id) map of the tree.
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("extra", [0, 6])
def test_circle_move_form_query_count(
    client, org, lead_link, admin, django_assert_num_queries, extra
):
    add_circles(admin, org["rh"], 3 + extra)
    client.force_login(lead_link)
    url = reverse("organisation:circle_move", args=[org["formation"].pk])
    # 1 session, 2 user, 3 circle with its parent, 4 circles led by the user,
    # 5 the (id, parent_id) map of the tree, 6 active circles (id, parent, name).
    with django_assert_num_queries(6):
        response = client.get(url)
    assert response.content.decode().count("Cercle ajouté") == 3 + extra
