import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cercles.organisation import services
from cercles.organisation.models import Assignment, ChangeAction, CoreRole, GovernanceChange
from tests.factories import PersonFactory


def test_circle_create_makes_four_core_roles_and_records_history(admin):
    circle = services.circle_create(by=admin, name="Accueil", purpose="Accueillir le public.")
    assert sorted(circle.roles.values_list("core_role", flat=True)) == sorted(CoreRole.values)
    actions = list(GovernanceChange.objects.filter(circle=circle).values_list("action", flat=True))
    assert actions.count(ChangeAction.CIRCLE_CREATE) == 1
    assert actions.count(ChangeAction.ROLE_CREATE) == 4
    change = GovernanceChange.objects.get(circle=circle, action=ChangeAction.CIRCLE_CREATE)
    assert change.by == admin
    assert change.before is None
    assert change.after["name"] == "Accueil"
    assert change.after["purpose"] == "Accueillir le public."


def test_circle_update_records_before_and_after(admin, org):
    services.circle_update(circle=org["rh"], by=admin, purpose="Prendre soin des agents.")
    change = GovernanceChange.objects.filter(action=ChangeAction.CIRCLE_UPDATE).get()
    assert change.changed_fields == [("purpose", "", "Prendre soin des agents.")]


def test_circle_update_without_change_records_nothing(admin, org):
    count = GovernanceChange.objects.count()
    services.circle_update(circle=org["rh"], by=admin, name="Ressources humaines")
    assert GovernanceChange.objects.count() == count


def test_circle_move_refuses_a_cycle(admin, org):
    with pytest.raises(ValidationError) as excinfo:
        services.circle_move(circle=org["rh"], new_parent=org["formation"], by=admin)
    assert "sous-cercles" in str(excinfo.value)
    org["rh"].refresh_from_db()
    assert org["rh"].parent == org["direction"]


def test_circle_archive_refuses_when_subcircles_are_active(admin, org):
    with pytest.raises(ValidationError):
        services.circle_archive(circle=org["rh"], by=admin)


def test_circle_archive_ends_assignments(admin, org):
    person = PersonFactory()
    role = services.role_create(by=admin, circle=org["formation"], name="Formateur interne")
    assignment = services.assignment_create(
        role=role,
        person=person,
        by=admin,
        share=20,
        start_date=timezone.localdate() - datetime.timedelta(days=10),
    )
    services.circle_archive(circle=org["formation"], by=admin)
    assignment.refresh_from_db()
    assert assignment.end_date == timezone.localdate()
    assert not Assignment.objects.current().filter(person=person).exists()
    role.refresh_from_db()
    assert role.is_archived


def test_core_role_cannot_be_archived(admin, org):
    with pytest.raises(ValidationError):
        services.role_archive(role=org["rh"].roles.get(core_role=CoreRole.SECRETARY), by=admin)


def test_assignment_twice_to_same_role_is_refused(admin, org):
    person = PersonFactory()
    role = services.role_create(by=admin, circle=org["rh"], name="Paie")
    services.assignment_create(role=role, person=person, by=admin, share=30)
    with pytest.raises(ValidationError):
        services.assignment_create(role=role, person=person, by=admin, share=30)


def test_assignment_share_above_100_is_invalid(admin, org):
    role = services.role_create(by=admin, circle=org["rh"], name="Paie")
    with pytest.raises(ValidationError):
        services.assignment_create(role=role, person=PersonFactory(), by=admin, share=120)
    assert not role.assignments.exists()


def test_total_share_counts_current_assignments_only(admin, org):
    person = PersonFactory()
    today = timezone.localdate()
    r1 = services.role_create(by=admin, circle=org["rh"], name="Paie")
    r2 = services.role_create(by=admin, circle=org["numerique"], name="Support")
    a1 = services.assignment_create(
        role=r1, person=person, by=admin, share=70, start_date=today - datetime.timedelta(days=5)
    )
    services.assignment_create(role=r2, person=person, by=admin, share=40)
    assert services.person_total_share(person) == 110
    services.assignment_end(assignment=a1, by=admin)
    assert services.person_total_share(person) == 40


def test_overlapping_assignments_to_the_same_role_are_refused(admin, org):
    person = PersonFactory()
    role = services.role_create(by=admin, circle=org["rh"], name="Paie")
    today = timezone.localdate()
    services.assignment_create(
        role=role,
        person=person,
        by=admin,
        share=30,
        start_date=today - datetime.timedelta(days=100),
    )
    # Starting earlier would overlap the open-ended assignment.
    with pytest.raises(ValidationError):
        services.assignment_create(
            role=role,
            person=person,
            by=admin,
            share=30,
            start_date=today - datetime.timedelta(days=400),
        )
    # A closed period before it is fine.
    services.assignment_create(
        role=role,
        person=person,
        by=admin,
        share=30,
        start_date=today - datetime.timedelta(days=400),
        end_date=today - datetime.timedelta(days=200),
    )
    assert role.assignments.count() == 2


def test_only_admins_date_assignments_in_the_past(admin, org, lead_link):
    role = services.role_create(by=admin, circle=org["rh"], name="Paie")
    last_year = timezone.localdate() - datetime.timedelta(days=365)
    with pytest.raises(ValidationError) as excinfo:
        services.assignment_create(
            role=role, person=PersonFactory(), by=lead_link, share=10, start_date=last_year
        )
    assert "administrateur" in str(excinfo.value)
    assert not role.assignments.exists()
    services.assignment_create(
        role=role, person=PersonFactory(), by=admin, share=10, start_date=last_year
    )
    assert role.assignments.count() == 1


def test_deactivation_ends_current_roles_and_cancels_future_ones(admin, org):
    from cercles.accounts.services import person_deactivate

    person = PersonFactory()
    today = timezone.localdate()
    now_role = services.role_create(by=admin, circle=org["rh"], name="Paie")
    later_role = services.role_create(by=admin, circle=org["numerique"], name="Support")
    services.assignment_create(
        role=now_role,
        person=person,
        by=admin,
        share=50,
        start_date=today - datetime.timedelta(days=30),
    )
    later = services.assignment_create(
        role=later_role,
        person=person,
        by=admin,
        share=50,
        start_date=today + datetime.timedelta(days=10),
    )
    person_deactivate(person=person, by=admin)
    person.refresh_from_db()
    later.refresh_from_db()
    assert person.is_active is False
    assert not Assignment.objects.current().filter(person=person).exists()
    # The future assignment is cancelled: it ends on its first day, so it is never held.
    assert later.end_date == later.start_date
    assert not Assignment.objects.current(later.start_date).filter(person=person).exists()


def test_live_role_names_are_unique_in_a_circle(admin, org):
    role = services.role_create(by=admin, circle=org["rh"], name="Paie")
    with pytest.raises(ValidationError) as excinfo:
        services.role_create(by=admin, circle=org["rh"], name="PAIE")
    assert excinfo.value.messages == ["Ce cercle a déjà un rôle de ce nom."]
    # Another circle may use the name, and an archived role frees it.
    services.role_create(by=admin, circle=org["numerique"], name="Paie")
    services.role_archive(role=role, by=admin)
    services.role_create(by=admin, circle=org["rh"], name="Paie")
    assert org["rh"].roles.filter(name="Paie").count() == 2
