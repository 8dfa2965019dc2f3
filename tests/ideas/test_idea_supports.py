"""Supports (one per person, withdrawable, not one's own idea) and follows."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cercles.ideas import services
from cercles.ideas.models import Follow, Idea, IdeaStatus, Support

from .factories import IdeaFactory


def count(idea):
    return Idea.objects.get(pk=idea.pk).support_count


def test_support_once_and_withdraw(idea, agent):
    assert services.idea_support(idea=idea, person=agent) is True
    assert services.idea_support(idea=idea, person=agent) is False
    assert count(idea) == 1 and idea.support_count == 1
    # Supporters follow the idea.
    assert Follow.objects.filter(idea=idea, person=agent).exists()
    assert services.idea_unsupport(idea=idea, person=agent) is True
    assert services.idea_unsupport(idea=idea, person=agent) is False
    assert count(idea) == 0
    assert not Support.objects.exists()


def test_database_keeps_one_support_per_person(idea, agent):
    services.idea_support(idea=idea, person=agent)
    with pytest.raises(IntegrityError), transaction.atomic():
        Support.objects.create(idea=idea, person=agent)


def test_author_cannot_support_his_signed_idea(idea, author):
    with pytest.raises(ValidationError, match="votre propre idée"):
        services.idea_support(idea=idea, person=author)
    assert count(idea) == 0


def test_closed_ideas_take_no_support(idea, agent, facilitator):
    services.idea_transition(idea=idea, to=IdeaStatus.REFUSED, text="Non, car…", by=facilitator)
    with pytest.raises(ValidationError, match="ne reçoit plus de soutien"):
        services.idea_support(idea=idea, person=agent)


def test_drafts_take_no_support(author, agent):
    draft = IdeaFactory(by=author, draft=True)
    with pytest.raises(ValidationError):
        services.idea_support(idea=draft, person=agent)
    with pytest.raises(ValidationError):
        services.idea_follow(idea=draft, person=agent)


def test_follow_and_unfollow(idea, agent):
    assert services.idea_follow(idea=idea, person=agent) is True
    assert services.idea_follow(idea=idea, person=agent) is False
    assert services.idea_unfollow(idea=idea, person=agent) is True
    assert not Follow.objects.filter(idea=idea, person=agent).exists()
