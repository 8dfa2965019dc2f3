"""`manage.py load_demo`: load the invented demo organisation, then each module's demo on
top of it (idempotent)."""

import time

from django.core.management.base import BaseCommand, CommandError

from cercles.coaching import demo as coaching_demo
from cercles.competencies import demo as competencies_demo
from cercles.decisions import demo as decisions_demo
from cercles.elections import demo as elections_demo
from cercles.ideas import demo as ideas_demo
from cercles.ideas import seed as ideas_seed
from cercles.knowledge import demo as knowledge_demo
from cercles.meetings import demo as meetings_demo
from cercles.missions import demo as missions_demo
from cercles.onboarding import demo as onboarding_demo
from cercles.opinions import demo as opinions_demo
from cercles.organisation import demo, seed
from cercles.organisation.models import Circle
from cercles.people import demo as people_demo
from cercles.people import functions
from cercles.people.models import Function
from cercles.polls import demo as polls_demo
from cercles.trainings import demo as trainings_demo

# People development, in loading order: the people demo grants the HR and coaching
# functions and writes the path catalogue; competencies come before the modules that
# seek or develop them; onboarding needs the knowledge demo's welcome booklet.
PEOPLE_DEMOS = (
    ("Parcours", people_demo),
    ("Compétences", competencies_demo),
    ("Formations", trainings_demo),
    ("Missions", missions_demo),
    ("Coaching", coaching_demo),
    ("Intégration", onboarding_demo),
)


def wipe_everything() -> None:
    """Erase the modules' demo rows, the ideas, then the organisation and the demo and
    seeded accounts: the modules point at circles, roles and people, so they go first."""
    for _label, module in reversed(PEOPLE_DEMOS):
        module.wipe()
    opinions_demo.wipe()
    decisions_demo.wipe()
    elections_demo.wipe()
    polls_demo.wipe()
    meetings_demo.wipe()
    knowledge_demo.wipe()
    ideas_seed.wipe()
    seed.wipe(email_domains=(demo.DEMO_DOMAIN, seed.SEED_DOMAIN))


class Command(BaseCommand):
    help = "Charge l'organisation de démonstration (une agglomération fictive d'environ 60 agents)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Efface l'organisation et les comptes de démonstration, puis recharge la démo.",
        )
        parser.add_argument(
            "--url", default="http://127.0.0.1:8000/", help="Adresse affichée à la fin."
        )

    def handle(self, *args, reset, url, **options):
        if reset:
            self.stdout.write("Effacement de l'organisation existante…")
            wipe_everything()
        elif demo.is_loaded():
            if not ideas_demo.is_loaded():
                self._load_ideas()
            if not knowledge_demo.is_loaded():
                self._load_knowledge()
            if not meetings_demo.is_loaded():
                self._load_meetings()
            if not polls_demo.is_loaded():
                self._load_polls()
            if not elections_demo.is_loaded():
                self._load_elections()
            if not decisions_demo.is_loaded():
                self._load_decisions()
            if not opinions_demo.is_loaded():
                self._load_opinions()
            self._load_people(only_missing=True)
            self.stdout.write(f"La démo est déjà chargée ({demo.ORG_NAME}).")
            self._print_logins(url)
            return
        elif Circle.objects.exists():
            raise CommandError(
                "La base contient déjà une autre organisation : relancez avec --reset "
                "pour la remplacer par la démo."
            )
        result = demo.load(log=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(
                f"Démo chargée : {demo.ORG_NAME}, {result['people']} comptes, "
                f"{result['circles']} cercles, en {result['seconds']:.1f} s."
            )
        )
        self._load_ideas()
        self._load_knowledge()
        self._load_meetings()
        self._load_polls()
        self._load_elections()
        self._load_decisions()
        self._load_opinions()
        self._load_people()
        # The minutes again, now that the decisions, polls and elections are there.
        meetings_demo.refresh_minutes(log=self.stdout.write)
        self._print_logins(url)

    def _load_ideas(self):
        started = time.monotonic()
        # The services schedule each idea's embedding for when the load commits: computed
        # then when Celery runs eagerly (the default), else queued for the worker. Hence
        # two durations, and no second pass here (`tasks.embed_missing` would find none).
        result = ideas_demo.load(log=self.stdout.write)
        ideas_demo.settle_notifications()
        self.stdout.write(
            self.style.SUCCESS(
                f"Idées chargées : {result['campaigns']} campagnes, {result['ideas']} idées, "
                f"{result['supports']} soutiens, {result['comments']} commentaires, "
                f"{result['answers']} réponses, {result['themes']} thèmes, "
                f"{result['projects']} projets, en {result['seconds']:.1f} s "
                f"(+ {time.monotonic() - started - result['seconds']:.1f} s pour le sens "
                "des idées)."
            )
        )

    def _load_knowledge(self):
        result = knowledge_demo.load(log=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(
                f"Savoirs chargés : {result['pages']} pages, {result['revisions']} versions, "
                f"{result['time_eaters']} chronophages, en {result['seconds']:.1f} s."
            )
        )

    def _load_polls(self):
        result = polls_demo.load(log=self.stdout.write)
        polls_demo.settle_notifications()
        self.stdout.write(
            self.style.SUCCESS(
                f"Sondages chargés : {result['polls']} sondages, {result['ballots']} bulletins, "
                f"en {result['seconds']:.1f} s."
            )
        )

    def _load_meetings(self):
        result = meetings_demo.load(log=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(
                f"Réunions chargées : {result['meetings']} réunions, {result['turns']} prises "
                f"de parole, {result['actions']} actions, {result['ratings']} évaluations, "
                f"en {result['seconds']:.1f} s."
            )
        )

    def _load_elections(self):
        result = elections_demo.load(log=self.stdout.write)
        elections_demo.settle_notifications()
        self.stdout.write(
            self.style.SUCCESS(
                f"Élections chargées : {result['elections']} élections conclues, "
                f"{result['reminders']} rappel(s) de fin de mandat, en {result['seconds']:.1f} s."
            )
        )

    def _load_opinions(self):
        result = opinions_demo.load(log=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(
                f"Carte d'opinion chargée : {result['participants']} participants, "
                f"{result['votes']} votes, en {result['seconds']:.1f} s."
            )
        )

    def _load_decisions(self):
        result = decisions_demo.load(log=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(
                f"Décisions chargées : {result['decisions']} décisions, "
                f"{result['consultations']} consultation en cours, en {result['seconds']:.1f} s."
            )
        )

    def _load_people(self, only_missing=False):
        for label, module in PEOPLE_DEMOS:
            if only_missing and module.is_loaded():
                continue
            started = time.monotonic()
            module.load(log=self.stdout.write)  # each module logs what it loaded
            if hasattr(module, "settle_notifications"):
                module.settle_notifications()
            self.stdout.write(
                self.style.SUCCESS(f"{label} : chargé en {time.monotonic() - started:.1f} s.")
            )

    def _print_logins(self, url):
        self.stdout.write(f"Ouvrez {url} et connectez-vous avec l'un de ces comptes :")
        logins = demo.demo_logins()
        coordinator = functions.holders(Function.COACHING_COORDINATOR).first()
        if coordinator:
            logins.append(("coordination du coaching", coordinator.email, demo.DEMO_PASSWORD))
        for label, email, password in logins:
            self.stdout.write(f"  {label:<40} {email} / {password}")
