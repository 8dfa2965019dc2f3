import pytest
from django.contrib.auth import SESSION_KEY

from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def test_five_failures_lock_the_account_for_this_address(client, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    victim = PersonFactory(email="cible@exemple.fr")
    other = PersonFactory(email="autre@exemple.fr")

    for _ in range(4):
        response = client.post(LOGIN, {"email": victim.email, "password": "mauvais"})
        assert response.status_code == 200
    # The fifth failure is the one that locks.
    response = client.post(LOGIN, {"email": victim.email, "password": "mauvais"})
    assert response.status_code == 429

    response = client.post(LOGIN, {"email": victim.email, "password": PASSWORD})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Compte temporairement bloqué" in html
    assert "Après 5 tentatives de connexion échouées" in html
    assert "Réessayez dans 15 minutes." in html
    assert SESSION_KEY not in client.session

    # Another account, from the same address, is not affected.
    response = client.post(LOGIN, {"email": other.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(other.pk)


def test_a_success_resets_the_failure_count(client):
    person = PersonFactory()
    for _ in range(4):
        client.post(LOGIN, {"email": person.email, "password": "mauvais"})
    assert client.post(LOGIN, {"email": person.email, "password": PASSWORD}).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(4):
        response = client.post(LOGIN, {"email": person.email, "password": "mauvais"})
        assert response.status_code == 200
    assert client.post(LOGIN, {"email": person.email, "password": PASSWORD}).status_code == 302


def test_behind_a_proxy_each_client_address_is_throttled_on_its_own(client, settings):
    # What BEHIND_PROXY=true sets: the client's address is read from X-Forwarded-For.
    settings.AXES_IPWARE_PROXY_COUNT = 1
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    person = PersonFactory(email="agent@exemple.fr")
    attacker = {"HTTP_X_FORWARDED_FOR": "203.0.113.5, 10.0.0.1"}
    for _ in range(5):
        client.post(LOGIN, {"email": person.email, "password": "mauvais"}, **attacker)
    assert (
        client.post(LOGIN, {"email": person.email, "password": PASSWORD}, **attacker).status_code
        == 429
    )
    # The same proxy (REMOTE_ADDR) forwards the real owner, from another address: not locked.
    owner = {"HTTP_X_FORWARDED_FOR": "198.51.100.7, 10.0.0.1"}
    response = client.post(LOGIN, {"email": person.email, "password": PASSWORD}, **owner)
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(person.pk)
