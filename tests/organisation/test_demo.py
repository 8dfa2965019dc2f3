"""`manage.py load_demo`: the invented agglomeration, loaded once, reloaded on --reset."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum
from django.utils import timezone

from cercles.accounts.models import Person
from cercles.core.search import search_all
from cercles.organisation import demo as org_demo
from cercles.organisation import services
from cercles.organisation.demo import ADMIN_EMAIL, DEMO_PASSWORD
from cercles.organisation.models import (
    Assignment,
    ChangeAction,
    Circle,
    CircleKind,
    GovernanceChange,
    Role,
)

pytestmark = pytest.mark.django_db


def load(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def load_organisation_only():
    """The organisation demo alone: the people modules' demos add newcomers (onboarding)
    and today's assignments (missions) on top of the structure these tests describe."""
    org_demo.load(log=lambda *_: None)


def counts():
    return (
        Person.objects.count(),
        Circle.objects.count(),
        Role.objects.count(),
        Assignment.objects.count(),
        GovernanceChange.objects.count(),
    )


def test_load_twice_then_reset():
    output = load()
    assert "Démo chargée" in output
    assert "admin@agglo-demo.fr / cercles-demo" in output
    first = counts()
    assert first[0] == 65  # 60 agents, 4 newcomers (onboarding demo), the administrator
    assert first[1] == 14

    again = load()
    assert "déjà chargée" in again
    assert "admin@agglo-demo.fr / cercles-demo" in again
    assert counts() == first

    reset = load("--reset")
    assert "Démo chargée" in reset
    assert counts() == first


def test_refuses_to_mix_with_another_organisation(admin):
    services.circle_create(by=admin, name="Une autre organisation")
    with pytest.raises(CommandError, match="--reset"):
        load()
    assert Circle.objects.count() == 1


def test_accounts_and_logins():
    output = load()
    admin = Person.objects.get(email=ADMIN_EMAIL)
    assert (admin.is_org_admin, admin.is_superuser, admin.is_staff) == (True, True, True)
    assert admin.check_password(DEMO_PASSWORD)
    # Four logins: the admin, a lead link, an agent holding only plain roles, and the
    # coaching coordinator of the people demo.
    lines = [line for line in output.splitlines() if "/ cercles-demo" in line]
    assert len(lines) == 4 and "coordination du coaching" in lines[3]
    lead_email = lines[1].split()[-3]
    agent_email = lines[2].split()[-3]
    lead = Person.objects.get(email=lead_email)
    assert lead.check_password(DEMO_PASSWORD)
    assert (
        lead.assignments.current()
        .filter(role__core_role="lead_link", role__circle__name="Ressources humaines")
        .exists()
    )
    agent = Person.objects.get(email=agent_email)
    assert agent.assignments.current().exists()
    assert not agent.assignments.exclude(role__core_role="").exists()
    # Every agent (and each newcomer of the onboarding demo) has a demo address, a job, a
    # unit and a unique matricule.
    agents = Person.objects.exclude(pk=admin.pk)
    assert all(p.email.endswith("@agglo-demo.fr") for p in agents)
    assert all(p.job_title and p.unit and p.site and p.matricule for p in agents)
    assert agents.values("matricule").distinct().count() == 64
    # The organisation demo hashes the password once for its 61 accounts; the
    # onboarding demo's newcomers have their own hash of the same password.
    assert Person.objects.filter(password=admin.password).count() == 61
    newcomers = agents.exclude(password=admin.password)
    assert newcomers.count() == 4
    assert all(p.check_password(DEMO_PASSWORD) for p in newcomers)


def test_structure():
    load_organisation_only()
    active = Circle.objects.active()
    assert active.count() == 13
    top = active.get(parent__isnull=True)
    assert top.name == "Direction générale"
    assert active.get(name="Formation & compétences").parent.name == "Ressources humaines"
    assert active.get(name="Accueil téléphonique").parent.name == "Accueil du public"
    assert active.get(name="Réseau Innovation (iX)").kind == CircleKind.NETWORK
    assert active.get(name="Projet Guichet unique").kind == CircleKind.PROJECT
    for circle in active:
        assert circle.purpose and circle.domain_list() and circle.accountability_list()
        assert circle.colour.startswith("#")
        plain = circle.roles.active().filter(core_role="")
        assert 3 <= plain.count() <= 6, circle.name
        assert all(role.purpose for role in plain)
        assert circle.roles.filter(core_role="lead_link", assignments__end_date__isnull=True)
    # People hold roles in several circles, and most total 80-100 % of their time.
    totals = dict(
        Assignment.objects.current()
        .values("person")
        .annotate(total=Sum("share"))
        .values_list("person", "total")
    )
    assert len(totals) == 60
    assert sorted(t for t in totals.values() if t > 100) == [110, 120]
    assert sum(80 <= t <= 100 for t in totals.values()) == 58
    several = (
        Assignment.objects.current().values("person").annotate(n=Sum(1)).filter(n__gte=2).count()
    )
    assert several >= 30


def test_history_spreads_over_the_past_year():
    load_organisation_only()
    now = timezone.now()
    changes = GovernanceChange.objects.all()
    # The circle is recorded before its core roles, at the same moment.
    first = changes.order_by("at", "id").first()
    assert first.action == ChangeAction.CIRCLE_CREATE
    assert datetime.timedelta(days=330) < now - first.at < datetime.timedelta(days=380)
    # The structure's own history ends a week ago (the modules' demos add later changes:
    # decisions and elections, newcomers' and missions' roles).
    latest = changes.order_by("-at").first()
    assert now - latest.at > datetime.timedelta(days=7)
    actions = set(changes.values_list("action", flat=True))
    assert actions >= {
        ChangeAction.CIRCLE_CREATE,
        ChangeAction.CIRCLE_UPDATE,
        ChangeAction.CIRCLE_MOVE,
        ChangeAction.CIRCLE_ARCHIVE,
        ChangeAction.ROLE_CREATE,
        ChangeAction.ROLE_UPDATE,
        ChangeAction.ROLE_ARCHIVE,
        ChangeAction.ASSIGNMENT_CREATE,
        ChangeAction.ASSIGNMENT_END,
    }
    # Changes happen month after month, not all on one day.
    months = {(c.year, c.month) for c in changes.dates("at", "month")}
    assert len(months) >= 8
    # The renamed circle was "Systèmes d'information" eight months ago.
    numerique = Circle.objects.get(name="Numérique / Systèmes d'information")
    rename = numerique.changes.get(action=ChangeAction.CIRCLE_UPDATE)
    assert rename.before["name"] == "Systèmes d'information"
    assert rename.after["name"] == "Numérique / Systèmes d'information"
    # The QVT circle moved from HR to the top; the archived cell ended its assignments.
    qvt = Circle.objects.get(name="Qualité de vie au travail")
    move = qvt.changes.get(action=ChangeAction.CIRCLE_MOVE)
    assert move.before["parent_id"] == Circle.objects.get(name="Ressources humaines").pk
    assert move.after["parent_id"] == qvt.parent_id
    archived = Circle.objects.get(archived_at__isnull=False)
    assert archived.name == "Cellule Dématérialisation"
    assert not Assignment.objects.current().filter(role__circle=archived).exists()
    assert Assignment.objects.filter(role__circle=archived).count() == 3
    assert Assignment.objects.filter(end_date__isnull=False).count() >= 6


def test_demo_is_searchable():
    load()
    admin = Person.objects.get(email=ADMIN_EMAIL)
    result = search_all("formations", user=admin)
    assert "Formation & compétences" in [c.name for c in result["circles"]]
    assert search_all("dematerialisation", user=admin)["circles"] == []
