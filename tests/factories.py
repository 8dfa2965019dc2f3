import factory
from faker import Faker

from cercles.accounts import services as account_services
from cercles.accounts.models import Person

fake = Faker("fr_FR")
PASSWORD = "motdepasse-solide-42"


class PersonFactory(factory.django.DjangoModelFactory):
    """People are created through the account service, as imports and the admin do."""

    class Meta:
        model = Person

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    first_name = factory.LazyFunction(fake.first_name)
    last_name = factory.LazyFunction(fake.last_name)

    @classmethod
    def _create(cls, model_class, *args, password=PASSWORD, **kwargs):
        return account_services.person_create(password=password, **kwargs)
