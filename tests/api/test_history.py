"""/api/v1/history/: every governance change, read-only."""

import datetime

import pytest
from django.utils import timezone

from cercles.organisation import services
from cercles.organisation.models import GovernanceChange

URL = "/api/v1/history/"


def test_anonymous_gets_401(api, org):
    assert api.get(URL).status_code == 401
    change = GovernanceChange.objects.first()
    assert api.get(f"{URL}{change.pk}/").status_code == 401


def test_agent_reads_changes_most_recent_first(login, agent, admin, org):
    services.circle_update(circle=org["rh"], by=admin, purpose="Prendre soin.")
    response = login(agent).get(URL)
    assert response.status_code == 200
    first = response.json()["results"][0]
    assert first["action"] == "circle_update"
    assert first["action_label"] == "Modification de cercle"
    assert (first["circle"], first["circle_name"]) == (org["rh"].pk, "Ressources humaines")
    assert (first["by"], first["by_name"]) == (admin.pk, "Ada Admin")
    assert first["before"]["purpose"] == "" and first["after"]["purpose"] == "Prendre soin."

    one = login(agent).get(f"{URL}{first['id']}/")
    assert one.status_code == 200
    assert one.json() == first


def test_filters_circle_action_since_until(login, agent, admin, org):
    old = timezone.now() - datetime.timedelta(days=40)
    services.circle_update(circle=org["numerique"], by=admin, purpose="Outiller.", at=old)
    client = login(agent)

    def actions(**params):
        response = client.get(URL, params)
        assert response.status_code == 200
        return [(c["action"], c["circle_name"]) for c in response.json()["results"]]

    # Its creation, the creation of its four core roles, then the update.
    assert len(actions(circle=org["numerique"].pk)) == 6
    assert actions(action="circle_update") == [("circle_update", "Numérique")]
    day = timezone.localtime(old).date()
    assert actions(until=(day + datetime.timedelta(days=1)).isoformat()) == [
        ("circle_update", "Numérique")
    ]
    assert actions(since=day.isoformat(), until=day.isoformat()) == [("circle_update", "Numérique")]
    assert (
        actions(since=(day + datetime.timedelta(days=1)).isoformat(), action="circle_update") == []
    )


def test_history_is_read_only(login, admin, org):
    change = GovernanceChange.objects.first()
    client = login(admin)
    assert client.post(URL, {}, format="json").status_code == 405
    assert client.patch(f"{URL}{change.pk}/", {"note": "x"}, format="json").status_code == 405
    assert client.delete(f"{URL}{change.pk}/").status_code == 405


@pytest.mark.parametrize(
    "params", [{"action": "delete_everything"}, {"since": "2024-02-30"}, {"until": "demain"}]
)
def test_bad_filters_are_400(login, agent, params):
    response = login(agent).get(URL, params)
    assert response.status_code == 400
    assert set(response.json()) == set(params)


@pytest.mark.parametrize("extra", [3, 9])
def test_list_query_count_is_constant(login, agent, admin, org, django_assert_num_queries, extra):
    for i in range(extra):
        services.circle_update(circle=org["rh"], by=admin, purpose=f"Version {i}")
    client = login(agent)
    # session, user, COUNT, page of changes with author and circle
    with django_assert_num_queries(4):
        response = client.get(URL, {"circle": org["rh"].pk})
    assert response.json()["count"] == 5 + extra
