"""Import a competency framework (ours, ESCO or ROME 4.0): a dry run unless --apply."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cercles.competencies import importers


class Command(BaseCommand):
    help = "Importe un référentiel de compétences (CSV ou XLSX). Simulation sans --apply."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Fichier CSV ou XLSX")
        parser.add_argument(
            "--layout",
            choices=sorted(importers.LAYOUTS),
            help="Format du fichier (reconnu d'après les colonnes s'il est omis)",
        )
        parser.add_argument("--apply", action="store_true", help="Appliquer l'import")

    def handle(self, *args, file, layout, apply, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {file}")
        content = path.read_bytes()
        try:
            if apply:
                plan = importers.apply_import(path.name, content, layout=layout)
            else:
                plan = importers.plan_import(path.name, content, layout=layout)
        except importers.ImportRefused as exc:
            self.stdout.write(importers.format_plan_report(exc.plan))
            raise CommandError(f"{len(exc.plan.errors)} erreur(s) : rien n'a été importé.") from exc
        except importers.ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(importers.format_plan_report(plan))
        if plan.errors:
            raise CommandError(
                f"{len(plan.errors)} erreur(s) : rien ne sera importé tant qu'elles restent."
            )
        if apply:
            self.stdout.write(self.style.SUCCESS("Import appliqué."))
        else:
            self.stdout.write(
                "Simulation : rien n'a été écrit. Relancez avec --apply pour importer."
            )
