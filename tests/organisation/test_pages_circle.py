"""The circle page and the circle's history."""

from django.urls import reverse

from cercles.organisation import services
from tests.factories import PersonFactory

from .conftest import grow

EDIT_LINKS = ("edit", "new-subcircle", "new-role", "move", "archive")


def url(circle):
    return reverse("organisation:circle_detail", args=[circle.pk])


def edit_links(body, circle):
    return {name for name in EDIT_LINKS if f'href="/circles/{circle.pk}/{name}/"' in body}


def test_anonymous_is_sent_to_login(client, org):
    response = client.get(url(org["rh"]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_unknown_circle_is_404(login, agent, org):
    assert login(agent).get(reverse("organisation:circle_detail", args=[999999])).status_code == 404


def test_circle_page_shows_the_circle(login, agent, admin, org, member, lead_link):
    services.circle_update(
        circle=org["rh"],
        by=admin,
        purpose="Prendre soin des agents.",
        domains="Paie\nRecrutement",
        accountabilities="Recruter\nFormer",
    )
    body = login(agent).get(url(org["rh"])).content.decode()
    assert "<h1>Ressources humaines" in body
    assert "Prendre soin des agents." in body
    assert "<li>Paie</li>" in body and "<li>Recrutement</li>" in body
    assert "<li>Recruter</li>" in body and "<li>Former</li>" in body
    # Breadcrumb of ancestors.
    assert f'<li><a href="/circles/{org["direction"].pk}/">Direction générale</a></li>' in body
    # Sub-circles.
    assert f'<a href="/circles/{org["formation"].pk}/">Formation</a>' in body
    # Core roles first, then the others; holders with focus and share.
    assert (
        body.index("Premier lien") < body.index("Secrétaire") < body.index("Chargé de recrutement")
    )
    assert "Léa Lien" in body and "50 %" in body
    assert "Marc Membre" in body and "60 %" in body
    members = body[body.index("<h2>Membres</h2>") :]
    assert members.index("Léa Lien") < members.index("Marc Membre")
    assert f'href="/circles/{org["rh"].pk}/history/"' in body


def test_a_person_with_two_roles_is_one_member(login, agent, admin, org, member):
    role = services.role_create(by=admin, circle=org["rh"], name="Référent paie")
    services.assignment_create(role=role, person=member, by=admin, share=10, focus="Paie")
    body = login(agent).get(url(org["rh"])).content.decode()
    members = body[body.index("<h2>Membres</h2>") :]
    assert members.count("Marc Membre") == 1
    assert "<td>Paie</td>" in body


def test_agent_sees_no_edit_link(login, agent, org):
    body = login(agent).get(url(org["rh"])).content.decode()
    assert edit_links(body, org["rh"]) == set()


def test_lead_link_edits_his_circle_but_does_not_move_it(login, lead_link, org):
    body = login(lead_link).get(url(org["rh"])).content.decode()
    # RH's charter belongs to whoever manages Direction générale: no "edit" for him.
    assert edit_links(body, org["rh"]) == {"new-subcircle", "new-role"}
    # He manages the sub-circle, including editing, moving and archiving it.
    body = login(lead_link).get(url(org["formation"])).content.decode()
    assert edit_links(body, org["formation"]) == set(EDIT_LINKS)
    body = login(lead_link).get(url(org["numerique"])).content.decode()
    assert edit_links(body, org["numerique"]) == set()


def test_admin_sees_every_edit_link(login, admin, org):
    body = login(admin).get(url(org["rh"])).content.decode()
    assert edit_links(body, org["rh"]) == set(EDIT_LINKS)


def test_archived_circle_shows_a_notice_and_no_edit_link(login, admin, org):
    services.circle_archive(circle=org["formation"], by=admin)
    body = login(admin).get(url(org["formation"])).content.decode()
    assert "Ce cercle est archivé depuis le" in body
    assert edit_links(body, org["formation"]) == set()


def test_circle_page_queries_do_not_grow(login, lead_link, admin, org, django_assert_num_queries):
    client = login(lead_link)

    def fill(n):
        for _ in range(n):
            number = org["rh"].roles.count()
            role = services.role_create(by=admin, circle=org["rh"], name=f"Rôle {number}")
            services.assignment_create(role=role, person=PersonFactory(), by=admin, share=10)
            services.circle_create(by=admin, name=f"Sous-cercle {role.pk}", parent=org["rh"])

    fill(3)
    # session; user; the circle and its parent; the circles the user leads; the
    # parent map for his abilities (he leads one); the breadcrumb (recursive query);
    # the sub-circles; the circle's roles; their holders with the people; then the
    # panels other apps add (cercles.core.panels): meetings' rating trend and upcoming
    # meetings, decisions and open proposals, the core roles and elections, polls and
    # consultations, open missions — one or two queries each.
    with django_assert_num_queries(19):
        client.get(url(org["rh"]))
    # The sub-circles, roles, holders, the decisions' and elections' panels are cached
    # until the organisation changes (cercles.core.fragments); open missions are not.
    with django_assert_num_queries(11):
        client.get(url(org["rh"]))
    fill(6)
    grow(admin, org, 3)
    # The decisions' panel stays cached: it follows the decisions, not the structure.
    with django_assert_num_queries(17):
        response = client.get(url(org["rh"]))
    assert response.content.decode().count("Sous-cercle ") == 9
    with django_assert_num_queries(11):
        cached = client.get(url(org["rh"]))

    def main(page):
        body = page.content.decode()
        return body[body.index("<main") : body.index("</main>")]

    assert main(cached) == main(response)


def test_cached_roles_and_members_follow_changes(login, agent, admin, org):
    client = login(agent)
    newcomer = PersonFactory(first_name="Zélie", last_name="Nouvelle")
    assert "Zélie Nouvelle" not in client.get(url(org["rh"])).content.decode()
    role = services.role_create(by=admin, circle=org["rh"], name="Référent télétravail")
    services.assignment_create(role=role, person=newcomer, by=admin, share=20)
    body = client.get(url(org["rh"])).content.decode()
    assert "Référent télétravail" in body and "Zélie Nouvelle" in body


# --- circle history -----------------------------------------------------------------


def history_url(circle):
    return reverse("organisation:circle_history", args=[circle.pk])


def test_circle_history_anonymous_is_sent_to_login(client, org):
    assert client.get(history_url(org["rh"])).status_code == 302


def test_circle_history_lists_its_changes_with_before_and_after(login, agent, admin, org):
    services.circle_update(circle=org["rh"], by=admin, name="RH", note="Plus court.")
    services.circle_move(circle=org["formation"], new_parent=org["numerique"], by=admin)
    body = login(agent).get(history_url(org["rh"])).content.decode()
    assert "Modification de cercle" in body
    assert "<td>Ressources humaines</td><td>RH</td>" in body
    assert "Plus court." in body
    assert "par Ada Admin" in body
    # Another circle's change is not listed here.
    assert '<span class="badge">Déplacement de cercle</span>' not in body

    body = login(agent).get(history_url(org["formation"])).content.decode()
    assert "<td>RH</td><td>Numérique</td>" in body


def test_circle_history_filters_by_action(login, agent, admin, org):
    services.circle_update(circle=org["rh"], by=admin, purpose="Nouvelle raison.")
    body = login(agent).get(history_url(org["rh"]), {"action": "circle_update"}).content.decode()
    assert body.count('class="card history-item"') == 1
    body = login(agent).get(history_url(org["rh"]), {"action": "nonsense"}).content.decode()
    assert body.count('class="card history-item"') == 6  # creation and four core roles, update


def test_circle_history_queries_do_not_grow(login, agent, admin, org, django_assert_num_queries):
    client = login(agent)
    # Cards not cached yet: session; user; the circle; the circles the user leads
    # (abilities); count; the ids of the page's changes; the changes with author,
    # circle, role and assignment; names of the parents in the page's moves.
    services.circle_move(circle=org["formation"], new_parent=org["numerique"], by=admin)
    with django_assert_num_queries(8):
        client.get(history_url(org["formation"]))
    # Cards and count cached: the same without the count and the last two.
    with django_assert_num_queries(5):
        client.get(history_url(org["formation"]))
    for i in range(5):
        services.circle_update(circle=org["formation"], by=admin, purpose=f"Raison {i}")
        services.role_create(by=admin, circle=org["formation"], name=f"Rôle {i}")
    with django_assert_num_queries(8):
        client.get(history_url(org["formation"]))
    with django_assert_num_queries(5):
        response = client.get(history_url(org["formation"]))
    assert response.content.decode().count('class="card history-item"') == 16
