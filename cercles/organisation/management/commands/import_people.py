"""Import people and assignments from an HR export: a dry run unless --apply."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cercles.accounts.models import Person
from cercles.organisation import importers


class Command(BaseCommand):
    help = "Importe des personnes et leurs affectations (CSV ou XLSX). Simulation sans --apply."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Fichier CSV ou XLSX")
        parser.add_argument("--apply", action="store_true", help="Appliquer l'import")
        parser.add_argument(
            "--by", default="", help="E-mail de la personne à qui l'historique attribue l'import"
        )

    def handle(self, *args, file, apply, by, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {file}")
        content = path.read_bytes()
        author = None
        if by:
            author = Person.objects.filter(email__iexact=by).first()
            if author is None:
                raise CommandError(f"Personne inconnue : {by}")
        try:
            if apply:
                plan = importers.apply_people_import(path.name, content, by=author)
            else:
                plan = importers.plan_people_import(path.name, content)
        except importers.PeopleImportRefused as exc:
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
