"""The proposal pages: who sees and does what, bad input on each form, query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cercles.decisions import services
from cercles.decisions.models import (
    Decision,
    ObjectionStatus,
    Process,
    Proposal,
    ProposalStatus,
    Reaction,
    Step,
)

from .conftest import CRITERIA_MET, open_at

S = ProposalStatus


def url(name, obj):
    return reverse(f"decisions:{name}", args=[obj.pk])


def body(response):
    return response.content.decode()


# --- the proposal page -----------------------------------------------------------------


def test_who_sees_a_proposal(client, login, proposal, agent, member, speakers, lead_link, admin):
    response = client.get(url("proposal_detail", proposal))
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert login(agent).get(url("proposal_detail", proposal)).status_code == 404
    for person in (member, speakers[0], lead_link, admin):
        assert login(person).get(url("proposal_detail", proposal)).status_code == 200
    assert login(member).get(reverse("decisions:proposal_detail", args=[999999])).status_code == 404


def test_a_draft_is_404_to_others(login, member, speakers, org):
    draft = services.proposal_create(by=member, circle=org["rh"], title="D", tension="T", text="P")
    assert login(speakers[0]).get(url("proposal_detail", draft)).status_code == 404
    page = body(login(member).get(url("proposal_detail", draft)))
    assert "Brouillon : vous seul le voyez." in page and "Déposer la proposition" in page


def test_the_page_shows_the_step_and_the_reader_actions(
    login, objecting, member, speakers, facilitator
):
    page = body(login(speakers[0]).get(url("proposal_detail", objecting)))
    assert '<li aria-current="step"><strong>Tour d&#x27;objections</strong>' in page
    assert ">Objecter</button>" in page and "Constater l'adoption" not in page
    page = body(login(facilitator).get(url("proposal_detail", objecting)))
    assert "Constater l'adoption" in page and "Étape suivante : Intégration" in page
    page = body(login(member).get(url("proposal_detail", objecting)))
    assert ">Objecter</button>" not in page  # the proposer does not object
    assert "<strong>le lundi</strong>" in page  # Markdown


def test_proposal_page_query_count(
    login, objecting, facilitator, speakers, member, django_assert_num_queries
):
    def grow(n):
        for i in range(n):
            objection = services.objection_raise(
                proposal=objecting, by=speakers[i % 2], reason=f"Objection {i}"
            )
            services.objection_test(
                objection=objection,
                by=facilitator,
                reason="Non.",
                **{**CRITERIA_MET, "known": False},
            )

    client = login(facilitator)
    # Queries: session, user; the user's roles and led circles (what he sees); the
    # proposal with circle, parent, meeting, agenda item and proposer; its versions;
    # objections; reactions; questions; meeting requests; events. (A member of the
    # circle costs no participant row; it is open: no meetings to choose from.)
    grow(1)
    with django_assert_num_queries(11):
        client.get(url("proposal_detail", objecting))
    grow(4)
    with django_assert_num_queries(11):
        page = body(client.get(url("proposal_detail", objecting)))
    assert page.count('class="card objection"') == 5


# --- writing ---------------------------------------------------------------------------


def test_who_writes_a_proposal(client, login, org, agent, member, facilitator, admin):
    create = url("proposal_create", org["rh"])
    assert client.get(create).status_code == 302
    assert login(agent).get(create).status_code == 403
    for person in (member, facilitator, admin):
        assert login(person).get(create).status_code == 200


def test_write_and_submit_a_proposal_for_a_meeting(login, org, member, meeting):
    client = login(member)
    create = url("proposal_create", org["rh"]) + f"?meeting={meeting.pk}"
    assert f'<option value="{meeting.pk}" selected>' in body(client.get(create))
    response = client.post(
        create,
        {
            "title": "Un tableau des congés partagé",
            "tension": "Les congés se chevauchent.",
            "text": "Un tableau **partagé**.",
            "kind": "operational",
            "process": "idm",
            "meeting": str(meeting.pk),
            "agenda_item": "",
            "action": "submit",
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response.url == proposal.get_absolute_url()
    assert (proposal.status, proposal.process, proposal.meeting) == (
        S.TO_MEETING,
        Process.IDM,
        meeting,
    )


def test_bad_proposal_input(login, org, member):
    response = login(member).post(
        url("proposal_create", org["rh"]),
        {
            "title": "Garder ce titre",
            "tension": " ",
            "text": "",
            "kind": "magic",
            "process": "consent",
            "meeting": "999999",
        },
    )
    assert response.status_code == 200
    page = body(response)
    for message in (
        "Décrivez la tension à laquelle la proposition répond.",
        "Écrivez la proposition.",
        "magic",
        "Sélectionnez un choix valide",
        'value="Garder ce titre"',
    ):
        assert message in page
    assert not Proposal.objects.exists()


def test_edit_a_proposal(login, proposal, member, speakers, agent):
    edit = url("proposal_update", proposal)
    assert login(agent).get(edit).status_code == 404
    assert login(speakers[0]).get(edit).status_code == 403
    client = login(member)
    assert 'value="Accueillir les stagiaires le lundi"' in body(client.get(edit))
    values = {
        "title": "Accueillir les stagiaires le lundi",
        "tension": "T",
        "text": "",
        "kind": "operational",
        "process": "consent",
        "meeting": str(proposal.meeting_id),
    }
    response = client.post(edit, values)
    assert response.status_code == 200 and "Écrivez la proposition." in body(response)
    response = client.post(edit, {**values, "text": "Le lundi à 10 h."})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.text == "Le lundi à 10 h." and proposal.versions.count() == 2


def test_submit(login, member, speakers, org):
    draft = services.proposal_create(by=member, circle=org["rh"], title="D", tension="T", text="P")
    assert login(member).get(url("proposal_submit", draft)).status_code == 405
    assert login(speakers[0]).post(url("proposal_submit", draft)).status_code == 404
    assert login(member).post(url("proposal_submit", draft)).status_code == 302
    draft.refresh_from_db()
    assert draft.status == S.TO_MEETING
    assert login(member).post(url("proposal_submit", draft)).status_code == 403


def test_consult_the_circle(login, proposal, member, speakers):
    page = url("proposal_consult", proposal)
    assert login(speakers[0]).get(page).status_code == 403
    client = login(member)
    assert client.get(page).status_code == 200
    response = client.post(page, {"closes_at": "demain"})
    assert response.status_code == 200 and "Indiquez une date et une heure" in body(response)
    soon = timezone.localtime() + datetime.timedelta(hours=3)
    response = client.post(page, {"closes_at": soon.strftime("%Y-%m-%dT%H:%M")})
    assert "au moins 24 heures" in body(response)
    assert Proposal.objects.get().status == S.TO_MEETING
    later = timezone.localtime() + datetime.timedelta(days=5)
    assert client.post(page, {"closes_at": later.strftime("%Y-%m-%dT%H:%M")}).status_code == 302
    assert Proposal.objects.get().status == S.ASYNC


# --- the steps -------------------------------------------------------------------------


def test_start_and_steps(login, proposal, member, facilitator, meeting):
    start = url("proposal_start", proposal)
    assert login(member).post(start, {"meeting": meeting.pk}).status_code == 403
    client = login(facilitator)
    assert "Ouvrir le traitement" in body(client.get(url("proposal_detail", proposal)))
    client.post(start, {"meeting": meeting.pk})
    proposal.refresh_from_db()
    assert (proposal.status, proposal.step) == (S.OPEN, Step.PRESENTATION)
    step = url("proposal_step", proposal)
    assert login(member).post(step, {"to": "reactions"}).status_code == 403
    response = login(facilitator).post(step, {"to": "objections"}, follow=True)
    assert "On ne passe pas de « Présentation » à cette étape." in body(response)
    login(facilitator).post(step, {"to": "reactions"})
    proposal.refresh_from_db()
    assert proposal.step == Step.REACTIONS


def test_start_in_an_unknown_meeting(login, proposal, facilitator):
    response = login(facilitator).post(
        url("proposal_start", proposal), {"meeting": "999999"}, follow=True
    )
    assert "Cette réunion n&#x27;existe pas." in body(response)


def test_react(login, proposal, facilitator, speakers, agent):
    proposal = open_at(proposal, facilitator, Step.REACTIONS)
    react = url("proposal_react", proposal)
    assert login(agent).post(react, {"text": "x"}).status_code == 404
    client = login(speakers[0])
    response = client.post(react, {"text": "  "})
    assert response.status_code == 200 and "Écrivez votre réaction." in body(response)
    assert client.post(react, {"text": "Bien vu."}).status_code == 302
    response = client.post(react, {"text": "Encore"})
    assert "Vous avez déjà réagi à cette version." in body(response)
    assert Reaction.objects.get().text == "Bien vu."
    services.proposal_step(proposal=proposal, by=facilitator, to=Step.OBJECTIONS)
    assert login(speakers[1]).post(react, {"text": "Trop tard"}).status_code == 403


def test_clarifying_questions(login, member, meeting, facilitator, speakers):
    proposal = services.proposal_create(
        by=member,
        circle=meeting.circle,
        meeting=meeting,
        title="Q",
        tension="T",
        text="P",
        process=Process.IDM,
        submit=True,
    )
    proposal = open_at(proposal, facilitator, Step.CLARIFYING)
    ask = url("question_create", proposal)
    assert login(member).post(ask, {"text": "À moi ?"}).status_code == 403
    client = login(speakers[0])
    assert "Écrivez votre question." in body(client.post(ask, {"text": ""}))
    client.post(ask, {"text": "Combien de temps ?"})
    question = proposal.questions.get()
    answer = url("question_answer", question)
    assert login(speakers[1]).post(answer, {f"q{question.pk}-answer": "x"}).status_code == 403
    response = login(member).post(answer, {f"q{question.pk}-answer": ""})
    assert response.status_code == 200 and "Écrivez la réponse." in body(response)
    login(member).post(answer, {f"q{question.pk}-answer": "Une heure."})
    question.refresh_from_db()
    assert question.answer == "Une heure."


def test_object_test_integrate_adopt(login, objecting, member, speakers, facilitator, agent):
    create = url("objection_create", objecting)
    assert login(member).post(create, {"reason": "Non"}).status_code == 403
    client = login(speakers[0])
    response = client.post(create, {"reason": ""})
    assert response.status_code == 200 and "une objection a une raison" in body(response)
    client.post(create, {"reason": "Le lundi est parfois férié."})
    objection = objecting.objections.get()
    test = url("objection_test", objection)
    assert login(agent).get(test).status_code == 404
    assert login(speakers[1]).get(test).status_code == 403
    chair = login(facilitator)
    response = chair.post(test, {"harm": "on", "caused": "on", "reason": ""})
    assert response.status_code == 200 and "Donnez le motif du test" in body(response)
    assert 'name="harm" id="id_harm" checked' in body(response)  # what was ticked stays
    chair.post(test, {**dict.fromkeys(CRITERIA_MET, "on"), "reason": "Les quatre critères."})
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.VALID
    chair.post(url("proposal_step", objecting), {"to": "integration"})
    # (`login` logs the same test client in as someone else.)
    amend = url("proposal_amend", objecting)
    assert login(speakers[1]).get(amend).status_code == 403
    writer = login(member)
    page = body(writer.get(amend))
    assert "Le lundi est parfois férié." in page and "Intégrer les objections" in page
    response = writer.post(
        amend,
        {"title": objecting.title, "text": "Le premier jour ouvré.", "integrates": [objection.pk]},
    )
    assert response.status_code == 200
    assert "Dites comment la proposition amendée intègre l" in body(response)
    response = writer.post(
        amend,
        {
            "title": objecting.title,
            "text": " ",
            "integrates": [objection.pk],
            "integration_note": "x",
        },
    )
    assert "Écrivez la proposition amendée." in body(response)
    writer.post(
        amend,
        {
            "title": objecting.title,
            "text": "Le premier jour ouvré.",
            "integrates": [objection.pk],
            "integration_note": "Le premier jour ouvré plutôt que le lundi.",
        },
    )
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.INTEGRATED
    outcome = url("proposal_outcome", objecting)
    assert login(member).post(outcome, {"action": "adopt"}).status_code == 403
    response = login(facilitator).post(outcome, {"action": "adopt"})
    decision = Decision.objects.get()
    assert response.status_code == 302 and response.url == decision.get_absolute_url()


def test_withdraw_an_objection(login, objecting, speakers):
    objection = services.objection_raise(proposal=objecting, by=speakers[0], reason="R")
    assert login(speakers[1]).post(url("objection_withdraw", objection)).status_code == 403
    assert login(speakers[0]).post(url("objection_withdraw", objection)).status_code == 302
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.WITHDRAWN


def test_reject_postpone_withdraw(login, objecting, facilitator, member):
    outcome = url("proposal_outcome", objecting)
    chair = login(facilitator)
    response = chair.post(outcome, {"action": "reject", "reason": ""})
    assert response.status_code == 200 and "Donnez le motif du rejet." in body(response)
    assert "<details open>" in body(response)
    response = chair.post(outcome, {"action": "fly"}, follow=True)
    assert "Action inconnue." in body(response)
    chair.post(outcome, {"action": "postpone"})
    objecting.refresh_from_db()
    assert objecting.status == S.TO_MEETING
    login(member).post(outcome, {"action": "withdraw", "reason": "Plus utile."})  # the proposer
    objecting.refresh_from_db()
    assert objecting.status == S.WITHDRAWN


def test_adopt_error_is_shown(login, objecting, facilitator, speakers):
    services.objection_raise(proposal=objecting, by=speakers[0], reason="R")
    response = login(facilitator).post(url("proposal_outcome", objecting), {"action": "adopt"})
    assert response.status_code == 200 and "Des objections restent à tester." in body(response)


def test_ask_for_a_meeting(login, proposal, member, speakers):
    services.proposal_consult(
        proposal=proposal, by=member, closes_at=timezone.now() + datetime.timedelta(days=3)
    )
    ask = url("meeting_request", proposal)
    assert login(member).post(ask, {"reason": ""}).status_code == 403
    response = login(speakers[0]).post(ask, {"reason": "x" * 5001})
    assert response.status_code == 200 and "Au plus 5000 caractères" in body(response)
    assert login(speakers[0]).post(ask, {"reason": "À discuter."}).status_code == 302
    assert proposal.meeting_requests.get().reason == "À discuter."


@pytest.mark.parametrize(
    "name", ["proposal_step", "proposal_react", "objection_create", "proposal_outcome"]
)
def test_posts_only(login, objecting, member, name):
    assert login(member).get(url(name, objecting)).status_code == 405
