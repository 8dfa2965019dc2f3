"""Token authentication: `Authorization: Token <key>` acts as the token's person."""

from cercles.accounts import services as account_services
from cercles.accounts.tokens import ApiToken
from cercles.organisation.models import Circle

URL = "/api/v1/circles/"


def test_token_of_an_admin_writes(api, admin, org, token_for):
    response = api.post(URL, {"name": "Comité"}, format="json", **token_for(admin))
    assert response.status_code == 201
    assert Circle.objects.filter(name="Comité", parent=None).exists()
    assert ApiToken.objects.get(person=admin).last_used_at is not None


def test_token_of_a_lead_link_carries_his_abilities(api, lead_link, org, token_for):
    headers = token_for(lead_link)
    formation = api.patch(
        f"{URL}{org['formation'].pk}/", {"purpose": "Soin."}, format="json", **headers
    )
    assert formation.status_code == 200
    assert formation.json()["purpose"] == "Soin."
    # The token carries no more than he has: RH's own charter is not his to write.
    rh = api.patch(f"{URL}{org['rh'].pk}/", {"purpose": "Soin."}, format="json", **headers)
    assert rh.status_code == 403
    numerique = api.patch(
        f"{URL}{org['numerique'].pk}/", {"purpose": "X"}, format="json", **headers
    )
    assert numerique.status_code == 403


def test_token_of_an_agent_reads_but_does_not_write(api, agent, org, token_for):
    headers = token_for(agent)
    assert api.get(URL, **headers).status_code == 200
    assert api.post(URL, {"name": "Comité"}, format="json", **headers).status_code == 403


def test_bad_tokens_are_401(api, agent, org, token_for):
    assert api.get(URL, HTTP_AUTHORIZATION="Token pas-un-jeton").status_code == 401
    assert api.get(URL, HTTP_AUTHORIZATION="Token").status_code == 401
    assert api.get(URL, HTTP_AUTHORIZATION="Token a b").status_code == 401
    headers = token_for(agent)
    account_services.person_update(person=agent, is_active=False)
    response = api.get(URL, **headers)
    assert response.status_code == 401
    assert response.json() == {"detail": "Compte désactivé."}
