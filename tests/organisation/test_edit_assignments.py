"""Assigning people to roles, changing and ending assignments from the pages."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from cercles.organisation import services
from cercles.organisation.models import Assignment, ChangeAction, GovernanceChange
from tests.conftest import core_role
from tests.factories import PersonFactory

LOGIN_URL = reverse("accounts:login")
TODAY = timezone.localdate


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def roles(org, admin):
    return {
        key: services.role_create(by=admin, circle=org[key], name=f"Chargé de mission {key}")
        for key in ("rh", "formation", "numerique")
    }


@pytest.fixture
def holder(db):
    return PersonFactory(
        first_name="Hugo",
        last_name="Titulaire",
        email="hugo.titulaire@exemple.fr",
        matricule="M0042",
        password=None,
    )


@pytest.fixture
def assignments(roles, holder, admin):
    start = TODAY() - datetime.timedelta(days=10)
    return {
        key: services.assignment_create(
            role=role, person=holder, by=admin, share=10, focus="Accueil", start_date=start
        )
        for key, role in roles.items()
    }


def view_url(view, roles, assignments, key):
    if view == "assignment_create":
        return reverse("organisation:assignment_create", args=[roles[key].pk])
    return reverse(f"organisation:{view}", args=[assignments[key].pk])


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def change_count():
    return GovernanceChange.objects.count()


ALL_VIEWS = ["assignment_create", "assignment_update", "assignment_end"]


# Permissions


@pytest.mark.parametrize("view", ALL_VIEWS)
def test_anonymous_is_sent_to_login(client, roles, assignments, view):
    url = view_url(view, roles, assignments, "rh")
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{LOGIN_URL}?next={url}"


@pytest.mark.parametrize("view", ALL_VIEWS)
def test_agent_is_forbidden(client, roles, assignments, agent, view):
    client.force_login(agent)
    count = change_count()
    url = view_url(view, roles, assignments, "rh")
    assert client.get(url).status_code == 403
    assert client.post(url, {"person": agent.email, "share": "10"}).status_code == 403
    assert change_count() == count


@pytest.mark.parametrize("view", ALL_VIEWS)
@pytest.mark.parametrize("key,expected", [("rh", 200), ("formation", 200), ("numerique", 403)])
def test_lead_link_assigns_in_his_circles(
    client, roles, assignments, lead_link, view, key, expected
):
    client.force_login(lead_link)
    assert client.get(view_url(view, roles, assignments, key)).status_code == expected


@pytest.mark.parametrize("view", ALL_VIEWS)
def test_admin_may_open_every_form(client, roles, assignments, admin, view):
    client.force_login(admin)
    response = client.get(view_url(view, roles, assignments, "numerique"))
    assert response.status_code == 200
    assert b'<form method="post"' in response.content


def test_lead_link_is_chosen_by_the_circle_above(client, org, lead_link):
    """The lead link of RH may neither assign nor change RH's lead link."""
    client.force_login(lead_link)
    own = Assignment.objects.get(person=lead_link)
    assert client.get(reverse("organisation:assignment_update", args=[own.pk])).status_code == 403
    assert client.get(reverse("organisation:assignment_end", args=[own.pk])).status_code == 403
    role_url = reverse("organisation:assignment_create", args=[core_role(org["rh"]).pk])
    assert client.get(role_url).status_code == 403
    formation_lead = reverse(
        "organisation:assignment_create", args=[core_role(org["formation"]).pk]
    )
    assert client.get(formation_lead).status_code == 200


# Creating


def test_form_defaults_to_today_and_offers_suggestions(client, roles, lead_link):
    client.force_login(lead_link)
    html = client.get(reverse("organisation:assignment_create", args=[roles["rh"].pk])).content
    html = html.decode()
    assert f'value="{TODAY().isoformat()}"' in html
    assert 'list="person-suggestions"' in html
    assert f'hx-get="{reverse("organisation:assignment_create", args=[roles["rh"].pk])}"' in html
    assert '<datalist id="person-suggestions"></datalist>' in html


def test_lead_link_assigns_a_person_by_email(client, roles, lead_link):
    person = PersonFactory(first_name="Inès", last_name="Nouvelle", password=None)
    client.force_login(lead_link)
    start = TODAY() + datetime.timedelta(days=7)
    response = client.post(
        reverse("organisation:assignment_create", args=[roles["formation"].pk]),
        {
            "person": f"  {person.email.upper()} ",
            "focus": "Catalogue des formations",
            "share": "30",
            "start_date": start.isoformat(),
            "end_date": "",
            "note": "Arrivée dans le service",
        },
    )
    assert response.status_code == 302
    assert response.url == roles["formation"].get_absolute_url()
    assignment = Assignment.objects.get(person=person)
    assert assignment.role == roles["formation"]
    assert (assignment.share, assignment.focus) == (30, "Catalogue des formations")
    assert (assignment.start_date, assignment.end_date) == (start, None)
    change = GovernanceChange.objects.get(
        assignment=assignment, action=ChangeAction.ASSIGNMENT_CREATE
    )
    assert change.by == lead_link
    assert change.circle == roles["formation"].circle
    assert change.note == "Arrivée dans le service"
    assert messages_of(response) == [
        "Inès Nouvelle est affecté·e au rôle « Chargé de mission formation »."
    ]


def test_assign_by_matricule_and_warn_above_full_time(client, roles, assignments, holder, admin):
    other = services.role_create(by=admin, circle=roles["rh"].circle, name="Tuteur")
    services.assignment_create(role=other, person=holder, by=admin, share=60)
    client.force_login(admin)
    response = client.post(
        reverse(
            "organisation:assignment_create", args=[roles["rh"].circle.roles.get(name="Tuteur").pk]
        ),
        {"person": "m0042", "share": "25", "start_date": TODAY().isoformat()},
    )
    # Already holds Tuteur: refused by the service, shown on the person field.
    assert response.status_code == 200
    assert "Cette personne tient déjà ce rôle sur cette période." in response.content.decode()
    assert 'value="m0042"' in response.content.decode()

    new_role = services.role_create(by=admin, circle=roles["rh"].circle, name="Formateur interne")
    response = client.post(
        reverse("organisation:assignment_create", args=[new_role.pk]),
        {"person": "m0042", "share": "25", "start_date": TODAY().isoformat()},
    )
    assert response.status_code == 302
    assert Assignment.objects.filter(role=new_role, person=holder, share=25).exists()
    # 3 × 10 % + 60 % + 25 % = 115 %
    assert messages_of(response) == [
        "Hugo Titulaire est affecté·e au rôle « Formateur interne ».",
        "Hugo Titulaire dépasse 100 % de son temps (115 %).",
    ]


@pytest.mark.parametrize(
    "data,message",
    [
        (
            {"person": "inconnu@exemple.fr", "share": "20"},
            "Aucune personne active ne correspond à « inconnu@exemple.fr ».",
        ),
        ({"share": "150"}, "La part du temps doit être comprise entre 0 et 100 %."),
        ({"share": "-5"}, "La part du temps doit être comprise entre 0 et 100 %."),
        ({"share": "vingt"}, "Indiquez un nombre entier entre 0 et 100."),
        (
            {"share": "20", "end_date": "2020-01-01"},
            "La fin ne peut pas précéder le début de l&#x27;affectation.",
        ),
        (
            {"person": "", "share": "20"},
            "Indiquez l&#x27;adresse e-mail ou le matricule de la personne.",
        ),
    ],
)
def test_bad_input_is_refused_and_values_kept(client, roles, lead_link, data, message):
    person = PersonFactory(email="ines.nouvelle@exemple.fr", password=None)
    client.force_login(lead_link)
    count = change_count()
    posted = {
        "person": person.email,
        "focus": "Tutorat des apprentis",
        "start_date": "2024-03-01",
        "note": "Motif saisi",
        **data,
    }
    response = client.post(reverse("organisation:assignment_create", args=[roles["rh"].pk]), posted)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'value="{posted["person"]}"' in html
    assert f'value="{posted["share"]}"' in html
    assert 'value="Tutorat des apprentis"' in html
    assert 'value="2024-03-01"' in html
    assert "Motif saisi" in html
    assert change_count() == count
    assert not Assignment.objects.filter(role=roles["rh"]).exists()


def test_htmx_suggestions_return_the_datalist_only(client, roles, lead_link):
    for i in range(55):
        PersonFactory(first_name="Camille", last_name=f"Dupré{i}", password=None)
    PersonFactory(first_name="Zoé", last_name="Autre", matricule="A777", password=None)
    client.force_login(lead_link)
    url = reverse("organisation:assignment_create", args=[roles["rh"].pk])
    response = client.get(url, {"q": "dupre camil"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<datalist id="person-suggestions">')
    assert "<html" not in html
    assert html.count("<option ") == 50
    assert "Camille Dupré0" in html
    response = client.get(url, {"person": "a777"}, headers={"HX-Request": "true"})
    assert response.content.decode().count("<option ") == 1
    assert "Zoé Autre — A777" in response.content.decode()


def test_suggestions_work_without_javascript(client, roles, lead_link):
    person = PersonFactory(first_name="Élodie", last_name="Martin", password=None)
    client.force_login(lead_link)
    url = reverse("organisation:assignment_create", args=[roles["rh"].pk])
    html = client.get(url, {"q": "elodie"}).content.decode()
    assert "<html" in html
    assert f'<option value="{person.email}">Élodie Martin</option>' in html
    assert 'value="elodie"' in html


# Updating and ending


def test_lead_link_updates_an_assignment(client, assignments, lead_link, holder):
    client.force_login(lead_link)
    url = reverse("organisation:assignment_update", args=[assignments["rh"].pk])
    assert 'value="Accueil"' in client.get(url).content.decode()
    response = client.post(url, {"focus": "Recrutement", "share": "40", "note": "Charge accrue"})
    assert response.status_code == 302
    assert response.url == assignments["rh"].role.get_absolute_url()
    assignment = Assignment.objects.get(pk=assignments["rh"].pk)
    assert (assignment.focus, assignment.share) == ("Recrutement", 40)
    change = GovernanceChange.objects.get(
        assignment=assignment, action=ChangeAction.ASSIGNMENT_UPDATE
    )
    assert change.by == lead_link
    assert change.before["share"] == 10
    assert change.after["share"] == 40
    assert change.note == "Charge accrue"


def test_update_with_share_out_of_range_is_refused(client, assignments, lead_link):
    client.force_login(lead_link)
    count = change_count()
    response = client.post(
        reverse("organisation:assignment_update", args=[assignments["rh"].pk]),
        {"focus": "Recrutement", "share": "150"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "La part du temps doit être comprise entre 0 et 100 %." in html
    assert 'value="150"' in html
    assert 'value="Recrutement"' in html
    assert change_count() == count
    assert Assignment.objects.get(pk=assignments["rh"].pk).share == 10


def test_lead_link_ends_an_assignment(client, assignments, lead_link):
    client.force_login(lead_link)
    url = reverse("organisation:assignment_end", args=[assignments["formation"].pk])
    assert f'value="{TODAY().isoformat()}"' in client.get(url).content.decode()
    response = client.post(url, {"end_date": TODAY().isoformat(), "note": "Départ en retraite"})
    assert response.status_code == 302
    assert response.url == assignments["formation"].role.get_absolute_url()
    assignment = Assignment.objects.get(pk=assignments["formation"].pk)
    assert assignment.end_date == TODAY()
    change = GovernanceChange.objects.get(assignment=assignment, action=ChangeAction.ASSIGNMENT_END)
    assert change.by == lead_link
    assert change.note == "Départ en retraite"
    # Once ended, the assignment can no longer be ended or changed.
    assert client.get(url).status_code == 403


def test_end_before_start_is_refused(client, assignments, admin):
    client.force_login(admin)
    count = change_count()
    too_early = (TODAY() - datetime.timedelta(days=30)).isoformat()
    response = client.post(
        reverse("organisation:assignment_end", args=[assignments["rh"].pk]),
        {"end_date": too_early, "note": "Erreur de saisie"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "La fin ne peut pas précéder le début de l&#x27;affectation." in html
    assert f'value="{too_early}"' in html
    assert "Erreur de saisie" in html
    assert change_count() == count
    assert Assignment.objects.get(pk=assignments["rh"].pk).end_date is None


# Query counts


@pytest.mark.parametrize("extra", [0, 6])
def test_assignment_form_query_count(
    client, org, roles, lead_link, admin, django_assert_num_queries, extra
):
    for i in range(3 + extra):
        person = PersonFactory(last_name=f"Agent{i}", password=None)
        services.assignment_create(role=roles["rh"], person=person, by=admin, share=10)
    client.force_login(lead_link)
    url = reverse("organisation:assignment_create", args=[roles["rh"].pk])
    # 1 session, 2 user, 3 role with its circle and the circle's parent,
    # 4 circles led by the user, 5 the (id, parent_id) map of the tree.
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("extra", [0, 6])
def test_suggestions_query_count(client, roles, lead_link, django_assert_num_queries, extra):
    for i in range(3 + extra):
        PersonFactory(first_name="Camille", last_name=f"Dupré{i}", password=None)
    client.force_login(lead_link)
    url = reverse("organisation:assignment_create", args=[roles["rh"].pk])
    # 1 session, 2 user, 3 role, 4 circles led, 5 tree map, 6 matching people.
    with django_assert_num_queries(6):
        response = client.get(url, {"q": "camille"}, headers={"HX-Request": "true"})
    assert response.content.decode().count("<option ") == 3 + extra


def test_lead_link_cannot_rewrite_the_past(client, assignments, lead_link):
    """Only admins may date an assignment's end or start before today."""
    client.force_login(lead_link)
    count = change_count()
    yesterday = (TODAY() - datetime.timedelta(days=1)).isoformat()
    response = client.post(
        reverse("organisation:assignment_end", args=[assignments["rh"].pk]),
        {"end_date": yesterday},
    )
    assert response.status_code == 200
    assert (
        "Seul un administrateur peut faire finir une affectation dans le passé."
        in response.content.decode()
    )
    assert change_count() == count
    assert Assignment.objects.get(pk=assignments["rh"].pk).end_date is None


def test_lead_link_cancels_an_assignment_not_yet_begun(client, assignments, lead_link, org, admin):
    from cercles.organisation.models import Role

    role = Role.objects.get(pk=assignments["rh"].role_id)
    later = services.assignment_create(
        role=role,
        person=PersonFactory(),
        by=admin,
        share=10,
        start_date=TODAY() + datetime.timedelta(days=10),
    )
    client.force_login(lead_link)
    url = reverse("organisation:assignment_end", args=[later.pk])
    page = client.get(url).content.decode()
    # The form proposes its first day: the only end that cancels it.
    assert f'value="{later.start_date.isoformat()}"' in page
    response = client.post(url, {"end_date": later.start_date.isoformat()})
    assert response.status_code == 302
    later.refresh_from_db()
    assert later.end_date == later.start_date
