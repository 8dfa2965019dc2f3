"""Campaigns and ideas, created through the services as the application does."""

import datetime

import factory
from django.utils import timezone
from faker import Faker

from cercles.ideas import services
from cercles.ideas.models import Campaign, Idea, Objective
from tests.factories import PersonFactory

fake = Faker("fr_FR")


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    name = factory.Sequence(lambda n: f"Objectif {n}")


class CampaignFactory(factory.django.DjangoModelFactory):
    """An open campaign for the whole organisation (30 days, started a week ago)."""

    class Meta:
        model = Campaign

    title = factory.Sequence(lambda n: f"Défi {n}")
    question = "Comment simplifier notre travail ?"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=23))
    by = factory.SubFactory(PersonFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.campaign_create(**kwargs)


class IdeaFactory(factory.django.DjangoModelFactory):
    """A signed idea, posted; pass `anonymous=True` or `draft=True` for the others."""

    class Meta:
        model = Idea

    by = factory.SubFactory(PersonFactory)
    title = factory.Sequence(lambda n: f"Idée {n} : {fake.sentence(nb_words=5)}")
    body = factory.LazyFunction(lambda: fake.paragraph(nb_sentences=3))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.idea_create(**kwargs)
