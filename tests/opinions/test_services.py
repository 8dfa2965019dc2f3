"""Consultation services: rights, invariants, anonymity, counters, cache generation."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cercles.meetings import services as meeting_services
from cercles.opinions import results, services
from cercles.opinions.models import (
    Choice,
    Consultation,
    Moderation,
    Participant,
    Statement,
    StatementStatus,
    Vote,
    key_hash,
)

from .conftest import SEEDS


def published(consultation):
    return list(consultation.statements.published().order_by("created_at", "id"))


# --- consultations ---------------------------------------------------------------------


def test_create_with_seeds(consultation, facilitator):
    assert consultation.created_by == facilitator and consultation.is_open
    statements = published(consultation)
    assert [s.text for s in statements] == SEEDS
    assert all(s.is_seed and s.author == facilitator for s in statements)


def test_seeds_typed_twice_are_kept_once(make_consultation):
    c = make_consultation(seeds=["Ouvrir le samedi.", "ouvrir le  SAMEDI", "Fermer tôt."])
    assert [s.text for s in c.statements.all()] == ["Ouvrir le samedi.", "Fermer tôt."]


def test_who_launches_a_consultation(org, agent, member, lead_link, admin):
    for person in (member, lead_link, admin):
        services.consultation_create(by=person, circle=org["rh"], question=f"Q {person.pk} ?")
    with pytest.raises(PermissionDenied):
        services.consultation_create(by=agent, circle=org["rh"], question="Q ?")
    assert Consultation.objects.count() == 3


def test_bad_consultations_are_refused(org, facilitator, admin, member):
    other = meeting_services.meeting_create(
        by=admin, circle=org["numerique"], title="Réunion", starts_at=timezone.now()
    )
    with pytest.raises(ValidationError) as exc:
        services.consultation_create(
            by=facilitator, circle=org["rh"], question="Q ?", meeting=other
        )
    assert exc.value.message_dict["meeting"] == ["Choisissez une réunion de ce cercle."]
    now = timezone.now()
    with pytest.raises(ValidationError) as exc:
        services.consultation_create(
            by=facilitator, circle=org["rh"], question="Q ?", opens_at=now, closes_at=now
        )
    assert "La clôture doit suivre l'ouverture." in exc.value.messages
    with pytest.raises(ValidationError):
        services.consultation_create(by=facilitator, circle=org["rh"], question="  ")
    with pytest.raises(ValidationError):
        services.consultation_create(
            by=facilitator, circle=org["rh"], question="Q ?", seeds=["x" * 281]
        )
    assert not Consultation.objects.exists()


def test_anonymity_never_changes(consultation, anonymous_consultation, facilitator, member):
    for c in (consultation, anonymous_consultation):
        with pytest.raises(ValidationError) as exc:
            services.consultation_update(consultation=c, by=facilitator, anonymous=not c.anonymous)
        assert "L'anonymat" in exc.value.messages[0]
    with pytest.raises(PermissionDenied):
        services.consultation_update(consultation=consultation, by=member, question="Autre ?")
    services.consultation_update(consultation=consultation, by=facilitator, question=" Autre  ? ")
    consultation.refresh_from_db()
    assert consultation.question == "Autre ?"


def test_close_and_reopen(consultation, facilitator, member):
    with pytest.raises(PermissionDenied):
        services.consultation_close(consultation=consultation, by=member)
    services.consultation_close(consultation=consultation, by=facilitator)
    assert consultation.is_closed
    with pytest.raises(PermissionDenied):  # closed: nobody votes
        services.participant_join(consultation=consultation, by=member)
    # A planned closing already past is dropped on reopening.
    now = timezone.now()
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_at=now - datetime.timedelta(days=2), closes_at=now - datetime.timedelta(minutes=1)
    )
    consultation.refresh_from_db()
    services.consultation_reopen(consultation=consultation, by=facilitator)
    assert consultation.is_open and consultation.closes_at is None


def test_upcoming_consultation_takes_no_vote(make_consultation, member):
    c = make_consultation(opens_at=timezone.now() + datetime.timedelta(days=2))
    assert c.state == "upcoming"
    with pytest.raises(PermissionDenied):
        services.vote_as(
            consultation=c, by=member, participant=None, statement=published(c)[0], value=1
        )
    assert not Participant.objects.exists()


# --- votes -----------------------------------------------------------------------------


def test_named_votes_and_counters(consultation, member):
    first, second = published(consultation)[:2]
    vote, participant, key = services.vote_as(
        consultation=consultation, by=member, participant=None, statement=first, value=Choice.AGREE
    )
    assert key is None and participant.person == member and vote.value == 1
    services.vote_as(
        consultation=consultation, by=member, participant=participant, statement=second, value=0
    )
    # Changing a vote moves the counters; the same vote again changes nothing.
    services.vote_cast(
        consultation=consultation, participant=participant, statement=first, value=-1, by=member
    )
    services.vote_cast(
        consultation=consultation, participant=participant, statement=first, value=-1, by=member
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.agree_count, first.disagree_count, first.pass_count) == (0, 1, 0)
    assert (second.agree_count, second.disagree_count, second.pass_count) == (0, 0, 1)
    assert Vote.objects.count() == 2
    # Joining again: the same participant.
    assert services.participant_join(consultation=consultation, by=member) == (participant, None)


def test_nobody_votes_in_someone_else_s_name(consultation, member, lead_link):
    statement = published(consultation)[0]
    _vote, participant, _key = services.vote_as(
        consultation=consultation, by=member, participant=None, statement=statement, value=1
    )
    with pytest.raises(PermissionDenied):
        services.vote_cast(
            consultation=consultation, participant=participant, statement=statement, value=-1,
            by=lead_link,
        )  # fmt: skip


def test_bad_votes_are_refused(consultation, anonymous_consultation, member, facilitator):
    statement = published(consultation)[0]
    _vote, participant, _key = services.vote_as(
        consultation=consultation, by=member, participant=None, statement=statement, value=1
    )
    with pytest.raises(ValidationError):
        services.vote_cast(
            consultation=consultation, participant=participant, statement=statement, value=3,
            by=member,
        )  # fmt: skip
    foreign = published(anonymous_consultation)[0]
    with pytest.raises(ValidationError):
        services.vote_cast(
            consultation=consultation, participant=participant, statement=foreign, value=1,
            by=member,
        )  # fmt: skip
    services.statement_moderate(
        statement=statement, by=facilitator, status="hidden", reason="Hors sujet"
    )
    with pytest.raises(ValidationError) as exc:
        services.vote_cast(
            consultation=consultation, participant=participant, statement=statement, value=-1,
            by=member,
        )  # fmt: skip
    assert exc.value.message_dict["statement"] == ["Cette proposition n'est pas soumise au vote."]


def test_anonymous_participation_stores_no_link_to_the_person(anonymous_consultation, member):
    c = anonymous_consultation
    statement = published(c)[0]
    _vote, participant, key = services.vote_as(
        consultation=c, by=member, participant=None, statement=statement, value=1
    )
    assert key and len(key) >= 30
    row = Participant.objects.get()
    assert row.person_id is None and row.key_hash == key_hash(key) and key not in row.key_hash
    # No time is kept on participants and votes; ids are random, not sequential.
    field_names = {f.name for f in Participant._meta.fields} | {f.name for f in Vote._meta.fields}
    assert not {"created_at", "updated_at"} & field_names
    assert row.pk > 2**20
    assert services.participant_find(consultation=c, key=key) == row
    assert services.participant_find(consultation=c, person=member) is None
    # Each new participation (another browser) is a new participant.
    again, other_key = services.participant_join(consultation=c, by=member)
    assert again != row and other_key != key


def test_an_anonymous_statement_keeps_no_author_and_only_its_day(anonymous_consultation, member):
    c = anonymous_consultation
    statement, participant, key = services.statement_propose(
        consultation=c, by=member, participant=None, text="Deux jours de télétravail suffisent."
    )
    assert key and statement.author is None and statement.participant == participant
    assert statement.created_at == statement.created_at.replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    # The author agrees with his own statement, as in Pol.is.
    assert Vote.objects.get(statement=statement).value == 1


def test_statements_of_participants(consultation, member, facilitator):
    statement, participant, _key = services.statement_propose(
        consultation=consultation, by=member, participant=None, text="Ouvrir le mercredi soir."
    )
    assert statement.author == member and statement.status == StatementStatus.ACCEPTED
    assert statement.is_seed is False
    statement.refresh_from_db()
    assert statement.agree_count == 1
    # The same text, whatever the case, accents and spacing: refused.
    with pytest.raises(ValidationError) as exc:
        services.statement_propose(
            consultation=consultation, by=member, participant=participant,
            text="  ouvrir le MERCREDI  soir ",
        )  # fmt: skip
    assert exc.value.message_dict["text"] == ["Cette proposition existe déjà."]
    with pytest.raises(ValidationError):
        services.statement_propose(
            consultation=consultation, by=member, participant=participant, text="x" * 281
        )
    services.consultation_update(consultation=consultation, by=facilitator, allow_statements=False)
    with pytest.raises(PermissionDenied):
        services.statement_propose(
            consultation=consultation, by=member, participant=participant, text="Autre chose."
        )


def test_moderation_before_publication(make_consultation, member, facilitator, lead_link):
    c = make_consultation(moderation=Moderation.BEFORE)
    statement, participant, _key = services.statement_propose(
        consultation=c, by=member, participant=None, text="Un guichet le soir."
    )
    assert statement.status == StatementStatus.PENDING
    assert not Vote.objects.filter(statement=statement).exists()
    with pytest.raises(PermissionDenied):
        services.statement_moderate(statement=statement, by=member, status="accepted")
    with pytest.raises(ValidationError) as exc:
        services.statement_moderate(statement=statement, by=facilitator, status="hidden")
    assert exc.value.message_dict["reason"] == ["Donnez le motif du masquage."]
    services.statement_moderate(statement=statement, by=lead_link, status="accepted")
    statement.refresh_from_db()
    assert statement.status == StatementStatus.ACCEPTED and statement.agree_count == 1
    assert Vote.objects.get(statement=statement).participant == participant
    services.statement_moderate(
        statement=statement, by=facilitator, status="hidden", reason=" Doublon "
    )
    statement.refresh_from_db()
    assert (statement.status, statement.moderation_reason) == ("hidden", "Doublon")


def test_seeds_added_later_all_or_none(consultation, facilitator, member):
    with pytest.raises(ValidationError) as exc:
        services.statements_seed(
            consultation=consultation, by=facilitator, texts=["Nouvelle idée.", SEEDS[0]]
        )
    assert exc.value.message_dict["seeds"] == ["Ligne 2 : Cette proposition existe déjà."]
    assert consultation.statements.count() == len(SEEDS)
    with pytest.raises(PermissionDenied):
        services.statements_seed(consultation=consultation, by=member, texts=["Autre."])
    created = services.statements_seed(
        consultation=consultation, by=facilitator, texts=["Nouvelle idée.", "Une autre."]
    )
    assert [s.is_seed for s in created] == [True, True]


def test_the_analysis_is_cached_until_the_votes_change(mapped, django_assert_num_queries):
    consultation, voters = mapped
    first = results.analysis_for(consultation)
    assert first.placed == 12
    with django_assert_num_queries(0):
        assert results.analysis_for(consultation) is not None
    statement = published(consultation)[0]
    participant = Participant.objects.get(consultation=consultation, person=voters[0])
    services.vote_cast(
        consultation=consultation, participant=participant, statement=statement, value=0,
        by=voters[0],
    )  # fmt: skip
    fresh = results.analysis_for(consultation)
    assert fresh.statements[statement.pk].passed == first.statements[statement.pk].passed + 1
    assert Statement.objects.get(pk=statement.pk).pass_count == 1
