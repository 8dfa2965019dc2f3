"""Restore the organisation from a JSON document written by export_organisation."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cercles.organisation import importers


class Command(BaseCommand):
    help = (
        "Restaure une organisation depuis un document JSON. Refuse si l'organisation "
        "n'est pas vide, sauf avec --wipe qui l'efface d'abord."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Document JSON produit par export_organisation")
        parser.add_argument(
            "--wipe",
            action="store_true",
            help="Effacer d'abord cercles, rôles, affectations et historique (les comptes restent)",
        )

    def handle(self, *args, file, wipe, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {file}")
        if not wipe and not importers.organisation_is_empty():
            raise CommandError(
                "L'organisation n'est pas vide : import refusé. Relancez avec --wipe pour "
                "effacer cercles, rôles, affectations et historique avant de restaurer."
            )
        try:
            document = importers.load_organisation_document(path.read_bytes())
            counts = importers.import_organisation(document, wipe=wipe)
        except importers.OrganisationImportError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                "Organisation restaurée : {circles} cercle(s), {roles} rôle(s), "
                "{assignments} affectation(s), {history} changement(s), "
                "{people_created} personne(s) créée(s).".format(**counts)
            )
        )
