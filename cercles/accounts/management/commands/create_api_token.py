from django.core.management.base import BaseCommand, CommandError

from cercles.accounts.models import Person
from cercles.accounts.tokens import api_token_create


class Command(BaseCommand):
    help = "Create a personal API token for a person and print its key (shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("email", help="E-mail address of the person.")
        parser.add_argument("--name", default="API", help="Name of the token (default: API).")

    def handle(self, *args, email, name, **options):
        person = Person.objects.filter(email__iexact=email.strip()).first()
        if person is None:
            raise CommandError(f"No person with the e-mail address {email!r}.")
        if not person.is_active:
            raise CommandError(f"{email!r} is deactivated: a token would not work.")
        name = name.strip()
        if not name or len(name) > 100:
            raise CommandError("The token name must be 1 to 100 characters long.")
        _token, raw = api_token_create(person=person, name=name)
        self.stdout.write(raw)
