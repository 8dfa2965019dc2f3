"""Bulk seeding of large, coherent organisations for load tests (`manage.py seed`).

The services write one row at a time with validation and history, which is right for
real changes but takes hours for 100,000 people. The seeder writes the same rows with
`bulk_create` in large batches instead, and still produces data every page can rely
on: a circle tree 3 to 5 levels deep, the four core roles in each circle, assignments
with shares, `search_text` folded as the services fold it, and a GovernanceChange with
the services' snapshot format for each circle, role and assignment creation, dated in
the past so the history and the as-of views have something to show.
"""

import datetime
import random
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from faker import Faker

from cercles.accounts.models import Person
from cercles.core import fragments
from cercles.lib.text import fold

from .models import (
    Assignment,
    ChangeAction,
    Circle,
    CircleKind,
    CoreRole,
    GovernanceChange,
    Role,
)
from .services import CORE_ROLE_PURPOSES

SEED_DOMAIN = "cercles-seed.test"
SEED_PASSWORD = "cercles-demo"
BATCH = 2000


@dataclass(frozen=True)
class Scale:
    people: int
    levels: tuple[int, ...]  # circles per level of the tree, the root first
    plain_roles: int  # non-core roles; each circle also has its 4 core roles
    root_name: str

    @property
    def circles(self) -> int:
        return sum(self.levels)


SCALES = {
    "team": Scale(50, (1, 3, 4), 24, "Collectif de démonstration"),
    "metropole": Scale(7_500, (1, 9, 60, 330, 600), 5_000, "Métropole de démonstration"),
    "state": Scale(100_000, (1, 14, 185, 1_800, 8_000), 50_000, "Réseau de l'État (démonstration)"),
}

DIRECTIONS = [
    "Direction des ressources humaines",
    "Direction des finances et de la commande publique",
    "Direction des mobilités et de la voirie",
    "Direction de l'eau et de l'assainissement",
    "Direction de la culture et du patrimoine",
    "Direction de l'éducation et de la jeunesse",
    "Direction de l'urbanisme et de l'habitat",
    "Direction de la transition écologique",
    "Direction du numérique et des systèmes d'information",
    "Direction des solidarités et de la santé",
    "Direction du développement économique",
    "Direction des sports et des loisirs",
    "Direction de la sécurité et de la prévention",
    "Direction des relations aux usagers",
    "Direction des affaires juridiques",
    "Direction de la propreté urbaine",
]
SERVICES = [
    "Paie et carrières",
    "Recrutement",
    "Formation",
    "Budget",
    "Marchés publics",
    "Comptabilité",
    "Travaux neufs",
    "Entretien des routes",
    "Éclairage public",
    "Réseaux d'eau",
    "Station d'épuration",
    "Bibliothèques",
    "Musées",
    "Archives",
    "Écoles",
    "Petite enfance",
    "Permis de construire",
    "Logement",
    "Espaces verts",
    "Déchets",
    "Infrastructures",
    "Applications métier",
    "Assistance utilisateurs",
    "Action sociale",
    "Santé publique",
    "Emploi et insertion",
    "Commerce et artisanat",
    "Équipements sportifs",
    "Police municipale",
    "Accueil et état civil",
    "Contentieux",
    "Assemblées",
    "Collecte",
    "Nettoiement",
    "Parc automobile",
    "Bâtiments",
]
SECTORS = ["Nord", "Sud", "Est", "Ouest", "Centre", "Littoral", "Plateau", "Vallée"]
MISSIONS = [
    "un service public de qualité, simple et accessible",
    "la continuité du service aux habitants",
    "des décisions éclairées et partagées",
    "un cadre de travail sûr et motivant pour les agents",
    "une gestion sobre des ressources",
    "des projets menés à bien, dans les délais",
]
PUBLICS = ["les habitants", "les usagers", "les agents", "les communes membres", "les partenaires"]
DOMAIN_LINES = [
    "Planning de l'équipe",
    "Budget de fonctionnement du service",
    "Procédures internes",
    "Relations avec les usagers du secteur",
    "Matériel et véhicules",
    "Outils numériques métier",
    "Tableaux de bord",
]
ACCOUNTABILITY_LINES = [
    "Répondre aux demandes dans les délais annoncés",
    "Tenir à jour les indicateurs d'activité",
    "Informer le cercle parent des difficultés rencontrées",
    "Accueillir et accompagner les nouveaux arrivants",
    "Proposer des améliorations du service",
    "Suivre l'exécution du budget",
]
ROLES = [
    ("Référent qualité", "Faire progresser la qualité du service rendu."),
    ("Chargé de mission", "Conduire les projets confiés par le cercle."),
    ("Gestionnaire administratif", "Tenir les dossiers administratifs à jour."),
    ("Correspondant numérique", "Relayer les besoins numériques de l'équipe."),
    ("Référent sécurité", "Veiller à la sécurité des agents et des usagers."),
    ("Formateur interne", "Transmettre les savoir-faire du métier."),
    ("Tuteur des nouveaux arrivants", "Accompagner les nouveaux agents dans leurs débuts."),
    ("Chargé d'accueil", "Accueillir, informer et orienter les usagers."),
    ("Technicien", "Assurer les interventions techniques du secteur."),
    ("Assistant de gestion", "Préparer et suivre les engagements et les factures."),
    ("Référent RGPD", "Veiller à la protection des données personnelles."),
    ("Animateur de réseau", "Faire vivre les échanges entre les équipes."),
    ("Chargé de communication", "Faire connaître l'action du cercle."),
    ("Coordinateur des plannings", "Organiser la présence et les remplacements."),
    ("Référent achats", "Préparer les besoins d'achat et suivre les marchés."),
]
JOB_TITLES = [
    "Adjoint administratif",
    "Rédacteur",
    "Attaché territorial",
    "Technicien territorial",
    "Ingénieur territorial",
    "Agent de maîtrise",
    "Adjoint technique",
    "Assistant socio-éducatif",
    "Chef de service",
    "Chargé d'études",
]
SITES = ["Hôtel de métropole", "Centre technique", "Maison des services", "Pôle Nord", "Pôle Sud"]
FOCUSES = ["Secteur nord", "Secteur sud", "Marchés de travaux", "Accueil du samedi", "Projets"]


@contextmanager
def given_timestamps(*models):
    """Let bulk_create keep the past created_at/updated_at we set (auto_now* would overwrite)."""
    fields = [m._meta.get_field(name) for m in models for name in ("created_at", "updated_at")]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def has_data() -> bool:
    return Circle.objects.exists() or Person.objects.filter(is_superuser=False).exists()


@transaction.atomic
def wipe(*, email_domains=(SEED_DOMAIN,)) -> None:
    """Delete the whole organisation, and the people whose e-mail is in `email_domains`."""
    fragments.bump(fragments.ORGANISATION)
    GovernanceChange.objects.all().delete()
    Assignment.objects.all().delete()
    Role.objects.all().delete()
    # Circles protect their parent: detach them first so one DELETE takes them all.
    Circle.objects.update(parent=None)
    Circle.objects.all().delete()
    for domain in email_domains:
        Person.objects.filter(email__iendswith=f"@{domain}").delete()


class _Changes:
    """Buffers GovernanceChange rows and writes them in batches."""

    def __init__(self, by_id):
        self.by_id = by_id
        self.rows = []
        self.count = 0

    def add(self, *, action, at, circle_id, after, role_id=None, assignment_id=None):
        self.rows.append(
            GovernanceChange(
                action=action,
                at=at,
                by_id=self.by_id,
                circle_id=circle_id,
                role_id=role_id,
                assignment_id=assignment_id,
                after=after,
            )
        )
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self):
        GovernanceChange.objects.bulk_create(self.rows, batch_size=BATCH)
        self.count += len(self.rows)
        self.rows = []


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in fold(text)).strip("-")


def _between(rng, start: datetime.datetime, end: datetime.datetime) -> datetime.datetime:
    span = max(0, int((end - start).total_seconds()))
    return start + datetime.timedelta(seconds=rng.randint(0, span))


def seed(scale_name: str, *, seed_value: int = 42, log=print) -> dict:
    """Write an organisation of the given scale; return the counts and the time taken."""
    # Written in bulk, not through the services: the pages' cached rows go stale here.
    fragments.bump(fragments.ORGANISATION)
    scale = SCALES[scale_name]
    rng = random.Random(seed_value)
    fake = Faker("fr_FR")
    fake.seed_instance(seed_value)
    started = time.monotonic()
    now = timezone.now()
    origin = now - datetime.timedelta(days=3 * 365)
    password = make_password(SEED_PASSWORD)  # one (slow) hash shared by every account

    with transaction.atomic(), given_timestamps(Circle, Role, Assignment):
        admin = Person(
            email=f"admin@{SEED_DOMAIN}",
            first_name="Administratrice",
            last_name="Démo",
            is_org_admin=True,
            is_staff=True,
            is_superuser=True,
            password=password,
            date_joined=origin,
            job_title="Administratrice de l'organisation",
        )
        admin.search_text = admin.compute_search_text()
        admin.save()
        first_names = list({fake.first_name() for _ in range(400)})
        last_names = list({fake.last_name() for _ in range(800)})
        first_names.sort()
        last_names.sort()
        # Circles, level by level so parents have ids ---------------------------------
        changes = _Changes(admin.pk)
        circles = []  # (id, level, created_at, name)
        previous = []
        for level, size in enumerate(scale.levels):
            rows = []
            for i in range(size):
                parent = rng.choice(previous) if previous else None
                created = (
                    origin
                    if parent is None
                    else _between(
                        rng,
                        parent[2] + datetime.timedelta(days=1),
                        parent[2] + datetime.timedelta(days=120),
                    )
                )
                name = _circle_name(rng, level, i, scale.root_name)
                purpose = f"Assurer {rng.choice(MISSIONS)} pour {rng.choice(PUBLICS)}."
                kind = (
                    CircleKind.DEPARTMENT
                    if level in (1, 2)
                    else rng.choices(
                        [CircleKind.CIRCLE, CircleKind.NETWORK, CircleKind.PROJECT], [90, 5, 5]
                    )[0]
                )
                circle = Circle(
                    name=name,
                    purpose=purpose,
                    domains="\n".join(rng.sample(DOMAIN_LINES, 2)),
                    accountabilities="\n".join(rng.sample(ACCOUNTABILITY_LINES, 3)),
                    kind=kind,
                    parent_id=parent[0] if parent else None,
                    colour=f"#{rng.randint(0x202020, 0xC0C0C0):06x}",
                    created_at=created,
                    updated_at=created,
                )
                circle.search_text = fold(f"{circle.name} {circle.purpose}")
                rows.append(circle)
            Circle.objects.bulk_create(rows, batch_size=BATCH)
            current = []
            for circle in rows:
                changes.add(
                    action=ChangeAction.CIRCLE_CREATE,
                    at=circle.created_at,
                    circle_id=circle.pk,
                    after=circle.snapshot(),
                )
                current.append((circle.pk, level, circle.created_at, circle.name))
            circles.extend(current)
            previous = current
        log(f"  {len(circles)} cercles ({time.monotonic() - started:.1f} s)")

        # People, spread over the circles (their unit is their home circle) -----------
        per_circle = max(1, scale.people // len(circles))
        person_ids = []
        batch = []
        for n in range(1, scale.people + 1):
            first, last = rng.choice(first_names), rng.choice(last_names)
            person = Person(
                email=f"{_slug(first)}.{_slug(last)}.{n}@{SEED_DOMAIN}",
                first_name=first,
                last_name=last,
                matricule=f"S{n:07d}",
                job_title=rng.choice(JOB_TITLES),
                site=rng.choice(SITES),
                unit=circles[min((n - 1) // per_circle, len(circles) - 1)][3],
                password=password,
                date_joined=_between(rng, origin - datetime.timedelta(days=3650), now),
            )
            person.search_text = person.compute_search_text()
            batch.append(person)
            if len(batch) >= BATCH or n == scale.people:
                Person.objects.bulk_create(batch, batch_size=BATCH)
                person_ids.extend(p.pk for p in batch)
                batch = []
        log(f"  {len(person_ids)} personnes ({time.monotonic() - started:.1f} s)")

        # Roles: the four core roles of every circle, then plain roles -------------------
        roles = []  # (id, circle_id, core_role, created_at)
        rows = []

        def flush_roles():
            Role.objects.bulk_create(rows, batch_size=BATCH)
            for role in rows:
                changes.add(
                    action=ChangeAction.ROLE_CREATE,
                    at=role.created_at,
                    circle_id=role.circle_id,
                    role_id=role.pk,
                    after=role.snapshot(),
                )
                roles.append((role.pk, role.circle_id, role.core_role, role.created_at))
            rows.clear()

        def add_role(circle_id, created, name, purpose, core_role=""):
            role = Role(
                circle_id=circle_id,
                name=name,
                purpose=purpose,
                core_role=core_role,
                created_at=created,
                updated_at=created,
            )
            role.search_text = fold(f"{name} {purpose}")
            rows.append(role)
            if len(rows) >= BATCH:
                flush_roles()

        for circle_id, _level, created, _name in circles:
            for core in CoreRole:
                add_role(circle_id, created, str(core.label), CORE_ROLE_PURPOSES[core], core.value)
        taken = set()  # (circle, name): live role names are unique in a circle
        for _ in range(scale.plain_roles):
            circle_id, _level, created, _name = rng.choice(circles)
            base, purpose = rng.choice(ROLES)
            name, n = base, 2
            while (circle_id, name.lower()) in taken:
                name, n = f"{base} {n}", n + 1
            taken.add((circle_id, name.lower()))
            add_role(circle_id, _between(rng, created, now), name, purpose)
        flush_roles()
        log(f"  {len(roles)} rôles ({time.monotonic() - started:.1f} s)")

        # Assignments: people mostly hold roles in "their" part of the tree -----------
        totals = {}
        circle_index = {c[0]: i for i, c in enumerate(circles)}
        fill_rate = {
            CoreRole.LEAD_LINK: 1.0,
            CoreRole.REP_LINK: 0.5,
            CoreRole.FACILITATOR: 0.7,
            CoreRole.SECRETARY: 0.7,
            "": 1.0,
        }
        shares = {
            CoreRole.LEAD_LINK: (20, 30, 40, 50),
            CoreRole.REP_LINK: (5, 10),
            CoreRole.FACILITATOR: (5, 10),
            CoreRole.SECRETARY: (5, 10),
            "": (20, 30, 40, 50, 60, 80),
        }
        assignment_rows = []
        today = timezone.localdate()

        def flush_assignments():
            Assignment.objects.bulk_create(assignment_rows, batch_size=BATCH)
            for a in assignment_rows:
                changes.add(
                    action=ChangeAction.ASSIGNMENT_CREATE,
                    at=a.created_at,
                    circle_id=circle_of[a.role_id],
                    role_id=a.role_id,
                    assignment_id=a.pk,
                    after=a.snapshot(),
                )
            assignment_rows.clear()

        circle_of = {}
        assignment_count = 0
        for role_id, circle_id, core_role, created in roles:
            circle_of[role_id] = circle_id
            holders = 1 if rng.random() < fill_rate[core_role] else 0
            if not core_role and rng.random() < 0.2:
                holders = 2
            chosen = set()
            for _ in range(holders):
                share = rng.choice(shares[core_role])
                # Mostly within a full-time; a few people end up above 100 %, as in life.
                overload = rng.random() < 0.03
                for attempt in range(6):
                    person_id = _pick_person(
                        rng, person_ids, circle_index[circle_id], per_circle, near=attempt < 2
                    )
                    if person_id not in chosen and (
                        overload or totals.get(person_id, 0) + share <= 100
                    ):
                        break
                if person_id in chosen:
                    continue
                chosen.add(person_id)
                room = 100 - totals.get(person_id, 0)
                if share > room and not overload:
                    share = max(0, room - room % 5)
                totals[person_id] = totals.get(person_id, 0) + share
                start = _between(rng, created, now).astimezone(datetime.UTC)
                start_date = min(timezone.localtime(start).date(), today)
                assignment_rows.append(
                    Assignment(
                        role_id=role_id,
                        person_id=person_id,
                        share=share,
                        focus=rng.choice(FOCUSES) if rng.random() < 0.25 else "",
                        start_date=start_date,
                        created_at=start,
                        updated_at=start,
                    )
                )
                assignment_count += 1
                if len(assignment_rows) >= BATCH:
                    flush_assignments()
        flush_assignments()
        changes.flush()
        log(f"  {assignment_count} affectations ({time.monotonic() - started:.1f} s)")

    # Fresh statistics, or the planner ignores the search indexes on the new rows.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    elapsed = time.monotonic() - started
    return {
        "people": len(person_ids) + 1,
        "circles": len(circles),
        "roles": len(roles),
        "core_roles": 4 * len(circles),
        "assignments": assignment_count,
        "changes": changes.count,
        "seconds": elapsed,
        "admin_email": admin.email,
    }


def _pick_person(rng, person_ids, circle_position, per_circle, near=True):
    """Someone from the circle's own slice of the staff, or now and then from anywhere."""
    if not near or rng.random() < 0.1:
        return rng.choice(person_ids)
    start = (circle_position * per_circle) % len(person_ids)
    return person_ids[min(len(person_ids) - 1, start + rng.randrange(per_circle))]


def _circle_name(rng, level, index, root_name):
    if level == 0:
        return root_name
    if level == 1:
        base = DIRECTIONS[index % len(DIRECTIONS)]
        return base if index < len(DIRECTIONS) else f"{base} {index // len(DIRECTIONS) + 1}"
    service = rng.choice(SERVICES)
    if level == 2:
        return f"Service {service}"
    if level == 3:
        return f"Unité {service} {rng.choice(SECTORS)}"
    return f"Équipe {service} — secteur {index + 1}"
