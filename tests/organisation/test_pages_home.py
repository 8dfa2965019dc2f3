"""The home page: my roles, the chart, the latest governance changes."""

from django.urls import reverse

from cercles.organisation import services

HOME = reverse("organisation:home")


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_home_summarises_my_roles_and_recent_changes(login, admin, org, member):
    services.circle_update(circle=org["numerique"], by=admin, purpose="Outiller.")
    body = login(member).get(HOME).content.decode()
    assert ">Chargé de recrutement</a>" in body
    assert "Part de temps totale : 60 %" in body
    assert 'href="/org/"' in body
    recent = body[body.index("Derniers changements") :]
    assert recent.count("<li><time") == 5
    assert "Modification de cercle" in recent


def test_home_of_an_agent_without_role(login, agent, org):
    body = login(agent).get(HOME).content.decode()
    assert "Vous ne tenez aucun rôle pour l'instant." in body


def test_home_warns_above_100_percent(login, admin, org, member):
    role = services.role_create(by=admin, circle=org["numerique"], name="Développeur")
    services.assignment_create(role=role, person=member, by=admin, share=50)
    body = login(member).get(HOME).content.decode()
    assert 'role="alert"' in body


def test_home_queries_do_not_grow(login, admin, org, member, django_assert_num_queries):
    client = login(member)
    # session; user; my current assignments with roles and circles; the 5 latest
    # changes; the people of the assignments among them (the member's is one).
    with django_assert_num_queries(5):
        client.get(HOME)
    for i in range(4):
        role = services.role_create(by=admin, circle=org["numerique"], name=f"Rôle {i}")
        services.assignment_create(role=role, person=member, by=admin, share=5)
    with django_assert_num_queries(5):
        response = client.get(HOME)
    assert response.content.decode().count('href="/roles/') >= 5
