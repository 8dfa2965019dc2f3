from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY

import cercles.urls  # noqa: F401  (imported now, before any test switches OIDC_ENABLED on)
from cercles.accounts.models import Person
from tests.factories import PASSWORD, PersonFactory

from .fake_oidc_provider import CLIENT_ID, FakeProvider

pytestmark = pytest.mark.django_db

BACKEND = "cercles.accounts.oidc.PersonOIDCBackend"
CLAIMS = {
    "sub": "pc-123",
    "email": "Camille.Dupont@Exemple.gouv.fr",
    "given_name": "Camille",
    "usual_name": "Dupont",
    "siret": "21450234500015",
}


@pytest.fixture
def provider(settings):
    provider = FakeProvider().start()
    for name, value in provider.settings().items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
        BACKEND,
    ]
    # cercles.urls adds the OIDC routes only when OIDC_ENABLED is set at import time.
    settings.ROOT_URLCONF = "tests.accounts.oidc_urls"
    settings.OIDC_CREATE_USER = True
    yield provider
    provider.stop()


def oidc_login(client, provider, claims):
    """Run the whole code flow: our site -> provider -> our callback. Returns the callback response."""
    provider.claims = claims
    response = client.get("/oidc/authenticate/")
    assert response.status_code == 302
    authorize = urlparse(response["Location"])
    assert f"{authorize.scheme}://{authorize.netloc}{authorize.path}" == f"{provider.url}/authorize"
    params = {k: v[0] for k, v in parse_qs(authorize.query).items()}
    assert params["client_id"] == CLIENT_ID
    assert params["response_type"] == "code"
    assert params["scope"] == "openid email given_name usual_name"
    assert params["acr_values"] == "eidas1"
    assert params["redirect_uri"] == "http://testserver/oidc/callback/"
    assert params["nonce"] and params["state"]

    # The browser's visit to the provider, over real HTTP.
    answer = requests.get(response["Location"], allow_redirects=False, timeout=5)
    assert answer.status_code == 302
    callback = urlparse(answer.headers["Location"])
    assert callback.netloc == "testserver"
    return client.get(f"{callback.path}?{callback.query}")


def test_first_login_creates_the_person(client, provider):
    response = oidc_login(client, provider, CLAIMS)
    assert response.status_code == 302
    assert response["Location"] == "/"

    person = Person.objects.get()
    assert person.email == "camille.dupont@exemple.gouv.fr"
    assert (person.first_name, person.last_name) == ("Camille", "Dupont")
    assert not person.has_usable_password()
    assert "camille dupont" in person.search_text
    assert client.session[SESSION_KEY] == str(person.pk)
    assert client.session[BACKEND_SESSION_KEY] == BACKEND
    # The session keeps working on the next request.
    assert client.get("/accounts/profile/").status_code == 200
    # The provider was asked for the token with our credentials.
    assert provider.token_requests[0]["grant_type"] == "authorization_code"


def test_second_login_updates_names_without_duplicating(client, provider):
    oidc_login(client, provider, CLAIMS)
    client.post("/accounts/logout/")
    assert SESSION_KEY not in client.session

    renamed = {**CLAIMS, "email": "camille.dupont@EXEMPLE.gouv.fr", "usual_name": "Dupont-Moreau"}
    response = oidc_login(client, provider, renamed)
    assert response.status_code == 302
    person = Person.objects.get()
    assert person.last_name == "Dupont-Moreau"
    assert person.email == "camille.dupont@exemple.gouv.fr"
    assert "dupont-moreau" in person.search_text
    assert client.session[SESSION_KEY] == str(person.pk)


def test_existing_account_is_found_by_email_whatever_the_case(client, provider):
    person = PersonFactory(email="camille.dupont@exemple.gouv.fr", first_name="Cam", last_name="D")
    oidc_login(client, provider, CLAIMS)
    assert Person.objects.count() == 1
    person.refresh_from_db()
    assert (person.first_name, person.last_name) == ("Camille", "Dupont")
    assert person.check_password(PASSWORD)  # the local password is left alone
    assert client.session[SESSION_KEY] == str(person.pk)


def test_family_name_when_no_usual_name_and_empty_claims_keep_names(client, provider):
    claims = {"sub": "x", "email": "jean.martin@exemple.fr", "given_name": "Jean"}
    oidc_login(client, provider, {**claims, "family_name": "Martin"})
    person = Person.objects.get()
    assert (person.first_name, person.last_name) == ("Jean", "Martin")
    client.post("/accounts/logout/")
    oidc_login(client, provider, {**claims, "given_name": ""})
    person.refresh_from_db()
    assert (person.first_name, person.last_name) == ("Jean", "Martin")


def test_no_creation_when_switched_off(client, provider, settings):
    settings.OIDC_CREATE_USER = False
    response = oidc_login(client, provider, CLAIMS)
    assert response.status_code == 302
    # A refused sign-in lands back on the login page.
    assert response["Location"] == "/accounts/login/"
    assert Person.objects.count() == 0
    assert SESSION_KEY not in client.session


def test_inactive_person_is_refused(client, provider):
    person = PersonFactory(email="camille.dupont@exemple.gouv.fr", first_name="Cam")
    Person.objects.filter(pk=person.pk).update(is_active=False)
    oidc_login(client, provider, CLAIMS)
    assert SESSION_KEY not in client.session
    person.refresh_from_db()
    assert person.first_name == "Cam"


def test_claims_without_email_are_refused(client, provider):
    oidc_login(client, provider, {"sub": "x", "given_name": "Sans", "usual_name": "Adresse"})
    assert Person.objects.count() == 0
    assert SESSION_KEY not in client.session


def test_forged_state_is_rejected(client, provider):
    client.get("/oidc/authenticate/")
    response = client.get("/oidc/callback/?code=abc&state=forged")
    assert response.status_code == 400
    assert SESSION_KEY not in client.session


def test_login_page_offers_proconnect_when_enabled(client, provider):
    html = client.get("/accounts/login/").content.decode()
    assert "S'identifier avec ProConnect" in html
    assert 'href="/oidc/authenticate/"' in html


def test_oidc_is_off_by_default(client, settings):
    assert settings.OIDC_ENABLED is False
    assert BACKEND not in settings.AUTHENTICATION_BACKENDS
    assert client.get("/oidc/authenticate/").status_code == 404
    html = client.get("/accounts/login/").content.decode()
    assert "ProConnect" not in html
    assert "/oidc/" not in html


def test_accounts_are_not_created_by_default(settings):
    # ProConnect lets in agents of every administration: creation is opt-in.
    from cercles import settings as project_settings

    assert project_settings.OIDC_CREATE_USER is False


def test_domains_outside_the_allow_list_are_refused(client, provider, settings):
    settings.OIDC_ALLOWED_DOMAINS = ["agglo-exemple.fr"]
    response = oidc_login(client, provider, {**CLAIMS, "email": "intrus@autre-ministere.fr"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert Person.objects.count() == 0
    assert SESSION_KEY not in client.session
    oidc_login(client, provider, {**CLAIMS, "email": "Agent@Agglo-Exemple.fr"})
    assert Person.objects.get().email == "agent@agglo-exemple.fr"
    assert SESSION_KEY in client.session
