"""The poll pages: who sees and does what, bad input, the vote per kind, query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cercles.polls import services
from cercles.polls.models import Ballot, Poll, PollStatus


def url(name, obj):
    return reverse(f"polls:{name}", args=[obj.pk])


def body_of(response) -> str:
    return response.content.decode()


def main_of(response) -> str:
    return body_of(response).split('<main id="main"', 1)[1]


# --- a circle's polls ------------------------------------------------------------------


def test_circle_polls_permissions(client, login, make_poll, org, agent, member):
    poll = make_poll("yes_no", question="Garder le télétravail le vendredi ?")
    page = url("circle_polls", org["rh"])
    response = client.get(page)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    # An outsider sees the page of the circle (the organisation is public) but no poll.
    outsider = login(agent).get(page)
    assert outsider.status_code == 200 and poll.question not in body_of(outsider)
    assert "Créer un sondage" not in body_of(outsider)
    body = body_of(login(member).get(page))
    assert poll.question in body and "à voter" in body and "Créer un sondage" in body
    assert login(member).get(reverse("polls:circle_polls", args=[999999])).status_code == 404


def test_circle_polls_filters(login, make_poll, org, member, facilitator):
    open_poll = make_poll("yes_no", question="Ouvert ?")
    closed = make_poll("yes_no", question="Clos ?")
    services.poll_close(poll=closed, by=facilitator, outcome="Vu.")
    draft = make_poll("yes_no", question="Brouillon ?", open_now=False)
    client = login(member)
    page = url("circle_polls", org["rh"])
    default = body_of(client.get(page))
    assert open_poll.question in default and closed.question not in default
    assert "(1)" in default  # the counts by state
    closed_page = body_of(client.get(page, {"status": "closed"}))
    assert closed.question in closed_page and open_poll.question not in closed_page
    assert draft.question in body_of(client.get(page, {"status": "draft"}))
    everything = body_of(client.get(page, {"status": "all"}))
    assert all(p.question in everything for p in (open_poll, closed, draft))
    assert open_poll.question in body_of(client.get(page, {"status": "nonsense"}))


def _list_queries(login, member, org, django_assert_num_queries, n):
    client = login(member)
    # Queries: session, user; the circle with its parent; the user's led circles; his
    # roles (the circles whose polls he sees); the counts by state; the page's count;
    # the page of polls with meetings and the user's flags.
    with django_assert_num_queries(n):
        response = client.get(url("circle_polls", org["rh"]), {"status": "all"})
    assert response.status_code == 200


@pytest.mark.parametrize("size", [2, 6])
def test_circle_polls_query_count(
    login, make_poll, member, org, meeting, django_assert_num_queries, size
):
    for i in range(size):
        make_poll("yes_no", question=f"Q{i} ?", meeting=meeting if i % 2 else None)
    _list_queries(login, member, org, django_assert_num_queries, 8)


# --- creating --------------------------------------------------------------------------

VALID = {
    "question": "Quel jour pour le séminaire ?",
    "description": "Deux jours possibles.",
    "kind": "ranked",
    "results_visibility": "after_vote",
    "min_respondents": "5",
    "ranking_method": "borda",
    "dots_total": "10",
    "score_max": "5",
    "closes_at": "",
    "quorum_kind": "none",
    "quorum_value": "",
    "open_now": "on",
    "options-TOTAL_FORMS": "3",
    "options-INITIAL_FORMS": "0",
    "options-MIN_NUM_FORMS": "0",
    "options-MAX_NUM_FORMS": "30",
    "options-0-label": "Mardi",
    "options-1-label": "Jeudi",
    "options-2-label": "",
}


def test_who_creates_a_poll(client, login, org, agent, member, lead_link, admin, facilitator):
    page = url("poll_create", org["rh"])
    assert client.get(page).status_code == 302
    assert login(agent).get(page).status_code == 403
    for person in (member, lead_link, admin, facilitator):
        assert login(person).get(page).status_code == 200
    assert login(member).get(reverse("polls:poll_create", args=[999999])).status_code == 404


def test_create_a_ranked_poll(login, org, member, voters):
    response = login(member).post(url("poll_create", org["rh"]), VALID)
    poll = Poll.objects.get()
    assert response.status_code == 302 and response.url == poll.get_absolute_url()
    assert poll.kind == "ranked" and poll.ranking_method == "borda"
    assert poll.status == PollStatus.OPEN and poll.created_by == member
    assert [o.label for o in poll.options.all()] == ["Mardi", "Jeudi"]
    assert poll.dots_total is None and poll.score_max is None  # not for this kind


def test_create_an_anonymous_time_slot_poll(login, org, facilitator):
    data = {
        **VALID,
        "kind": "time_slot",
        "is_anonymous": "on",
        "results_visibility": "always",  # overridden: an anonymous poll shows at closing
        "min_respondents": "7",
        "options-0-label": "Salle B",
        "options-0-starts_at": "2099-05-12T10:00",
        "options-1-label": "",
        "options-1-starts_at": "2099-05-11T14:00",
    }
    del data["open_now"]
    login(facilitator).post(url("poll_create", org["rh"]), data)
    poll = Poll.objects.get()
    assert poll.is_anonymous and poll.results_visibility == "after_close"
    assert poll.min_respondents == 7 and poll.status == PollStatus.DRAFT
    slots = list(poll.options.all())
    assert [timezone.localtime(o.starts_at).strftime("%d %H:%M") for o in slots] == [
        "11 14:00",
        "12 10:00",
    ]


def test_bad_poll_input_keeps_what_was_typed(login, org, member):
    data = {
        **VALID,
        "question": "",
        "ranking_method": "",
        "closes_at": "bientôt",
        "quorum_kind": "percent",
        "quorum_value": "150",
        "min_respondents": "2",
        "options-0-label": "Mardi",
        "options-1-label": "",
    }
    response = login(member).post(url("poll_create", org["rh"]), data)
    assert response.status_code == 200
    body = body_of(response)
    for message in (
        "Posez la question.",
        "Choisissez la méthode de dépouillement",
        "Indiquez une date et une heure",
        "Un quorum en pourcentage va de 1 à 100.",
        "Au moins 5 réponses",
    ):
        assert message in body, message
    assert 'value="Mardi"' in body and "Deux jours possibles." in body
    assert not Poll.objects.exists()


def test_too_few_options_is_said_on_the_form(login, org, member):
    data = {**VALID, "options-1-label": ""}
    response = login(member).post(url("poll_create", org["rh"]), data)
    assert response.status_code == 200
    assert "Proposez au moins deux options." in body_of(response)
    assert 'value="Mardi"' in body_of(response)
    assert not Poll.objects.exists()


def test_add_option_rows_without_javascript(login, org, member):
    data = {**VALID, "add_options": "1"}
    del data["open_now"]
    response = login(member).post(url("poll_create", org["rh"]), data)
    body = body_of(response)
    assert response.status_code == 200 and not Poll.objects.exists()
    assert 'name="options-TOTAL_FORMS" value="5"' in body  # the 2 typed + 3 new
    assert 'value="Jeudi"' in body and 'value="Quel jour pour le séminaire ?"' in body
    assert "Posez la question." not in body  # not validated yet
    assert 'name="open_now"' in body and 'name="open_now" checked' not in body


def test_meeting_poll_create(client, login, meeting, member, agent):
    page = url("meeting_poll_create", meeting)
    assert login(agent).get(page).status_code == 404
    assert login(member).get(page).status_code == 200
    data = {**VALID, "kind": "consent", "question": "Adopter la charte ?"}
    response = login(member).post(page, data)
    poll = Poll.objects.get()
    assert response.status_code == 302 and poll.meeting == meeting
    assert poll.options.count() == 0  # a consent poll has no options


# --- editing ---------------------------------------------------------------------------


def test_edit_a_poll(login, make_poll, facilitator, voters, member):
    poll = make_poll("dots")
    page = url("poll_update", poll)
    assert login(voters[0]).get(page).status_code == 403
    client = login(facilitator)
    assert 'value="Vélo"' in body_of(client.get(page))
    data = {
        **VALID,
        "kind": "dots",
        "question": "Comment venir ?",
        "dots_total": "4",
        "dots_max_per_option": "2",
        "options-TOTAL_FORMS": "2",
        "options-0-label": "Vélo",
        "options-1-label": "Tram",
    }
    assert client.post(page, data).status_code == 302
    poll.refresh_from_db()
    assert (poll.question, poll.dots_total, poll.dots_max_per_option) == ("Comment venir ?", 4, 2)
    assert [o.label for o in poll.options.all()] == ["Vélo", "Tram"]
    # Bad input: the error is shown, nothing changes.
    response = client.post(page, {**data, "question": "", "dots_max_per_option": "9"})
    assert response.status_code == 200
    assert "Posez la question." in body_of(response)
    poll.refresh_from_db()
    assert poll.question == "Comment venir ?"


def test_after_a_vote_only_context_and_deadline_change(login, make_poll, facilitator, voters):
    poll = make_poll("dots")
    services.poll_vote(poll=poll, person=voters[0], answer={"dots": {poll.options.first().pk: 1}})
    client = login(facilitator)
    body = body_of(client.get(url("poll_update", poll)))
    assert "seuls le contexte et l'échéance peuvent encore changer" in body
    data = {
        **VALID,
        "kind": "dots",
        "question": "Changée ?",
        "description": "Un contexte plus clair.",
        "closes_at": "2099-01-01T12:00",
    }
    assert client.post(url("poll_update", poll), data).status_code == 302
    poll.refresh_from_db()
    assert poll.question == "Question dots ?"  # disabled fields keep their value
    assert poll.description == "Un contexte plus clair." and poll.closes_at.year == 2099


def test_an_anonymous_poll_form_cannot_make_it_named(login, make_poll, facilitator):
    poll = make_poll("yes_no", is_anonymous=True)
    data = {**VALID, "kind": "yes_no", "question": "Toujours anonyme ?"}
    data.pop("open_now")
    # The box is not sent (unticked): the disabled field keeps the poll anonymous.
    assert login(facilitator).post(url("poll_update", poll), data).status_code == 302
    poll.refresh_from_db()
    assert poll.is_anonymous and poll.question == "Toujours anonyme ?"


# --- the poll page and voting ----------------------------------------------------------


def test_poll_page_permissions(client, login, make_poll, agent, member, admin, lead_link):
    poll = make_poll("yes_no")
    page = poll.get_absolute_url()
    assert client.get(page).status_code == 302
    assert login(agent).get(page).status_code == 404
    assert login(member).get(reverse("polls:poll_detail", args=[999999])).status_code == 404
    assert 'name="choice"' in body_of(login(member).get(page))
    # An admin sees it but is not an elector of this circle's poll.
    admin_page = body_of(login(admin).get(page))
    assert "Vous ne faites pas partie des votants" in admin_page
    assert login(admin).post(page, {"choice": "yes"}).status_code == 403
    assert login(agent).post(page, {"choice": "yes"}).status_code == 404
    assert not Ballot.objects.exists()


def test_vote_through_the_page_then_change_it(login, make_poll, member):
    poll = make_poll("consent", question="Adopter la charte ?")
    client = login(member)
    response = client.post(poll.get_absolute_url(), {"position": "agree", "comment": ""})
    assert response.status_code == 302
    ballot = Ballot.objects.get()
    assert ballot.person == member and ballot.answer == {"position": "agree"}
    body = body_of(client.get(poll.get_absolute_url()))
    assert "Votre vote est enregistré." in body
    assert (
        "Modifier mon vote" in body and 'value="agree" required id="id_position_0" checked' in body
    )
    client.post(poll.get_absolute_url(), {"position": "object", "comment": "Le coût."})
    ballot.refresh_from_db()
    assert ballot.answer == {"position": "object"} and ballot.comment == "Le coût."


@pytest.mark.parametrize(
    "kind, data, message",
    [
        ("consent", {"position": "object", "comment": ""}, "Dites ce qui fonde votre objection"),
        ("consent", {}, "Choisissez votre position."),
        ("yes_no", {"choice": "peut-être"}, "Sélectionnez un choix valide"),
        ("dots", {"dots_OPT0": "4", "dots_OPT1": "3"}, "vous en avez 5 au plus"),
        ("dots", {"dots_OPT0": "-1"}, "Pas de points négatifs."),
        ("dots", {"dots_OPT0": "deux"}, "Indiquez un nombre entier de points."),
        ("dots", {}, "Placez au moins un point."),
        ("score", {"score_OPT0": "9", "score_OPT1": "1", "score_OPT2": "1"}, "de 0 à 5"),
        ("score", {"score_OPT0": "3"}, "Donnez une note à cette option."),
        ("ranked", {"rank_1": "OPT0", "rank_2": "OPT0"}, "qu&#x27;une fois"),
        ("ranked", {"rank_1": "OPT0", "rank_3": "OPT1"}, "sans en laisser un vide"),
        ("ranked", {"rank_2": "OPT0"}, "Choisissez au moins votre premier choix."),
        ("ranked", {"rank_1": "999999"}, "Cette option n&#x27;existe pas dans ce sondage."),
        ("time_slot", {"slot_OPT0": "yes"}, "Indiquez votre disponibilité."),
    ],
)
def test_bad_votes_get_a_french_message_and_keep_input(
    login, make_poll, member, kind, data, message
):
    poll = make_poll(kind)
    ids = list(poll.options.values_list("pk", flat=True))
    posted = {}
    for key, value in data.items():
        for i, pk in enumerate(ids):
            key = key.replace(f"OPT{i}", str(pk))
            value = value.replace(f"OPT{i}", str(pk))
        posted[key] = value
    response = login(member).post(poll.get_absolute_url(), posted)
    assert response.status_code == 200
    body = body_of(response)
    assert message in body, body[body.find("errorlist") - 200 : body.find("errorlist") + 600]
    for value in posted.values():
        if kind in ("dots", "score") and value.lstrip("-").isdigit():
            assert f'value="{value}"' in body  # typed numbers are kept
    assert not Ballot.objects.exists()


def _good_vote(kind, ids):
    if kind == "advice":
        return {"position": "concerns", "comment": "Le calendrier."}
    if kind == "yes_no":
        return {"choice": "abstain"}
    if kind == "dots":
        return {f"dots_{ids[0]}": "3", f"dots_{ids[2]}": "2"}
    if kind == "score":
        return {f"score_{pk}": str(i) for i, pk in enumerate(ids)}
    if kind == "ranked":
        return {"rank_1": ids[1], "rank_2": ids[0]}
    return {f"slot_{pk}": a for pk, a in zip(ids, ("yes", "maybe", "no"), strict=True)}


def test_each_kind_votes_through_its_form(login, make_poll, member):
    for kind in ("advice", "yes_no", "dots", "score", "ranked", "time_slot"):
        poll = make_poll(kind)
        ids = [str(pk) for pk in poll.options.values_list("pk", flat=True)]
        data = _good_vote(kind, ids)
        response = login(member).post(poll.get_absolute_url(), data)
        assert response.status_code == 302, (kind, body_of(response)[-3000:])
    answers = {b.poll.kind: b.answer for b in Ballot.objects.select_related("poll")}
    assert answers["advice"] == {"position": "concerns"}
    assert answers["ranked"]["ranking"][0] != answers["ranked"]["ranking"][1]
    assert sum(answers["dots"]["dots"].values()) == 5


def test_the_dot_vote_page_has_client_checks(login, make_poll, member):
    poll = make_poll("dots", dots_max_per_option=3)
    body = body_of(login(member).get(poll.get_absolute_url()))
    assert 'data-dots-total="5"' in body and "polls/dots.js" in body
    assert 'type="number"' in body and 'max="3"' in body and 'min="0"' in body


def test_ranked_choice_uses_one_select_per_rank(login, make_poll, member):
    poll = make_poll("ranked")
    body = body_of(login(member).get(poll.get_absolute_url()))
    for rank in (1, 2, 3):
        assert f'<label for="id_rank_{rank}">Choix n° {rank}</label>' in body
        assert f'<select name="rank_{rank}"' in body
    assert "Vote alternatif" in body  # the counting rule is stated


def test_posting_to_a_closed_poll(login, make_poll, member, facilitator):
    poll = make_poll("yes_no")
    services.poll_close(poll=poll, by=facilitator, outcome="Fini.")
    response = login(member).post(poll.get_absolute_url(), {"choice": "yes"}, follow=True)
    assert "Le sondage n&#x27;est pas ouvert au vote." in body_of(response)
    assert not Ballot.objects.exists()


def test_an_anonymous_vote_cannot_be_cast_twice(login, make_poll, member):
    poll = make_poll("yes_no", is_anonymous=True)
    client = login(member)
    client.post(poll.get_absolute_url(), {"choice": "yes"})
    body = body_of(client.get(poll.get_absolute_url()))
    assert "ne peut plus être modifié" in body and 'name="choice"' not in body
    response = client.post(poll.get_absolute_url(), {"choice": "no"}, follow=True)
    assert "Vous avez déjà voté." in body_of(response)
    assert Ballot.objects.get().answer == {"choice": "yes"}


def _detail_queries(login, person, poll, django_assert_num_queries, n):
    client = login(person)
    # Queries: session, user; the user's roles and led circles (the circles whose polls
    # he sees); the poll with circle, meeting, author and the user's flags; the options;
    # the electors who have not voted (he runs the poll).
    with django_assert_num_queries(n):
        response = client.get(poll.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("votes", [1, 4])
def test_poll_page_query_count(
    login, make_poll, facilitator, voters, django_assert_num_queries, votes
):
    poll = make_poll("score")
    ids = list(poll.options.values_list("pk", flat=True))
    for person in voters[:votes]:
        services.poll_vote(poll=poll, person=person, answer={"scores": dict.fromkeys(ids, 3)})
    _detail_queries(login, facilitator, poll, django_assert_num_queries, 7)


# --- results ---------------------------------------------------------------------------


def test_results_hidden_until_one_has_voted(login, make_poll, member, voters):
    poll = make_poll("ranked", question="Quel transport ?")
    ids = list(poll.options.values_list("pk", flat=True))
    services.poll_vote(poll=poll, person=voters[0], answer={"ranking": [ids[1], ids[0]]})
    client = login(member)
    before = client.get(url("poll_results", poll))
    main = main_of(before)
    assert before.status_code == 200
    assert "Les résultats s&#x27;affichent quand vous avez voté" in main
    for leak in ("<svg", "Tour 1", "Bus", "élue", "Qui a voté quoi", "Bruno Bavard"):
        assert leak not in main, leak
    assert login(member).get(url("poll_results_csv", poll)).status_code == 403
    client.post(poll.get_absolute_url(), {"rank_1": str(ids[1])})
    after = main_of(client.get(url("poll_results", poll)))
    assert "« Bus » l&#x27;emporte au tour 1" in after and 'role="img"' in after
    assert "Tours du vote alternatif" in after and "Bruno Bavard" in after


def test_results_after_closing_are_for_everyone_who_sees_the_poll(
    login, make_poll, facilitator, voters, admin
):
    poll = make_poll("yes_no", results_visibility="after_close")
    services.poll_vote(poll=poll, person=voters[0], answer={"choice": "yes"})
    # Not even its author, an admin, or a voter sees them early.
    for person in (facilitator, admin, voters[0]):
        assert "Le oui l" not in main_of(login(person).get(url("poll_results", poll)))
    services.poll_close(poll=poll, by=facilitator, outcome="Adopté.")
    for person in (facilitator, admin, voters[1]):
        assert "Le oui l&#x27;emporte" in main_of(login(person).get(url("poll_results", poll)))


def test_results_page_permissions(client, login, make_poll, agent, member):
    poll = make_poll("yes_no", results_visibility="always")
    assert client.get(url("poll_results", poll)).status_code == 302
    assert login(agent).get(url("poll_results", poll)).status_code == 404
    assert login(agent).get(url("poll_results_csv", poll)).status_code == 404
    assert login(member).get(url("poll_results", poll)).status_code == 200


def test_results_csv_of_an_open_poll(login, make_poll, member, voters):
    poll = make_poll("dots", results_visibility="always")
    ids = list(poll.options.values_list("pk", flat=True))
    services.poll_vote(
        poll=poll, person=voters[0], answer={"dots": {ids[0]: 3, ids[1]: 2}}, comment="=SOMME(1)"
    )
    response = login(member).get(url("poll_results_csv", poll))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert f"sondage-{poll.pk}-resultats.csv" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert "Points reçus" in text and "Vélo;3;60 %;1" in text
    assert "Qui a voté quoi" in text and "Bruno Bavard;3;2;0" in text
    assert "'=SOMME(1)" in text  # neutralised for spreadsheets


@pytest.mark.parametrize("votes", [1, 5])
def test_results_page_query_count(
    login, make_poll, member, voters, django_assert_num_queries, votes
):
    poll = make_poll("ranked", results_visibility="always")
    ids = list(poll.options.values_list("pk", flat=True))
    for person in [member, *voters][:votes]:
        services.poll_vote(poll=poll, person=person, answer={"ranking": ids})
    client = login(member)
    # Queries: session, user; the user's roles and led circles; the poll with its flags;
    # the options; the ballots with the voters' names.
    with django_assert_num_queries(7):
        response = client.get(url("poll_results", poll))
    assert "l&#x27;emporte" in body_of(response)


# --- running the poll ------------------------------------------------------------------


def test_open_a_draft(login, make_poll, facilitator, member):
    poll = make_poll("yes_no", open_now=False)
    page = url("poll_open", poll)
    assert login(member).get(page).status_code == 405
    assert login(member).post(page).status_code == 403
    assert login(facilitator).post(page).status_code == 302
    poll.refresh_from_db()
    assert poll.status == PollStatus.OPEN
    assert login(facilitator).post(page).status_code == 403  # no longer a draft


def test_close_with_an_outcome(login, make_poll, facilitator, member, voters):
    poll = make_poll("yes_no")
    page = url("poll_close", poll)
    assert login(member).get(page).status_code == 403
    client = login(facilitator)
    assert client.get(page).status_code == 200
    response = client.post(page, {"outcome": "  "})
    assert response.status_code == 200
    assert "Écrivez la conclusion" in body_of(response)
    poll.refresh_from_db()
    assert poll.status == PollStatus.OPEN
    assert client.post(page, {"outcome": "La charte est adoptée."}).status_code == 302
    poll.refresh_from_db()
    assert poll.status == PollStatus.CLOSED and poll.outcome == "La charte est adoptée."
    body = body_of(login(voters[0]).get(poll.get_absolute_url()))
    assert "La charte est adoptée." in body and "Le vote est clos." in body


def test_an_automatic_closing_prompts_for_the_outcome(login, make_poll, facilitator, voters):
    poll = make_poll("yes_no", closes_at=timezone.now() + datetime.timedelta(hours=1))
    services.close_due_polls(timezone.now() + datetime.timedelta(hours=2))
    body = body_of(login(facilitator).get(poll.get_absolute_url()))
    assert "sa conclusion reste à écrire" in body and "Écrire la conclusion" in body
    assert "Écrire la conclusion" not in body_of(login(voters[0]).get(poll.get_absolute_url()))
    page = url("poll_conclude", poll)
    assert login(voters[0]).get(page).status_code == 403
    response = login(facilitator).post(page, {"outcome": ""})
    assert response.status_code == 200 and "Écrivez la conclusion" in body_of(response)
    login(facilitator).post(page, {"outcome": "Peu de réponses : on en reparle."})
    poll.refresh_from_db()
    assert poll.outcome == "Peu de réponses : on en reparle."


def test_quorum_not_reached_is_flagged(login, make_poll, facilitator, voters):
    poll = make_poll("yes_no", quorum_kind="count", quorum_value=4)
    services.poll_vote(poll=poll, person=voters[0], answer={"choice": "yes"})
    services.poll_close(poll=poll, by=facilitator, outcome="Adopté, à confirmer.")
    body = body_of(login(voters[1]).get(poll.get_absolute_url()))
    assert "Quorum non atteint" in body and "1 votants pour 4 requis" in body
    listing = body_of(login(voters[1]).get(url("circle_polls", poll.circle) + "?status=closed"))
    assert "quorum non atteint" in listing


def test_delete_a_poll_without_votes(login, make_poll, facilitator, member, voters):
    poll = make_poll("yes_no")
    page = url("poll_delete", poll)
    assert login(member).get(page).status_code == 403
    assert login(facilitator).get(page).status_code == 200
    response = login(facilitator).post(page)
    assert response.status_code == 302 and not Poll.objects.exists()
    voted = make_poll("yes_no")
    services.poll_vote(poll=voted, person=voters[0], answer={"choice": "no"})
    assert login(facilitator).post(url("poll_delete", voted)).status_code == 403


def test_update_the_electorate(login, make_poll, facilitator, member):
    poll = make_poll("yes_no")
    page = url("poll_electorate", poll)
    assert login(member).post(page).status_code == 403
    response = login(facilitator).post(page, follow=True)
    assert "Les votants sont à jour" in body_of(response)


def test_the_non_voters_are_listed_for_those_who_run_the_poll(
    login, make_poll, facilitator, voters, member
):
    poll = make_poll("yes_no", is_anonymous=True)
    services.poll_vote(poll=poll, person=voters[0], answer={"choice": "yes"})
    body = body_of(login(facilitator).get(poll.get_absolute_url()))
    assert (
        "5 personnes n&#x27;ont pas encore voté" in body
        or "5 personnes n'ont pas encore voté" in body
    )
    waiting = body.split('id="electorate"', 1)[1]
    assert "Claire Calme" in waiting and "Bruno Bavard" not in waiting
    assert 'id="electorate"' not in body_of(login(member).get(poll.get_absolute_url()))
    for elector in poll.electors.exclude(person=voters[0]).select_related("person"):
        services.poll_vote(poll=poll, person=elector.person, answer={"choice": "no"})
    waiting = body_of(login(facilitator).get(poll.get_absolute_url())).split('id="electorate"')[1]
    assert "Tout le monde a voté." in waiting and "pas encore voté" not in waiting


def test_who_cannot_vote_is_told_the_results_come_at_the_closing(login, make_poll, admin, member):
    poll = make_poll("yes_no")  # results after voting
    assert "quand vous avez voté" in main_of(login(member).get(url("poll_results", poll)))
    told = main_of(login(admin).get(url("poll_results", poll)))
    assert "à la clôture du sondage" in told and "quand vous avez voté" not in told
