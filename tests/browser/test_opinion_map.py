"""The opinion map in a real browser (issue 4, "Done when"): a participant votes through
the page, one statement at a time (htmx swaps the voting box, no reload), then the map
page shows the groups and the statements that distinguish them. axe-core finds no
serious violation on the voting, map, moderation and form pages."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cercles.opinions import services
from cercles.opinions.models import Audience, ResultsVisibility, Vote
from cercles.organisation import services as org_services
from cercles.organisation.models import CoreRole
from tests.browser.conftest import axe_violations, login
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)

STATEMENTS = [
    "L'accueil devrait ouvrir dès 8 h.",
    "Une nocturne par semaine rendrait service aux actifs.",
    "Il faut ouvrir le samedi matin.",
    "Un accueil sans rendez-vous doit rester possible.",
    "La pause de midi pénalise les usagers.",
    "Les horaires doivent rester les mêmes toute l'année.",
    "Les agents doivent choisir leurs créneaux.",
    "Ouvrir plus longtemps sans renfort dégraderait l'accueil.",
    "L'été, on peut réduire les horaires.",
    "Les horaires doivent être affichés clairement.",
]
# Camp "usagers" agrees with the first five, rejects the next four; camp "agents" the
# reverse; everyone agrees with the last one.
USAGERS = [1, 1, 1, 1, 1, -1, -1, -1, -1, 1]
AGENTS = [-v if i < 9 else 1 for i, v in enumerate(USAGERS)]


@pytest.fixture
def consultation():
    admin = PersonFactory(email="ada.admin@exemple.fr", is_org_admin=True)
    circle = org_services.circle_create(by=admin, name="Accueil du public")
    facilitator = PersonFactory(
        email="helene.facil@exemple.fr", first_name="Hélène", last_name="Facil"
    )
    org_services.assignment_create(
        role=circle.roles.get(core_role=CoreRole.FACILITATOR), person=facilitator, by=admin
    )
    consultation = services.consultation_create(
        by=facilitator,
        circle=circle,
        question="Quels horaires pour l'accueil du public ?",
        description="Le cercle **décidera** en juin.",
        audience=Audience.ORGANISATION,
        results_visibility=ResultsVisibility.AFTER_VOTING,
        seeds=STATEMENTS,
    )
    statements = {s.text: s for s in consultation.statements.all()}
    # Eleven colleagues have voted already: six "usagers", five "agents".
    for i in range(11):
        person = PersonFactory(first_name="Collègue", last_name=f"N{i}")
        profile = USAGERS if i < 6 else AGENTS
        participant = None
        for text, value in zip(STATEMENTS, profile, strict=True):
            _vote, participant, _key = services.vote_as(
                consultation=consultation,
                by=person,
                participant=participant,
                statement=statements[text],
                value=value,
            )
    voter = PersonFactory(email="yanis.vote@exemple.fr", first_name="Yanis", last_name="Votant")
    return {"consultation": consultation, "facilitator": facilitator, "voter": voter}


def test_a_participant_votes_and_sees_the_groups(page, consultation):
    c, voter = consultation["consultation"], consultation["voter"]
    login(page, voter.email, PASSWORD)
    page.goto(reverse("opinions:consultation_detail", args=[c.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text(c.question)
    assert axe_violations(page) == []
    # The map waits for his votes.
    page.goto(reverse("opinions:consultation_map", args=[c.pk]))
    expect(page.get_by_text("La carte vous sera visible une fois")).to_be_visible()

    page.goto(reverse("opinions:consultation_detail", args=[c.pk]))
    page.evaluate("window.__notReloaded = true")
    box = page.locator("#vote-box")
    for done in range(len(STATEMENTS)):
        expect(box).to_contain_text(f"Vous avez voté sur {done} des 10 propositions.")
        text = page.locator("#current-statement").inner_text().strip()
        choice = USAGERS[STATEMENTS.index(text)]
        name = "D'accord" if choice == 1 else "Pas d'accord"
        box.get_by_role("button", name=name, exact=True).click()
    expect(box).to_contain_text("Vous avez voté sur toutes les propositions.")
    # htmx swapped the box each time: the page was never reloaded.
    assert page.evaluate("window.__notReloaded") is True
    assert Vote.objects.filter(participant__person=voter).count() == 10
    # He changes one vote from the list of his votes.
    box.get_by_text("Vos votes (10)").click()
    row = box.get_by_role("row").filter(has_text="Il faut ouvrir le samedi matin.")
    row.get_by_role("button", name="Je passe").click()
    expect(
        box.get_by_role("row").filter(has_text="Il faut ouvrir le samedi matin.")
    ).to_contain_text("Je passe")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Voir la carte des opinions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Carte des opinions")
    expect(page.get_by_text("12 participants placés sur la carte")).to_be_visible()
    expect(page.get_by_text("2 groupes d'opinion.")).to_be_visible()
    expect(page.get_by_text("Vous êtes dans le groupe A.")).to_be_visible()  # the bigger camp
    expect(
        page.get_by_role(
            "img", name="Carte des opinions : « Quels horaires pour l'accueil du public ? »"
        )
    ).to_be_visible()
    group_a = page.locator("#group-A")
    expect(group_a.get_by_role("heading", name="Ce qui distingue le groupe A")).to_be_visible()
    expect(group_a).to_contain_text("du groupe d'accord, contre")
    expect(group_a.locator("li").first).to_contain_text("D'accord")
    group_b = page.locator("#group-B")
    # Group B holds what the "agents" camp holds (the first five, best first).
    expect(group_b.locator("li").first).to_contain_text(
        re.compile("créneaux|toute l'année|sans renfort|L'été")
    )
    expect(
        page.locator("section").filter(has=page.get_by_role("heading", name="Ce qui rassemble"))
    ).to_contain_text("Les horaires doivent être affichés clairement.")
    # The quote for a decision, with its copy button (shown with JavaScript).
    quote = page.get_by_label("Texte à citer dans une décision : groupe A (Markdown)")
    expect(quote).to_have_value(re.compile(r"Ce qui distingue ce groupe des autres"))
    expect(group_a.get_by_role("button", name="Copier")).to_be_visible()
    # Nobody is named on the map page.
    main = page.get_by_role("main").inner_text()
    assert "Collègue" not in main and "Yanis" not in main
    assert axe_violations(page) == []


def test_organiser_pages_have_no_serious_violation(page, consultation):
    c, facilitator = consultation["consultation"], consultation["facilitator"]
    login(page, facilitator.email, PASSWORD)
    pages = {
        "list": reverse("opinions:circle_consultations", args=[c.circle_id]),
        "new": reverse("opinions:consultation_create", args=[c.circle_id]),
        "edit": reverse("opinions:consultation_update", args=[c.pk]),
        "moderation": reverse("opinions:moderation", args=[c.pk]),
        "map": reverse("opinions:consultation_map", args=[c.pk]),
    }
    found = {}
    for name, url in pages.items():
        assert page.goto(url).status == 200, name
        violations = axe_violations(page)
        if violations:
            found[name] = violations
    assert found == {}
    # A form sent with errors stays accessible.
    page.goto(pages["new"])
    page.get_by_role("main").get_by_role("button", name="Lancer la consultation").click()
    expect(page.get_by_text("Posez la question de la consultation.")).to_be_visible()
    assert axe_violations(page) == []
