"""The onboarding demo (`manage.py load_demo`, after the organisation and knowledge
demos, whose welcome booklet it points at): two plan templates and four newcomers,
invented with Faker (fixed seed), who join circles of the demo organisation. Three
are on their way — one arrives in five days, one arrived two days ago, one eighteen
days ago — and one, arrived two months ago, has finished. Each has a buddy chosen
among the suggestions (same circle or site), the circle's lead link and an HR
contact of Ressources humaines.

Everything goes through the services; only the dates when tasks were checked and the
plan closed are then set in the past.
"""

import datetime
import random
import time

from django.db import transaction
from django.utils import timezone
from faker import Faker

from cercles.accounts.models import Person
from cercles.accounts.services import person_create
from cercles.organisation import demo as org_demo
from cercles.organisation import services as org_services
from cercles.organisation.models import Assignment, Circle, Role

from . import services
from .buddies import suggest_buddies
from .models import AssigneeKind, Onboarding, OnboardingTask, Phase, PlanTemplate

SEED = org_demo.FAKER_SEED + 50
N, B, L, H = AssigneeKind.NEWCOMER, AssigneeKind.BUDDY, AssigneeKind.LEAD_LINK, AssigneeKind.HR

TEMPLATES = [
    (
        "Accueil d'un agent",
        "Le parcours de tout nouvel agent : « Bon accueil, pas d'écueil ». Le parrain ou la "
        "marraine est un collègue volontaire, qui n'est pas son premier lien.",
        [
            (Phase.BEFORE, -10, "Préparer le poste, le badge et les accès informatiques", H, ""),
            (Phase.BEFORE, -7, "Envoyer le mot d'accueil et le programme du premier jour", L, ""),
            (Phase.BEFORE, -3, "Prendre contact avec le nouvel arrivant", B, ""),
            (Phase.DAY_ONE, 0, "Accueillir et présenter l'équipe", L, ""),
            (Phase.DAY_ONE, 0, "Lire le livret d'accueil", N, ""),
            (Phase.DAY_ONE, 0, "Déjeuner avec son parrain ou sa marraine", B, ""),
            (Phase.DAY_ONE, 0, "Activer son compte et ses outils", N, ""),
            (Phase.WEEK_ONE, 2, "Visiter les sites de l'agglomération", B, ""),
            (Phase.WEEK_ONE, 4, "Remettre le dossier administratif complet", N, ""),
            (Phase.WEEK_ONE, 5, "Faire le point de fin de première semaine", L, ""),
            (Phase.MONTH_ONE, 15, "S'inscrire à la journée des nouveaux arrivants", N, ""),
            (Phase.MONTH_ONE, 30, "Rapport d'étonnement : ce qui vous a surpris", N, ""),
            (Phase.MONTH_ONE, 30, "Entretien de fin de premier mois", H, ""),
        ],
    ),
    (
        "Accueil d'un encadrant",
        "Pour un premier lien qui arrive : le parcours d'un agent, plus ce qu'il faut pour "
        "piloter un cercle dès les premières semaines.",
        [
            (Phase.BEFORE, -14, "Préparer la passation avec le prédécesseur", H, ""),
            (Phase.BEFORE, -7, "Envoyer l'organigramme et les raisons d'être des cercles", L, ""),
            (Phase.DAY_ONE, 0, "Présentation à la direction générale", L, ""),
            (Phase.DAY_ONE, 0, "Lire le livret d'accueil et la charte des réunions", N, ""),
            (Phase.WEEK_ONE, 3, "Rencontrer chaque membre du cercle", N, ""),
            (Phase.WEEK_ONE, 5, "Participer à une réunion de triage", B, ""),
            (Phase.MONTH_ONE, 20, "Formation « animer une réunion en cercles »", H, ""),
            (Phase.MONTH_ONE, 30, "Bilan du premier mois avec la direction", L, ""),
        ],
    ),
]
DESCRIPTIONS = {
    "Lire le livret d'accueil": "Le livret répond aux questions pratiques : horaires, "
    "congés, restauration, pannes informatiques. **Notez vos questions** pour votre parrain.",
    "Rapport d'étonnement : ce qui vous a surpris": "Trois choses qui vous ont étonné, en "
    "bien ou en mal, et une idée d'amélioration : un regard neuf est précieux.",
}

# (circle key, template index, days since the arrival (negative: to come), job title)
NEWCOMERS = [
    ("accueil", 0, -5, "Agent d'accueil"),
    ("finances", 0, 2, "Gestionnaire comptable"),
    ("rh", 0, 18, "Chargée de formation"),
    ("technique", 1, 60, "Responsable d'atelier"),
]


def is_loaded() -> bool:
    return PlanTemplate.objects.filter(name=TEMPLATES[0][0]).exists()


def wipe() -> None:
    """Delete every onboarding and template (the newcomers go with the organisation)."""
    Onboarding.objects.all().delete()
    PlanTemplate.objects.all().delete()


def _circle(key: str) -> Circle:
    name = next(spec["name"] for spec in org_demo.CIRCLES if spec["key"] == key)
    return Circle.objects.active().get(name=name)


def _newcomer(fake, rng, *, circle, job, start, admin) -> Person:
    first, last = fake.first_name(), fake.last_name()
    email = f"{org_demo._slug(first)}.{org_demo._slug(last)}@{org_demo.DEMO_DOMAIN}".lower()
    person = Person.objects.filter(email=email).first()
    if person is not None:
        return person
    person = person_create(
        email=email,
        password=org_demo.DEMO_PASSWORD,
        first_name=first,
        last_name=last,
        job_title=job,
        unit=circle.name,
        site=rng.choice(org_demo.SITES),
        # Newly hired: a matricule of the HR system, past the demo agents' (AG10400 + 7n).
        matricule=f"AG{20000 + rng.randrange(10_000)}",
    )
    role = Role.objects.filter(circle=circle, core_role="", archived_at__isnull=True).first()
    if role is not None:
        org_services.assignment_create(
            role=role,
            person=person,
            by=admin,
            share=100,
            start_date=start,
            # The history dates the arrival on its day (a future one is recorded today).
            at=timezone.make_aware(datetime.datetime.combine(start, datetime.time(9)))
            if start <= timezone.localdate()
            else None,
            note="Recrutement : arrivée d'un nouvel agent.",
        )
    return person


def _hr_contact(admin) -> Person:
    holder = (
        Assignment.objects.current()
        .filter(role__circle=_circle("rh"), role__core_role="", person__is_active=True)
        .select_related("person")
        .order_by("role__name", "person__last_name", "id")
        .first()
    )
    return holder.person if holder else admin


def _complete(onboarding, today, rng) -> int:
    """Check the tasks already due (a few late ones stay undone), dated on their due day."""
    done = 0
    tasks = list(onboarding.tasks.order_by("due_date", "position"))
    due = [t for t in tasks if t.due_date <= today]
    if len(due) == len(tasks):
        left = set()
    else:
        # The most recent due task, and one more at random, are still to do.
        left = {due[-1].pk} if due else set()
        if len(due) > 3:
            left.add(rng.choice(due[:-1]).pk)
    for task in due:
        if task.pk in left:
            continue
        services.task_set_done(task=task, by=task.assignee or onboarding.created_by, done=True)
        moment = datetime.datetime.combine(
            task.due_date, datetime.time(rng.randint(9, 17), rng.randint(0, 59))
        )
        OnboardingTask.objects.filter(pk=task.pk).update(
            done_at=timezone.make_aware(min(moment, datetime.datetime.now()))
        )
        done += 1
    return done


@transaction.atomic
def load(*, log=print) -> dict:
    """Load the onboarding demo on top of the demo organisation (which must be loaded)."""
    started = time.monotonic()
    rng = random.Random(SEED)
    fake = Faker("fr_FR")
    fake.seed_instance(SEED)
    today = timezone.localdate()
    admin = Person.objects.get(email=org_demo.ADMIN_EMAIL)
    templates = []
    for name, description, tasks in TEMPLATES:
        template = services.template_create(by=admin, name=name, description=description)
        for phase, offset, title, kind, link in tasks:
            services.template_task_create(
                template=template,
                by=admin,
                phase=phase,
                day_offset=offset,
                title=title,
                assignee_kind=kind,
                description=DESCRIPTIONS.get(title, ""),
                link=link,
            )
        templates.append(template)
    hr_contact = _hr_contact(admin)
    onboardings, done = [], 0
    for key, template_index, days_in, job in NEWCOMERS:
        circle = _circle(key)
        start = today - datetime.timedelta(days=days_in)
        newcomer = _newcomer(fake, rng, circle=circle, job=job, start=start, admin=admin)
        suggestions = suggest_buddies(circle_id=circle.pk, newcomer=newcomer)
        lead = services.circle_lead_link(circle, exclude=newcomer)
        buddy = next((p for p in suggestions if lead is None or p.pk != lead.pk), None)
        onboarding = services.onboarding_create(
            by=admin,
            newcomer=newcomer,
            start_date=start,
            circle=circle,
            buddy=buddy,
            hr_contact=hr_contact,
            template=templates[template_index],
        )
        done += _complete(onboarding, today, rng)
        onboardings.append(onboarding)
    closed = Onboarding.objects.filter(closed_at__isnull=False)
    for onboarding in closed:
        last = onboarding.tasks.order_by("-done_at").values_list("done_at", flat=True).first()
        Onboarding.objects.filter(pk=onboarding.pk).update(closed_at=last or timezone.now())
    log(
        f"Intégration : {len(templates)} modèles de parcours, {len(onboardings)} nouveaux "
        f"arrivants ({closed.count()} parcours terminé), {done} tâches faites."
    )
    return {
        "templates": len(templates),
        "onboardings": len(onboardings),
        "closed": closed.count(),
        "tasks_done": done,
        "seconds": time.monotonic() - started,
    }
