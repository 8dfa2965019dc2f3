"""Merging a duplicate: supports move without double counting, people are told."""

import pytest
from django.core.exceptions import ValidationError

from cercles.ideas import services
from cercles.ideas.models import Follow, Idea, IdeaStatus, Support
from tests.factories import PersonFactory

from .conftest import notified
from .factories import IdeaFactory


@pytest.fixture
def pair(org, author):
    target_author = PersonFactory(first_name="Théo", last_name="Cible")
    dup = IdeaFactory(by=author, title="Guichet unique", circle=org["rh"])
    target = IdeaFactory(by=target_author, title="Un accueil unique", circle=org["rh"])
    return dup, target, target_author


def test_merge_moves_supports_without_double_counting(pair, author, facilitator, committed):
    dup, target, target_author = pair
    both = PersonFactory()
    only_dup = PersonFactory()
    services.idea_support(idea=dup, person=both)
    services.idea_support(idea=target, person=both)
    services.idea_support(idea=dup, person=only_dup)
    services.idea_support(idea=dup, person=target_author)  # the target's own author
    assert Idea.objects.get(pk=dup.pk).support_count == 3

    with committed():
        services.idea_merge(idea=dup, into=target, text="Même proposition.", by=facilitator)

    dup.refresh_from_db()
    target.refresh_from_db()
    assert dup.status == IdeaStatus.MERGED and dup.merged_into == target
    assert dup.support_count == 0 and not Support.objects.filter(idea=dup).exists()
    assert set(Support.objects.filter(idea=target).values_list("person_id", flat=True)) == {
        both.pk,
        only_dup.pk,
    }
    assert target.support_count == 2
    assert dup.answers.get().to_status == IdeaStatus.MERGED
    # Supporters and the merged idea's author follow the target and are told.
    assert Follow.objects.filter(idea=target, person=author).exists()
    for person in (both, only_dup, author):
        assert notified(person, "idea_merge") == [
            "L'idée « Guichet unique » a été fusionnée dans « Un accueil unique » ; "
            "votre soutien l'y suit."
        ]
    assert notified(facilitator) == []
    # A supporter may withdraw the support that moved.
    services.idea_unsupport(idea=target, person=only_dup)
    assert Idea.objects.get(pk=target.pk).support_count == 1


def test_merge_refusals(pair, facilitator, author):
    dup, target, _target_author = pair
    with pytest.raises(ValidationError, match="dans elle-même"):
        services.idea_merge(idea=dup, into=dup, text="x", by=facilitator)
    with pytest.raises(ValidationError, match="accompagne d.une réponse"):
        services.idea_merge(idea=dup, into=target, text=" ", by=facilitator)
    draft = IdeaFactory(by=author, draft=True)
    with pytest.raises(ValidationError, match="brouillon"):
        services.idea_merge(idea=dup, into=draft, text="x", by=facilitator)
    services.idea_merge(idea=dup, into=target, text="Doublon.", by=facilitator)
    third = IdeaFactory(by=author)
    with pytest.raises(ValidationError, match="elle-même fusionnée"):
        services.idea_merge(idea=third, into=dup, text="x", by=facilitator)
    with pytest.raises(ValidationError, match="ne peut pas être fusionnée"):
        services.idea_merge(idea=dup, into=third, text="x", by=facilitator)


@pytest.mark.parametrize("closed", [IdeaStatus.REFUSED, IdeaStatus.IMPLEMENTED])
def test_merge_refuses_a_target_that_takes_no_more_supports(pair, facilitator, closed):
    """The supports move to the target: a refused or implemented idea takes none."""
    dup, target, _target_author = pair
    if closed == IdeaStatus.IMPLEMENTED:
        services.idea_transition(idea=target, to=IdeaStatus.ACCEPTED, text="Oui.", by=facilitator)
    services.idea_transition(idea=target, to=closed, text="Réponse motivée.", by=facilitator)
    with pytest.raises(ValidationError) as exc:
        services.idea_merge(idea=dup, into=target, text="Doublon.", by=facilitator)
    assert "ne reçoit plus de soutien, on ne peut pas y fusionner" in exc.value.messages[0]
    assert Idea.objects.get(pk=dup.pk).status == IdeaStatus.SUBMITTED


@pytest.mark.parametrize("direction", ["low_into_high", "high_into_low"])
def test_merge_locks_the_two_ideas_in_id_order(pair, facilitator, direction):
    """A merge of A into B and one of B into A at the same time take their locks in the
    same order, so neither waits for the other forever."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    dup, target, _target_author = pair
    low, high = sorted((dup, target), key=lambda i: i.pk)
    idea, into = (low, high) if direction == "low_into_high" else (high, low)
    with CaptureQueriesContext(connection) as queries:
        services.idea_merge(idea=idea, into=into, text="Doublon.", by=facilitator)
    table = Idea._meta.db_table
    reads = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT") and f'FROM "{table}"' in q["sql"]
    ][:2]
    assert len(reads) == 2
    assert str(low.pk) in reads[0] and str(high.pk) in reads[1]
