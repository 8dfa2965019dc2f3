"""The life cycle: register, request, round, review, publish, accept or decline, close."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cercles.coaching import services
from cercles.coaching.models import (
    CoachingRequest,
    Match,
    MatchingRound,
    MatchStatus,
    RequestStatus,
)
from cercles.core.models import Notification
from tests.factories import PersonFactory

from .conftest import make_coach, make_request, matched_pair

pytestmark = pytest.mark.django_db


def test_coach_site_defaults_to_the_person_and_update_keeps_one_profile(skills):
    person = PersonFactory(site="Pôle social")
    coach = make_coach(person, competencies=[skills["Prendre la parole"]], formats=["tutoring"])
    assert coach.site == "Pôle social" and coach.formats == ["tutoring"]
    again = make_coach(person, formats=["mentoring", "coaching"], capacity=3, active=False)
    assert again.pk == coach.pk and again.formats == ["coaching", "mentoring"]
    assert again.capacity == 3 and not again.active and list(again.competencies.all()) == []


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"formats": []}, "formats"),
        ({"formats": ["karate"]}, "formats"),
        ({"capacity": 0}, "capacity"),
        ({"capacity": 11}, "capacity"),
        ({"half_days": ["sun_am"]}, "half_days"),
    ],
)
def test_coach_bad_input_writes_nothing(fields, field):
    with pytest.raises(ValidationError) as exc:
        make_coach(**fields)
    assert field in exc.value.message_dict
    from cercles.coaching.models import Coach

    assert not Coach.objects.exists()


def test_request_needs_a_need_and_tells_the_coordinators(
    coordinator, django_capture_on_commit_callbacks
):
    with pytest.raises(ValidationError) as exc:
        make_request(need="   ")
    assert exc.value.message_dict == {"need": ["Décrivez votre besoin en quelques mots."]}
    with django_capture_on_commit_callbacks(execute=True):
        request = make_request(PersonFactory(site="Hôtel"))
    assert request.status == RequestStatus.OPEN and request.site == "Hôtel"
    assert Notification.objects.get().recipient == coordinator


def test_only_coordinators_run_and_publish(member, coordinator):
    with pytest.raises(PermissionDenied):
        services.round_run(by=member)
    matching_round = services.round_run(by=coordinator)
    with pytest.raises(PermissionDenied):
        services.round_publish(matching_round=matching_round, by=member)


def test_full_cycle_notifies_and_activates(coordinator, django_capture_on_commit_callbacks):
    coach = make_coach()
    request = make_request()
    matching_round = services.round_run(by=coordinator)
    match = matching_round.matches.get()
    assert (match.request, match.coach, match.status) == (request, coach, MatchStatus.PROPOSED)
    assert match.reasons[0] == {"label": "Accompagnant disponible", "points": 10}
    assert matching_round.request_count == 1 and matching_round.coach_count == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.round_publish(matching_round=matching_round, by=coordinator)
    request.refresh_from_db()
    assert request.status == RequestStatus.PROPOSED
    assert set(
        Notification.objects.filter(kind="coaching_proposed").values_list("recipient", flat=True)
    ) == {
        request.requester_id,
        coach.person_id,
    }
    match = services.match_accept(match=match, by=request.requester)
    assert match.status == MatchStatus.PUBLISHED and match.requester_accepted_at
    # Accepting twice is refused and keeps the first answer (regression).
    first_answer = match.requester_accepted_at
    with pytest.raises(ValidationError) as exc:
        services.match_accept(match=match, by=request.requester)
    assert exc.value.messages == ["Vous avez déjà accepté cette proposition."]
    match.refresh_from_db()
    assert match.requester_accepted_at == first_answer and match.status == MatchStatus.PUBLISHED
    match = services.match_accept(match=match, by=coach.person)
    assert match.status == MatchStatus.ACTIVE and match.started_at
    request.refresh_from_db()
    assert request.status == RequestStatus.MATCHED
    with pytest.raises(ValidationError):
        services.match_accept(match=match, by=coach.person)
    closed = services.match_close(match=match, by=request.requester, feedback="Très utile.")
    assert closed.status == MatchStatus.CLOSED and closed.feedback == "Très utile."
    request.refresh_from_db()
    assert request.status == RequestStatus.CLOSED


def test_outsider_cannot_answer_or_close(coordinator, agent):
    match = matched_pair(coordinator, accept=False)
    with pytest.raises(PermissionDenied):
        services.match_accept(match=match, by=agent)
    with pytest.raises(PermissionDenied):
        services.match_decline(match=match, by=agent)


def test_decline_sends_the_request_back_and_the_coordinator_sees_why(
    coordinator, django_capture_on_commit_callbacks
):
    match = matched_pair(coordinator, accept=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.match_decline(match=match, by=match.coach.person, reason="Trop chargé ce mois-ci.")
    match.refresh_from_db()
    assert match.status == MatchStatus.DECLINED and match.declined_by == match.coach.person
    assert match.decline_reason == "Trop chargé ce mois-ci."
    match.request.refresh_from_db()
    assert match.request.status == RequestStatus.OPEN
    assert Notification.objects.filter(recipient=coordinator, kind="coaching_declined").exists()
    assert Notification.objects.filter(
        recipient=match.request.requester, kind="coaching_declined"
    ).exists()
    # A declined pair is never proposed again (regression: the next round used to
    # propose the very same coach, the optimum being unchanged).
    assert not services.round_run(by=coordinator).matches.exists()
    other = make_coach()
    next_round = services.round_run(by=coordinator)
    assert next_round.matches.get().coach == other
    # Nor can the coordinator put him back by hand.
    with pytest.raises(ValidationError) as exc:
        services.match_replace(match=next_round.matches.get(), coach=match.coach, by=coordinator)
    assert "une proposition de ce binôme a déjà été déclinée" in exc.value.message_dict["coach"][0]


def test_capacity_counts_published_and_active_matches(coordinator):
    coach = make_coach(capacity=1)
    matched_pair(coordinator, coach=coach)
    make_request()
    assert not services.round_run(by=coordinator).matches.exists()


def test_pairs_that_worked_together_are_avoided_unless_asked(coordinator):
    coach = make_coach(capacity=2)
    first = matched_pair(coordinator, coach=coach)
    services.match_close(match=first, by=coordinator, feedback="Fini.")
    person = first.request.requester
    again = make_request(person)
    assert not services.round_run(by=coordinator).matches.exists()
    services.request_withdraw(request=again, by=person)
    make_request(person, previous_coach="wanted")
    match = services.round_run(by=coordinator).matches.get()
    assert match.coach == coach
    assert {"label": "Accompagnant déjà connu, comme souhaité", "points": 30} in match.reasons


def test_reporting_line_and_circle_are_excluded_unless_allowed(
    coordinator, member, lead_link, admin
):
    from cercles.organisation import services as org_services

    mate = PersonFactory()
    role = org_services.role_create(
        by=admin, circle=member.assignments.get().role.circle, name="Gestionnaire"
    )
    org_services.assignment_create(role=role, person=mate, by=admin, share=50)
    make_coach(lead_link)
    make_coach(mate)
    make_request(member)
    assert not services.round_run(by=coordinator).matches.exists()
    Match.objects.all().delete()
    MatchingRound.objects.all().delete()
    from cercles.coaching.models import CoachingRequest

    CoachingRequest.objects.all().delete()
    make_request(member, allow_circle=True)
    assert services.round_run(by=coordinator).matches.get().coach.person == mate
    CoachingRequest.objects.all().delete()
    make_request(member, allow_circle=True, allow_line=True, format="coaching")
    # Both fit now; the lead link is also a circle mate (allowed) — the optimum picks one.
    assert services.round_run(by=coordinator).matches.count() == 1


def test_review_drop_and_replace(coordinator, skills):
    skill = skills["Animer une réunion"]
    best = make_coach(competencies=[skill], formats=["coaching"])
    second = make_coach(competencies=[skill], formats=["mentoring"])
    outsider = make_coach(competencies=[skills["Prendre la parole"]])
    request = make_request(competencies=[skill], format="coaching")
    matching_round = services.round_run(by=coordinator)
    match = matching_round.matches.get()
    assert match.coach == best
    review = services.round_review(matching_round, [match])
    assert [a["coach_id"] for a in review[match.pk]] == [second.pk]
    assert review[match.pk][0]["reasons"][1]["label"].startswith("1 compétence recherchée sur 1")
    with pytest.raises(ValidationError) as exc:
        services.match_replace(match=match, coach=outsider, by=coordinator)
    assert "n'offre aucune des compétences recherchées" in exc.value.message_dict["coach"][0]
    match = services.match_replace(match=match, coach=second, by=coordinator)
    assert match.coach == second and match.score < 100
    services.match_drop(match=match, by=coordinator)
    services.round_publish(matching_round=matching_round, by=coordinator)
    request.refresh_from_db()
    assert request.status == RequestStatus.OPEN  # dropped: still waiting
    with pytest.raises(ValidationError):
        services.round_publish(matching_round=matching_round, by=coordinator)


def test_a_new_round_replaces_the_unpublished_one(coordinator):
    make_coach()
    make_request()
    first = services.round_run(by=coordinator)
    second = services.round_run(by=coordinator)
    assert list(MatchingRound.objects.all()) == [second]
    assert not MatchingRound.objects.filter(pk=first.pk).exists()


def test_withdraw(coordinator):
    match = matched_pair(coordinator, accept=False)
    request = match.request
    with pytest.raises(PermissionDenied):
        services.request_withdraw(request=request, by=match.coach.person)
    services.request_withdraw(request=request, by=request.requester)
    request.refresh_from_db()
    match.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN and match.status == MatchStatus.DROPPED
    with pytest.raises(ValidationError):
        services.request_withdraw(request=request, by=request.requester)


def _nothing_published(matching_round, request):
    matching_round.refresh_from_db()
    request.refresh_from_db()
    assert not matching_round.is_published and request.status == RequestStatus.OPEN
    assert set(matching_round.matches.values_list("status", flat=True)) == {MatchStatus.PROPOSED}
    assert not Notification.objects.filter(kind="coaching_proposed").exists()


def test_publish_checks_every_constraint_again(coordinator, member, admin):
    """Regression: publishing only recounted places; a coach who paused, or who joined
    the requester's circle since the round ran, was still proposed."""
    from cercles.organisation import services as org_services

    coach = make_coach(PersonFactory(first_name="Paul", last_name="Coach"))
    request = make_request(member)
    matching_round = services.round_run(by=coordinator)
    services.coach_save(person=coach.person, formats=["coaching"], capacity=1, active=False)
    with pytest.raises(ValidationError) as exc:
        services.round_publish(matching_round=matching_round, by=coordinator)
    assert exc.value.messages == [
        "Paul Coach ne peut plus être proposé à Marc Membre (ne prend personne en ce moment) : "
        "changez ou écartez cette proposition."
    ]
    _nothing_published(matching_round, request)
    services.coach_save(person=coach.person, formats=["coaching"], capacity=1, active=True)
    role = org_services.role_create(
        by=admin, circle=member.assignments.get().role.circle, name="Gestionnaire"
    )
    org_services.assignment_create(role=role, person=coach.person, by=admin, share=50)
    with pytest.raises(ValidationError) as exc:
        services.round_publish(matching_round=matching_round, by=coordinator)
    assert "(dans un cercle du demandeur)" in exc.value.messages[0]
    _nothing_published(matching_round, request)


def test_publish_checks_places_again(coordinator):
    coach = make_coach(capacity=2)
    first, second = make_request(), make_request()
    matching_round = services.round_run(by=coordinator)
    assert matching_round.matches.filter(coach=coach).count() == 2
    services.coach_save(person=coach.person, formats=["coaching"], capacity=1)
    with pytest.raises(ValidationError) as exc:
        services.round_publish(matching_round=matching_round, by=coordinator)
    assert "(n'a plus de place)" in exc.value.messages[0]
    _nothing_published(matching_round, first)
    services.match_drop(match=matching_round.matches.get(request=second), by=coordinator)
    services.round_publish(matching_round=matching_round, by=coordinator)
    assert matching_round.matches.get(request=first).status == MatchStatus.PUBLISHED


def test_one_waiting_request_at_a_time(agent):
    # Two waiting requests could be given the same coach twice in one round.
    first = make_request(agent)
    with pytest.raises(ValidationError, match="déjà une demande en attente"):
        make_request(agent, need="Autre chose.")
    assert CoachingRequest.objects.filter(requester=agent).count() == 1
    services.request_withdraw(request=first, by=agent)
    assert make_request(agent, need="Autre chose.").status == RequestStatus.OPEN
