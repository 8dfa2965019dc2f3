"""API clients for the personas: a session for most tests, a token where it matters."""

import pytest
from rest_framework.test import APIClient

from cercles.accounts.tokens import api_token_create


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def login(api):
    """login(person) -> the API client with a session for that person (a fresh user per request)."""

    def _login(person):
        if person is not None:
            api.force_login(person)
        return api

    return _login


@pytest.fixture
def token_for():
    def _token_for(person):
        _, raw = api_token_create(person=person, name="tests")
        return {"HTTP_AUTHORIZATION": f"Token {raw}"}

    return _token_for


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    # The personas get a password; argon2 would make each one cost a tenth of a second.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
