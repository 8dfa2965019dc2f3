"""The coaching demo (`manage.py load_demo`, after the organisation, the competencies
and the people demos, whose coordinator runs the round): twelve volunteer coaches,
twelve requests matched by a published round (four relationships active, one
declined, the others waiting for answers), and three more requests still open for the
next round. A fixed `random.Random` seed makes every load the same; the texts are
written here for the demo.
"""

import random
import time

from django.db import transaction

from cercles.accounts.models import Person
from cercles.competencies.models import Competency
from cercles.organisation import demo as org_demo
from cercles.people.functions import holders
from cercles.people.models import Function

from . import services
from .models import Coach, CoachingRequest, Format, HalfDay, Match, MatchingRound, MatchStatus

SEED = org_demo.FAKER_SEED + 20
COACHES = 12
MATCHED_REQUESTS = 12
OPEN_REQUESTS = 3
ACTIVE = 4

OFFERS = [
    "Quinze ans d'encadrement d'équipes techniques : je peux aider à prendre un premier poste de responsable.",
    "J'ai accompagné plusieurs réorganisations de service ; j'aide à traverser le changement.",
    "Ancienne formatrice, j'aide à préparer une prise de parole ou une présentation.",
    "Je connais bien les marchés publics et j'aime transmettre les bases.",
    "J'aide à organiser son temps et à dire non aux réunions inutiles.",
    "Je peux faire découvrir le métier de l'accueil à qui veut passer une journée avec nous.",
    "Facilitateur de nos réunions de gouvernance : j'aide à animer un collectif.",
    "J'accompagne volontiers les nouveaux arrivants dans leurs premiers mois.",
]
NEEDS = [
    "Je prends la responsabilité d'une équipe le mois prochain et je voudrais m'y préparer.",
    "Je dois présenter notre projet en comité de direction et j'appréhende la prise de parole.",
    "Mon service est réorganisé : j'aimerais un regard extérieur pour m'y retrouver.",
    "Je voudrais mieux animer nos réunions d'équipe, qui s'éternisent.",
    "Je souhaite découvrir un autre métier avant de demander une mobilité.",
    "J'aimerais apprendre à mieux prioriser : tout me semble urgent.",
    "Je reprends un dossier de marchés publics sans y avoir été formé.",
    "Je voudrais gagner en assurance face aux usagers difficiles.",
]
NOTES = ["Plutôt en début de semaine.", "Jamais le vendredi.", "", "", "Souple."]


def is_loaded() -> bool:
    return Coach.objects.filter(person__email__endswith=f"@{org_demo.DEMO_DOMAIN}").exists()


def wipe() -> None:
    MatchingRound.objects.all().delete()
    CoachingRequest.objects.all().delete()
    Coach.objects.all().delete()


def _coordinator(admin: Person) -> Person:
    return holders(Function.COACHING_COORDINATOR).first() or admin


@transaction.atomic
def load(*, log=print) -> dict:
    started = time.monotonic()
    rng = random.Random(SEED)
    admin = Person.objects.get(email=org_demo.ADMIN_EMAIL)
    people = list(
        Person.objects.filter(
            email__endswith=f"@{org_demo.DEMO_DOMAIN}", is_active=True, is_org_admin=False
        ).order_by("email")
    )
    rng.shuffle(people)
    skills = list(Competency.objects.live().order_by("id"))
    coach_people = people[:COACHES]
    request_people = people[COACHES : COACHES + MATCHED_REQUESTS + OPEN_REQUESTS]
    coach_skills = []
    for i, person in enumerate(coach_people):
        offered = rng.sample(skills, min(len(skills), rng.randint(3, 6)))
        coach_skills.extend(offered)
        services.coach_save(
            person=person,
            competencies=offered,
            offer=OFFERS[i % len(OFFERS)],
            formats=rng.sample(Format.values, rng.randint(1, 3)),
            capacity=rng.choice([1, 2, 2, 3]),
            half_days=rng.sample(HalfDay.values, rng.randint(2, 5)),
            availability_note=rng.choice(NOTES),
            remote_ok=rng.random() < 0.7,
        )

    def ask(person):
        wanted = rng.sample(coach_skills, min(len(coach_skills), rng.randint(0, 2)))
        return services.request_create(
            by=person,
            need=rng.choice(NEEDS),
            competencies=wanted,
            format=rng.choice(["", *Format.values]),
            half_days=rng.sample(HalfDay.values, rng.randint(0, 4)),
            remote_ok=rng.random() < 0.8,
            allow_circle=rng.random() < 0.2,
        )

    for person in request_people[:MATCHED_REQUESTS]:
        ask(person)
    coordinator = _coordinator(admin)
    matching_round = services.round_run(by=coordinator)
    services.round_publish(matching_round=matching_round, by=coordinator)
    matches = list(matching_round.matches.with_people().order_by("id"))
    for match in matches[:ACTIVE]:
        services.match_accept(match=match, by=match.request.requester)
        services.match_accept(match=match, by=match.coach.person)
    if len(matches) > ACTIVE:
        services.match_accept(match=matches[ACTIVE], by=matches[ACTIVE].request.requester)
    if len(matches) > ACTIVE + 1:
        declined = matches[ACTIVE + 1]
        services.match_decline(
            match=declined, by=declined.coach.person, reason="Je pars en congé le mois prochain."
        )
    for person in request_people[MATCHED_REQUESTS:]:
        ask(person)
    result = {
        "coaches": Coach.objects.count(),
        "requests": CoachingRequest.objects.count(),
        "rounds": MatchingRound.objects.count(),
        "active": Match.objects.filter(status=MatchStatus.ACTIVE).count(),
    }
    log(
        f"Coaching chargé : {result['coaches']} accompagnants, {result['requests']} demandes, "
        f"{result['active']} accompagnements en cours ({time.monotonic() - started:.1f} s)."
    )
    return result
