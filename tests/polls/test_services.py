"""The polls' services: creating, editing, opening, voting, closing, concluding."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cercles.core.models import Notification
from cercles.organisation import services as org_services
from cercles.polls import services
from cercles.polls.models import Ballot, Elector, Participation, Poll, PollStatus
from tests.factories import PersonFactory


def option_ids(poll):
    return list(poll.options.values_list("pk", flat=True))


def messages_of(exc) -> str:
    return " ".join(exc.value.messages)


# --- creating --------------------------------------------------------------------------


def test_a_circle_poll_opens_with_the_circle_members_as_electorate(
    make_poll, circle, facilitator, member, voters, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        poll = make_poll("yes_no")
    assert poll.status == PollStatus.OPEN and poll.opened_at is not None
    electors = set(poll.electors.values_list("person_id", flat=True))
    assert electors == {facilitator.pk, member.pk, *(v.pk for v in voters)}
    assert poll.electorate_size == 6
    # Everyone but the author is told.
    told = set(Notification.objects.filter(kind="poll_open").values_list("recipient", flat=True))
    assert told == electors - {facilitator.pk}


def test_a_meeting_poll_takes_the_meeting_participants(make_poll, meeting, agent, admin):
    from cercles.meetings import services as meeting_services

    meeting_services.participant_add(meeting=meeting, person=agent, by=admin)
    poll = make_poll("consent", meeting=meeting)
    assert poll.circle_id == meeting.circle_id
    participants = set(meeting.participants.values_list("person_id", flat=True))
    assert set(poll.electors.values_list("person_id", flat=True)) == participants
    assert agent.pk in participants


def test_a_draft_takes_its_electorate_when_opened(make_poll, circle, admin, facilitator):
    poll = make_poll("yes_no", open_now=False)
    assert poll.status == PollStatus.DRAFT and not poll.electors.exists()
    newcomer = PersonFactory()
    role = org_services.role_create(by=admin, circle=circle, name="Nouveau rôle")
    org_services.assignment_create(role=role, person=newcomer, by=admin, share=10)
    poll = services.poll_open(poll=poll, by=facilitator)
    assert poll.electors.filter(person=newcomer).exists() and poll.electorate_size == 7
    with pytest.raises(ValidationError):
        services.poll_open(poll=poll, by=facilitator)


def test_only_members_create_circle_polls(make_poll, agent, member, org):
    with pytest.raises(PermissionDenied):
        make_poll("yes_no", by=agent)
    assert make_poll("yes_no", by=member).created_by == member
    # Not in a circle one does not belong to.
    with pytest.raises(PermissionDenied):
        make_poll("yes_no", by=member, circle=org["numerique"])


@pytest.mark.parametrize(
    "kind, kwargs, field, message",
    [
        ("yes_no", {"question": "  "}, "question", ""),
        ("dots", {"dots_total": None}, "dots_total", "combien de points"),
        ("dots", {"dots_total": 3, "dots_max_per_option": 5}, "dots_max_per_option", "dépasser"),
        ("score", {"score_max": None}, "score_max", "note maximale"),
        ("ranked", {"ranking_method": ""}, "ranking_method", "méthode de dépouillement"),
        ("ranked", {"options": [{"label": "Seule"}]}, "options", "au moins deux options"),
        (
            "ranked",
            {"options": [{"label": "Bus"}, {"label": "bus"}]},
            "options",
            "même intitulé",
        ),
        ("time_slot", {"options": []}, "options", "au moins un créneau"),
        (
            "yes_no",
            {"is_anonymous": True, "results_visibility": "always"},
            "results_visibility",
            "clôture",
        ),
        ("yes_no", {"quorum_kind": "percent", "quorum_value": 150}, "quorum_value", "1 à 100"),
        ("yes_no", {"quorum_kind": "count"}, "quorum_value", "valeur du quorum"),
        (
            "yes_no",
            {"closes_at": timezone.now() - datetime.timedelta(hours=1)},
            "closes_at",
            "futur",
        ),
        ("yes_no", {"is_anonymous": True, "min_respondents": 3}, "min_respondents", ""),
        ("banquet", {}, "kind", "inconnu"),
    ],
)
def test_bad_settings_are_refused(make_poll, kind, kwargs, field, message):
    with pytest.raises(ValidationError) as exc:
        make_poll(kind, **kwargs)
    assert field in exc.value.message_dict
    assert message in " ".join(exc.value.message_dict[field])
    assert not Poll.objects.exists()


def test_anonymous_polls_show_results_at_closing_by_default(make_poll):
    poll = make_poll("yes_no", is_anonymous=True)
    assert poll.results_visibility == "after_close" and poll.respondents_needed == 5


def test_time_slots_are_sorted_by_time(make_poll):
    now = timezone.now()
    poll = make_poll(
        "time_slot",
        options=[
            {"starts_at": now + datetime.timedelta(days=5), "label": "Salle B"},
            {"starts_at": now + datetime.timedelta(days=2)},
        ],
    )
    slots = list(poll.options.all())
    assert slots[0].starts_at < slots[1].starts_at and slots[1].label == "Salle B"


# --- editing ---------------------------------------------------------------------------


def test_options_change_until_the_first_vote(make_poll, facilitator, voters):
    poll = make_poll("dots")
    services.poll_update(
        poll=poll,
        by=facilitator,
        question="Quel mode de transport ?",
        options=[{"label": "Vélo"}, {"label": "Marche"}],
    )
    poll.refresh_from_db()
    assert poll.question == "Quel mode de transport ?"
    assert [o.label for o in poll.options.all()] == ["Vélo", "Marche"]
    services.poll_vote(poll=poll, person=voters[0], answer={"dots": {option_ids(poll)[0]: 2}})
    with pytest.raises(ValidationError, match="seuls le contexte et l'échéance"):
        services.poll_update(poll=poll, by=facilitator, options=[{"label": "A"}, {"label": "B"}])
    with pytest.raises(ValidationError, match="seuls le contexte et l'échéance"):
        services.poll_update(poll=poll, by=facilitator, dots_total=10)
    later = timezone.now() + datetime.timedelta(days=9)
    services.poll_update(poll=poll, by=facilitator, description="Précision.", closes_at=later)
    poll.refresh_from_db()
    assert poll.description == "Précision." and poll.closes_at == later


def test_only_those_who_run_the_poll_edit_it(make_poll, member, voters, lead_link, admin):
    poll = make_poll("yes_no", by=member)
    with pytest.raises(PermissionDenied):
        services.poll_update(poll=poll, by=voters[0], question="Autre ?")
    for person in (member, lead_link, admin):
        services.poll_update(poll=Poll.objects.get(pk=poll.pk), by=person, question="Autre ?")


def test_an_anonymous_poll_stays_anonymous(make_poll, facilitator):
    poll = make_poll("yes_no", is_anonymous=True)
    with pytest.raises(ValidationError) as exc:
        services.poll_update(poll=poll, by=facilitator, is_anonymous=False)
    assert "Un sondage anonyme le reste" in exc.value.message_dict["is_anonymous"][0]
    # And the database refuses it too, whoever writes (a trigger).
    with pytest.raises(IntegrityError), transaction.atomic():
        Poll.objects.filter(pk=poll.pk).update(is_anonymous=False)
    poll.refresh_from_db()
    assert poll.is_anonymous
    # A named poll may become anonymous before its first vote.
    named = make_poll("yes_no")
    services.poll_update(
        poll=named, by=facilitator, is_anonymous=True, results_visibility="after_close"
    )
    named.refresh_from_db()
    assert named.is_anonymous


def test_a_named_poll_cannot_turn_anonymous_after_votes(make_poll, facilitator, voters):
    poll = make_poll("yes_no")
    services.poll_vote(poll=poll, person=voters[0], answer={"choice": "yes"})
    with pytest.raises(ValidationError):
        services.poll_update(
            poll=poll, by=facilitator, is_anonymous=True, results_visibility="after_close"
        )


def test_delete_only_without_votes(make_poll, facilitator, voters):
    poll = make_poll("yes_no")
    services.poll_vote(poll=poll, person=voters[0], answer={"choice": "no"})
    with pytest.raises(ValidationError, match="Des votes ont été exprimés"):
        services.poll_delete(poll=Poll.objects.get(pk=poll.pk), by=facilitator)
    empty = make_poll("yes_no")
    services.poll_delete(poll=empty, by=facilitator)
    assert not Poll.objects.filter(pk=empty.pk).exists()


def test_electorate_update_adds_new_members(make_poll, circle, admin, facilitator, voters):
    poll = make_poll("yes_no")
    newcomer = PersonFactory()
    role = org_services.role_create(by=admin, circle=circle, name="Renfort")
    org_services.assignment_create(role=role, person=newcomer, by=admin, share=10)
    assert services.poll_electorate_update(poll=poll, by=facilitator) == 1
    assert services.poll_electorate_update(poll=poll, by=facilitator) == 0
    poll.refresh_from_db()
    assert poll.electorate_size == 7
    with pytest.raises(PermissionDenied):
        services.poll_electorate_update(poll=poll, by=voters[0])


# --- voting ----------------------------------------------------------------------------


def test_a_named_vote_can_be_changed(make_poll, voters):
    poll = make_poll("yes_no")
    ballot = services.poll_vote(poll=poll, person=voters[0], answer={"choice": "yes"})
    assert ballot.person == voters[0] and ballot.answer == {"choice": "yes"}
    services.poll_vote(poll=poll, person=voters[0], answer={"choice": "no"}, comment="Réflexion")
    ballot.refresh_from_db()
    assert (ballot.answer, ballot.comment) == ({"choice": "no"}, "Réflexion")
    poll.refresh_from_db()
    assert poll.voter_count == 1 and Ballot.objects.count() == 1


def test_an_anonymous_vote_is_final_and_unlinked(make_poll, voters):
    poll = make_poll("yes_no", is_anonymous=True)
    assert services.poll_vote(poll=poll, person=voters[0], answer={"choice": "yes"}) is None
    ballot = Ballot.objects.get(poll=poll)
    assert ballot.person_id is None and ballot.is_anonymous
    assert ballot.cast_on == timezone.now().astimezone(datetime.UTC).date()
    assert Participation.objects.filter(poll=poll, person=voters[0]).exists()
    with pytest.raises(ValidationError, match="ne peut plus être modifié"):
        services.poll_vote(poll=poll, person=voters[0], answer={"choice": "no"})
    assert Ballot.objects.get(poll=poll).answer == {"choice": "yes"}


def test_the_database_refuses_a_voter_on_an_anonymous_ballot(make_poll, voters):
    poll = make_poll("yes_no", is_anonymous=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(
            poll=poll,
            is_anonymous=True,
            person=voters[0],
            answer={"choice": "yes"},
            cast_on=timezone.localdate(),
        )


def test_only_electors_vote_while_open(make_poll, agent, voters, facilitator):
    poll = make_poll("yes_no")
    with pytest.raises(PermissionDenied):
        services.poll_vote(poll=poll, person=agent, answer={"choice": "yes"})
    draft = make_poll("yes_no", open_now=False)
    with pytest.raises(ValidationError, match="pas ouvert"):
        services.poll_vote(poll=draft, person=voters[0], answer={"choice": "yes"})
    services.poll_close(poll=poll, by=facilitator, outcome="Fini.")
    with pytest.raises(ValidationError, match="pas ouvert"):
        services.poll_vote(poll=poll, person=voters[0], answer={"choice": "yes"})


def test_a_vote_after_the_deadline_is_refused_even_before_the_task_runs(make_poll, voters):
    deadline = timezone.now() + datetime.timedelta(hours=1)
    poll = make_poll("yes_no", closes_at=deadline)
    with pytest.raises(ValidationError, match="pas ouvert"):
        services.poll_vote(
            poll=poll,
            person=voters[0],
            answer={"choice": "yes"},
            now=deadline + datetime.timedelta(seconds=1),
        )


@pytest.mark.parametrize(
    "kind, answer, comment, message",
    [
        ("consent", {"position": "maybe"}, "", "Choisissez votre position"),
        ("consent", {"position": "object"}, "", "objection"),
        ("advice", {"position": "concerns"}, " ", "réserves"),
        ("yes_no", {"choice": "peut-être"}, "", "oui, non ou abstention"),
        ("yes_no", "oui", "", "illisible"),
        ("dots", {"dots": {}}, "", "au moins un point"),
        ("dots", {"dots": "beaucoup"}, "", "nombre de points"),
        ("dots", {"dots": {"OPT0": 6}}, "", "5 au plus"),
        ("dots", {"dots": {"OPT0": -1}}, "", "entiers positifs"),
        ("dots", {"dots": {"999999": 1}}, "", "n'existe pas"),
        ("score", {"scores": {"OPT0": 3}}, "", "chaque option"),
        ("score", {"scores": {"OPT0": 6, "OPT1": 1, "OPT2": 0}}, "", "de 0 à 5"),
        ("ranked", {"ranking": []}, "", "premier choix"),
        ("ranked", {"ranking": ["OPT0", "OPT0"]}, "", "qu'une fois"),
        ("time_slot", {"slots": {"OPT0": "yes"}}, "", "chaque créneau"),
        ("time_slot", {"slots": {"OPT0": "oui", "OPT1": "no", "OPT2": "no"}}, "", "si besoin"),
        ("yes_no", {"choice": "yes"}, "x" * 2001, "2000 caractères"),
    ],
)
def test_bad_ballots_are_refused(make_poll, voters, kind, answer, comment, message):
    poll = make_poll(kind)
    ids = option_ids(poll)

    def fill(value):
        if isinstance(value, dict):
            return {fill(k): fill(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fill(v) for v in value]
        if isinstance(value, str) and value.startswith("OPT"):
            return ids[int(value[3:])]
        return value

    with pytest.raises(ValidationError) as exc:
        services.poll_vote(poll=poll, person=voters[0], answer=fill(answer), comment=comment)
    assert message in messages_of(exc)
    assert not Ballot.objects.exists() and not Participation.objects.exists()
    poll.refresh_from_db()
    assert poll.voter_count == 0


def test_good_ballots_of_each_kind_are_stored_in_their_shape(make_poll, voters):
    cases = {
        "consent": ({"position": "object"}, "Le coût.", {"position": "object"}),
        "dots": (
            {"dots": {"OPT0": 3, "OPT1": 0, "OPT2": "2"}},
            "",
            {"dots": {"OPT0": 3, "OPT2": 2}},
        ),
        "score": (
            {"scores": {"OPT0": 5, "OPT1": 0, "OPT2": 2}},
            "",
            {"scores": {"OPT0": 5, "OPT1": 0, "OPT2": 2}},
        ),
        "ranked": ({"ranking": ["OPT2", "OPT0"]}, "", {"ranking": ["OPT2", "OPT0"]}),
        "time_slot": (
            {"slots": {"OPT0": "yes", "OPT1": "maybe", "OPT2": "no"}},
            "",
            {"slots": {"OPT0": "yes", "OPT1": "maybe", "OPT2": "no"}},
        ),
    }
    for kind, (answer, comment, stored) in cases.items():
        poll = make_poll(kind)
        ids = option_ids(poll)

        def fill(value, as_key=False, ids=ids):
            if isinstance(value, dict):
                return {fill(k, True): fill(v) for k, v in value.items()}
            if isinstance(value, list):
                return [fill(v) for v in value]
            if isinstance(value, str) and value.startswith("OPT"):
                pk = ids[int(value[3:])]
                return str(pk) if as_key else pk
            return value

        services.poll_vote(poll=poll, person=voters[0], answer=fill(answer), comment=comment)
        ballot = Ballot.objects.get(poll=poll)
        assert ballot.answer == fill(stored), kind
        assert ballot.comment == comment


# --- closing and concluding ----------------------------------------------------------------


def test_manual_closing_needs_an_outcome_and_measures_the_quorum(
    make_poll, facilitator, voters, member, django_capture_on_commit_callbacks
):
    poll = make_poll("yes_no", quorum_kind="percent", quorum_value=50)  # 3 of 6
    services.poll_vote(poll=poll, person=voters[0], answer={"choice": "yes"})
    services.poll_vote(poll=poll, person=voters[1], answer={"choice": "no"})
    with pytest.raises(ValidationError) as exc:
        services.poll_close(poll=poll, by=facilitator, outcome="  ")
    assert "Écrivez la conclusion" in exc.value.message_dict["outcome"][0]
    with pytest.raises(PermissionDenied):
        services.poll_close(poll=poll, by=member, outcome="Non.")
    with django_capture_on_commit_callbacks(execute=True):
        poll = services.poll_close(poll=poll, by=facilitator, outcome="On reporte.")
    assert poll.status == PollStatus.CLOSED and poll.closed_by == facilitator
    assert poll.quorum_reached is False  # 2 of the 3 needed
    assert (poll.outcome, poll.outcome_by) == ("On reporte.", facilitator)
    told = Notification.objects.filter(kind="poll_closed")
    assert told.filter(recipient=voters[0]).exists()
    assert not told.filter(recipient=facilitator).exists()


def test_quorum_by_count(make_poll, facilitator, voters):
    poll = make_poll("yes_no", quorum_kind="count", quorum_value=2)
    for person in voters[:2]:
        services.poll_vote(poll=poll, person=person, answer={"choice": "yes"})
    poll = services.poll_close(poll=poll, by=facilitator, outcome="Adopté.")
    assert poll.quorum_reached is True and poll.quorum_needed == 2


def test_conclude_a_closed_poll(make_poll, facilitator, voters):
    poll = make_poll("yes_no")
    with pytest.raises(ValidationError, match="pas encore clos"):
        services.poll_conclude(poll=poll, by=facilitator, outcome="Trop tôt.")
    services.close_due_polls(timezone.now() + datetime.timedelta(days=400))  # no deadline
    poll.refresh_from_db()
    assert poll.status == PollStatus.OPEN
    services.poll_close(poll=poll, by=facilitator, outcome="Premier jet.")
    services.poll_conclude(poll=poll, by=facilitator, outcome="Version revue.")
    poll.refresh_from_db()
    assert poll.outcome == "Version revue."
    with pytest.raises(PermissionDenied):
        services.poll_conclude(poll=poll, by=voters[0], outcome="Moi aussi.")


def test_elector_rows_and_participations_stay_consistent(make_poll, voters):
    poll = make_poll("dots")
    services.poll_vote(poll=poll, person=voters[0], answer={"dots": {option_ids(poll)[0]: 5}})
    assert Elector.objects.filter(poll=poll).count() == 6
    assert Participation.objects.filter(poll=poll).count() == 1
