"""The people app in a real browser: an agent answers « Choisir mon parcours », reads
the recommended formats and why, saves them and finds them on his path; axe-core finds
no serious violation on the hub, the catalogue, an item, the questionnaire with its
result, the path and the sharing page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cercles.people import services
from tests.browser.conftest import axe_violations, login
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people():
    admin = PersonFactory(
        email="admin@exemple.fr", first_name="Ada", last_name="Admin", is_org_admin=True
    )
    agent = PersonFactory(email="zoe@exemple.fr", first_name="Zoé", last_name="Agent")
    for kind, fmt, name in [
        ("entry", "", "Je me propose"),
        ("detection", "", "L'auto-évaluation"),
        ("format", "coaching", "Le coaching entre collègues"),
        ("format", "mentoring", "Le mentorat"),
        ("format", "tutoring", "Le tutorat"),
        ("format", "training", "La formation entre collègues"),
    ]:
        services.item_create(
            by=admin,
            kind=kind,
            format=fmt,
            name=name,
            summary=f"{name}, en une phrase.",
            getting_started="1. **Faites une demande**",
        )
    return admin, agent


def test_choose_my_path_then_find_it_on_my_path(page, people):
    login(page, "zoe@exemple.fr", PASSWORD)

    page.goto(reverse("people:home"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon développement")
    assert axe_violations(page) == [], "hub"

    page.get_by_role("link", name="Parcourir le catalogue").click()
    expect(
        page.get_by_role("heading", name="Formats d'accompagnement : vous faire grandir")
    ).to_be_visible()
    assert axe_violations(page) == [], "catalogue"
    page.get_by_role("link", name="Le mentorat").click()
    expect(page.get_by_role("heading", name="Comment démarrer")).to_be_visible()
    assert axe_violations(page) == [], "item"

    page.goto(reverse("people:chooser"))
    assert axe_violations(page) == [], "questionnaire"
    page.get_by_role("button", name="Voir mes recommandations").click()
    expect(page.get_by_role("alert")).to_contain_text("Répondez à chaque question")
    assert axe_violations(page) == [], "questionnaire with errors"
    for label in (
        "Prendre du recul sur ma pratique et ma posture",
        "Une demi-journée par mois",
        "En échangeant seul à seul avec quelqu'un",
        "Dans les mois à venir",
        "Oui, entre moi et la personne qui m'accompagne",
        "Pas pour l'instant",
    ):
        page.get_by_label(label).check()
    page.get_by_role("button", name="Voir mes recommandations").click()

    result = page.locator("#result")
    expect(result.get_by_role("heading", name="Ce que nous vous recommandons")).to_be_visible()
    cards = result.locator(".recommendation")
    expect(cards).to_have_count(3)
    expect(cards.nth(0)).to_contain_text("Le coaching entre collègues")
    expect(cards.nth(0)).to_contain_text(
        "Parce que vous avez dit « Prendre du recul sur ma pratique et ma posture »"
    )
    expect(cards.nth(1)).to_contain_text("Le mentorat")
    expect(cards.nth(2)).to_contain_text("Le tutorat")
    assert axe_violations(page) == [], "result"

    page.get_by_role("button", name="Enregistrer dans mon parcours").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon parcours")
    expect(page.get_by_role("status")).to_contain_text("Le résultat est enregistré")
    step = page.locator(".path-step").first
    expect(step).to_contain_text("Résultat du questionnaire « Choisir mon parcours »")
    expect(step).to_contain_text("Formats recommandés : Coaching, Mentorat, Tutorat.")
    expect(step).to_contain_text("privé")
    assert axe_violations(page) == [], "path"

    page.get_by_role("link", name="Ajouter un objectif ou une note").click()
    page.get_by_label("Titre").fill("Prendre la parole en réunion")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".path-step").first).to_contain_text("Prendre la parole en réunion")

    page.get_by_role("link", name="Partage : 0 personne").click()
    assert axe_violations(page) == [], "sharing"
    page.get_by_label("Partager avec").fill("admin@exemple.fr")
    page.get_by_role("button", name="Partager", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Votre parcours est partagé avec Ada Admin.")
