import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cercles.accounts.tokens import ApiToken, api_token_create
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

PROFILE = "/accounts/profile/"
CREATE = "/accounts/profile/tokens/new/"
API_ROOT = "/api/v1/"


def revoke_url(token):
    return f"/accounts/profile/tokens/{token.pk}/revoke/"


def test_anonymous_is_sent_to_login(client):
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={PROFILE}"
    assert client.post(CREATE, {"name": "x"})["Location"].startswith("/accounts/login/")
    assert ApiToken.objects.count() == 0


@pytest.mark.parametrize("persona", ["agent", "lead_link", "admin"])
def test_each_persona_sees_only_their_own_profile(client, request, persona):
    person = request.getfixturevalue(persona)
    someone_else = PersonFactory(first_name="Autre", last_name="Personne")
    api_token_create(person=someone_else, name="Jeton de l'autre")
    api_token_create(person=person, name="Mon script")
    client.force_login(person)
    response = client.get(PROFILE)
    assert response.status_code == 200
    html = response.content.decode()
    assert person.full_name in html
    assert person.email in html
    assert "Mon script" in html
    assert "Jeton de l'autre" not in html
    assert someone_else.email not in html


def test_profile_shows_details_and_link_to_my_roles(client):
    person = PersonFactory(
        first_name="Inès",
        last_name="Durand",
        job_title="Cheffe de projet",
        unit="Direction du numérique",
        site="Hôtel de ville",
    )
    client.force_login(person)
    html = client.get(PROFILE).content.decode()
    for text in ["Inès Durand", person.email, "Cheffe de projet", "Direction du numérique"]:
        assert text in html
    assert "Hôtel de ville" in html
    assert f'href="{reverse("organisation:my_roles")}"' in html
    assert "Vous n'avez aucun jeton d'API." in html


def _tokens(person, n):
    for i in range(n):
        api_token_create(person=person, name=f"Jeton {i}")


@pytest.mark.parametrize("rows", [3, 8])
def test_profile_query_count_does_not_grow(client, agent, rows, django_assert_num_queries):
    _tokens(agent, rows)
    client.force_login(agent)
    # 1 session, 2 the person, 3 the person's tokens.
    with django_assert_num_queries(3):
        response = client.get(PROFILE)
    assert response.content.decode().count("Révoquer") == rows


def test_create_token_shows_key_once_and_it_authenticates_the_api(client, agent):
    client.force_login(agent)
    response = client.post(CREATE, {"name": "  Import RH  "})
    assert response.status_code == 200
    html = response.content.decode()
    token = ApiToken.objects.get(person=agent)
    assert token.name == "Import RH"
    key = response.context["new_key"]
    assert key.startswith(token.prefix)
    assert f'value="{key}"' in html
    assert "Copiez-le maintenant : il ne sera plus jamais affiché." in html

    # Never again.
    assert key not in client.get(PROFILE).content.decode()

    client.logout()
    # The schema is public; the API root needs an authenticated caller.
    assert client.get(API_ROOT, HTTP_ACCEPT="application/json").status_code == 401
    api = client.get(API_ROOT, HTTP_AUTHORIZATION=f"Token {key}", HTTP_ACCEPT="application/json")
    assert api.status_code == 200
    assert "people" in api.json()
    assert client.get("/api/v1/schema/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    token.refresh_from_db()
    # The day of the use, never its time.
    assert token.last_used_at == timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)

    bad = client.get(API_ROOT, HTTP_AUTHORIZATION=f"Token {key}x", HTTP_ACCEPT="application/json")
    # 401 with a challenge: token authentication comes first.
    assert bad.status_code == 401
    assert bad["WWW-Authenticate"] == "Token"
    assert bad.json() == {"detail": "Jeton invalide."}


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Donnez un nom au jeton."),
        ("   ", "Donnez un nom au jeton."),
        ("x" * 101, "Le nom du jeton fait au plus 100 caractères."),
    ],
)
def test_bad_token_name_is_refused_in_french(client, agent, name, message):
    client.force_login(agent)
    response = client.post(CREATE, {"name": name})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    if name.strip():
        assert f'value="{name}"' in html
    assert 'aria-invalid="true"' in html
    assert response.context["new_key"] is None
    assert ApiToken.objects.count() == 0


def test_create_needs_post(client, agent):
    client.force_login(agent)
    assert client.get(CREATE).status_code == 405


def test_revoke_own_token(client, agent):
    token, key = api_token_create(person=agent, name="Ancien script")
    client.force_login(agent)
    response = client.post(revoke_url(token), follow=True)
    assert response.redirect_chain == [(PROFILE, 302)]
    assert "Le jeton « Ancien script » a été révoqué." in response.content.decode()
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    client.logout()
    response = client.get(
        API_ROOT, HTTP_AUTHORIZATION=f"Token {key}", HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 401


def test_cannot_revoke_someone_elses_token(client, agent, lead_link):
    token, _key = api_token_create(person=lead_link, name="Jeton de Léa")
    client.force_login(agent)
    assert client.post(revoke_url(token)).status_code == 404
    assert client.post("/accounts/profile/tokens/999999/revoke/").status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_revoke_needs_post(client, agent):
    token, _key = api_token_create(person=agent, name="Script")
    client.force_login(agent)
    assert client.get(revoke_url(token)).status_code == 405
    assert ApiToken.objects.filter(pk=token.pk).exists()


def _midnight_utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def test_token_last_use_keeps_the_day_only_and_is_written_once_a_day(
    client, agent, django_assert_num_queries
):
    """Its time would date what the call did (an anonymous idea posted through the API):
    the day only, written at the first use of the day and not again."""
    _token, key = api_token_create(person=agent, name="Mobile")
    headers = {"HTTP_AUTHORIZATION": f"Token {key}", "HTTP_ACCEPT": "application/json"}
    assert client.get(API_ROOT, **headers).status_code == 200
    token = ApiToken.objects.get(person=agent)
    today = _midnight_utc(timezone.now())
    assert token.last_used_at == today
    # Later the same day: the token is read, nothing is written.
    # Queries: 1 the token with its person.
    with django_assert_num_queries(1):
        assert client.get(API_ROOT, **headers).status_code == 200
    # A use on another day moves it to that day (and only to the day).
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=today - datetime.timedelta(days=3))
    assert client.get(API_ROOT, **headers).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at == today

    client.force_login(agent)
    html = client.get(PROFILE).content.decode()
    assert timezone.localtime(today).strftime("%H:%M") not in html
