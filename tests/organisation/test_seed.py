"""`manage.py seed`: bulk data that every page can rely on (tested at the team scale)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cercles.accounts.models import Person
from cercles.core.search import search_all
from cercles.lib.text import fold
from cercles.organisation import services
from cercles.organisation.models import (
    Assignment,
    ChangeAction,
    Circle,
    CoreRole,
    GovernanceChange,
    Role,
)
from cercles.organisation.seed import SEED_DOMAIN, SEED_PASSWORD

pytestmark = pytest.mark.django_db


def seed(*args):
    out = StringIO()
    call_command("seed", "--scale", "team", *args, stdout=out)
    return out.getvalue()


def depth(circle, parents):
    level = 0
    while parents[circle] is not None:
        circle = parents[circle]
        level += 1
    return level


def test_team_scale_counts_and_tree():
    output = seed()
    assert "51 personnes, 8 cercles, 56 rôles (dont 32 structurels)" in output
    assert Person.objects.count() == 51
    assert Circle.objects.count() == 8
    assert Role.objects.count() == 8 * 4 + 24
    parents = dict(Circle.objects.values_list("id", "parent_id"))
    assert list(parents.values()).count(None) == 1
    assert all(parent is None or parent in parents for parent in parents.values())
    assert max(depth(c, parents) for c in parents) == 2  # three levels
    for circle in Circle.objects.all():
        cores = sorted(circle.roles.exclude(core_role="").values_list("core_role", flat=True))
        assert cores == sorted(CoreRole.values)
        assert circle.search_text == fold(f"{circle.name} {circle.purpose}")
        if circle.parent_id:
            assert circle.created_at > Circle.objects.get(pk=circle.parent_id).created_at


def test_rows_are_coherent():
    seed()
    assert Assignment.objects.count() >= 40
    for assignment in Assignment.objects.select_related("role__circle", "person"):
        assert assignment.person.is_active
        assert assignment.role.circle.archived_at is None
        assert 0 <= assignment.share <= 100
        assert assignment.start_date >= assignment.role.created_at.date()
    for role in Role.objects.all():
        assert role.search_text == fold(f"{role.name} {role.purpose}")
    for person in Person.objects.all():
        assert person.search_text == person.compute_search_text()
        assert person.email.endswith(f"@{SEED_DOMAIN}")
    admin = Person.objects.get(email=f"admin@{SEED_DOMAIN}")
    assert admin.is_org_admin and admin.check_password(SEED_PASSWORD)
    assert Person.objects.filter(password=admin.password).count() == 51


def test_a_governance_change_per_creation_in_the_services_format(admin):
    seed("--force")
    for circle in Circle.objects.all():
        change = GovernanceChange.objects.get(action=ChangeAction.CIRCLE_CREATE, circle=circle)
        assert change.after == circle.snapshot()
        assert change.at == circle.created_at
    for role in Role.objects.all():
        change = GovernanceChange.objects.get(action=ChangeAction.ROLE_CREATE, role=role)
        assert change.after == role.snapshot()
        assert change.circle_id == role.circle_id
    for assignment in Assignment.objects.select_related("role"):
        change = GovernanceChange.objects.get(
            action=ChangeAction.ASSIGNMENT_CREATE, assignment=assignment
        )
        assert change.after == assignment.snapshot()
        assert change.circle_id == assignment.role.circle_id
    # Same keys as the rows the services write.
    made = services.circle_create(by=admin, name="Cercle témoin")
    service_change = made.changes.get(action=ChangeAction.CIRCLE_CREATE)
    seeded_change = GovernanceChange.objects.filter(action=ChangeAction.CIRCLE_CREATE).first()
    assert set(seeded_change.after) == set(service_change.after)


def test_refuses_existing_data_unless_forced(admin):
    services.circle_create(by=admin, name="Organisation existante")
    with pytest.raises(CommandError, match="--force"):
        seed()
    assert Circle.objects.count() == 1
    seed("--force")
    assert Circle.objects.count() == 8
    assert not Circle.objects.filter(name="Organisation existante").exists()
    # Seeding again on top of a seeded base replaces it instead of doubling it.
    seed("--force")
    assert Circle.objects.count() == 8
    assert Person.objects.filter(email__endswith=f"@{SEED_DOMAIN}").count() == 51


def test_seeded_rows_are_searchable():
    seed()
    admin = Person.objects.get(email=f"admin@{SEED_DOMAIN}")
    circle = Circle.objects.filter(parent__isnull=False).order_by("id").first()
    found = search_all(circle.name, user=admin)["circles"]
    assert circle in found
    person = Person.objects.exclude(pk=admin.pk).order_by("id").first()
    assert person in search_all(f"{person.first_name} {person.last_name}", user=admin)["people"]
