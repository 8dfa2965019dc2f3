"""The organisation as it was on a past date, rebuilt from the governance snapshots."""

import datetime

from django.urls import reverse
from django.utils import timezone

from cercles.organisation import services
from cercles.organisation.selectors import (
    AsOf,
    organisation_as_of,
    organisation_live,
    parse_as_of,
    role_counts_as_of,
)
from tests.factories import PersonFactory

from .conftest import date_ago


def names(org):
    return sorted(c.name for c in org.circles.values())


def moment(n_days):
    return AsOf(date=date_ago(n_days)).moment


def test_parse_as_of_reads_an_iso_date():
    day = date_ago(10)
    as_of = parse_as_of(day.isoformat())
    assert as_of.date == day
    assert as_of.error == ""
    assert as_of.query == f"?date={day.isoformat()}"


def test_parse_as_of_refuses_bad_dates_in_french():
    for value in ("2024-13-45", "hier", "12/03/2024", "20240312"):
        as_of = parse_as_of(value)
        assert as_of.date is None
        assert "n'est pas valide" in as_of.error
        assert "AAAA-MM-JJ" in as_of.error


def test_parse_as_of_treats_the_future_and_today_as_today():
    future = parse_as_of((timezone.localdate() + datetime.timedelta(days=3)).isoformat())
    assert future.date is None
    assert "futur" in future.error
    today = parse_as_of(timezone.localdate().isoformat())
    assert today.date is None and today.error == ""
    assert parse_as_of("").date is None and parse_as_of(None).error == ""


def test_moment_is_the_end_of_the_day_in_paris():
    as_of = AsOf(date=datetime.date(2024, 3, 12))
    assert as_of.moment.isoformat().startswith("2024-03-12T23:59:59.999999+01:00")


def test_organisation_as_of_replays_renames_moves_and_archives(history_org):
    before_rename = organisation_as_of(moment(80))
    assert names(before_rename) == ["Projet Alpha", "Service client", "Siège"]
    alpha = before_rename.circles[history_org["alpha"].pk]
    assert alpha.parent_id == history_org["siege"].pk
    assert before_rename.circles[history_org["client"].pk].purpose == "Répondre aux usagers."

    after_move = organisation_as_of(moment(30))
    assert names(after_move) == ["Projet Alpha", "Relation usagers", "Siège"]
    assert after_move.circles[history_org["alpha"].pk].parent_id == history_org["client"].pk
    assert [c.name for c in after_move.ancestors(history_org["alpha"].pk)] == [
        "Siège",
        "Relation usagers",
    ]

    after_archive = organisation_as_of(moment(10))
    assert names(after_archive) == ["Relation usagers", "Siège"]

    assert names(organisation_live()) == ["Nouveau cercle", "Relation usagers", "Siège"]


def test_nothing_existed_before_the_first_change(history_org):
    assert len(organisation_as_of(moment(200))) == 0


def test_roles_as_of_use_their_old_names_and_counts(history_org):
    org = organisation_as_of(moment(80), roles=True)
    client_roles = [r.name for r in org.roles_by_circle[history_org["client"].pk]]
    # Core roles first, then the others by name.
    assert client_roles == [
        "Premier lien",
        "Second lien",
        "Facilitateur",
        "Secrétaire",
        "Conseiller",
    ]
    counts = role_counts_as_of(moment(80))
    assert counts[history_org["client"].pk] == 5
    assert counts[history_org["alpha"].pk] == 5
    assert history_org["alpha"].pk not in role_counts_as_of(moment(10))
    later = organisation_as_of(moment(50), roles=True)
    assert "Conseiller usagers" in [r.name for r in later.roles_by_circle[history_org["client"].pk]]


def test_as_of_costs_one_query_per_kind_whatever_the_size(history_org, django_assert_num_queries):
    # Circles' latest snapshots; role counts; roles' latest snapshots.
    with django_assert_num_queries(3):
        organisation_as_of(moment(30), role_counts=True, roles=True)


# --- pages ------------------------------------------------------------------------


def test_chart_as_of_shows_the_past_organisation(login, agent, history_org):
    client = login(agent)
    day = date_ago(80)
    response = client.get(reverse("organisation:chart"), {"date": day.isoformat()})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Organisation au" in body
    assert "Service client" in body
    assert "Projet Alpha" in body
    assert "Relation usagers" not in body
    assert "Nouveau cercle" not in body
    # Links carry the date along.
    assert f"/circles/{history_org['client'].pk}/?date={day.isoformat()}" in body


def test_chart_after_the_archive_hides_the_archived_circle(login, agent, history_org):
    response = login(agent).get(reverse("organisation:chart"), {"date": date_ago(10).isoformat()})
    body = response.content.decode()
    assert "Relation usagers" in body
    assert "Projet Alpha" not in body


def test_chart_with_a_bad_date_shows_today_and_a_french_message(login, agent, history_org):
    response = login(agent).get(reverse("organisation:chart"), {"date": "31/02/2024"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "n&#x27;est pas valide" in body
    assert "Nouveau cercle" in body
    assert "Organisation au" not in body


def test_chart_with_a_future_date_shows_today(login, agent, history_org):
    future = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    response = login(agent).get(reverse("organisation:chart"), {"date": future})
    body = response.content.decode()
    assert response.status_code == 200
    assert "dans le futur" in body
    assert "Nouveau cercle" in body


def test_circle_page_as_of_shows_old_name_purpose_roles_and_holders(login, agent, history_org):
    url = reverse("organisation:circle_detail", args=[history_org["client"].pk])
    body = login(agent).get(url, {"date": date_ago(80).isoformat()}).content.decode()
    assert "<h1>Service client" in body
    assert "Répondre aux usagers." in body
    assert ">Conseiller</a>" in body
    assert "Paul Passé" in body
    # Projet Alpha was not yet below it.
    assert "Projet Alpha" not in body

    body = login(agent).get(url, {"date": date_ago(30).isoformat()}).content.decode()
    assert "<h1>Relation usagers" in body
    assert ">Conseiller usagers</a>" in body
    assert "Projet Alpha" in body  # moved below it 40 days ago
    assert "Paul Passé" not in body  # his assignment ended 40 days ago

    body = login(agent).get(url).content.decode()
    assert "<h1>Relation usagers" in body
    assert "Projet Alpha" not in body  # archived


def test_circle_page_as_of_before_its_creation_says_so(login, agent, history_org):
    url = reverse("organisation:circle_detail", args=[history_org["nouveau"].pk])
    response = login(agent).get(url, {"date": date_ago(5).isoformat()})
    assert response.status_code == 200
    assert "Ce cercle n'existait pas, ou était archivé" in response.content.decode()


def test_circle_page_as_of_hides_edit_links(login, admin, history_org):
    url = reverse("organisation:circle_detail", args=[history_org["client"].pk])
    body = login(admin).get(url, {"date": date_ago(80).isoformat()}).content.decode()
    assert "/edit/" not in body
    body = login(admin).get(url).content.decode()
    assert f"/circles/{history_org['client'].pk}/edit/" in body


def test_person_page_as_of_shows_the_roles_held_that_day(login, agent, history_org):
    url = reverse("organisation:person_detail", args=[history_org["paul"].pk])
    body = login(agent).get(url, {"date": date_ago(80).isoformat()}).content.decode()
    assert ">Conseiller</a>" in body
    assert ">Service client</a>" in body
    assert ">Chef de projet</a>" in body
    assert '<td class="total-share">110 %</td>' in body
    assert 'role="alert"' in body

    body = login(agent).get(url, {"date": date_ago(30).isoformat()}).content.decode()
    assert '<td class="total-share">70 %</td>' in body
    assert "plus de 100 %" not in body

    body = login(agent).get(url).content.decode()
    assert "Aucun rôle tenu." in body
    assert "Conseiller usagers" in body  # in the past roles, under today's name


def test_person_page_as_of_costs_constant_queries(
    login, agent, admin, history_org, django_assert_num_queries
):
    client = login(agent)
    url = reverse("organisation:person_detail", args=[history_org["paul"].pk])
    params = {"date": date_ago(80).isoformat()}
    # session; user; the person; his assignments with roles and circles; their
    # share and focus of that day; the roles' snapshots; the circles' snapshots.
    with django_assert_num_queries(7):
        client.get(url, params)


def test_past_dates_show_the_share_and_focus_of_that_day(login, agent, admin):
    from .conftest import days_ago

    circle = services.circle_create(by=admin, name="Accueil", at=days_ago(90))
    role = services.role_create(by=admin, circle=circle, name="Agent d'accueil", at=days_ago(90))
    person = PersonFactory(first_name="Yves", last_name="Temps")
    assignment = services.assignment_create(
        role=role,
        person=person,
        by=admin,
        share=30,
        focus="Matin",
        start_date=date_ago(60),
        at=days_ago(60),
    )
    services.assignment_update(
        assignment=assignment, by=admin, share=80, focus="Journée", at=days_ago(10)
    )
    client = login(agent)
    then = {"date": date_ago(30).isoformat()}
    for url in (
        reverse("organisation:person_detail", args=[person.pk]),
        reverse("organisation:role_detail", args=[role.pk]),
        reverse("organisation:circle_detail", args=[circle.pk]),
    ):
        past = client.get(url, then).content.decode()
        assert "30 %" in past and "Matin" in past, url
        assert "80 %" not in past and "Journée" not in past, url
        today = client.get(url).content.decode()
        assert "80 %" in today and "Journée" in today, url
