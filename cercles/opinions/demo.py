"""The opinion map's demo (`manage.py load_demo`, after the meetings): one open
consultation of the "Accueil du public" circle on the opening hours of the public
desk, open to the whole organisation, with 25 statements and the votes of the demo
people, who fall into three recognisable groups:

- A, "les usagers d'abord": open earlier, later and on Saturdays;
- B, "des horaires tenables pour les agents": a compact, stable timetable;
- C, "le rendez-vous et le numérique": appointments and online procedures first.

Everyone agrees that the hours must be clearly posted and the same by phone, and
nobody wants the desk closed on Monday mornings. A fixed `random.Random` seed makes
every load the same; votes go through the services, as people cast them.
"""

import datetime
import random
import time

from django.db import transaction
from django.utils import timezone

from cercles.accounts.models import Person
from cercles.organisation import demo as org_demo
from cercles.organisation.models import Assignment, Circle, CoreRole

from . import services
from .models import Audience, Consultation, ResultsVisibility

SEED = org_demo.FAKER_SEED + 7
CIRCLE = "Accueil du public"
QUESTION = "Quels horaires d'ouverture pour l'accueil du public à partir de septembre ?"
DESCRIPTION = (
    "L'accueil ouvre aujourd'hui de 8 h 30 à 17 h du lundi au vendredi. Les usagers "
    "demandent plus de souplesse, les équipes veulent des plannings tenables, et la "
    "prise de rendez-vous en ligne progresse.\n\n"
    "Dites si vous êtes d'accord avec chaque proposition, ajoutez les vôtres : la carte "
    "des opinions montrera les groupes, ce qui les rassemble et ce qui les distingue, "
    "avant la décision du cercle."
)
# (statement, stance of groups A, B, C): +1 agree, −1 disagree, 0 mostly pass.
STATEMENTS = [
    ("Les horaires d'ouverture doivent être affichés clairement, sur place et en ligne.", 1, 1, 1),
    ("L'accueil téléphonique doit suivre les mêmes horaires que l'accueil physique.", 1, 1, 1),
    ("Il ne faut pas fermer l'accueil le lundi matin.", 1, 1, 1),
    ("Les usagers doivent être consultés avant tout changement d'horaires.", 1, 1, 1),
    ("L'accueil devrait ouvrir dès 8 h pour ceux qui travaillent.", 1, -1, -1),
    ("Une nocturne jusqu'à 19 h un soir par semaine rendrait service aux actifs.", 1, -1, 0),
    ("Il faut ouvrir le samedi matin, au moins deux fois par mois.", 1, -1, -1),
    (
        "Fermer entre midi et deux pénalise les usagers qui ne peuvent venir qu'à ce moment.",
        1,
        -1,
        0,
    ),
    ("Un accueil sans rendez-vous doit rester possible tous les jours.", 1, 0, -1),
    ("Les horaires doivent rester les mêmes toute l'année, vacances comprises.", -1, 1, 0),
    ("Les agents doivent pouvoir choisir leurs créneaux dans un planning tournant.", -1, 1, 0),
    ("Une pause méridienne commune est nécessaire à la cohésion de l'équipe.", -1, 1, -1),
    ("Ouvrir plus longtemps sans renfort d'effectifs dégraderait l'accueil.", -1, 1, 1),
    ("Les fins de journée tardives compliquent la garde des enfants des agents.", -1, 1, 0),
    ("L'été, on peut réduire les horaires d'ouverture.", -1, 1, 1),
    ("Les démarches simples devraient se faire d'abord en ligne.", -1, -1, 1),
    ("Les après-midi devraient être réservés aux rendez-vous.", -1, 0, 1),
    ("Un rendez-vous pris en ligne évite l'attente au guichet.", 0, 0, 1),
    ("Un médiateur numérique devrait être présent à chaque ouverture.", 1, -1, 1),
    ("Une borne de prise de ticket suffirait à fluidifier l'attente.", 0, -1, 1),
    ("Les rappels par SMS réduiraient les rendez-vous manqués.", 0, 0, 1),
    ("Le guichet unique doit regrouper l'accueil de tous les services.", 1, 0, 1),
    ("Les horaires doivent être harmonisés avec ceux de la mairie annexe.", 1, 1, 0),
    ("Il faut d'abord mesurer la fréquentation heure par heure avant de changer.", 0, 1, 1),
    ("Les usagers âgés ont besoin d'un accueil humain sans rendez-vous.", 1, 1, -1),
]
# Statements the participants add themselves (group of the author, text).
ADDED = [
    (0, "Ouvrir pendant la pause déjeuner une semaine sur deux serait un bon compromis."),
    (1, "Tout changement d'horaires doit passer par une réunion d'équipe."),
    (2, "Le site internet doit indiquer l'attente en temps réel."),
]
GROUP_SHARES = (0.4, 0.35, 0.25)
FLIP, PASS, SKIP = 0.12, 0.08, 0.2


def is_loaded() -> bool:
    return Consultation.objects.filter(question=QUESTION).exists()


def wipe() -> None:
    """Delete every consultation (before the organisation they belong to is wiped)."""
    Consultation.objects.all().delete()


def _organiser(circle: Circle, admin: Person) -> Person:
    holder = (
        Assignment.objects.current()
        .filter(role__circle=circle, role__core_role=CoreRole.FACILITATOR)
        .select_related("person")
        .order_by("start_date", "id")
        .first()
    )
    return holder.person if holder else admin


def _value(rng: random.Random, stance: int) -> int | None:
    if rng.random() < SKIP:
        return None
    if stance == 0:
        return 0 if rng.random() < 0.6 else rng.choice([-1, 1])
    value = -stance if rng.random() < FLIP else stance
    return 0 if rng.random() < PASS else value


@transaction.atomic
def load(*, log=print) -> dict:
    """Load the consultation on top of the demo organisation (which must be loaded)."""
    started = time.monotonic()
    rng = random.Random(SEED)
    admin = Person.objects.get(email=org_demo.ADMIN_EMAIL)
    circle = Circle.objects.get(name=CIRCLE)
    organiser = _organiser(circle, admin)
    consultation = services.consultation_create(
        by=organiser,
        circle=circle,
        question=QUESTION,
        description=DESCRIPTION,
        audience=Audience.ORGANISATION,
        results_visibility=ResultsVisibility.AFTER_VOTING,
        opens_at=timezone.now() - datetime.timedelta(days=6),
        closes_at=timezone.now() + datetime.timedelta(days=14),
        seeds=[text for text, *_stances in STATEMENTS],
    )
    stances = {text: s for text, *s in STATEMENTS}
    statements = list(consultation.statements.order_by("created_at", "id"))
    voters = list(
        Person.objects.filter(email__endswith=f"@{org_demo.DEMO_DOMAIN}", is_active=True)
        .exclude(pk=admin.pk)
        .order_by("last_name", "first_name", "id")
    )
    groups = [rng.choices(range(3), weights=GROUP_SHARES)[0] for _ in voters]
    authors = {}
    votes = 0
    for person, group in zip(voters, groups, strict=True):
        participant = None
        for statement in rng.sample(statements, len(statements)):
            value = _value(rng, stances[statement.text][group])
            if value is None:
                continue
            _vote, participant, _key = services.vote_as(
                consultation=consultation,
                by=person,
                participant=participant,
                statement=statement,
                value=value,
            )
            votes += 1
        authors.setdefault(group, (person, participant))
    for group, text in ADDED:
        person, participant = authors[group]
        services.statement_propose(
            consultation=consultation, by=person, participant=participant, text=text
        )
    log(
        f"Carte d'opinion : « {QUESTION} », {len(statements) + len(ADDED)} propositions, "
        f"{len(voters)} participants."
    )
    return {
        "consultations": 1,
        "participants": len(voters),
        "votes": votes,
        "seconds": time.monotonic() - started,
    }
