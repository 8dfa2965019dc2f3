"""Creating, editing and archiving roles from the pages."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from cercles.organisation import services
from cercles.organisation.models import Assignment, ChangeAction, GovernanceChange, Role
from tests.conftest import core_role
from tests.factories import PersonFactory

LOGIN_URL = reverse("accounts:login")


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def roles(org, admin):
    """A plain role in each circle."""
    return {
        key: services.role_create(by=admin, circle=org[key], name=f"Chargé de mission {key}")
        for key in ("direction", "rh", "formation", "numerique")
    }


def role_url(view, org, roles, key):
    if view == "role_create":
        return reverse("organisation:role_create", args=[org[key].pk])
    return reverse(f"organisation:{view}", args=[roles[key].pk])


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


ALL_VIEWS = ["role_create", "role_update", "role_archive"]


# Permissions


@pytest.mark.parametrize("view", ALL_VIEWS)
def test_anonymous_is_sent_to_login(client, org, roles, view):
    url = role_url(view, org, roles, "rh")
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{LOGIN_URL}?next={url}"


@pytest.mark.parametrize("view", ALL_VIEWS)
def test_agent_is_forbidden(client, org, roles, agent, view):
    client.force_login(agent)
    count = GovernanceChange.objects.count()
    assert client.get(role_url(view, org, roles, "rh")).status_code == 403
    assert client.post(role_url(view, org, roles, "rh"), {"name": "Pirate"}).status_code == 403
    assert GovernanceChange.objects.count() == count


@pytest.mark.parametrize("view", ALL_VIEWS)
@pytest.mark.parametrize(
    "key,expected", [("rh", 200), ("formation", 200), ("numerique", 403), ("direction", 403)]
)
def test_lead_link_manages_roles_of_his_circles(client, org, roles, lead_link, view, key, expected):
    client.force_login(lead_link)
    assert client.get(role_url(view, org, roles, key)).status_code == expected


@pytest.mark.parametrize("view", ALL_VIEWS)
def test_admin_may_open_every_form(client, org, roles, admin, view):
    client.force_login(admin)
    response = client.get(role_url(view, org, roles, "numerique"))
    assert response.status_code == 200
    assert b'<form method="post"' in response.content


# Creating and updating


def test_lead_link_creates_a_role(client, org, lead_link):
    client.force_login(lead_link)
    response = client.post(
        reverse("organisation:role_create", args=[org["formation"].pk]),
        {
            "name": "Référent handicap",
            "purpose": "Faciliter l'accueil des agents en situation de handicap.",
            "domains": "Aménagements de poste",
            "accountabilities": "Conseiller les managers\r\nSuivre les demandes",
            "note": "Proposition adoptée en réunion",
        },
    )
    role = Role.objects.get(name="Référent handicap")
    assert response.status_code == 302
    assert response.url == role.get_absolute_url()
    assert role.circle == org["formation"]
    assert role.accountabilities == "Conseiller les managers\nSuivre les demandes"
    change = GovernanceChange.objects.get(role=role, action=ChangeAction.ROLE_CREATE)
    assert change.by == lead_link
    assert change.circle == org["formation"]
    assert change.note == "Proposition adoptée en réunion"
    assert messages_of(response) == ["Le rôle « Référent handicap » a été créé."]


@pytest.mark.parametrize("view", ["role_create", "role_update"])
def test_empty_name_is_refused_and_values_kept(client, org, roles, lead_link, view):
    client.force_login(lead_link)
    count = GovernanceChange.objects.count()
    role_count = Role.objects.count()
    response = client.post(
        role_url(view, org, roles, "rh"),
        {"name": "", "purpose": "Recruter les bons profils", "domains": "Jurys", "note": "Essai"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Indiquez le nom du rôle." in html
    assert "Recruter les bons profils" in html
    assert "Jurys" in html
    assert 'aria-invalid="true"' in html
    assert GovernanceChange.objects.count() == count
    assert Role.objects.count() == role_count
    assert Role.objects.get(pk=roles["rh"].pk).name == "Chargé de mission rh"


def test_lead_link_updates_a_role(client, org, roles, lead_link):
    client.force_login(lead_link)
    url = reverse("organisation:role_update", args=[roles["rh"].pk])
    assert 'value="Chargé de mission rh"' in client.get(url).content.decode()
    response = client.post(
        url, {"name": "Chargé de recrutement", "purpose": "Recruter.", "note": "Clarification"}
    )
    assert response.status_code == 302
    assert response.url == roles["rh"].get_absolute_url()
    role = Role.objects.get(pk=roles["rh"].pk)
    assert role.name == "Chargé de recrutement"
    change = GovernanceChange.objects.get(role=role, action=ChangeAction.ROLE_UPDATE)
    assert change.by == lead_link
    assert change.before["name"] == "Chargé de mission rh"
    assert change.after["purpose"] == "Recruter."
    assert change.note == "Clarification"


# Archiving


def test_lead_link_archives_a_role_and_its_assignments_end(client, org, roles, lead_link, admin):
    holder = PersonFactory(first_name="Hugo", last_name="Titulaire", password=None)
    assignment = services.assignment_create(role=roles["rh"], person=holder, by=admin, share=20)
    client.force_login(lead_link)
    url = reverse("organisation:role_archive", args=[roles["rh"].pk])
    page = client.get(url).content.decode()
    assert "Ces affectations prendront fin aujourd’hui :" in page
    assert "Hugo Titulaire (20 %)" in page
    response = client.post(url, {"note": "Rôle devenu inutile"})
    assert response.status_code == 302
    assert response.url == org["rh"].get_absolute_url()
    assert Role.objects.get(pk=roles["rh"].pk).is_archived
    assert Assignment.objects.get(pk=assignment.pk).end_date is not None
    change = GovernanceChange.objects.get(role=roles["rh"], action=ChangeAction.ROLE_ARCHIVE)
    assert change.by == lead_link
    assert change.note == "Rôle devenu inutile"
    ended = GovernanceChange.objects.get(assignment=assignment, action=ChangeAction.ASSIGNMENT_END)
    assert ended.by == lead_link


def test_core_role_cannot_be_archived(client, org, lead_link):
    # Formation's core roles belong to whoever manages RH, its parent: him.
    secretary = core_role(org["formation"], "secretary")
    client.force_login(lead_link)
    url = reverse("organisation:role_archive", args=[secretary.pk])
    message = (
        "Un rôle structurel (premier lien, second lien, facilitateur, secrétaire) "
        "ne peut pas être archivé."
    )
    page = client.get(url)
    assert page.status_code == 200
    assert message in page.content.decode()
    assert "Archiver le rôle</button>" not in page.content.decode()
    count = GovernanceChange.objects.count()
    response = client.post(url, {"note": "Essai"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'role="alert"' in response.content.decode()
    assert GovernanceChange.objects.count() == count
    assert not Role.objects.get(pk=secretary.pk).is_archived


def test_core_roles_belong_to_whoever_manages_the_parent(client, org, lead_link):
    client.force_login(lead_link)
    data = {"name": "Secrétaire de séance", "purpose": "Tenir les comptes rendus."}
    own = core_role(org["rh"], "secretary")
    below = core_role(org["formation"], "secretary")
    # His own circle's core roles are set from Direction générale, not by him.
    own_url = reverse("organisation:role_update", args=[own.pk])
    assert client.get(own_url).status_code == 403
    assert client.post(own_url, data).status_code == 403
    assert Role.objects.get(pk=own.pk).name == own.name
    response = client.post(reverse("organisation:role_update", args=[below.pk]), data)
    assert response.status_code == 302
    assert Role.objects.get(pk=below.pk).name == "Secrétaire de séance"
    change = GovernanceChange.objects.get(action=ChangeAction.ROLE_UPDATE)
    assert (change.role_id, change.by_id) == (below.pk, lead_link.pk)


# Query count


@pytest.mark.parametrize("extra", [0, 6])
def test_role_form_query_count(
    client, org, roles, lead_link, admin, django_assert_num_queries, extra
):
    for i in range(3 + extra):
        role = services.role_create(by=admin, circle=org["rh"], name=f"Rôle ajouté {i}")
        services.assignment_create(role=role, person=PersonFactory(password=None), by=admin)
    client.force_login(lead_link)
    url = reverse("organisation:role_update", args=[roles["rh"].pk])
    # 1 session, 2 user, 3 role with its circle and the circle's parent,
    # 4 circles led by the user, 5 the (id, parent_id) map of the tree.
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.status_code == 200


def test_a_second_role_with_the_same_name_is_refused_with_a_message(client, admin, org):
    services.role_create(by=admin, circle=org["rh"], name="Paie")
    client.force_login(admin)
    count = GovernanceChange.objects.count()
    response = client.post(
        reverse("organisation:role_create", args=[org["rh"].pk]),
        {"name": "paie", "purpose": "Payer les agents."},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ce cercle a déjà un rôle de ce nom." in html
    assert "Payer les agents." in html
    assert GovernanceChange.objects.count() == count
