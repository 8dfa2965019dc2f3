"""The missions marketplace's demo (`manage.py load_demo`, after the organisation, and
after the competencies demo when there is one, whose competencies it asks for): eight
missions posted by the lead links of the demo circles — among them a lawyer two days a
week for public procurement (seed 004) — with applications in every state, one of them
accepted, which creates the role assignment.

Missions start in the coming weeks (nothing is backdated). A fixed `random.Random`
seed makes every load the same; the texts are written here, the people come from the
demo organisation.
"""

import datetime
import random
import time
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from cercles.accounts.models import Person
from cercles.competencies.models import Competency
from cercles.organisation import demo as org_demo
from cercles.organisation import services as org_services
from cercles.organisation.models import Assignment, Circle, CoreRole, Role

from . import services
from .models import Application, ApplicationStatus, Mission, MissionKind

SEED = org_demo.FAKER_SEED + 30
CIRCLE_NAMES = {
    **{spec["key"]: spec["name"] for spec in org_demo.CIRCLES},
    "numerique": "Numérique / Systèmes d'information",  # renamed during the demo's year
}

# (circle key, title, kind, new role, share, starts in days, lasts days, places, state,
#  description, skill words). state: "open", "draft", "closed"; the applications'
# scenario is in APPLICATIONS.
MISSIONS = [
    (
        "finances",
        "Juriste commande publique, deux jours par semaine",
        MissionKind.ROLE,
        "Juriste marchés publics",
        40,
        21,
        365,
        1,
        "open",
        "Sécuriser les marchés de l'agglomération : relire les pièces des consultations, "
        "conseiller les services acheteurs, répondre aux questions des entreprises. Une "
        "juriste ou un juriste d'un autre service, deux jours par semaine pendant un an.",
        ("droit", "jurid", "contrat", "march"),
    ),
    (
        "communication",
        "Renfort rédaction pour le magazine communautaire",
        MissionKind.ROLE,
        "Rédacteur du magazine",
        20,
        14,
        120,
        1,
        "open",
        "Écrire deux articles par numéro sur les services de l'agglomération, avec la "
        "rédaction en chef. Un jour par semaine pendant quatre mois.",
        ("écri", "rédac", "communic"),
    ),
    (
        "guichet",
        "Contribution au projet Guichet unique : parcours usagers",
        MissionKind.PROJECT,
        "Analyste des parcours usagers",
        30,
        28,
        180,
        2,
        "open",
        "Observer l'accueil, interroger les usagers, dessiner avec l'équipe projet les "
        "parcours du futur guichet unique. Idéal pour qui connaît l'accueil du public.",
        ("usager", "accueil", "écoute", "analyse"),
    ),
    (
        "ix",
        "Animateur d'ateliers d'innovation",
        MissionKind.PROJECT,
        "Animateur d'ateliers",
        10,
        14,
        180,
        2,
        "open",
        "Animer un atelier de créativité par mois avec le réseau iX, formation offerte.",
        ("anim", "créativ", "collectif"),
    ),
    (
        "formation",
        "Formateur interne bureautique",
        MissionKind.ROLE,
        "Formateur bureautique",
        10,
        30,
        240,
        1,
        "open",
        "Donner des sessions de deux heures sur le tableur et le traitement de texte aux "
        "collègues, avec le cercle Formation & compétences.",
        ("pédagog", "transmettre", "numérique"),
    ),
    (
        "social",
        "Appui à l'instruction des aides sociales",
        MissionKind.ROLE,
        "Instructeur en renfort",
        50,
        35,
        90,
        1,
        "open",
        "Renforcer l'équipe pendant la campagne de demandes d'aides d'hiver.",
        ("rigueur", "écoute", "social"),
    ),
    (
        "qvt",
        "Référent qualité de vie au travail d'un site",
        MissionKind.ROLE,
        "Référent QVT de site",
        10,
        45,
        365,
        1,
        "draft",
        "Relayer les besoins des agents d'un site auprès du cercle QVT.",
        ("écoute", "collectif"),
    ),
    (
        "numerique",
        "Recette de la nouvelle plateforme de dématérialisation",
        MissionKind.PROJECT,
        "Testeur de la plateforme",
        20,
        14,
        60,
        1,
        "closed",
        "Tester les démarches en ligne avant leur ouverture au public.",
        ("numérique", "rigueur"),
    ),
]

APPLICATION_MESSAGES = [
    "J'ai travaillé plusieurs années sur ces sujets avant d'arriver ici et j'aimerais "
    "m'y remettre à temps partiel.",
    "Cette mission me permettrait de découvrir un autre service tout en gardant mon poste.",
    "Je suis disponible les mardis et jeudis ; mon cercle est d'accord pour en parler.",
    "J'ai suivi une formation sur ce thème l'an dernier et je voudrais la mettre en pratique.",
    "Curieuse de ce projet depuis son lancement, je serais heureuse d'y contribuer.",
]


def is_loaded() -> bool:
    return Mission.objects.filter(title=MISSIONS[0][1]).exists()


def wipe() -> None:
    """Delete every mission and application (before the organisation they point at; the
    roles and the assignment they created belong to the organisation and go with it)."""
    Application.objects.all().delete()
    Mission.objects.all().delete()


def _circle(key):
    return Circle.objects.active().filter(name=CIRCLE_NAMES[key]).first()


def _lead(circle, admin):
    assignment = (
        Assignment.objects.current()
        .filter(role__circle=circle, role__core_role=CoreRole.LEAD_LINK)
        .select_related("person")
        .first()
    )
    return assignment.person if assignment else admin


def _skills(words, competencies, rng):
    found = [c for c in competencies if any(w in c.name.lower() for w in words)]
    if not found and competencies:
        found = rng.sample(competencies, min(2, len(competencies)))
    return found[:3]


def _candidates(circle, people, members, rng, count):
    """People from other circles (their time is checked at the selection, not here:
    applying above 100 % only warns)."""
    pool = [p for p in people if p.pk not in members[circle.pk]]
    return rng.sample(pool, min(count, len(pool)))


def _make_room(person, mission, admin) -> None:
    """Free the time the mission needs from the person's largest role, as his lead link
    would before he takes a mission (demo people work 80 to 100 %)."""
    total, _day = services.share_peak(
        person, share=mission.share, start=mission.start_date, end=mission.end_date
    )
    if total <= 100:
        return
    largest = Assignment.objects.current().filter(person=person).order_by("-share", "id").first()
    org_services.assignment_update(
        assignment=largest,
        by=admin,
        share=max(0, largest.share - (total - 100)),
        note=f"Temps libéré pour la mission « {mission.title} ».",
    )


@transaction.atomic
def load(*, log=print) -> dict:
    """Load the missions demo on top of the demo organisation (which must be loaded)."""
    started = time.monotonic()
    rng = random.Random(SEED)
    today = timezone.localdate()
    admin = Person.objects.get(email=org_demo.ADMIN_EMAIL)
    people = list(
        Person.objects.filter(
            email__endswith=f"@{org_demo.DEMO_DOMAIN}", is_active=True, is_org_admin=False
        ).order_by("email")
    )
    competencies = list(Competency.objects.live().order_by("name"))
    current = Assignment.objects.current(today)
    members = defaultdict(set)
    for circle_id, person_id in current.values_list("role__circle_id", "person_id"):
        members[circle_id].add(person_id)
    counts = defaultdict(int)
    for index, spec in enumerate(MISSIONS):
        key, title, kind, role_name, share, starts, lasts, places, state, text, words = spec
        circle = _circle(key)
        if circle is None:
            continue
        poster = _lead(circle, admin)
        # A role of that name may exist already: the mission then takes it.
        role = Role.objects.active().filter(circle=circle, name__iexact=role_name).first()
        start = today + datetime.timedelta(days=starts)
        mission = services.mission_create(
            by=poster,
            circle=circle,
            title=title,
            kind=kind,
            role=role,
            new_role_name="" if role else role_name,
            description=text,
            share=share,
            start_date=start,
            end_date=start + datetime.timedelta(days=lasts),
            places=places,
            deadline=start - datetime.timedelta(days=7),
            skills=_skills(words, competencies, rng),
            publish=state != "draft",
        )
        counts["missions"] += 1
        if state == "draft":
            continue
        applicants = _candidates(circle, people, members, rng, 1 + index % 3)
        applications = []
        for person in applicants:
            application, _warning = services.application_create(
                mission=mission, person=person, message=rng.choice(APPLICATION_MESSAGES)
            )
            applications.append(application)
            counts["applications"] += 1
        if index == 0 and applications:
            # The lawyer: time freed, selected, discussed with her lead link, accepted.
            _make_room(applications[0].person, mission, admin)
            chosen = services.application_select(application=applications[0], by=poster)
            leads = list(chosen.lead_links.values_list("person", flat=True))
            if leads:
                services.application_message_create(
                    application=chosen,
                    by=Person.objects.get(pk=leads[0]),
                    body="D'accord sur le principe ; on ajuste ses dossiers du mardi et du jeudi.",
                )
            services.application_accept(application=chosen, by=chosen.person)
            counts["accepted"] += 1
        elif index == 1 and applications:
            _make_room(applications[0].person, mission, admin)
            services.application_select(application=applications[0], by=poster)
            counts["selected"] += 1
        elif index == 2 and len(applications) > 1:
            services.application_decline(
                application=applications[1],
                by=poster,
                reason="Nous cherchons quelqu'un qui connaisse déjà l'accueil physique ; "
                "nous vous proposerons la prochaine étape du projet.",
            )
        elif index == 3 and applications:
            services.application_withdraw(application=applications[0], by=applications[0].person)
        if state == "closed":
            services.mission_close(mission=mission, by=poster, message="Recette reportée.")
    counts["applications_live"] = Application.objects.filter(
        status__in=[ApplicationStatus.PENDING, ApplicationStatus.SELECTED]
    ).count()
    log(
        f"Missions : {counts['missions']} missions, {counts['applications']} candidatures, "
        f"{counts['accepted']} acceptée (affectation créée)."
    )
    return {**counts, "seconds": time.monotonic() - started}
