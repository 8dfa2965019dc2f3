"""The directory filters as one types (htmx), without reloading the page."""

import pytest

from cercles.organisation import services
from tests.browser.conftest import axe_violations, login
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_directory_filters_while_typing_and_by_circle(page):
    admin = PersonFactory(
        email="admin@exemple.fr", first_name="Ada", last_name="Admin", is_org_admin=True
    )
    accueil = services.circle_create(by=admin, name="Accueil du public")
    agent = services.role_create(by=admin, circle=accueil, name="Agent d'accueil")
    hugo = PersonFactory(first_name="Hugo", last_name="Lefèvre")
    PersonFactory(first_name="Inès", last_name="Marchand")
    PersonFactory(first_name="Noé", last_name="Lefranc")
    services.assignment_create(role=agent, person=hugo, by=admin, share=100)

    login(page, "admin@exemple.fr", PASSWORD)
    page.goto("/people/")
    results = page.locator("#people-results")
    assert "Inès Marchand" in results.inner_text()
    page.evaluate("window.__marker = 'same page'")

    page.get_by_label("Nom, e-mail, fonction ou unité").press_sequentially("lef")
    page.wait_for_url("**/people/?q=lef*")
    results.get_by_text("Noé Lefranc").wait_for()
    text = results.inner_text()
    assert "Hugo Lefèvre" in text  # accents folded: "lef" finds "Lefèvre"
    assert "Inès Marchand" not in text

    page.get_by_label("Cercle", exact=True).select_option(label="Accueil du public")
    page.wait_for_url(f"**circle={accueil.pk}*")
    results.get_by_text("Noé Lefranc").wait_for(state="detached")
    assert "Hugo Lefèvre" in results.inner_text()
    assert page.get_by_role("status").inner_text() == "1 personne trouvée"

    # Choosing a role filters again and the role select keeps the keyboard focus.
    role_select = page.get_by_label("Rôle", exact=True)
    role_select.focus()
    role_select.select_option(label="Agent d'accueil")
    page.wait_for_url(f"**role={agent.pk}*")
    assert page.evaluate("document.activeElement.id") == "people-role"
    assert "Hugo Lefèvre" in results.inner_text()
    # htmx swapped the results in place: the page itself was never reloaded.
    assert page.evaluate("window.__marker") == "same page"
    assert axe_violations(page) == []
