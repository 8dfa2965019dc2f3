"""/api/v1/circles/: read by everyone logged in, changed by whoever manages the circle."""

import pytest

from cercles.organisation import services
from cercles.organisation.models import ChangeAction, Circle, GovernanceChange

URL = "/api/v1/circles/"


def detail(circle, suffix=""):
    return f"{URL}{circle.pk}/{suffix}"


# --- Reading -------------------------------------------------------------------------


def test_anonymous_gets_401_everywhere(api, org):
    assert api.get(URL).status_code == 401
    assert api.get(detail(org["rh"])).status_code == 401
    response = api.post(URL, {"name": "Pirate"}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert api.post(detail(org["rh"], "archive/")).status_code == 401
    assert not Circle.objects.filter(name="Pirate").exists()


def test_agent_lists_active_circles_with_read_only_abilities(login, agent, org):
    response = login(agent).get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4
    names = [c["name"] for c in body["results"]]
    assert names == ["Direction générale", "Formation", "Numérique", "Ressources humaines"]
    rh = next(c for c in body["results"] if c["name"] == "Ressources humaines")
    assert rh["parent"] == org["direction"].pk
    assert rh["abilities"] == {
        "view": True,
        "update": False,
        "create_subcircle": False,
        "create_role": False,
        "assign": False,
        "move": False,
        "archive": False,
    }


def test_cached_list_keeps_abilities_per_user_and_follows_changes(
    login, agent, lead_link, admin, org
):
    """Items are cached once for everyone (cercles.api.serializers.CachedListSerializer);
    abilities are computed for each request, and a change makes the items stale."""

    def rh(client):
        return next(c for c in client.get(URL).json()["results"] if c["id"] == org["rh"].pk)

    assert rh(login(agent))["abilities"]["update"] is False
    assert rh(login(admin))["abilities"]["update"] is True
    services.circle_update(circle=org["rh"], by=admin, purpose="Prendre soin des agents.")
    assert rh(login(agent))["purpose"] == "Prendre soin des agents."
    # The cached count follows too.
    count = login(agent).get(URL).json()["count"]
    services.circle_create(by=admin, name="Cercle nouveau", parent=org["rh"])
    assert login(agent).get(URL).json()["count"] == count + 1


def test_retrieve_shows_roles_and_their_holders(login, agent, org, lead_link):
    response = login(agent).get(detail(org["rh"]))
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Ressources humaines"
    roles = {r["core_role"]: r for r in body["roles"]}
    assert set(roles) == {"lead_link", "rep_link", "facilitator", "secretary"}
    holders = roles["lead_link"]["holders"]
    assert [(h["person"], h["person_name"], h["share"]) for h in holders] == [
        (lead_link.pk, "Léa Lien", 50)
    ]
    assert roles["secretary"]["holders"] == []


def test_retrieve_unknown_circle_is_404(login, agent, org):
    assert login(agent).get(f"{URL}999999/").status_code == 404
    assert login(agent).get(f"{URL}abc/").status_code == 404


def test_lead_link_abilities_follow_the_tree(login, lead_link, org):
    results = login(lead_link).get(URL).json()["results"]
    abilities = {c["name"]: c["abilities"] for c in results}
    # RH's charter belongs to whoever manages Direction: he runs RH but does not rewrite it.
    assert abilities["Ressources humaines"]["update"] is False
    assert abilities["Ressources humaines"]["archive"] is False
    assert abilities["Ressources humaines"]["create_subcircle"] is True
    assert abilities["Ressources humaines"]["create_role"] is True
    assert abilities["Ressources humaines"]["assign"] is True
    assert abilities["Formation"]["update"] is True
    assert abilities["Formation"]["archive"] is True
    assert abilities["Numérique"]["update"] is False
    assert abilities["Direction générale"]["update"] is False


def test_filters_parent_kind_archived_and_search(login, agent, admin, org):
    services.circle_update(circle=org["numerique"], by=admin, kind="department")
    services.circle_archive(circle=org["formation"], by=admin)
    client = login(agent)

    def names(**params):
        response = client.get(URL, params)
        assert response.status_code == 200, response.json()
        return [c["name"] for c in response.json()["results"]]

    assert names(parent=org["direction"].pk) == ["Numérique", "Ressources humaines"]
    assert names(kind="department") == ["Numérique"]
    assert names(archived="true") == ["Formation"]
    assert names(archived="false") == ["Direction générale", "Numérique", "Ressources humaines"]
    assert names(q="ressources") == ["Ressources humaines"]
    assert names(q="numerique") == ["Numérique"]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"parent": "abc"}, "parent"),
        ({"parent": "99999999999999999999999"}, "parent"),
        ({"parent": "0"}, "parent"),
        ({"kind": "galaxy"}, "kind"),
        ({"archived": "peut-être"}, "archived"),
    ],
)
def test_bad_filters_are_400(login, agent, org, params, field):
    response = login(agent).get(URL, params)
    assert response.status_code == 400
    assert field in response.json()


# --- Writing -------------------------------------------------------------------------


def test_agent_cannot_write(login, agent, org):
    client = login(agent)
    assert client.post(URL, {"name": "Nouveau"}, format="json").status_code == 403
    sub = {"name": "Nouveau", "parent": org["rh"].pk}
    assert client.post(URL, sub, format="json").status_code == 403
    assert client.patch(detail(org["rh"]), {"name": "X"}, format="json").status_code == 403
    move = {"parent": org["numerique"].pk}
    assert client.post(detail(org["formation"], "move/"), move, format="json").status_code == 403
    assert client.post(detail(org["formation"], "archive/")).status_code == 403
    assert not Circle.objects.filter(name__in=["Nouveau", "X"]).exists()
    org["formation"].refresh_from_db()
    assert org["formation"].parent_id == org["rh"].pk
    assert org["formation"].archived_at is None


def test_lead_link_updates_circles_he_manages(login, lead_link, org):
    client = login(lead_link)
    response = client.patch(
        detail(org["formation"]),
        {"purpose": "Prendre soin des agents.", "colour": "#2a6f97"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["purpose"] == "Prendre soin des agents."
    org["formation"].refresh_from_db()
    assert (org["formation"].purpose, org["formation"].colour) == (
        "Prendre soin des agents.",
        "#2a6f97",
    )
    change = GovernanceChange.objects.filter(action=ChangeAction.CIRCLE_UPDATE).get()
    assert (change.circle_id, change.by_id) == (org["formation"].pk, lead_link.pk)

    response = client.patch(detail(org["formation"]), {"name": "Formation continue"}, format="json")
    assert response.status_code == 200
    assert response.json()["name"] == "Formation continue"

    # His own circle's charter belongs to whoever manages Direction générale.
    response = client.patch(detail(org["rh"]), {"purpose": "Mon mandat."}, format="json")
    assert response.status_code == 403
    org["rh"].refresh_from_db()
    assert org["rh"].purpose == ""
    assert GovernanceChange.objects.filter(action=ChangeAction.CIRCLE_UPDATE).count() == 2

    response = client.patch(detail(org["numerique"]), {"name": "Pris"}, format="json")
    assert response.status_code == 403
    org["numerique"].refresh_from_db()
    assert org["numerique"].name == "Numérique"


def test_lead_link_creates_sub_circles_only_where_he_manages(login, lead_link, org):
    client = login(lead_link)
    response = client.post(URL, {"name": "Paie", "parent": org["rh"].pk}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    created = Circle.objects.get(pk=body["id"])
    assert (created.name, created.parent_id) == ("Paie", org["rh"].pk)
    assert created.roles.count() == 4
    # The answer's abilities see the new circle inside the tree he manages.
    assert body["abilities"]["update"] is True

    other = {"name": "Réseaux", "parent": org["numerique"].pk}
    assert client.post(URL, other, format="json").status_code == 403
    assert client.post(URL, {"name": "Tout en haut"}, format="json").status_code == 403
    assert not Circle.objects.filter(name__in=["Réseaux", "Tout en haut"]).exists()


def test_lead_link_archives_and_moves_below_his_circle(login, lead_link, admin, org):
    client = login(lead_link)
    paie = services.circle_create(by=admin, name="Paie", parent=org["rh"])
    response = client.post(detail(paie, "move/"), {"parent": org["formation"].pk}, format="json")
    assert response.status_code == 200, response.json()
    paie.refresh_from_db()
    assert paie.parent_id == org["formation"].pk

    # Moving out of his tree needs the destination too.
    response = client.post(detail(paie, "move/"), {"parent": org["numerique"].pk}, format="json")
    assert response.status_code == 403
    paie.refresh_from_db()
    assert paie.parent_id == org["formation"].pk

    response = client.post(detail(paie, "archive/"))
    assert response.status_code == 200
    assert response.json()["archived_at"] is not None
    assert response.json()["abilities"]["update"] is False

    # RH belongs to Direction's lead link: neither archived nor moved by him.
    assert client.post(detail(org["rh"], "archive/")).status_code == 403
    move = {"parent": org["numerique"].pk}
    assert client.post(detail(org["rh"], "move/"), move, format="json").status_code == 403


def test_admin_creates_moves_and_archives(login, admin, org):
    client = login(admin)
    response = client.post(
        URL, {"name": "Comité", "kind": "network", "purpose": "Relier."}, format="json"
    )
    assert response.status_code == 201
    comite = Circle.objects.get(pk=response.json()["id"])
    assert (comite.parent_id, comite.kind) == (None, "network")

    response = client.post(detail(comite, "move/"), {"parent": org["rh"].pk}, format="json")
    assert response.status_code == 200
    assert response.json()["parent"] == org["rh"].pk
    response = client.post(detail(comite, "move/"), {"parent": None}, format="json")
    assert response.status_code == 200
    assert response.json()["parent"] is None

    response = client.post(detail(comite, "archive/"))
    assert response.status_code == 200
    comite.refresh_from_db()
    assert comite.is_archived


# --- Bad input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "payload, field",
    [
        ({}, "name"),
        ({"name": "   "}, "name"),
        ({"name": 12, "colour": "bleu"}, "colour"),
        ({"name": "X", "kind": "galaxy"}, "kind"),
        ({"name": "X", "parent": 999999}, "parent"),
        ({"name": "X", "parent": "abc"}, "parent"),
        ({"name": "X", "parent": 10**30}, "parent"),
        ({"name": ["liste"]}, "name"),
        ({"name": "X" * 201}, "name"),
    ],
)
def test_create_bad_input_is_400(login, admin, org, payload, field):
    before = Circle.objects.count()
    response = login(admin).post(URL, payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Circle.objects.count() == before


def test_create_under_archived_parent_is_400_with_message(login, admin, org):
    services.circle_archive(circle=org["formation"], by=admin)
    response = login(admin).post(URL, {"name": "X", "parent": org["formation"].pk}, format="json")
    assert response.status_code == 400
    assert response.json() == {"parent": ["Ce cercle est archivé."]}


def test_body_that_is_not_an_object_is_400(login, admin, org):
    client = login(admin)
    assert client.post(URL, ["Direction"], format="json").status_code == 400
    response = client.post(URL, "{pas du json", content_type="application/json")
    assert response.status_code == 400
    response = client.post(URL, "name=X", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415


def test_move_into_own_sub_circle_is_400(login, admin, org):
    response = login(admin).post(
        detail(org["direction"], "move/"), {"parent": org["formation"].pk}, format="json"
    )
    assert response.status_code == 400
    assert "sous-cercles" in response.json()["parent"][0]
    org["direction"].refresh_from_db()
    assert org["direction"].parent_id is None


def test_move_without_parent_key_is_400(login, admin, org):
    response = login(admin).post(detail(org["formation"], "move/"), {}, format="json")
    assert response.status_code == 400
    assert "parent" in response.json()


def test_archive_with_active_children_is_400(login, admin, org):
    response = login(admin).post(detail(org["rh"], "archive/"))
    assert response.status_code == 400
    assert "sous-cercles" in response.json()["non_field_errors"][0]
    org["rh"].refresh_from_db()
    assert org["rh"].archived_at is None


def test_patch_with_bad_values_is_400_and_changes_nothing(login, admin, org):
    client = login(admin)
    for payload in ({"name": ""}, {"colour": "#12"}, {"kind": 3}, {"name": None}):
        response = client.patch(detail(org["rh"]), payload, format="json")
        assert response.status_code == 400, payload
        assert set(response.json()) == set(payload)
    org["rh"].refresh_from_db()
    assert org["rh"].name == "Ressources humaines"
    assert not GovernanceChange.objects.filter(action=ChangeAction.CIRCLE_UPDATE).exists()


# --- Query counts --------------------------------------------------------------------


def _more_circles(admin, parent, n):
    for i in range(n):
        services.circle_create(by=admin, name=f"Cercle {i}", parent=parent)


@pytest.mark.parametrize("extra", [0, 6])
def test_list_query_count_is_constant(
    login, lead_link, admin, org, django_assert_num_queries, extra
):
    _more_circles(admin, org["rh"], extra)
    client = login(lead_link)
    # Nothing cached: session, user, COUNT, the page (what the abilities need), the
    # circles in full, circles led by the user, the (id, parent) tree.
    with django_assert_num_queries(7):
        response = client.get(URL)
    assert response.json()["count"] == 4 + extra
    # Count and items cached until the organisation changes: no COUNT, no full read.
    with django_assert_num_queries(5):
        assert client.get(URL).json() == response.json()


@pytest.mark.parametrize("extra", [3, 7])
def test_list_search_query_count_is_constant(
    login, agent, admin, org, django_assert_num_queries, extra
):
    _more_circles(admin, org["rh"], extra)
    client = login(agent)
    # session, user, COUNT, page of circles, the circles in full, circles led by the user
    # (none: no tree needed)
    with django_assert_num_queries(6):
        response = client.get(URL, {"q": "cercle"})
    assert response.json()["count"] == extra


@pytest.mark.parametrize("holders", [1, 5])
def test_retrieve_query_count_is_constant(
    login, agent, admin, org, django_assert_num_queries, holders
):
    from tests.factories import PersonFactory

    role = services.role_create(by=admin, circle=org["rh"], name="Gestionnaire")
    for _ in range(holders):
        services.assignment_create(role=role, person=PersonFactory(), by=admin, share=10)
    client = login(agent)
    # session, user, circle, its active roles, their current assignments with people,
    # circles led by the user
    with django_assert_num_queries(6):
        response = client.get(detail(org["rh"]))
    gestion = next(r for r in response.json()["roles"] if r["name"] == "Gestionnaire")
    assert len(gestion["holders"]) == holders
