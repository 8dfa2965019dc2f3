"""Decision records: the decision page, a circle's decisions, dissent notes; governance
changes through the pages."""

import pytest
from django.urls import reverse

from cercles.decisions import services
from cercles.decisions.models import DissentNote, GovernanceChangeItem, ProposalKind, Step
from cercles.organisation.models import Role
from tests.factories import PersonFactory

from .conftest import CRITERIA_MET, open_at


def url(name, obj):
    return reverse(f"decisions:{name}", args=[obj.pk])


def body(response):
    return response.content.decode()


def decide(member, meeting, facilitator, speakers, title, objections=0, kind="operational"):
    """An adopted decision with `objections` objections judged not valid."""
    proposal = services.proposal_create(
        by=member,
        circle=meeting.circle,
        meeting=meeting,
        title=title,
        tension="Tension",
        text="Texte",
        kind=kind,
    )
    if kind == ProposalKind.GOVERNANCE:
        services.change_add(proposal=proposal, by=member, kind="role_create", name=f"Rôle {title}")
    services.proposal_submit(proposal=proposal, by=member)
    proposal = open_at(proposal, facilitator, Step.OBJECTIONS)
    for i in range(objections):
        objection = services.objection_raise(
            proposal=proposal, by=speakers[i % 2], reason=f"Objection {i}"
        )
        services.objection_test(
            objection=objection, by=facilitator, reason="Non.", **{**CRITERIA_MET, "harm": False}
        )
    return services.proposal_adopt(proposal=proposal, by=facilitator)


@pytest.fixture
def decision(member, meeting, facilitator, speakers):
    return decide(member, meeting, facilitator, speakers, "Accueil le lundi", objections=1)


# --- the decision page -----------------------------------------------------------------


def test_who_reads_a_decision(client, login, decision, agent, member, speakers, lead_link, admin):
    page = url("decision_detail", decision)
    assert client.get(page).status_code == 302
    assert login(agent).get(page).status_code == 404
    for person in (member, speakers[0], lead_link, admin):
        assert login(person).get(page).status_code == 200


def test_an_adopted_governance_decision_is_read_by_everyone(
    login, member, meeting, facilitator, speakers, agent
):
    decision = decide(member, meeting, facilitator, speakers, "Veille", kind="governance")
    page = body(login(agent).get(url("decision_detail", decision)))
    assert "Créer le rôle « Rôle Veille »" in page
    # … but not the proposal behind it, nor a dissent note.
    assert "Voir la proposition" not in page and "Joindre une opinion" not in page
    assert login(agent).get(url("proposal_detail", decision.proposal)).status_code == 404


def test_the_decision_page_keeps_objections_and_dissent(
    login, decision, member, meeting, facilitator, speakers, django_assert_num_queries
):
    services.dissent_note_save(decision=decision, by=speakers[1], text="Je reste réservée.")
    client = login(speakers[0])
    # Queries: session, user; the user's roles and led circles; the decision with
    # circle, meeting, people, proposal and version; his participant row; the
    # objections; the dissent notes; the versions; the event log.
    with django_assert_num_queries(10):
        page = body(client.get(url("decision_detail", decision)))
    assert "Objection 0" in page and "objection non valide" in page
    assert "Je reste réservée." in page and "Joindre une opinion minoritaire" in page
    bigger = decide(member, meeting, facilitator, speakers, "Plus débattue", objections=5)
    for person in speakers:
        services.dissent_note_save(decision=bigger, by=person, text=f"Désaccord de {person}")
    with django_assert_num_queries(10):
        page = body(client.get(url("decision_detail", bigger)))
    assert page.count('class="card objection"') == 5 and page.count("Désaccord de") == 2


# --- dissent notes ---------------------------------------------------------------------


def test_dissent_note_form(login, decision, speakers, agent, admin):
    page = url("dissent_note", decision)
    assert login(agent).get(page).status_code == 404
    assert login(admin).get(page).status_code == 403  # reads it, took no part
    client = login(speakers[0])
    response = client.post(page, {"text": " "})
    assert response.status_code == 200 and "Écrivez votre opinion minoritaire." in body(response)
    assert client.post(page, {"text": "Réservé."}).status_code == 302
    assert "Réservé.</textarea>" in body(client.get(page))
    client.post(page, {"text": "Très réservé."})
    assert DissentNote.objects.get().text == "Très réservé."
    client.post(page, {"delete": "1"})
    assert not DissentNote.objects.exists()


# --- a circle's decisions --------------------------------------------------------------


def test_circle_decisions_with_filters(login, org, member, meeting, facilitator, speakers, agent):
    decide(member, meeting, facilitator, speakers, "Accueil le lundi", objections=2)
    decide(member, meeting, facilitator, speakers, "Nouveau rôle", kind="governance")
    page = url("circle_decisions", org["rh"])
    client = login(speakers[0])
    listing = body(client.get(page))
    assert "Accueil le lundi" in listing and "Nouveau rôle" in listing and "2 décisions" in listing
    listing = body(client.get(page, {"kind": "governance"}))
    assert "Accueil le lundi" not in listing and "Nouveau rôle" in listing
    listing = body(client.get(page, {"q": "accueil"}))
    assert "Accueil le lundi" in listing and "Nouveau rôle" not in listing
    # Bad input: a message, the typed values kept, everything listed.
    response = client.get(page, {"year": "demain", "q": "garde"})
    assert response.status_code == 200
    listing = body(response)
    assert "Indiquez une année, par exemple 2025." in listing and 'value="garde"' in listing
    # Someone outside the circle sees its adopted governance decisions only.
    listing = body(login(agent).get(page))
    assert "Nouveau rôle" in listing and "Accueil le lundi" not in listing
    assert "seules ses décisions de gouvernance adoptées" in listing


def test_circle_decisions_query_count(
    login, org, member, meeting, facilitator, speakers, django_assert_num_queries
):
    decide(member, meeting, facilitator, speakers, "D0", objections=1)
    client = login(speakers[0])
    page = url("circle_decisions", org["rh"])
    # Queries: session, user; the circle with its parent; the user's led circles and
    # roles; the count; the page of decisions with meeting, proposer and counts.
    with django_assert_num_queries(7):
        client.get(page)
    for i in range(1, 4):
        decide(member, meeting, facilitator, speakers, f"D{i}", objections=2)
    with django_assert_num_queries(7):
        listing = body(client.get(page))
    assert listing.count('<tr><th scope="row">') == 4


def test_unknown_circle(login, member):
    assert (
        login(member).get(reverse("decisions:circle_decisions", args=[999999])).status_code == 404
    )


# --- governance changes through the pages ----------------------------------------------


def test_add_changes_with_plain_forms(login, governance_proposal, member, speakers, org, agent):
    create = url("change_create", governance_proposal)
    assert login(agent).get(create).status_code == 404
    assert login(speakers[0]).get(create).status_code == 404  # a draft: his own
    client = login(member)
    assert "Type de changement" in body(client.get(create))
    assert "Type de changement inconnu." in body(client.get(create, {"kind": "teleport"}))
    # An update starts by choosing the role, then shows its charter.
    recruiting = member.assignments.get().role
    assert 'name="role"' in body(client.get(create, {"kind": "role_update"}))
    form = body(client.get(create, {"kind": "role_update", "role": recruiting.pk}))
    assert 'value="Chargé de recrutement"' in form
    response = client.post(
        create,
        {
            "kind": "role_update",
            "role": recruiting.pk,
            "name": "Chargé de recrutement",
            "purpose": "Recruter.",
            "accountabilities": "Publier les offres\nMener les entretiens",
        },
    )
    assert response.status_code == 302 and response.url.endswith("#changes")
    # Bad input: the message, the typed values kept, nothing written.
    response = client.post(
        create,
        {
            "kind": "assignment_create",
            "role": "role:999999",
            "person": "inconnu@exemple.fr",
            "share": "300",
        },
    )
    assert response.status_code == 200
    page = body(response)
    assert "Choisissez un rôle du cercle." in page
    assert "Aucune personne active ne correspond à « inconnu@exemple.fr »" in page
    assert "La part du temps doit être comprise entre 0 et 100 %." in page
    assert 'value="inconnu@exemple.fr"' in page
    # The service's rule: a role name already taken.
    response = client.post(create, {"kind": "role_create", "name": "Référent accueil"})
    assert response.status_code == 200 and "Cette proposition crée déjà un rôle de ce nom." in body(
        response
    )
    # Assign someone to the role the proposal creates.
    newcomer = PersonFactory(email="nadia@exemple.fr")
    welcome = governance_proposal.changes.get(kind="role_create")
    client.post(
        create,
        {
            "kind": "assignment_create",
            "role": f"new:{welcome.pk}",
            "person": "nadia@exemple.fr",
            "share": "20",
        },
    )
    assert governance_proposal.changes.get(kind="assignment_create").person == newcomer
    page = body(client.get(url("proposal_detail", governance_proposal)))
    assert "Modifier le rôle « Chargé de recrutement »" in page
    assert "<ins>Publier les offres<br>Mener les entretiens</ins>" in page
    assert "Affecter" in page and "20 % du temps" in page
    # Submitted, the others see it but do not change it.
    client.post(url("proposal_submit", governance_proposal))
    assert login(speakers[0]).get(create).status_code == 403


def test_remove_a_change(login, governance_proposal, member, speakers):
    item = governance_proposal.changes.get()
    delete = url("change_delete", item)
    assert login(member).get(delete).status_code == 405
    assert login(speakers[0]).post(delete).status_code == 404  # a draft: not seen
    assert login(member).post(delete).status_code == 302
    assert not GovernanceChangeItem.objects.exists()


def test_governance_through_the_pages_links_the_history(
    login, governance_proposal, member, facilitator, meeting, org
):
    client = login(member)
    client.post(url("proposal_submit", governance_proposal))
    client = login(facilitator)
    client.post(url("proposal_start", governance_proposal), {"meeting": meeting.pk})
    for step in ("reactions", "objections"):
        client.post(url("proposal_step", governance_proposal), {"to": step})
    response = client.post(url("proposal_outcome", governance_proposal), {"action": "adopt"})
    governance_proposal.refresh_from_db()
    decision = governance_proposal.decision
    assert response.url == decision.get_absolute_url()
    role = Role.objects.get(name="Référent accueil")
    assert role.circle == org["rh"]
    history = body(client.get(reverse("organisation:circle_history", args=[org["rh"].pk])))
    assert f'href="{decision.get_absolute_url()}"' in history
