"""The knowledge module in a real browser: an agent edits a co-written page, finds his
version in the history and sees what he changed; axe-core finds no serious violation
on the page, its editing form (also with an edit conflict), its history, the
comparison, and the catalogue of time eaters."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cercles.knowledge import services
from cercles.knowledge.models import Page, PageKind
from tests.browser.conftest import axe_violations, login
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)

CHARTER = """\
# Avant la réunion

1. **L'ordre du jour est envoyé avant.**
2. **La durée est annoncée.**

# Pendant la réunion

3. **On démarre à l'heure.**
4. **Un tour de parole équitable.**
"""


@pytest.fixture
def people():
    admin = PersonFactory(
        email="admin@exemple.fr", first_name="Ada", last_name="Admin", is_org_admin=True
    )
    agent = PersonFactory(email="zoe@exemple.fr", first_name="Zoé", last_name="Agent")
    return admin, agent


def test_edit_a_page_then_read_the_history_and_the_diff(page, people):
    admin, agent = people
    charter = services.page_create(
        by=admin, title="Charte des réunions", body=CHARTER, kind=PageKind.CHARTER
    )
    eater = services.time_eater_create(
        by=admin,
        name="Réunions sans ordre du jour",
        description="On vient sans savoir pourquoi.",
        remedies="- Ordre du jour 48 h avant",
        category="meetings",
    )
    services.remedy_propose(time_eater=eater, author=admin, body="Annuler sans ordre du jour.")
    login(page, "zoe@exemple.fr", PASSWORD)

    # The page, with its table of contents.
    page.goto(reverse("knowledge:home"))
    page.get_by_role("link", name="Charte des réunions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Charte des réunions")
    toc = page.get_by_role("navigation", name="Sommaire")
    expect(toc.get_by_role("link", name="Pendant la réunion")).to_be_visible()
    assert axe_violations(page) == [], "page"

    # Edit it: the form, then a preview, then the save.
    page.get_by_role("link", name="Modifier la page").click()
    assert axe_violations(page) == [], "edit form"
    body = page.get_by_label("Texte")
    body.fill(CHARTER + "5. **Les téléphones sont rangés.**\n")
    page.get_by_label("Résumé de la modification").fill("Ajout : téléphones rangés")
    page.get_by_role("button", name="Aperçu").click()
    expect(page.get_by_role("heading", name="Aperçu (pas encore enregistré)")).to_be_visible()
    expect(page.get_by_label("Texte")).to_have_value(
        CHARTER + "5. **Les téléphones sont rangés.**\n"
    )
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_contain_text("La page est enregistrée (version 2).")
    expect(page.locator(".page-body")).to_contain_text("Les téléphones sont rangés.")

    # The history shows his version; the comparison shows what he added.
    page.get_by_role("link", name="Historique des modifications").click()
    row = page.get_by_role("row", name="Version 2")
    expect(row).to_contain_text("Zoé Agent")
    expect(row).to_contain_text("Ajout : téléphones rangés")
    assert axe_violations(page) == [], "history"
    page.get_by_role("button", name="Comparer les deux versions choisies").click()
    inserted = page.locator("table.diff ins")
    expect(inserted).to_contain_text("5. **Les téléphones sont rangés.**")
    expect(page.locator("table.diff")).to_contain_text("Ajouté :")  # said, not only coloured
    assert axe_violations(page) == [], "diff"

    # An old version, ready to be restored.
    page.goto(reverse("knowledge:revision_detail", args=[charter.slug, 1]))
    expect(page.get_by_role("button", name="Rétablir la version 1")).to_be_visible()
    assert axe_violations(page) == [], "old version"

    # Someone saves while she edits: the conflict screen keeps her text.
    page.goto(reverse("knowledge:page_update", args=[charter.slug]))
    services.page_update(
        page=Page.objects.get(pk=charter.pk),
        by=admin,
        title="Charte des réunions",
        body=CHARTER + "5. **Le compte rendu part sous 48 heures.**\n",
        summary="Compte rendu",
    )
    page.get_by_label("Texte").fill("Mon texte à moi.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("alert")).to_contain_text("pendant que vous la modifiiez")
    expect(page.get_by_label("Texte", exact=True)).to_have_value("Mon texte à moi.")
    expect(page.get_by_role("heading", name="Conflit de modification")).to_be_visible()
    assert axe_violations(page) == [], "conflict"

    # The catalogue of time eaters: "ça me concerne" with htmx.
    page.goto(reverse("knowledge:time_eater_list"))
    assert axe_violations(page) == [], "time eaters"
    page.get_by_role("link", name="Réunions sans ordre du jour").click()
    page.get_by_role("button", name="Ça me concerne").click()
    expect(page.locator("#concern-box")).to_contain_text("2 personnes concernées (dont vous)")
    assert axe_violations(page) == [], "time eater"

    # The home and the new-page form.
    page.goto(reverse("knowledge:home"))
    assert axe_violations(page) == [], "home"
    page.goto(reverse("knowledge:page_create"))
    page.get_by_role("button", name="Créer la page").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Donnez un titre à la page.")
    assert axe_violations(page) == [], "create form with errors"
