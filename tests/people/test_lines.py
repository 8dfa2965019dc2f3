"""Reporting line and circle mates, from the current assignments, in three queries."""

import datetime

import pytest
from django.utils import timezone

from cercles.accounts.services import person_deactivate
from cercles.organisation import services as org_services
from cercles.people import lines
from tests.conftest import core_role
from tests.factories import PersonFactory


def test_lines_of_a_member_of_a_sub_circle(
    org, admin, member, lead_link, agent, django_assert_num_queries
):
    # Formation (under RH): a trainer; Direction générale led by the director.
    director = PersonFactory(first_name="Diane", last_name="Directrice")
    org_services.assignment_create(
        role=core_role(org["direction"]), person=director, by=admin, share=50
    )
    role = org_services.role_create(by=admin, circle=org["formation"], name="Formateur")
    trainer = PersonFactory(first_name="Théo", last_name="Formateur")
    org_services.assignment_create(role=role, person=trainer, by=admin, share=100)
    ids = [trainer.pk, member.pk, agent.pk]
    with django_assert_num_queries(3):
        line = lines.reporting_line(ids)
    # Formation has no lead link: the line climbs to RH's and the direction's.
    assert line == {
        trainer.pk: {lead_link.pk, director.pk},
        member.pk: {lead_link.pk, director.pk},
        agent.pk: set(),
    }
    # circles held, lead links, the circle tree.
    with django_assert_num_queries(3):
        direct = lines.direct_lead_links(ids)
    # Formation has no lead link: its trainer answers to RH's.
    assert direct == {trainer.pk: {lead_link.pk}, member.pk: {lead_link.pk}, agent.pk: set()}
    with django_assert_num_queries(2):
        mates = lines.circle_mates(ids)
    assert (
        mates[member.pk] == {lead_link.pk}
        and mates[trainer.pk] == set()
        and mates[agent.pk] == set()
    )


@pytest.fixture
def tree(org, admin, lead_link, member):
    """Direction générale > (Ressources humaines > Formation, Numérique), everyone in
    place for two months unless said otherwise:
    - Diane leads the direction, Nina leads Numérique, Léa leads RH (a month ago);
    - Théo and Tom hold a role in Formation, which has no lead link;
    - Bob holds a role in RH and one in Numérique;
    - Ancien held a role in RH until today (ended), Archi held « Archives » in
      Numérique until the role was archived today, Futur takes up « Projet » in
      Numérique in ten days but the role was archived today, Gaston (Formation) left
      the organisation today, Nouveau starts in RH tomorrow."""
    today = timezone.localdate()
    before = today - datetime.timedelta(days=60)

    def hold(role, first_name, **dates):
        person = PersonFactory(first_name=first_name, last_name="Test")
        org_services.assignment_create(
            role=role, person=person, by=admin, share=20, **{"start_date": before, **dates}
        )
        return person

    def role(circle, name):
        return org_services.role_create(by=admin, circle=org[circle], name=name)

    people = {
        "diane": hold(core_role(org["direction"]), "Diane"),
        "nina": hold(core_role(org["numerique"]), "Nina"),
        "theo": hold(role("formation", "Formateur"), "Théo"),
        "tom": hold(role("formation", "Tuteur"), "Tom"),
        "gaston": hold(role("formation", "Gestionnaire"), "Gaston"),
        "ancien": hold(role("rh", "Ancien rôle"), "Ancien", end_date=today),
        "nouveau": hold(
            role("rh", "Nouveau rôle"), "Nouveau", start_date=today + datetime.timedelta(days=1)
        ),
    }
    people["bob"] = hold(role("rh", "Paie"), "Bob")
    org_services.assignment_create(
        role=role("numerique", "Données"),
        person=people["bob"],
        by=admin,
        share=50,
        start_date=before,
    )
    archives = role("numerique", "Archives")
    people["archi"] = hold(archives, "Archi")
    projet = role("numerique", "Projet")
    people["futur"] = hold(projet, "Futur", start_date=today + datetime.timedelta(days=10))
    org_services.role_archive(role=archives, by=admin)
    org_services.role_archive(role=projet, by=admin)
    person_deactivate(person=people["gaston"], by=admin)
    people.update(lea=lead_link, marc=member)
    return people


def ids(tree, *names):
    return {tree[name].pk for name in names}


def test_reporting_line_climbs_nested_circles_from_current_assignments_only(
    tree, django_assert_num_queries
):
    people = list(tree)
    with django_assert_num_queries(3):
        line = lines.reporting_line(tree[name].pk for name in people)  # any iterable
    expected = {
        "diane": set(),  # leads the top circle
        "nina": ids(tree, "diane"),  # a lead link answers to the circle above
        "lea": ids(tree, "diane"),
        "marc": ids(tree, "lea", "diane"),
        "theo": ids(tree, "lea", "diane"),  # Formation has no lead link: RH's, then up
        "tom": ids(tree, "lea", "diane"),
        "bob": ids(tree, "lea", "nina", "diane"),  # two circles, two lines
        "ancien": set(),  # his role ended today
        "archi": set(),  # his role was archived today
        "futur": set(),  # not started
        "gaston": set(),  # left
        "nouveau": set(),  # starts tomorrow
    }
    assert line == {tree[name].pk: expected[name] for name in people}


def test_direct_lead_links_and_circle_mates(tree, django_assert_num_queries):
    people = list(tree)
    # circles held, lead links, the circle tree.
    with django_assert_num_queries(3):
        direct = lines.direct_lead_links([tree[name].pk for name in people])
    assert direct == {
        tree[name].pk: expected
        for name, expected in {
            "diane": set(),  # leads the top circle
            "nina": ids(tree, "diane"),  # a lead link answers to the circle above
            "lea": ids(tree, "diane"),
            "marc": ids(tree, "lea"),
            "theo": ids(tree, "lea"),  # Formation has no lead link: RH's
            "tom": ids(tree, "lea"),
            "bob": ids(tree, "lea", "nina"),
            "ancien": set(),
            "archi": set(),
            "futur": set(),
            "gaston": set(),
            "nouveau": set(),
        }.items()
    }
    with django_assert_num_queries(2):
        mates = lines.circle_mates([tree[name].pk for name in people])
    assert mates == {
        tree[name].pk: expected
        for name, expected in {
            "diane": set(),
            "nina": ids(tree, "bob"),
            "lea": ids(tree, "marc", "bob"),
            "marc": ids(tree, "lea", "bob"),
            "theo": ids(tree, "tom"),  # not Gaston, who left
            "tom": ids(tree, "theo"),
            "bob": ids(tree, "lea", "marc", "nina"),
            "ancien": set(),
            "archi": set(),
            "futur": set(),
            "gaston": set(),
            "nouveau": set(),
        }.items()
    }


def test_lines_on_another_day(tree):
    """Yesterday Ancien still held his role and Archi his archived one; in ten days
    Nouveau is in RH, and Futur's archived role is held by nobody."""
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    names = ("ancien", "archi", "nouveau", "futur", "marc")
    direct = lines.direct_lead_links([tree[n].pk for n in names], on=yesterday)
    assert direct == {
        tree["ancien"].pk: ids(tree, "lea"),
        tree["archi"].pk: ids(tree, "nina"),
        tree["nouveau"].pk: set(),
        tree["futur"].pk: set(),
        tree["marc"].pk: set(),  # took up his role today
    }
    assert lines.reporting_line([tree["archi"].pk], on=yesterday) == {
        tree["archi"].pk: ids(tree, "nina", "diane")
    }
    assert lines.circle_mates([tree["nina"].pk], on=yesterday) == {
        tree["nina"].pk: ids(tree, "bob", "archi")
    }
    later = today + datetime.timedelta(days=10)
    direct = lines.direct_lead_links([tree[n].pk for n in names], on=later)
    assert direct == {
        tree["ancien"].pk: set(),
        tree["archi"].pk: set(),
        tree["nouveau"].pk: ids(tree, "lea"),
        tree["futur"].pk: set(),
        tree["marc"].pk: ids(tree, "lea"),
    }
    assert lines.circle_mates([tree["lea"].pk], on=later) == {
        tree["lea"].pk: ids(tree, "marc", "bob", "nouveau")
    }


def test_no_people_no_line(db, django_assert_num_queries):
    assert lines.reporting_line([]) == {}
    assert lines.direct_lead_links(iter([])) == {}
    assert lines.circle_mates([]) == {}
