"""`manage.py load_demo`: load the invented demo organisation (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from cercles.organisation import demo, seed
from cercles.organisation.models import Circle


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
            seed.wipe(email_domains=(demo.DEMO_DOMAIN, seed.SEED_DOMAIN))
        elif demo.is_loaded():
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
        self._print_logins(url)

    def _print_logins(self, url):
        self.stdout.write(f"Ouvrez {url} et connectez-vous avec l'un de ces comptes :")
        for label, email, password in demo.demo_logins():
            self.stdout.write(f"  {label:<40} {email} / {password}")
