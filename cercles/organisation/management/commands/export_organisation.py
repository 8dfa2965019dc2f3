"""Write the whole organisation, history included, as a JSON document."""

from pathlib import Path

from django.core.management.base import BaseCommand

from cercles.organisation import exporters


class Command(BaseCommand):
    help = "Exporte toute l'organisation (cercles, rôles, personnes, affectations, historique) en JSON."

    def add_arguments(self, parser):
        parser.add_argument(
            "-o", "--output", default="", help="Fichier de sortie (sinon la sortie standard)"
        )

    def handle(self, *args, output, **options):
        text = exporters.organisation_json() + "\n"
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(f"Organisation exportée dans {output}.")
        else:
            self.stdout.write(text, ending="")
