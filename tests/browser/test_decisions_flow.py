"""Decisions end to end through the pages (issue 4, "Done when"), in real browsers —
one context per person:

(a) a consent proposal in a meeting: a member objects, the facilitator tests the
    objection as valid, the proposer integrates it with an amended text, the proposal
    is adopted, and the decision page shows the objection and its integration;
(b) a governance proposal that creates a role: adopted through the pages, the role
    exists, and the circle's history entry links to the decision page.

axe-core checks the proposal, objection test, decision and change pages on the way.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cercles.decisions.models import Decision, ObjectionStatus, Proposal
from cercles.meetings import services as meeting_services
from cercles.organisation import services as org_services
from cercles.organisation.models import CoreRole, GovernanceChange, Role
from tests.browser.conftest import axe_violations, login
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def circle():
    admin = PersonFactory(email="ada.admin@exemple.fr", is_org_admin=True)
    circle = org_services.circle_create(by=admin, name="Accueil des usagers")
    facilitator = PersonFactory(
        email="helene.facil@exemple.fr", first_name="Hélène", last_name="Facil"
    )
    org_services.assignment_create(
        role=circle.roles.get(core_role=CoreRole.FACILITATOR), person=facilitator, by=admin
    )
    role = org_services.role_create(by=admin, circle=circle, name="Chargé d'accueil")
    yanis = PersonFactory(email="yanis.porteur@exemple.fr", first_name="Yanis", last_name="Porteur")
    zoe = PersonFactory(email="zoe.objecte@exemple.fr", first_name="Zoé", last_name="Objecte")
    for person in (yanis, zoe):
        org_services.assignment_create(role=role, person=person, by=admin, share=50)
    meeting = meeting_services.meeting_create(
        by=facilitator,
        circle=circle,
        title="Réunion de gouvernance",
        kind="governance",
        starts_at=timezone.now() + datetime.timedelta(hours=1),
    )
    return {"circle": circle, "meeting": meeting, "chair": facilitator, "yanis": yanis, "zoe": zoe}


def open_as(browser, live_server, person):
    context = browser.new_context(locale="fr-FR", base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    login(page, person.email, PASSWORD)
    return context, page


def button(page, name):
    return page.get_by_role("main").get_by_role("button", name=name, exact=True)


def next_step(page, label):
    button(page, f"Étape suivante : {label}").click()
    expect(page.locator('[aria-current="step"]')).to_contain_text(label)


def test_consent_with_an_integrated_objection(browser, live_server, circle):
    contexts = []
    try:
        for key in ("yanis", "chair", "zoe"):
            contexts.append(open_as(browser, live_server, circle[key]))
        (_, yanis), (_, chair), (_, zoe) = contexts
        meeting = circle["meeting"]

        # Yanis adds a proposal to the meeting from its page.
        yanis.goto(f"/meetings/{meeting.pk}/")
        yanis.get_by_role("link", name="Ajouter une proposition").click()
        form = yanis.get_by_role("main")
        form.get_by_label("Titre").fill("Accueillir les usagers dès 8 h 30")
        form.get_by_label("Tension").fill("Les usagers attendent dehors le matin.")
        form.get_by_label("Proposition", exact=False).first.fill(
            "L'accueil ouvre **le lundi** à 8 h 30."
        )
        button(yanis, "Déposer la proposition").click()
        expect(yanis.get_by_role("heading", level=1)).to_have_text(
            "Accueillir les usagers dès 8 h 30"
        )
        proposal = Proposal.objects.get()
        url = f"/proposals/{proposal.pk}/"

        # The facilitator opens it and leads it to the objection round.
        chair.goto(url)
        button(chair, "Ouvrir le traitement").click()
        expect(chair.locator('[aria-current="step"]')).to_contain_text("Présentation")
        assert axe_violations(chair) == [], "proposal page"
        next_step(chair, "Tour de réactions")
        next_step(chair, "Tour d'objections")

        # Zoé objects, with a reason.
        zoe.goto(url)
        zoe.get_by_label("Votre objection").fill("Le lundi de Pâques, personne n'ouvrira.")
        button(zoe, "Objecter").click()
        expect(zoe.locator("#objections")).to_contain_text("Le lundi de Pâques")

        # The facilitator tests it: the four criteria are met, it is valid.
        chair.reload()
        chair.get_by_role("link", name=re.compile("^Tester l'objection")).click()
        assert axe_violations(chair) == [], "objection test"
        for checkbox in chair.get_by_role("main").get_by_role("checkbox").all():
            checkbox.check()
        chair.get_by_label("Motif du test").fill("Fait connu, causé par la date choisie.")
        button(chair, "Enregistrer le test").click()
        expect(chair.locator("#objections")).to_contain_text("Valide, à intégrer")
        next_step(chair, "Intégration")

        # Yanis integrates it with an amended text.
        yanis.goto(url)
        yanis.get_by_role("link", name="Intégrer les objections").click()
        yanis.get_by_label("Proposition amendée").fill(
            "L'accueil ouvre à 8 h 30 **le premier jour ouvré** de la semaine."
        )
        yanis.get_by_role("checkbox", name=re.compile("Le lundi de Pâques")).check()
        yanis.get_by_label("Comment l'amendement intègre ces objections").fill(
            "Le premier jour ouvré plutôt que le lundi."
        )
        button(yanis, "Enregistrer la proposition amendée").click()
        expect(yanis.locator('[aria-current="step"]')).to_contain_text("Tour d'objections")

        # No objection left: the facilitator states the adoption.
        chair.reload()
        button(chair, "Constater l'adoption").click()
        decision = Decision.objects.get()
        expect(chair).to_have_url(re.compile(f"/decisions/{decision.pk}/$"))
        objections = chair.locator("#objections")
        expect(objections).to_contain_text("Le lundi de Pâques, personne n'ouvrira.")
        expect(objections).to_contain_text("Test du facilitateur : objection valide.")
        expect(objections).to_contain_text(
            "Intégrée dans la version 2 : Le premier jour ouvré plutôt que le lundi."
        )
        expect(chair.get_by_role("main")).to_contain_text("le premier jour ouvré")
        assert axe_violations(chair) == [], "decision page"
        assert decision.proposal.objections.get().status == ObjectionStatus.INTEGRATED
    finally:
        for context, _page in contexts:
            context.close()


def test_governance_creates_a_role_linked_from_the_history(browser, live_server, circle):
    contexts = []
    try:
        for key in ("yanis", "chair"):
            contexts.append(open_as(browser, live_server, circle[key]))
        (_, yanis), (_, chair) = contexts
        circle_ = circle["circle"]

        # Yanis writes a governance draft, adds "create a role", then submits it.
        yanis.goto(f"/circles/{circle_.pk}/proposals/new/")
        form = yanis.get_by_role("main")
        form.get_by_label("Titre").fill("Un rôle pour les rendez-vous")
        form.get_by_label("Tension").fill("Personne ne gère l'agenda des rendez-vous.")
        form.get_by_label("Proposition", exact=False).first.fill(
            "Créer le rôle *Référent rendez-vous*."
        )
        form.get_by_label("Nature").select_option("governance")
        form.get_by_label("Réunion").select_option(str(circle["meeting"].pk))
        button(yanis, "Enregistrer comme brouillon").click()
        yanis.get_by_label("Ajouter un changement").select_option("role_create")
        button(yanis, "Ajouter").click()
        assert axe_violations(yanis) == [], "change form"
        yanis.get_by_label("Nom").fill("Référent rendez-vous")
        yanis.get_by_label("Raison d'être").fill("Que chaque usager ait un rendez-vous tenu.")
        yanis.get_by_label("Redevabilités").fill("Tenir l'agenda\nRelancer les absents")
        button(yanis, "Ajouter le changement").click()
        expect(yanis.locator("#changes")).to_contain_text("Créer le rôle « Référent rendez-vous »")
        button(yanis, "Déposer la proposition").click()
        proposal = Proposal.objects.get()

        # The facilitator opens it in the meeting and states the adoption.
        chair.goto(f"/proposals/{proposal.pk}/")
        button(chair, "Ouvrir le traitement").click()
        next_step(chair, "Tour de réactions")
        next_step(chair, "Tour d'objections")
        button(chair, "Constater l'adoption").click()
        decision = Decision.objects.get()
        expect(chair).to_have_url(re.compile(f"/decisions/{decision.pk}/$"))
        expect(chair.locator("#changes")).to_contain_text("Créer le rôle « Référent rendez-vous »")

        # The role exists; the circle's history entry links to the decision.
        role = Role.objects.get(circle=circle_, name="Référent rendez-vous")
        assert role.accountability_list() == ["Tenir l'agenda", "Relancer les absents"]
        assert GovernanceChange.objects.get(role=role).decision == decision
        chair.goto(f"/circles/{circle_.pk}/history/")
        card = chair.locator(".history-item", has_text="Référent rendez-vous")
        card.get_by_role("link", name="voir la décision").click()
        expect(chair).to_have_url(re.compile(f"/decisions/{decision.pk}/$"))
        expect(chair.get_by_role("heading", level=1)).to_have_text("Un rôle pour les rendez-vous")
    finally:
        for context, _page in contexts:
            context.close()
