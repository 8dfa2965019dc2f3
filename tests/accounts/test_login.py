import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from cercles.accounts.models import Person
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def test_login_page_renders_in_french(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Connexion" in html
    assert "Mot de passe oublié ?" in html


def test_login_by_email_any_case(client, agent):
    response = client.post(LOGIN, {"email": agent.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("organisation:home")
    assert client.session[SESSION_KEY] == str(agent.pk)


def test_login_follows_safe_next(client, agent):
    response = client.post(
        LOGIN, {"email": agent.email, "password": PASSWORD, "next": "/accounts/profile/"}
    )
    assert response["Location"] == "/accounts/profile/"


def test_wrong_password_shows_french_error_and_keeps_email(client, agent):
    response = client.post(LOGIN, {"email": agent.email, "password": "pas-le-bon"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Adresse e-mail ou mot de passe incorrect." in html
    assert f'value="{agent.email}"' in html
    assert SESSION_KEY not in client.session


def test_empty_form_shows_french_field_errors(client):
    response = client.post(LOGIN, {"email": "", "password": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Indiquez votre adresse e-mail." in html
    assert "Indiquez votre mot de passe." in html


def test_malformed_email_is_kept_with_an_error(client):
    response = client.post(LOGIN, {"email": "pas-une-adresse", "password": "x"})
    html = response.content.decode()
    assert "Indiquez une adresse e-mail valide" in html
    assert 'value="pas-une-adresse"' in html


def test_inactive_person_cannot_log_in(client):
    person = PersonFactory()
    Person.objects.filter(pk=person.pk).update(is_active=False)
    response = client.post(LOGIN, {"email": person.email, "password": PASSWORD})
    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_logged_in_person_is_sent_on_from_login_page(client, agent):
    client.force_login(agent)
    response = client.get(LOGIN)
    assert response.status_code == 302


def test_logout_needs_post(client, agent):
    client.force_login(agent)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.session[SESSION_KEY] == str(agent.pk)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert SESSION_KEY not in client.session


def test_password_is_stored_with_argon2(agent):
    agent.refresh_from_db()
    assert agent.password.startswith("argon2$argon2id$")
    assert agent.check_password(PASSWORD)
