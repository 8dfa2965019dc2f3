"""Comments: one level of replies, reports, hiding with a reason, notifications."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cercles.ideas import services
from cercles.ideas.models import Comment, CommentReport
from tests.factories import PersonFactory

from .conftest import notified
from .factories import IdeaFactory


def test_reply_to_a_reply_attaches_to_its_parent(idea, agent, author):
    first = services.comment_create(idea=idea, author=agent, body="Bonne idée.")
    reply = services.comment_create(idea=idea, author=author, body="Merci.", parent=first)
    again = services.comment_create(idea=idea, author=agent, body="De rien.", parent=reply)
    assert reply.parent == first and again.parent == first


def test_parent_must_belong_to_the_idea(idea, agent, author):
    other = IdeaFactory(by=author)
    comment = services.comment_create(idea=other, author=agent, body="Ailleurs.")
    with pytest.raises(ValidationError) as exc:
        services.comment_create(idea=idea, author=agent, body="Réponse", parent=comment)
    assert "parent" in exc.value.message_dict


def test_empty_comment_is_refused(idea, agent):
    with pytest.raises(ValidationError) as exc:
        services.comment_create(idea=idea, author=agent, body="  ")
    assert "body" in exc.value.message_dict


def test_comment_notifies_author_and_followers_not_the_commenter(idea, agent, author, committed):
    follower = PersonFactory()
    services.idea_follow(idea=idea, person=follower)
    with committed():
        services.comment_create(idea=idea, author=agent, body="Intéressant.")
    expected = ["Nouveau commentaire sur l'idée « Un guichet unique pour les arrivées »."]
    assert notified(author, "idea_comment") == expected
    assert notified(follower, "idea_comment") == expected
    assert notified(agent) == []


def test_report_once_and_moderators_are_told(idea, agent, author, facilitator, committed):
    comment = services.comment_create(idea=idea, author=author, body="Texte discutable.")
    with committed():
        services.comment_report(comment=comment, by=agent, reason="Propos blessant.")
    with pytest.raises(ValidationError, match="déjà signalé"):
        services.comment_report(comment=comment, by=agent)
    with pytest.raises(ValidationError, match="propre commentaire"):
        services.comment_report(comment=comment, by=author)
    assert CommentReport.objects.count() == 1
    assert len(notified(facilitator, "comment_report")) == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        CommentReport.objects.create(comment=comment, by=agent)


def test_hide_needs_a_reason(idea, agent, facilitator):
    comment = services.comment_create(idea=idea, author=agent, body="Hors sujet.")
    with pytest.raises(ValidationError) as exc:
        services.comment_hide(comment=comment, by=facilitator, reason="  ")
    assert exc.value.message_dict == {"reason": ["Indiquez pourquoi le commentaire est masqué."]}
    services.comment_hide(comment=comment, by=facilitator, reason="Hors sujet.")
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_by == facilitator
    with pytest.raises(ValidationError, match="déjà masqué"):
        services.comment_hide(comment=comment, by=facilitator, reason="Encore")


def test_database_refuses_hiding_without_reason(idea, agent):
    from django.utils import timezone

    comment = services.comment_create(idea=idea, author=agent, body="Texte.")
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(hidden_at=timezone.now(), hidden_reason="")
