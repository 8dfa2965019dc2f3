import pytest
from django.urls import reverse

from cercles.accounts.models import Person
from cercles.accounts.tokens import ApiToken, api_token_create
from cercles.organisation.models import Assignment, GovernanceChange, Role
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return Person.objects.create_superuser("root@exemple.fr", "motdepasse-racine-42")


@pytest.fixture
def rows(org, member, agent):
    token, _key = api_token_create(person=agent, name="Script")
    return {
        "person": agent,
        "apitoken": token,
        "circle": org["rh"],
        "role": Role.objects.filter(circle=org["rh"]).first(),
        "assignment": Assignment.objects.get(person=member),
        "governancechange": GovernanceChange.objects.first(),
    }


MODELS = [
    ("accounts", "person"),
    ("accounts", "apitoken"),
    ("organisation", "circle"),
    ("organisation", "role"),
    ("organisation", "assignment"),
    ("organisation", "governancechange"),
]


@pytest.mark.parametrize(("app", "model"), MODELS)
def test_superuser_opens_list_and_detail(client, superuser, rows, app, model):
    client.force_login(superuser)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse(f"admin:{app}_{model}_changelist")).status_code == 200
    obj = rows[model]
    assert client.get(reverse(f"admin:{app}_{model}_change", args=[obj.pk])).status_code == 200


@pytest.mark.parametrize(("app", "model"), MODELS)
def test_non_staff_is_sent_to_admin_login(client, agent, app, model):
    client.force_login(agent)
    url = reverse(f"admin:{app}_{model}_changelist")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_organisation_is_read_only_in_admin(client, superuser, rows):
    client.force_login(superuser)
    for model in ["circle", "role", "assignment", "governancechange"]:
        assert client.get(reverse(f"admin:organisation_{model}_add")).status_code == 403
        obj = rows[model]
        url = reverse(f"admin:organisation_{model}_delete", args=[obj.pk])
        assert client.post(url, {"post": "yes"}).status_code == 403
    circle = rows["circle"]
    response = client.post(
        reverse("admin:organisation_circle_change", args=[circle.pk]), {"name": "Piraté"}
    )
    assert response.status_code == 403
    circle.refresh_from_db()
    assert circle.name == "Ressources humaines"
    listing = client.get(reverse("admin:organisation_circle_changelist")).content.decode()
    assert "Lecture seule" in listing


def test_person_list_has_no_username_and_searches_by_email(client, superuser):
    PersonFactory(email="camille.martin@exemple.fr", last_name="Martin")
    PersonFactory(email="autre@exemple.fr", last_name="Autre")
    client.force_login(superuser)
    response = client.get(reverse("admin:accounts_person_changelist"), {"q": "camille"})
    html = response.content.decode()
    assert "camille.martin@exemple.fr" in html
    assert "autre@exemple.fr" not in html


def test_superuser_adds_a_person_with_argon2_password(client, superuser):
    client.force_login(superuser)
    response = client.get(reverse("admin:accounts_person_add"))
    assert response.status_code == 200
    assert 'name="username"' not in response.content.decode()
    response = client.post(
        reverse("admin:accounts_person_add"),
        {
            "email": "Nouvelle.Agente@Exemple.fr",
            "first_name": "Élodie",
            "last_name": "Nouvelle",
            "usable_password": "true",
            "password1": "Un-mot-de-passe-solide-7",
            "password2": "Un-mot-de-passe-solide-7",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    person = Person.objects.get(email="nouvelle.agente@exemple.fr")
    assert person.password.startswith("argon2$")
    assert person.search_text == person.compute_search_text()
    assert "elodie" in person.search_text


def test_api_tokens_cannot_be_added_in_admin_but_can_be_revoked(client, superuser, rows):
    client.force_login(superuser)
    assert client.get(reverse("admin:accounts_apitoken_add")).status_code == 403
    token = rows["apitoken"]
    html = client.get(reverse("admin:accounts_apitoken_change", args=[token.pk])).content.decode()
    assert token.key_hash in html
    assert 'name="key_hash"' not in html
    response = client.post(
        reverse("admin:accounts_apitoken_delete", args=[token.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()


def test_deactivating_someone_in_the_admin_ends_his_roles_and_keeps_history(client, superuser):
    import datetime

    from django.utils import timezone

    from cercles.accounts.models import Person
    from cercles.organisation import services
    from cercles.organisation.models import Assignment, ChangeAction, GovernanceChange
    from tests.factories import PersonFactory

    boss = superuser
    leaver = PersonFactory(first_name="Lou", last_name="Départ")
    circle = services.circle_create(by=boss, name="Accueil")
    role = services.role_create(by=boss, circle=circle, name="Agent d'accueil")
    services.assignment_create(
        role=role,
        person=leaver,
        by=boss,
        share=80,
        start_date=timezone.localdate() - datetime.timedelta(days=40),
    )
    client.force_login(boss)
    url = f"/admin/accounts/person/{leaver.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    data.update(is_active="", groups=[], user_permissions=[], last_login_0="", last_login_1="")
    data["date_joined_0"], data["date_joined_1"] = (
        timezone.localtime(leaver.date_joined).strftime("%Y-%m-%d"),
        timezone.localtime(leaver.date_joined).strftime("%H:%M:%S"),
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    leaver.refresh_from_db()
    assert leaver.is_active is False
    assert not Assignment.objects.current().filter(person=leaver).exists()
    end = GovernanceChange.objects.get(action=ChangeAction.ASSIGNMENT_END)
    assert end.by == boss
    # People are never deleted from under their history.
    import pytest
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        Person.objects.filter(pk=leaver.pk).delete()
