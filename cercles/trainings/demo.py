"""The trainings' demo (`manage.py load_demo`, after the organisation, and after the
competencies demo when there is one: trainings point at its competencies if any).

Ten trainings written for the demo (eight published, one proposed, one archived), given
by agents of the demo organisation; fifteen sessions, past and to come; registrations,
attendance and feedback on the past ones; a full session with its waiting list, one
of whose registered people cancelled so the first waiting one was promoted.

Everything goes through the services. A past session is scheduled to come, filled,
then moved back in time (the only write outside the services, like the other demos'
dates). A fixed `random.Random` seed makes every load the same.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from cercles.accounts.models import Person
from cercles.competencies.models import Competency
from cercles.organisation import demo as org_demo

from . import services
from .models import Session, Training

SEED = org_demo.FAKER_SEED + 40

# (title, summary, programme, audience, competency words, status)
TRAININGS = [
    (
        "Animer une réunion de deux heures qui finit à l'heure",
        "Préparer l'ordre du jour, tenir le temps, faire émerger les décisions.",
        "1. Un ordre du jour qui dit ce qu'on attend de chaque point.\n"
        "2. Le tour de parole et le gardien du temps.\n"
        "3. Conclure : qui fait quoi, pour quand.\n4. Mise en situation.",
        "Toute personne qui anime des réunions d'équipe.",
        ("réunion", "animer", "facilit"),
        "published",
    ),
    (
        "Le tableur sans peur : tableaux croisés dynamiques",
        "Passer d'une liste de lignes à une synthèse lisible en quelques clics.",
        "Préparer ses données, créer un tableau croisé, filtrer, présenter un graphique.",
        "Agents qui suivent des tableaux de bord ; connaître les formules simples.",
        ("donnée", "numérique", "bureautique"),
        "published",
    ),
    (
        "Écrire simple : les courriers aux usagers",
        "Des phrases courtes, un mot par idée, la réponse d'abord.",
        "Les règles du langage clair, réécriture de courriers réels anonymisés, relecture croisée.",
        "Agents d'accueil, instructeurs, assistants.",
        ("écrit", "rédaction", "communication"),
        "published",
    ),
    (
        "Accueillir un public en colère",
        "Comprendre ce qui se joue et désamorcer sans se mettre en danger.",
        "Les signaux d'alerte, l'écoute active, reformuler, poser une limite, passer le "
        "relais. Jeux de rôle.",
        "Agents en contact avec le public.",
        ("écoute", "conflit", "relation"),
        "published",
    ),
    (
        "Marchés publics : les bases pour les services",
        "Ce qu'un service doit savoir avant d'acheter, sans devenir juriste.",
        "Seuils, mise en concurrence, rédiger un besoin, les erreurs qui coûtent cher.",
        "Agents qui expriment des besoins d'achat.",
        ("achat", "juridique", "marché"),
        "published",
    ),
    (
        "Prendre la parole en public",
        "Structurer un message de cinq minutes et le dire avec assurance.",
        "Le message en une phrase, le plan en trois temps, la voix et le regard, "
        "s'entraîner filmé.",
        "Tous.",
        ("oral", "communication", "parole"),
        "published",
    ),
    (
        "Visioconférence : animer à distance",
        "Garder l'attention et faire participer quand on ne se voit pas.",
        "Préparer l'outil, les règles du jeu, les outils de participation, l'hybride.",
        "Personnes qui animent des réunions à distance.",
        ("numérique", "animer", "réunion"),
        "published",
    ),
    (
        "Premiers secours psychologiques au travail",
        "Repérer un collègue en difficulté et savoir vers qui l'orienter.",
        "Les signes, la posture, les ressources internes et externes, ce qu'on ne fait pas.",
        "Tous, en particulier les premiers liens.",
        ("écoute", "bienveillance", "santé"),
        "published",
    ),
    (
        "Cartographier un processus en une heure",
        "Dessiner qui fait quoi pour trouver où l'on perd du temps.",
        "Le post-it, les couloirs, les attentes, repérer les chronophages.",
        "Équipes qui veulent simplifier une procédure.",
        ("processus", "amélioration", "organisation"),
        "proposed",
    ),
    (
        "L'ancien logiciel de paie : trucs et astuces",
        "Les raccourcis de l'outil remplacé l'an dernier.",
        "Archivée : l'outil n'est plus utilisé.",
        "Gestionnaires de paie.",
        ("paie", "numérique"),
        "archived",
    ),
]

PLACES = [
    "Hôtel d'agglomération, salle du conseil",
    "Centre technique communautaire, salle de formation",
    "Pôle social Les Tilleuls, salle 2",
]
ONLINE = "https://visio.agglo-demo.fr/formation-{n}"

FEEDBACK = [
    (5, "Très concret, je l'ai appliqué dès le lendemain."),
    (5, "Enfin une formation courte qui va à l'essentiel."),
    (4, "Utile ; j'aurais aimé plus d'exercices."),
    (4, "Bon rythme, formateur disponible."),
    (3, "Intéressant mais un peu rapide sur la fin."),
    (5, ""),
    (4, ""),
    (2, "Trop général pour mon poste."),
]


def is_loaded() -> bool:
    return Training.objects.filter(title=TRAININGS[0][0]).exists()


def wipe() -> None:
    """Delete every training (sessions, registrations, feedback go with them)."""
    Training.objects.all().delete()


def _competencies_for(words, competencies) -> list:
    return [c for c in competencies if any(w in c.name.lower() for w in words)][:3]


@transaction.atomic
def load(*, log=print) -> dict:
    rng = random.Random(SEED)
    admin = Person.objects.get(email=org_demo.ADMIN_EMAIL)
    people = list(
        Person.objects.filter(
            email__endswith=f"@{org_demo.DEMO_DOMAIN}", is_active=True, is_org_admin=False
        ).order_by("email")
    )
    competencies = list(Competency.objects.live())
    trainers = rng.sample(people, 12)
    learners = [p for p in people if p not in trainers]
    now = timezone.now()
    local = timezone.localtime(now)

    trainings = []
    for index, (title, summary, programme, audience, words, status) in enumerate(TRAININGS):
        main = trainers[index]
        others = [trainers[10 + index % 2]] if index in (0, 3) else []
        training = services.training_propose(
            by=main,
            title=title,
            summary=summary,
            programme=programme,
            audience=audience,
            competencies=_competencies_for(words, competencies),
            trainers=others,
        )
        if status != "proposed":
            services.training_publish(training=training, by=admin)
        trainings.append((training, status))

    def schedule(training, days, hour, capacity, n):
        starts = (local + datetime.timedelta(days=days)).replace(
            hour=hour, minute=0, second=0, microsecond=0
        )
        online = n % 4 == 3
        return services.session_create(
            training=training,
            by=admin,
            starts_at=starts if days > 0 else local + datetime.timedelta(days=1 + n),
            capacity=capacity,
            place="" if online else PLACES[n % len(PLACES)],
            online_link=ONLINE.format(n=n) if online else "",
        ), starts

    published = [t for t, status in trainings if status in ("published", "archived")]
    counts = {"registrations": 0, "waiting": 0, "feedback": 0, "present": 0}

    # Seven past sessions: filled, moved back in time, attendance and feedback.
    past_days = [-150, -110, -80, -60, -35, -20, -6]
    for n, days in enumerate(past_days):
        training = published[[0, 1, 2, 3, 8, 5, 0][n]]  # 8: the one archived later
        session, starts = schedule(training, days, 9 + 5 * (n % 2), 10, n)
        attendees = rng.sample(learners, rng.randint(6, 10))
        for person in attendees:
            services.registration_create(session=session, person=person)
        counts["registrations"] += len(attendees)
        Session.objects.filter(pk=session.pk).update(starts_at=starts)
        session.refresh_from_db()
        present = [p for p in attendees if rng.random() < 0.85]
        services.attendance_mark(session=session, by=admin, present_ids=[p.pk for p in present])
        counts["present"] += len(present)
        for person in present:
            if rng.random() < 0.7:
                rating, comment = rng.choice(FEEDBACK)
                services.feedback_give(
                    session=session, person=person, rating=rating, comment=comment
                )
                counts["feedback"] += 1

    # The archived training's sessions are over: archive it now.
    for training, status in trainings:
        if status == "archived":
            services.training_archive(training=training, by=admin)

    # Eight sessions to come, one of them full with a waiting list.
    live = [t for t, status in trainings if status == "published"]
    coming_days = [2, 5, 9, 12, 16, 23, 30, 41]
    for n, days in enumerate(coming_days):
        training = live[n % len(live)]
        capacity = 6 if n == 1 else rng.choice([8, 10, 12])
        session, _starts = schedule(training, days, 9 + 5 * (n % 2), capacity, n + 10)
        wanted = capacity + 3 if n == 1 else rng.randint(2, capacity - 1)
        for person in rng.sample(learners, wanted):
            registration = services.registration_create(session=session, person=person)
            counts["registrations"] += 1
            counts["waiting"] += registration.status == "waiting"
        if n == 1:
            # Someone registered cannot come any more: the first waiting is promoted.
            first = session.registrations.filter(status="registered").order_by("queued_at")[0]
            services.registration_cancel(session=session, person=first.person)
            counts["waiting"] -= 1
    result = {
        "trainings": len(trainings),
        "sessions": Session.objects.count(),
        **counts,
    }
    log(
        f"Formations chargées : {result['trainings']} formations, {result['sessions']} "
        f"sessions, {result['registrations']} inscriptions, {result['feedback']} avis."
    )
    return result
