"""Coaching pages: who gets what, query counts with several rows, forms with bad input."""

import pytest
from django.urls import reverse

from cercles.coaching import services
from cercles.coaching.models import Coach, CoachingRequest, MatchStatus
from tests.factories import PersonFactory

from .conftest import make_coach, make_request, matched_pair

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client):
    for name in (
        "home",
        "request_list",
        "request_create",
        "coach_list",
        "coach_edit",
        "coordination",
    ):
        response = client.get(reverse(f"coaching:{name}"))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_coach_list_queries_do_not_grow(client, agent, skills, django_assert_num_queries):
    for _ in range(4):
        make_coach(competencies=list(skills.values()), half_days=["mon_am"])
    make_coach(active=False)
    client.force_login(agent)
    # session, user, coaches with their person, their competencies (prefetch),
    # the coordinator function for the navigation? no: base.html's unread count.
    with django_assert_num_queries(4):
        response = client.get(reverse("coaching:coach_list"))
    assert response.context["coaches"].__len__() == 4
    assert "4 développeurs de talents" in response.content.decode()
    response = client.get(reverse("coaching:coach_list"), {"format": "tutoring"})
    assert response.context["coaches"] == []


def test_home_and_request_list_queries(client, coordinator, django_assert_num_queries):
    person = PersonFactory()
    for _ in range(3):
        matched_pair(coordinator, coach=make_coach(), request=make_request(person))
    # One request waits at a time: two withdrawn, one open.
    for _ in range(2):
        services.request_withdraw(request=make_request(person), by=person)
    make_request(person)
    client.force_login(person)
    # session, user, his coach profile, his coordinator function, his matches with both
    # people, his open requests.
    with django_assert_num_queries(6):
        response = client.get(reverse("coaching:home"))
    assert len(response.context["matches"]) == 3 and len(response.context["waiting"]) == 1
    # session, user, his requests.
    with django_assert_num_queries(3):
        response = client.get(reverse("coaching:request_list"))
    assert len(response.context["requests"]) == 6


def test_match_detail_queries(client, coordinator, django_assert_num_queries):
    match = matched_pair(coordinator)
    client.force_login(match.request.requester)
    # session, user, coordinator function, the match with its round and people.
    with django_assert_num_queries(4):
        response = client.get(match.get_absolute_url())
    assert response.status_code == 200


def test_coordination_and_round_queries(client, coordinator, skills, django_assert_num_queries):
    skill = skills["Animer une réunion"]
    for _ in range(6):
        make_coach(competencies=[skill])
    for _ in range(3):
        make_request(competencies=[skill])
    client.force_login(coordinator)
    # session, user, coordinator function, open requests, rounds, match counts,
    # declined matches, active coaches counted.
    with django_assert_num_queries(8):
        response = client.get(reverse("coaching:coordination"))
    assert len(response.context["open_requests"]) == 3
    response = client.post(reverse("coaching:round_run"))
    from cercles.coaching.models import MatchingRound

    matching_round = MatchingRound.objects.get()
    assert response.status_code == 302 and response["Location"] == matching_round.get_absolute_url()
    # session, user, function, round, proposals with people; the review: requests and
    # their competencies (2), reporting lines (their circles, lead links, the tree), circle
    # mates (their circles; the members of no circle cost nothing here: nobody holds a
    # role), worked-together pairs, places taken, coaches and their competencies (2),
    # competency names, proposals per coach in the round, coaches' names; then the open
    # requests left unmatched.
    with django_assert_num_queries(19):
        response = client.get(matching_round.get_absolute_url())
    matches = response.context["matches"]
    # The alternatives: the three coaches the round left free (the others are full).
    proposed = {m.coach_id for m in matches}
    assert len(matches) == 3 and len(proposed) == 3
    for m in matches:
        assert len(m.alternatives) == 3 and not {a["coach_id"] for a in m.alternatives} & proposed
    body = response.content.decode()
    assert "1 compétence recherchée sur 1 : Animer une réunion" in body


def test_request_form_bad_input_keeps_what_was_typed(client, agent, skills):
    client.force_login(agent)
    response = client.post(
        reverse("coaching:request_create"),
        {
            "need": "",
            "site": "Pôle social",
            "availability_note": "Le matin",
            "previous_coach": "avoid",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Décrivez votre besoin en quelques mots." in body
    assert 'value="Pôle social"' in body and 'value="Le matin"' in body
    assert not CoachingRequest.objects.exists()
    response = client.post(
        reverse("coaching:request_create"),
        {
            "need": "Apprendre à déléguer.",
            "previous_coach": "avoid",
            "competencies": [skills["Conduire le changement"].pk],
            "half_days": ["mon_am"],
        },
    )
    request = CoachingRequest.objects.get()
    assert response["Location"] == request.get_absolute_url()
    assert request.half_days == ["mon_am"] and request.requester == agent


def test_coach_form_bad_input_then_register(client, agent):
    client.force_login(agent)
    response = client.post(
        reverse("coaching:coach_edit"), {"capacity": "0", "offer": "Vingt ans de RH."}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Choisissez au moins un format." in body and "Au moins une personne." in body
    assert "Vingt ans de RH." in body and not Coach.objects.exists()
    response = client.post(
        reverse("coaching:coach_edit"),
        {"capacity": "2", "formats": ["mentoring"], "offer": "Vingt ans de RH.", "active": "on"},
    )
    assert response.status_code == 302
    coach = Coach.objects.get()
    assert (coach.person, coach.capacity, coach.formats, coach.active) == (
        agent,
        2,
        ["mentoring"],
        True,
    )
    assert client.get(reverse("coaching:coach_edit")).context["form"].initial["capacity"] == 2


def test_accept_decline_and_close_through_pages(client, coordinator):
    match = matched_pair(coordinator, accept=False)
    client.force_login(match.request.requester)
    assert client.post(reverse("coaching:match_accept", args=[match.pk])).status_code == 302
    client.force_login(match.coach.person)
    client.post(reverse("coaching:match_accept", args=[match.pk]))
    match.refresh_from_db()
    assert match.status == MatchStatus.ACTIVE
    response = client.post(reverse("coaching:match_close", args=[match.pk]), {"feedback": ""})
    assert response.status_code == 400 and "Écrivez un court bilan." in response.content.decode()
    match.refresh_from_db()
    assert match.status == MatchStatus.ACTIVE
    client.post(reverse("coaching:match_close", args=[match.pk]), {"feedback": "Objectif atteint."})
    match.refresh_from_db()
    assert match.status == MatchStatus.CLOSED and match.feedback == "Objectif atteint."


def test_decline_page_and_outsider(client, coordinator, agent):
    match = matched_pair(coordinator, accept=False)
    client.force_login(agent)
    assert client.post(reverse("coaching:match_decline", args=[match.pk])).status_code == 404
    client.force_login(match.coach.person)
    response = client.post(
        reverse("coaching:match_decline", args=[match.pk]), {"reason": "x" * 501}
    )
    assert response.status_code == 400
    match.refresh_from_db()
    assert match.status == MatchStatus.PUBLISHED
    client.post(
        reverse("coaching:match_decline", args=[match.pk]), {"reason": "Pas le bon moment."}
    )
    match.refresh_from_db()
    assert match.status == MatchStatus.DECLINED
    client.force_login(coordinator)
    assert "Pas le bon moment." in client.get(reverse("coaching:coordination")).content.decode()


def test_coordinator_actions_refused_to_others(client, member, coordinator):
    make_coach()
    make_request()
    client.force_login(member)
    assert client.post(reverse("coaching:round_run")).status_code == 403
    client.force_login(coordinator)
    client.post(reverse("coaching:round_run"))
    from cercles.coaching.models import Match

    match = Match.objects.get()
    client.force_login(member)
    assert client.post(reverse("coaching:match_drop", args=[match.pk])).status_code == 404
    assert client.post(reverse("coaching:round_publish", args=[match.round_id])).status_code == 403


def test_replace_and_publish_through_pages(client, coordinator):
    first, second = make_coach(), make_coach()
    make_request()
    client.force_login(coordinator)
    client.post(reverse("coaching:round_run"))
    from cercles.coaching.models import Match

    match = Match.objects.get()
    other = second if match.coach == first else first
    response = client.post(reverse("coaching:match_replace", args=[match.pk]), {"coach": "999999"})
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.coach != other
    client.post(reverse("coaching:match_replace", args=[match.pk]), {"coach": other.pk})
    match.refresh_from_db()
    assert match.coach == other
    client.post(reverse("coaching:round_publish", args=[match.round_id]))
    match.refresh_from_db()
    assert match.status == MatchStatus.PUBLISHED


def test_withdraw_through_pages(client, agent):
    request = make_request(agent)
    client.force_login(agent)
    client.post(reverse("coaching:request_withdraw", args=[request.pk]))
    request.refresh_from_db()
    assert request.status == "withdrawn"


def test_forms_refuse_ids_too_big_for_the_database(client, agent, skills):
    """Regression: a competency id past 2**63 crashed the `pk__in` lookup (500)."""
    client.force_login(agent)
    huge = "9" * 25
    response = client.post(
        reverse("coaching:request_create"),
        {"need": "Apprendre à déléguer.", "previous_coach": "avoid", "competencies": [huge]},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert f"« {huge} » n&#x27;est pas une compétence proposée." in body
    assert "Apprendre à déléguer." in body and not CoachingRequest.objects.exists()
    response = client.post(
        reverse("coaching:coach_edit"),
        {"capacity": "1", "formats": ["mentoring"], "competencies": ["-3"]},
    )
    assert response.status_code == 200
    assert "« -3 » n&#x27;est pas une compétence proposée." in response.content.decode()
    assert not Coach.objects.exists()


def test_home_shows_the_pair_nothing_under_review(client, coordinator):
    """A coordinator who is himself a coach sees, on his own page, only what any coach
    would: no draft proposal, no dropped one (they belong to the round's page)."""
    make_coach(coordinator)
    make_request()
    from cercles.coaching import services

    match = services.round_run(by=coordinator).matches.get()
    client.force_login(coordinator)
    assert client.get(reverse("coaching:home")).context["matches"] == []
    services.match_drop(match=match, by=coordinator)
    assert client.get(reverse("coaching:home")).context["matches"] == []
