"""The life cycle: legal and illegal moves, public answers, refusals need a reason."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cercles.ideas import services
from cercles.ideas.models import TRANSITIONS, IdeaAnswer, IdeaStatus

from .conftest import notified
from .factories import IdeaFactory

S = IdeaStatus


def test_full_path_to_implemented_records_each_answer(idea, facilitator, author, agent, committed):
    services.idea_follow(idea=idea, person=agent)
    with committed():
        services.idea_transition(idea=idea, to=S.UNDER_STUDY, text="Nous étudions.", by=facilitator)
        first_answer = idea.answered_at
        services.idea_transition(idea=idea, to=S.ACCEPTED, text="Retenue.", by=facilitator)
        services.idea_transition(
            idea=idea, to=S.IN_PROJECT, text="Un projet démarre.", by=facilitator
        )
        services.idea_transition(idea=idea, to=S.IMPLEMENTED, text="C'est fait.", by=facilitator)
    idea.refresh_from_db()
    assert idea.status == S.IMPLEMENTED
    assert idea.answered_at == first_answer  # the first answer's time is kept
    assert list(idea.answers.values_list("from_status", "to_status")) == [
        (S.SUBMITTED, S.UNDER_STUDY),
        (S.UNDER_STUDY, S.ACCEPTED),
        (S.ACCEPTED, S.IN_PROJECT),
        (S.IN_PROJECT, S.IMPLEMENTED),
    ]
    # The author and the followers hear of each answer; the facilitator does not.
    assert len(notified(author, "idea_answer")) == 4
    assert len(notified(agent, "idea_answer")) == 4
    assert notified(facilitator) == []


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (S.SUBMITTED, S.IMPLEMENTED),
        (S.SUBMITTED, S.IN_PROJECT),
        (S.SUBMITTED, S.SUBMITTED),
        (S.SUBMITTED, S.DRAFT),
    ],
)
def test_illegal_moves_are_refused(idea, facilitator, start, to):
    with pytest.raises(ValidationError) as exc:
        services.idea_transition(idea=idea, to=to, text="Réponse.", by=facilitator)
    assert "ne peut pas passer" in exc.value.message_dict["to"][0]
    idea.refresh_from_db()
    assert idea.status == start and not IdeaAnswer.objects.exists()


def test_nothing_leaves_implemented(idea, facilitator):
    services.idea_transition(idea=idea, to=S.ACCEPTED, text="Oui.", by=facilitator)
    services.idea_transition(idea=idea, to=S.IMPLEMENTED, text="Fait.", by=facilitator)
    for target in S.values:
        if target == S.MERGED:
            continue
        with pytest.raises(ValidationError):
            services.idea_transition(idea=idea, to=target, text="Non.", by=facilitator)
    assert TRANSITIONS[S.IMPLEMENTED] == frozenset()


def test_merged_only_through_merge(idea, facilitator):
    with pytest.raises(ValidationError) as exc:
        services.idea_transition(idea=idea, to=S.MERGED, text="Doublon.", by=facilitator)
    assert exc.value.message_dict["to"] == [
        "Pour fusionner une idée, choisissez l'idée qui la reçoit."
    ]


def test_refusal_without_reason_is_impossible(idea, facilitator):
    for blank in ("", "   \n"):
        with pytest.raises(ValidationError) as exc:
            services.idea_transition(idea=idea, to=S.REFUSED, text=blank, by=facilitator)
        assert exc.value.message_dict["text"] == [
            "Une idée ne peut pas être refusée sans motif : expliquez pourquoi."
        ]
    with pytest.raises(ValidationError, match="s'accompagne d'une réponse"):
        services.idea_transition(idea=idea, to=S.ACCEPTED, text="", by=facilitator)
    idea.refresh_from_db()
    assert idea.status == S.SUBMITTED and idea.answered_at is None


def test_database_refuses_an_answer_without_text(idea, facilitator):
    with pytest.raises(IntegrityError), transaction.atomic():
        IdeaAnswer.objects.create(
            idea=idea, from_status=S.SUBMITTED, to_status=S.REFUSED, text="", by=facilitator
        )


def test_refused_idea_can_be_reopened(idea, facilitator):
    services.idea_transition(idea=idea, to=S.REFUSED, text="Trop coûteux.", by=facilitator)
    services.idea_transition(idea=idea, to=S.UNDER_STUDY, text="Budget trouvé.", by=facilitator)
    idea.refresh_from_db()
    assert idea.status == S.UNDER_STUDY


def test_anonymous_idea_answer_keeps_day_precision(author, facilitator, org):
    idea = IdeaFactory(by=author, anonymous=True, circle=org["rh"])
    services.idea_transition(idea=idea, to=S.UNDER_STUDY, text="Vu.", by=facilitator)
    idea.refresh_from_db()
    assert (idea.updated_at.hour, idea.updated_at.minute, idea.updated_at.second) == (0, 0, 0)
    # Nobody to notify: the idea has no author and nobody follows it.
    assert notified(author) == []
