"""The polls API: list and read what one may see, create, vote, and the results under
the same hiding rules as the pages."""

import pytest
from django.urls import reverse

from cercles.polls import services
from cercles.polls.models import Ballot, Poll

LIST = "/api/v1/polls/"


@pytest.fixture
def api(client):
    def _as(person):
        client.force_login(person)
        return client

    return _as


def detail(poll):
    return reverse("v1:poll-detail", args=[poll.pk])


def vote(poll):
    return reverse("v1:poll-vote", args=[poll.pk])


def results(poll):
    return reverse("v1:poll-results", args=[poll.pk])


def test_anonymous_gets_401(client, make_poll):
    poll = make_poll("yes_no")
    for address in (LIST, detail(poll), results(poll)):
        assert client.get(address).status_code == 401
    assert (
        client.post(vote(poll), {"answer": {"choice": "yes"}}, "application/json").status_code
        == 401
    )


def test_list_shows_only_what_one_may_see(api, make_poll, agent, member, django_assert_num_queries):
    poll = make_poll("yes_no")
    assert api(agent).get(LIST).json()["results"] == []
    client = api(member)
    # Queries: session, user; the user's roles and led circles; the count; the page.
    with django_assert_num_queries(6):
        data = client.get(LIST).json()
    row = data["results"][0]
    assert row["id"] == poll.pk and row["is_elector"] and not row["has_voted"]
    assert row["abilities"]["vote"] and not row["abilities"]["results"]
    assert api(agent).get(detail(poll)).status_code == 404


def test_list_query_count_does_not_grow(api, make_poll, member, meeting, django_assert_num_queries):
    for i in range(4):
        make_poll("dots", question=f"Q{i}", meeting=meeting if i % 2 else None)
    client = api(member)
    with django_assert_num_queries(6):
        assert len(client.get(LIST).json()["results"]) == 4


def test_filters(api, make_poll, member, meeting, org):
    make_poll("yes_no")
    make_poll("consent", meeting=meeting)
    client = api(member)
    assert len(client.get(LIST, {"meeting": meeting.pk}).json()["results"]) == 1
    assert client.get(LIST, {"circle": org["numerique"].pk}).json()["results"] == []
    assert len(client.get(LIST, {"status": "open"}).json()["results"]) == 2
    assert client.get(LIST, {"status": "dancing"}).status_code == 400


def test_retrieve_gives_options_and_one_own_named_ballot(api, make_poll, member):
    poll = make_poll("ranked")
    ids = [o.pk for o in poll.options.all()]
    client = api(member)
    data = client.get(detail(poll)).json()
    assert [o["label"] for o in data["options"]] == ["Vélo", "Bus", "Covoiturage"]
    assert data["my_ballot"] is None
    response = client.post(
        vote(poll), {"answer": {"ranking": [ids[2], ids[0]]}}, "application/json"
    )
    assert response.status_code == 200
    assert response.json()["has_voted"] is True
    assert response.json()["my_ballot"] == {"answer": {"ranking": [ids[2], ids[0]]}, "comment": ""}


def test_vote_errors(api, make_poll, member, agent, admin):
    poll = make_poll("dots")
    ids = [o.pk for o in poll.options.all()]
    client = api(member)
    response = client.post(vote(poll), {"answer": {"dots": {str(ids[0]): 9}}}, "application/json")
    assert response.status_code == 400
    assert "5 au plus" in response.json()["answer"][0]
    assert client.post(vote(poll), {"comment": "x"}, "application/json").status_code == 400
    # Not an elector: 403 (an admin sees the poll); an outsider: 404.
    response = api(admin).post(
        vote(poll), {"answer": {"dots": {str(ids[0]): 1}}}, "application/json"
    )
    assert response.status_code == 403
    response = api(agent).post(
        vote(poll), {"answer": {"dots": {str(ids[0]): 1}}}, "application/json"
    )
    assert response.status_code == 404
    assert not Ballot.objects.exists()


def test_results_follow_the_hiding_rules(api, make_poll, member, voters, facilitator):
    poll = make_poll("yes_no")  # results after voting
    services.poll_vote(poll=poll, person=voters[0], answer={"choice": "no"})
    client = api(member)
    hidden = client.get(results(poll)).json()
    assert hidden["visible"] is False and hidden["results"] is None
    assert "quand vous avez voté" in hidden["reason"]
    assert hidden["voter_count"] == 1  # the turnout, and nothing else
    client.post(vote(poll), {"answer": {"choice": "yes"}}, "application/json")
    shown = client.get(results(poll)).json()
    assert shown["visible"] is True
    table = shown["results"]["tables"][0]
    assert table["key"] == "choices" and table["rows"][0][:2] == ["Oui", 1]
    assert shown["results"]["summary"] == "Égalité entre le oui et le non."
    named = next(t for t in shown["results"]["tables"] if t["key"] == "ballots")
    assert ["Bruno Bavard", "Non"] in named["rows"]


def test_anonymous_results_need_closing_and_five_respondents(
    api, make_poll, member, voters, facilitator
):
    poll = make_poll("yes_no", is_anonymous=True)
    for person in voters:
        services.poll_vote(poll=poll, person=person, answer={"choice": "yes"})
    client = api(member)
    client.post(vote(poll), {"answer": {"choice": "no"}}, "application/json")
    assert client.get(results(poll)).json()["visible"] is False  # open: at closing only
    services.poll_close(poll=poll, by=facilitator, outcome="Adopté.")
    data = client.get(results(poll)).json()["results"]
    assert [t["key"] for t in data["tables"]] == ["choices"]  # no table of who voted what
    small = make_poll("yes_no", is_anonymous=True)
    services.poll_vote(poll=small, person=voters[0], answer={"choice": "yes"})
    services.poll_close(poll=small, by=facilitator, outcome="Trop peu de réponses.")
    answer = client.get(results(small)).json()
    assert answer["visible"] is False and answer["results"] is None
    assert "Moins de 5 personnes" in answer["reason"]


def test_create(api, member, org, meeting, agent):
    payload = {
        "circle": org["rh"].pk,
        "kind": "score",
        "question": "Notez les formations",
        "score_max": 10,
        "options": [{"label": "Excel"}, {"label": "Prise de parole"}],
    }
    response = api(member).post(LIST, payload, "application/json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["status"] == "open" and data["electorate_size"] == 6
    assert [o["label"] for o in data["options"]] == ["Excel", "Prise de parole"]
    # A meeting poll, given the meeting only.
    response = api(member).post(
        LIST,
        {"meeting": meeting.pk, "kind": "consent", "question": "Adopter ?"},
        "application/json",
    )
    assert response.status_code == 201 and response.json()["meeting"] == meeting.pk
    # Bad input: a 400 with French messages; not one's circle: 403.
    response = api(member).post(LIST, {**payload, "score_max": None}, "application/json")
    assert response.status_code == 400 and "note maximale" in response.json()["score_max"][0]
    response = api(member).post(
        LIST, {**payload, "options": [{"label": "Seule"}]}, "application/json"
    )
    assert response.status_code == 400 and "deux options" in response.json()["options"][0]
    assert (
        api(member).post(LIST, {"kind": "yes_no", "question": "?"}, "application/json").status_code
        == 400
    )
    assert api(agent).post(LIST, payload, "application/json").status_code == 403
    response = api(agent).post(
        LIST, {"meeting": meeting.pk, "kind": "consent", "question": "?"}, "application/json"
    )
    assert response.status_code == 400  # a meeting he may not see is not found
    assert Poll.objects.count() == 2


def test_an_anonymous_vote_through_the_api_gives_no_ballot_back(api, make_poll, member):
    poll = make_poll("yes_no", is_anonymous=True)
    response = api(member).post(vote(poll), {"answer": {"choice": "yes"}}, "application/json")
    assert response.status_code == 200
    data = response.json()
    assert data["has_voted"] and data["my_ballot"] is None
    again = api(member).post(vote(poll), {"answer": {"choice": "no"}}, "application/json")
    assert again.status_code == 400
