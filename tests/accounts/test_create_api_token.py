from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from cercles.accounts.models import Person
from cercles.accounts.tokens import ApiToken

pytestmark = pytest.mark.django_db


def test_prints_a_working_key(agent):
    out = StringIO()
    call_command(
        "create_api_token", agent.email.upper(), "--name", "Synchronisation SIRH", stdout=out
    )
    key = out.getvalue().strip()
    token = ApiToken.objects.get(person=agent)
    assert token.name == "Synchronisation SIRH"
    assert key.startswith(token.prefix) and len(key) == 43
    response = APIClient().get("/api/v1/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200


def test_default_name(agent):
    call_command("create_api_token", agent.email, stdout=StringIO())
    assert ApiToken.objects.get(person=agent).name == "API"


def test_unknown_email_is_a_clear_error(db):
    with pytest.raises(
        CommandError, match="No person with the e-mail address 'inconnu@exemple.fr'"
    ):
        call_command("create_api_token", "inconnu@exemple.fr", stdout=StringIO())
    assert ApiToken.objects.count() == 0


def test_inactive_person_is_refused(agent):
    Person.objects.filter(pk=agent.pk).update(is_active=False)
    with pytest.raises(CommandError, match="deactivated"):
        call_command("create_api_token", agent.email, stdout=StringIO())
    assert ApiToken.objects.count() == 0
