"""The polls' sections on the meeting page, the circle page and in the minutes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cercles.core import panels
from cercles.polls import services


def queries(client, address) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(address).status_code == 200
    return len(ctx.captured_queries)


def test_the_meeting_page_lists_its_polls(login, make_poll, meeting, member, agent):
    page = reverse("meetings:meeting_detail", args=[meeting.pk])
    body = login(member).get(page).content.decode()
    assert 'id="polls"' in body and "Aucun sondage pour cette réunion." in body
    assert f"/meetings/{meeting.pk}/polls/new/" in body
    poll = make_poll("consent", meeting=meeting, question="Adopter la charte ?")
    body = login(member).get(page).content.decode()
    assert "Adopter la charte ?" in body and "à voter" in body
    assert poll.get_absolute_url() in body


def test_the_meeting_panel_costs_the_same_whatever_the_polls(login, make_poll, meeting, member):
    client = login(member)
    page = reverse("meetings:meeting_detail", args=[meeting.pk])
    make_poll("yes_no", meeting=meeting)
    one = queries(client, page)
    for kind in ("dots", "ranked", "consent"):
        make_poll(kind, meeting=meeting)
    assert queries(client, page) == one


def test_the_circle_page_shows_open_polls_to_those_who_see_them(
    login, make_poll, org, member, agent, facilitator
):
    page = reverse("organisation:circle_detail", args=[org["rh"].pk])
    poll = make_poll("yes_no", question="Garder le vendredi ?")
    closed = make_poll("yes_no", question="Question close ?")
    services.poll_close(poll=closed, by=facilitator, outcome="Vu.")
    body = login(member).get(page).content.decode()
    assert "Sondages ouverts" in body and poll.question in body
    assert closed.question not in body
    outsider = login(agent).get(page).content.decode()
    assert poll.question not in outsider and "Tous les sondages du cercle" in outsider
    client = login(member)
    one = queries(client, page)
    make_poll("dots")
    make_poll("score")
    assert queries(client, page) == one


@pytest.fixture
def minutes(meeting):
    def _minutes():
        return "\n".join(panels.collect("meeting_minutes", meeting=meeting))

    return _minutes


def test_minutes_list_the_meeting_polls_with_their_outcome(
    make_poll, meeting, facilitator, voters, minutes
):
    assert minutes() == "" or "## Sondages" not in minutes()
    adopted = make_poll("consent", meeting=meeting, question="Adopter la charte ?")
    for person in voters[:2]:
        services.poll_vote(poll=adopted, person=person, answer={"position": "agree"})
    services.poll_close(poll=adopted, by=facilitator, outcome="Adoptée.\nÀ relire dans un an.")
    running = make_poll("yes_no", meeting=meeting, question="Repas commun ?")
    secret = make_poll("yes_no", meeting=meeting, question="Vote secret ?", is_anonymous=True)
    services.poll_vote(poll=secret, person=voters[0], answer={"choice": "no"})
    services.poll_close(poll=secret, by=facilitator, outcome="Peu de réponses.")
    text = minutes()
    assert "## Sondages" in text and "### Adopter la charte ?" in text
    assert "Consentement : aucune objection" in text
    assert "> Adoptée.\n> À relire dans un an." in text
    assert f"### {running.question}" in text and "Vote en cours." in text
    # An anonymous poll with too few answers shows no result in the minutes either.
    assert "Moins de 5 réponses : pas de résultat publié." in text
    assert "Non" not in text.split("### Vote secret ?", 1)[1].split("Conclusion")[0]
