"""Supports (one per person, withdrawable, not one's own idea) and follows."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

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


@pytest.fixture
def merged_meanwhile(idea, facilitator, org, monkeypatch):
    """The support view reads the idea; before it supports it, another request (a
    facilitator) merges the idea into another one. Once."""
    from cercles.ideas.views import ideas as views

    target = IdeaFactory(by=facilitator, title="Un accueil unique", circle=org["rh"])
    real = views.get_idea_for_user

    def read_then_merged_elsewhere(request, pk, **kwargs):
        loaded = real(request, pk, **kwargs)
        monkeypatch.setattr(views, "get_idea_for_user", real)
        services.idea_merge(
            idea=Idea.objects.get(pk=pk), into=target, text="Doublon.", by=facilitator
        )
        return loaded

    monkeypatch.setattr(views, "get_idea_for_user", read_then_merged_elsewhere)
    return idea


def test_support_racing_a_merge_is_a_message_not_a_500(login, agent, merged_meanwhile):
    """The service sees the merge under its lock and refuses; the page says why."""
    idea = merged_meanwhile
    response = login(agent).post(reverse("ideas:idea_support", args=[idea.pk]), follow=True)
    assert response.status_code == 200
    assert "Une idée « Fusionnée » ne reçoit plus de soutien." in response.content.decode()
    assert not Support.objects.filter(person=agent).exists()


def test_support_racing_a_merge_through_htmx_reloads_the_page(login, agent, merged_meanwhile):
    idea = merged_meanwhile
    response = login(agent).post(
        reverse("ideas:idea_support", args=[idea.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == idea.get_absolute_url()
    assert not Support.objects.filter(person=agent).exists()
