"""The election pages: who sees and does what, the secrecy of the nominations, bad
input kept with a French message, and a whole election through the pages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cercles.elections import services
from cercles.elections.models import Election, ElectionStatus, Objection, add_months
from cercles.meetings import services as meeting_services
from cercles.organisation.models import Assignment, ChangeAction, GovernanceChange

LOGIN = "login"


def detail(election):
    return reverse("elections:election_detail", args=[election.pk])


def url(name, obj):
    return reverse(f"elections:{name}", args=[obj.pk])


@pytest.fixture
def personas(agent, member, facilitator, lead_link, admin):
    return {
        "anonymous": None,
        "outsider": agent,
        "member": member,
        "facilitator": facilitator,
        "lead_link": lead_link,
        "admin": admin,
    }


@pytest.fixture
def answers(client, personas):
    """answers(url, method="get", data=None, only=None) -> {persona: status}; a redirect
    to the login page reads "login"."""

    def _answers(address, method="get", data=None, only=None):
        result = {}
        for name, person in personas.items():
            if only and name not in only:
                continue
            client.logout()
            if person is not None:
                client.force_login(person)
            response = getattr(client, method)(address, data or {})
            status = response.status_code
            if status == 302 and response["Location"].startswith(reverse("accounts:login")):
                status = LOGIN
            result[name] = status
        return result

    return _answers


def everyone_logged_in(status):
    return {
        "anonymous": LOGIN,
        **dict.fromkeys(("outsider", "member", "facilitator", "lead_link", "admin"), status),
    }


RUNNERS = {
    "anonymous": LOGIN,
    "outsider": 403,
    "member": 403,
    "facilitator": 200,
    "lead_link": 200,
    "admin": 200,
}


# --- who sees and who does ---------------------------------------------------------------


def test_reading_pages(answers, rh, election):
    assert answers(url("circle_elections", rh)) == everyone_logged_in(200)
    assert answers(detail(election)) == everyone_logged_in(200)
    assert answers(reverse("elections:election_detail", args=[999999])) == everyone_logged_in(404)


def test_who_may_describe_an_election(answers, rh, admin, facilitator, org):
    assert answers(url("election_create", rh)) == RUNNERS
    meeting = meeting_services.meeting_create(
        by=admin, circle=rh, title="Gouvernance", starts_at=timezone.now()
    )
    # The meeting is seen by the circle's members only: 404 for the outsider.
    assert answers(url("election_create_for_meeting", meeting)) == {**RUNNERS, "outsider": 404}
    assert answers(url("election_create", org["numerique"]), only=["facilitator"]) == {
        "facilitator": 403
    }


def test_who_may_take_the_facilitators_steps(answers, election, advance):
    assert answers(url("election_update", election)) == RUNNERS
    assert answers(url("election_cancel", election)) == RUNNERS
    assert answers(url("election_propose", election)) == {
        **RUNNERS,
        "facilitator": 403,
        "lead_link": 403,
        "admin": 403,
    }
    advance(election, "changing")
    assert answers(url("election_propose", election)) == RUNNERS
    assert answers(url("election_update", election)) == RUNNERS


def test_post_only_steps_answer_405_to_get(answers, election):
    for name in (
        "election_open",
        "election_nominate",
        "election_reveal",
        "election_answer",
        "election_confirm",
        "election_take_over",
    ):
        assert answers(url(name, election)) == everyone_logged_in(405), name


def test_open_reveal_are_the_facilitators(login, election, member, facilitator, colleagues):
    assert login(member).post(url("election_open", election)).status_code == 403
    assert login(None).post(url("election_open", election)).status_code == 302
    assert login(facilitator).post(url("election_open", election)).status_code == 302
    election.refresh_from_db()
    assert election.status == ElectionStatus.NOMINATING
    services.nominate(election=election, by=member, candidate=colleagues[0])
    assert login(member).post(url("election_reveal", election)).status_code == 403
    assert login(facilitator).post(url("election_reveal", election)).status_code == 302
    election.refresh_from_db()
    assert election.status == ElectionStatus.CHANGING


def test_who_nominates(login, election, facilitator, member, agent, admin, colleagues):
    services.election_open(election=election, by=facilitator)
    data = {"nomination-candidate": colleagues[1].pk, "nomination-reason": "Elle écoute."}
    assert login(agent).post(url("election_nominate", election), data).status_code == 403
    assert login(admin).post(url("election_nominate", election), data).status_code == 403
    response = login(member).post(url("election_nominate", election), data)
    assert response.status_code == 302 and response.url == detail(election) + "#nominations"
    assert election.nominations.get().nominator == member


def test_who_answers_and_concludes(login, election, advance, agent, member, facilitator, lead_link):
    advance(election, "objections")
    data = {"answer": "objection", "answer-reason": "Trop tôt."}
    assert login(agent).post(url("election_answer", election), data).status_code == 403
    assert login(member).post(url("election_answer", election), data).status_code == 302
    objection = Objection.objects.get()
    assert answers_of(login, objection, member, facilitator) == (403, 200)
    assert (
        login(member).post(url("election_confirm", election), {"confirm-share": 5}).status_code
        == 403
    )
    assert login(member).post(url("election_take_over", election)).status_code == 403
    assert login(facilitator).post(url("election_take_over", election)).status_code == 403
    assert login(lead_link).post(url("election_take_over", election)).status_code == 302
    election.refresh_from_db()
    assert election.facilitator == lead_link


def answers_of(login, objection, *people):
    resolve = reverse("elections:objection_resolve", args=[objection.pk])
    return tuple(login(person).get(resolve).status_code for person in people)


# --- secrecy ----------------------------------------------------------------------


def test_nominations_are_secret_until_the_reveal(
    login, election, advance, member, facilitator, colleagues
):
    advance(election, "nominating")
    body = login(member).get(detail(election)).content.decode()
    assert "3 nominations écrites sur 5 membres du cercle." in body
    assert "Votre nomination : <strong>Claire Calme</strong>." in body
    assert "Qui a nommé qui" not in body and "Écoute." not in body  # Claire's reason for Bruno
    assert "Nomination écrite" in body  # his own line of the log only
    assert body.count("Nomination écrite") == 1
    body = login(facilitator).get(detail(election)).content.decode()
    assert "Qui a nommé qui" in body and "Écoute." in body
    assert "Vous seul, facilitateur de l'élection, voyez qui a nommé qui" in body
    services.election_reveal(election=election, by=facilitator)
    body = login(member).get(detail(election)).content.decode()
    assert "Qui a nommé qui" in body and "Écoute." in body
    assert body.count("Nomination écrite") == 3


# --- bad input ----------------------------------------------------------------------


def test_bad_election_description_keeps_the_input(login, rh, facilitator):
    today = timezone.localdate()
    response = login(facilitator).post(
        url("election_create", rh),
        {
            "role": "lead_link",
            "description": "Un texte tapé",
            "term_start": today.isoformat(),
            "term_end": (today - datetime.timedelta(days=1)).isoformat(),
            "share": "150",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Le premier lien n&#x27;est pas élu" in body
    assert "La fin du mandat doit venir après son début." in body
    assert "La part du temps va de 0 à 100 %." in body
    assert "Un texte tapé" in body and 'value="150"' in body
    assert not Election.objects.exists()
    response = login(facilitator).post(
        url("election_create", rh),
        {"role": "", "term_start": "demain", "term_months": "0", "share": "5"},
    )
    body = response.content.decode()
    assert "Choisissez le rôle à élire." in body
    assert "Indiquez une date, par exemple 2025-09-01." in body
    assert "Un mandat dure au moins un mois." in body
    assert not Election.objects.exists()


def test_describe_an_election_from_the_circle(login, rh, facilitator, secretary_role):
    page = login(facilitator).get(url("election_create", rh) + "?role=secretary")
    body = page.content.decode()
    assert '<option value="secretary" selected>' in body
    assert secretary_role.purpose in body  # the description is prefilled
    assert "lead_link" not in body  # the lead link is not offered
    today = timezone.localdate()
    response = login(facilitator).post(
        url("election_create", rh),
        {
            "role": "secretary",
            "description": "Tenir le registre.",
            "term_start": today.isoformat(),
            "term_months": "6",
            "share": "5",
        },
    )
    election = Election.objects.get()
    assert response.status_code == 302 and response.url == detail(election)
    assert (
        election.term_end == add_months(today, 6) and election.description == "Tenir le registre."
    )


def test_bad_update_keeps_the_input(login, election, facilitator):
    response = login(facilitator).post(
        url("election_update", election),
        {"description": "Nouveau texte", "term_start": "2025-13-45", "share": "-1"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Indiquez une date, par exemple 2025-09-01." in body
    assert "La part du temps va de 0 à 100 %." in body
    assert "Nouveau texte" in body
    election.refresh_from_db()
    assert election.share == 5 and election.description != "Nouveau texte"


def test_bad_nomination_keeps_the_input(login, election, facilitator, member, agent):
    services.election_open(election=election, by=facilitator)
    response = login(member).post(
        url("election_nominate", election),
        {"nomination-candidate": "", "nomination-reason": "Parce que."},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Choisissez la personne que vous nommez." in body and "Parce que." in body
    response = login(member).post(
        url("election_nominate", election),
        {"nomination-candidate": agent.pk, "nomination-reason": "Parce que."},
    )
    assert "Cette personne ne peut pas être nommée : choisissez un membre du cercle." in (
        response.content.decode()
    )
    assert not election.nominations.exists()


def test_bad_change_keeps_the_input(login, election, advance, member, colleagues):
    advance(election, "changing")
    bruno = colleagues[0]
    response = login(member).post(
        url("election_nominate", election),
        {"nomination-candidate": bruno.pk, "nomination-reason": ""},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Dites pourquoi vous changez votre nomination." in body
    assert f'<option value="{bruno.pk}" selected>' in body
    assert election.nominations.get(nominator=member).candidate == colleagues[1]
    response = login(member).post(
        url("election_nominate", election),
        {"nomination-candidate": bruno.pk, "nomination-reason": "Il a convaincu."},
    )
    assert response.status_code == 302
    assert election.nominations.get(nominator=member).candidate == bruno


def test_bad_proposal_keeps_the_input(login, election, advance, facilitator, agent, colleagues):
    advance(election, "changing")
    page = login(facilitator).get(url("election_propose", election)).content.decode()
    claire = colleagues[1]
    assert f'<option value="{claire.pk}" selected>' in page  # the most nominated
    assert '<th scope="row">Claire Calme</th><td>2</td>' in page
    response = login(facilitator).post(
        url("election_propose", election),
        {
            "candidate": agent.pk,
            "reason": "",
            "term_start": election.term_start.isoformat(),
            "term_end": "2020-01-01",
            "share": "5",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Cette personne ne peut pas être proposée" in body
    assert "Donnez la raison de cette proposition." in body
    assert "La fin du mandat doit venir après son début." in body
    assert 'value="2020-01-01"' in body
    assert not election.proposals.exists()


def test_an_objection_without_reason(login, election, advance, member):
    advance(election, "objections")
    response = login(member).post(
        url("election_answer", election), {"answer": "objection", "answer-reason": "  "}
    )
    assert response.status_code == 200
    assert "Donnez la raison de votre objection" in response.content.decode()
    assert not Objection.objects.exists()


def test_bad_resolution_keeps_the_input(login, election, advance, member, facilitator):
    advance(election, "objections")
    objection = services.election_answer(
        election=election, by=member, objection=True, reason="Trop long."
    )
    address = reverse("elections:objection_resolve", args=[objection.pk])
    response = login(facilitator).post(
        address, {"resolution": "term", "note": "", "term_start": "", "term_end": "", "share": "5"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Dites comment l&#x27;objection a été traitée." in body
    assert "Indiquez le mandat ajusté." in body
    response = login(facilitator).post(
        address,
        {
            "resolution": "term",
            "note": "Rien ne change",
            "term_start": election.term_start.isoformat(),
            "term_end": election.term_end.isoformat(),
            "share": "5",
        },
    )
    body = response.content.decode()
    assert "Le mandat ajusté doit différer du mandat proposé." in body and "Rien ne change" in body
    objection.refresh_from_db()
    assert objection.is_open


def test_bad_confirmation_keeps_the_input(login, election, advance, facilitator, colleagues):
    advance(election, "accepted")
    response = login(facilitator).post(url("election_confirm", election), {"confirm-share": "150"})
    assert response.status_code == 200
    assert "La part du temps va de 0 à 100 %." in response.content.decode()
    # Claire holds 50 % already: 60 % more is refused with the totals.
    response = login(facilitator).post(url("election_confirm", election), {"confirm-share": "60"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Claire Calme tiendrait alors 110 % de son temps, plus de 100 %" in body
    assert 'value="60"' in body
    election.refresh_from_db()
    assert election.status == ElectionStatus.OBJECTIONS
    assert not Assignment.objects.filter(role=election.role).exists()


def test_bad_cancellation(login, election, facilitator):
    response = login(facilitator).post(url("election_cancel", election), {"reason": ""})
    assert response.status_code == 200
    assert "Dites pourquoi l&#x27;élection est annulée." in response.content.decode()
    election.refresh_from_db()
    assert election.status == ElectionStatus.DESCRIBED
    response = login(facilitator).post(
        url("election_cancel", election), {"reason": "Réorganisation."}
    )
    assert response.status_code == 302
    election.refresh_from_db()
    assert election.status == ElectionStatus.CANCELLED


def test_a_step_out_of_turn_says_why(login, election, facilitator):
    services.election_open(election=election, by=facilitator)
    response = login(facilitator).post(url("election_reveal", election), follow=True)
    assert "Personne n&#x27;a encore écrit de nomination : rien à révéler." in (
        response.content.decode()
    )


# --- a whole election through the pages ---------------------------------------------


def test_a_whole_election_through_the_pages(
    login, rh, facilitator, member, lead_link, colleagues, secretary_role
):
    bruno, claire = colleagues
    today = timezone.localdate()
    client = login(facilitator)
    client.post(
        url("election_create", rh),
        {"role": "secretary", "term_start": today.isoformat(), "term_months": "12", "share": "5"},
    )
    election = Election.objects.get()
    client.post(url("election_open", election))
    for person, candidate in ((member, claire), (lead_link, bruno), (claire, claire)):
        login(person).post(
            url("election_nominate", election),
            {"nomination-candidate": candidate.pk, "nomination-reason": "Raison."},
        )
    login(facilitator).post(url("election_reveal", election))
    login(lead_link).post(
        url("election_nominate", election),
        {"nomination-candidate": claire.pk, "nomination-reason": "Claire m'a convaincue."},
    )
    login(facilitator).post(
        url("election_propose", election),
        {
            "candidate": claire.pk,
            "reason": "Trois nominations.",
            "term_start": today.isoformat(),
            "term_end": add_months(today, 12).isoformat(),
            "share": "5",
        },
    )
    login(bruno).post(
        url("election_answer", election),
        {"answer": "objection", "answer-reason": "Six mois d'abord."},
    )
    objection = Objection.objects.get()
    login(facilitator).post(
        reverse("elections:objection_resolve", args=[objection.pk]),
        {
            "resolution": "term",
            "note": "Mandat de six mois.",
            "term_start": today.isoformat(),
            "term_end": add_months(today, 6).isoformat(),
            "share": "5",
        },
    )
    login(member).post(url("election_answer", election), {"answer": "none"})
    body = login(claire).get(detail(election)).content.decode()
    assert "J'accepte (pas d'objection)" in body
    login(claire).post(url("election_answer", election), {"answer": "accept"})
    response = login(facilitator).post(
        url("election_confirm", election), {"confirm-share": "5"}, follow=True
    )
    body = response.content.decode()
    assert "Claire Calme est élu·e au rôle « Secrétaire »" in body
    election.refresh_from_db()
    assert election.status == ElectionStatus.ELECTED
    assert election.term_end == add_months(today, 6)
    # The person page shows the new role with its term's end.
    end = add_months(today, 6)
    body = (
        login(member).get(reverse("organisation:person_detail", args=[claire.pk])).content.decode()
    )
    assert "Secrétaire" in body and "exclu" in body
    # The circle's history card links to the election.
    change = GovernanceChange.objects.get(
        assignment=election.assignment, action=ChangeAction.ASSIGNMENT_CREATE
    )
    assert change.decision == election
    body = login(member).get(reverse("organisation:circle_history", args=[rh.pk])).content.decode()
    assert f'href="{detail(election)}"' in body
    # The whole story is on the election page.
    body = login(bruno).get(detail(election)).content.decode()
    for text in (
        "Claire m&#x27;a convaincue.",
        "Six mois d&#x27;abord.",
        "Intégrée : mandat ajusté",
        "Mandat de six mois.",
        "Le candidat accepte",
        end.strftime("%Y"),
    ):
        assert text in body, text


def test_describe_an_election_from_a_meeting(login, rh, admin, facilitator, lead_link):
    meeting = meeting_services.meeting_create(
        by=admin,
        circle=rh,
        title="Gouvernance de mai",
        starts_at=timezone.now(),
        facilitator=lead_link,
    )
    today = timezone.localdate().isoformat()
    data = {"role": "rep_link", "term_start": today, "term_months": "12", "share": "5"}
    response = login(lead_link).post(url("election_create_for_meeting", meeting), data)
    election = Election.objects.get()
    assert response.status_code == 302 and response.url == detail(election)
    assert election.meeting == meeting and election.facilitator == lead_link
    body = login(facilitator).get(detail(election)).content.decode()
    assert "Gouvernance de mai" in body
    # From the circle, the meeting is a choice among its meetings still to hold.
    page = login(facilitator).get(url("election_create", rh)).content.decode()
    assert f'<option value="{meeting.pk}">Gouvernance de mai' in page
    response = login(facilitator).post(
        url("election_create", rh), {**data, "role": "secretary", "meeting": "999999"}
    )
    assert response.status_code == 200
    assert "Choisissez une réunion du cercle." in response.content.decode()
    assert Election.objects.count() == 1
    response = login(facilitator).post(
        url("election_create", rh), {**data, "role": "secretary", "meeting": str(meeting.pk)}
    )
    assert Election.objects.get(role__core_role="secretary").meeting == meeting
