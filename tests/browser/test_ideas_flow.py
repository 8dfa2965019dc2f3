"""The acceptance paths of the ideas module, in a real browser (issue 3, "Done when").

- An agent types an idea that paraphrases an existing one with few shared words: the
  similar-ideas panel (htmx, debounced) proposes the existing one, and he supports it
  instead of posting a duplicate.
- A facilitator of the ideas' circle answers an idea in public, groups the campaign's
  ideas into themes, and opens a project from a theme; another agent joins the project.

Only the starting data is made through the services; everything else goes through the
pages. The similarity engine loads its model in-process the first time (a few seconds).
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cercles.ideas import services as idea_services
from cercles.organisation import services as org_services
from cercles.organisation.models import CoreRole
from tests.browser.conftest import axe_violations, login
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)

CARPOOL = "Covoiturage entre agents pour venir au travail"
CARPOOL_BODY = (
    "Mettre en relation les collègues qui habitent près les uns des autres pour partager "
    "leurs trajets domicile-travail."
)
# Two ideas for each of three subjects: enough for the grouping to find themes.
OTHER_IDEAS = [
    (
        "Des vélos de service pour les déplacements courts",
        "Mettre à disposition quelques vélos pour aller aux réunions dans les autres sites "
        "sans prendre la voiture.",
    ),
    (
        "Signer les parapheurs en ligne",
        "Remplacer les parapheurs papier qui circulent de bureau en bureau par une "
        "signature électronique.",
    ),
    (
        "Dématérialiser les demandes de congés",
        "Les formulaires de congés imprimés se perdent : un circuit numérique éviterait "
        "les relances et le papier.",
    ),
    (
        "Un parrain pour chaque nouvel arrivant",
        "Un collègue volontaire accompagne le nouvel agent pendant ses premières semaines.",
    ),
    (
        "Un livret d'accueil pour les nouveaux agents",
        "Rassembler dans un document les contacts, les outils et les usages de la maison "
        "pour que les arrivants trouvent leurs repères.",
    ),
]


@pytest.fixture
def ideas_org():
    admin = PersonFactory(
        email="admin@exemple.fr", first_name="Ada", last_name="Admin", is_org_admin=True
    )
    direction = org_services.circle_create(by=admin, name="Direction générale")
    rh = org_services.circle_create(by=admin, name="Ressources humaines", parent=direction)
    facilitator = PersonFactory(
        email="fanny.facilitatrice@exemple.fr", first_name="Fanny", last_name="Facilitatrice"
    )
    org_services.assignment_create(
        role=rh.roles.get(core_role=CoreRole.FACILITATOR), person=facilitator, by=admin, share=20
    )
    author = PersonFactory(first_name="Paul", last_name="Porteur")
    bastien = PersonFactory(email="bastien.roux@exemple.fr", first_name="Bastien", last_name="Roux")
    chloe = PersonFactory(email="chloe.martin@exemple.fr", first_name="Chloé", last_name="Martin")
    today = timezone.localdate()
    campaign = idea_services.campaign_create(
        by=admin,
        title="Mieux travailler ensemble",
        question="Comment simplifier notre quotidien ?",
        starts_on=today - datetime.timedelta(days=7),
        ends_on=today + datetime.timedelta(days=30),
        circle=rh,
    )
    carpool = idea_services.idea_create(
        by=author, title=CARPOOL, body=CARPOOL_BODY, campaign=campaign
    )
    for title, body in OTHER_IDEAS:
        idea_services.idea_create(by=author, title=title, body=body, campaign=campaign)
    return {
        "campaign": campaign,
        "carpool": carpool,
        "facilitator": facilitator,
        "bastien": bastien,
        "chloe": chloe,
    }


def logout(page):
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_load_state()


def test_agent_supports_the_existing_idea_his_own_paraphrases(page, ideas_org):
    carpool = ideas_org["carpool"]
    login(page, "bastien.roux@exemple.fr", PASSWORD)
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Idées"
    ).click()
    page.get_by_role("link", name="Proposer une idée").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Proposer une idée")

    panel = page.locator("#similar-ideas")
    expect(panel).to_contain_text("Commencez à écrire")
    # Typed key by key: the panel refreshes on keyup, 400 ms after the last one.
    page.get_by_label("Titre").press_sequentially("Partager sa voiture avec des collègues")
    page.get_by_label("Votre idée").press_sequentially(
        "Beaucoup d'entre nous font le même trajet seuls chaque matin : "
        "organisons-nous pour rouler ensemble."
    )
    # Hardly a word in common, yet the existing idea is proposed, and first.
    suggestion = panel.get_by_role("listitem").filter(has_text=CARPOOL)
    expect(suggestion).to_be_visible(timeout=30_000)
    expect(panel.get_by_role("listitem").first).to_contain_text(CARPOOL)
    assert axe_violations(page) == []

    suggestion.get_by_role("button", name="Soutenir celle-ci plutôt").click()
    page.wait_for_url(f"**/ideas/{carpool.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(CARPOOL)
    support = page.locator("#support-box")
    expect(support.get_by_role("status")).to_have_text("1 soutien")
    expect(support.get_by_role("button", name="Retirer mon soutien")).to_be_visible()
    # No duplicate was posted.
    assert carpool.campaign.ideas.count() == 1 + len(OTHER_IDEAS)


def test_facilitator_answers_groups_into_themes_and_opens_a_project_another_agent_joins(
    page, ideas_org
):
    campaign, carpool = ideas_org["campaign"], ideas_org["carpool"]

    # b. The facilitator answers an idea in public.
    login(page, "fanny.facilitatrice@exemple.fr", PASSWORD)
    page.goto(f"/campaigns/{campaign.pk}/")
    page.get_by_role("link", name=CARPOOL).click()
    page.get_by_text("Répondre publiquement et changer l'état").click()
    page.get_by_label("Nouvel état").select_option(label="Retenue")
    page.get_by_label("Réponse publique").fill(
        "Retenue : nous ouvrons un espace de covoiturage sur l'intranet."
    )
    page.get_by_role("button", name="Publier la réponse").click()
    page.wait_for_url(f"**/ideas/{carpool.pk}/")
    expect(page.get_by_role("status").first).to_contain_text("La réponse est publiée.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Retenue")
    answers = page.locator("ol.history-list")
    expect(answers).to_contain_text("Déposée → Retenue")
    expect(answers).to_contain_text("nous ouvrons un espace de covoiturage sur l'intranet")
    expect(answers).to_contain_text("Fanny Facilitatrice")

    # c. She groups the campaign's ideas into themes: three, then two (confirmed).
    page.get_by_role("link", name=campaign.title).first.click()
    page.get_by_role("link", name="Thèmes de la campagne").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Les thèmes de")
    page.get_by_label("Nombre de thèmes").fill("3")
    page.get_by_role("button", name="Proposer des thèmes").click()
    themes = page.locator("#themes")
    expect(themes.get_by_role("status")).to_have_text("3 thèmes · 6 idées")
    assert axe_violations(page) == []

    page.get_by_text("Proposer un regroupement des idées en thèmes").click()
    page.get_by_label("Nombre de thèmes").fill("2")
    page.get_by_role("button", name="Proposer des thèmes").click()
    expect(page.get_by_role("alert")).to_contain_text("La campagne a déjà 3 thèmes")
    page.get_by_role("button", name="Remplacer les thèmes").click()
    expect(themes.get_by_role("status")).to_have_text("2 thèmes · 6 idées")

    # She opens a project from the theme that holds the accepted idea.
    theme = page.locator("section.theme").filter(has=page.get_by_role("link", name=CARPOOL))
    theme.get_by_role("link", name="Faire de ce thème un projet").click()
    expect(page.get_by_role("main")).to_contain_text(CARPOOL)
    page.get_by_label("Titre du projet").fill("Se déplacer autrement")
    page.get_by_label("Raison d'être").fill("Moins de trajets seuls en voiture.")
    page.get_by_role("button", name="Créer le projet").click()
    page.wait_for_url("**/projects/*/")
    project_url = page.url
    expect(page.get_by_role("heading", level=1)).to_contain_text("Se déplacer autrement")
    linked = page.get_by_role("listitem").filter(has=page.get_by_role("link", name=CARPOOL))
    expect(linked).to_contain_text("En projet")
    members = page.locator("#membership-box")
    expect(members.get_by_role("heading")).to_have_text("1 membre")
    logout(page)

    # d. Another agent finds the project and joins it.
    login(page, "chloe.martin@exemple.fr", PASSWORD)
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Projets"
    ).click()
    page.get_by_role("link", name="Se déplacer autrement").click()
    assert page.url == project_url
    page.evaluate("window.__marker = 'same page'")
    members.get_by_role("button", name="Rejoindre le projet").click()
    expect(members.get_by_role("heading")).to_have_text("2 membres")
    expect(members.get_by_role("listitem")).to_have_text(
        ["Fanny Facilitatrice porteur", "Chloé Martin"]
    )
    expect(members.get_by_role("button", name="Quitter le projet")).to_be_visible()
    # htmx swapped the member list in place.
    assert page.evaluate("window.__marker") == "same page"
    assert axe_violations(page) == []
