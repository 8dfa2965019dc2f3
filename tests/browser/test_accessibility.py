"""axe-core (from the npm package, no CDN) finds no serious violation on the main pages."""

import pytest
from django.urls import reverse

from cercles.organisation import services
from tests.browser.conftest import axe_violations, login
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_main_pages_have_no_serious_accessibility_violation(page):
    admin = PersonFactory(
        email="admin@exemple.fr", first_name="Ada", last_name="Admin", is_org_admin=True
    )
    direction = services.circle_create(by=admin, name="Direction générale", purpose="Piloter.")
    rh = services.circle_create(by=admin, name="Ressources humaines", parent=direction)
    role = services.role_create(by=admin, circle=rh, name="Chargé de recrutement")
    agent = PersonFactory(first_name="Zoé", last_name="Agent")
    assignment = services.assignment_create(role=role, person=agent, by=admin, share=60)

    page.goto("/accounts/login/")
    assert axe_violations(page) == [], "login"
    page.goto("/accounts/password-reset/")
    assert axe_violations(page) == [], "password reset"

    login(page, "admin@exemple.fr", PASSWORD)
    pages = {
        "home": reverse("organisation:home"),
        "chart zoomed": reverse("organisation:chart") + f"?circle={rh.pk}",
        "history": reverse("organisation:history"),
        "circle history": reverse("organisation:circle_history", args=[rh.pk]),
        "directory": reverse("organisation:people"),
        "search": reverse("core:search") + "?q=ressources",
        "my roles": reverse("organisation:my_roles"),
        "profile": reverse("accounts:profile"),
        "new circle": reverse("organisation:circle_create"),
        "edit circle": reverse("organisation:circle_update", args=[rh.pk]),
        "move circle": reverse("organisation:circle_move", args=[rh.pk]),
        "archive circle": reverse("organisation:circle_archive", args=[rh.pk]),
        "new role": reverse("organisation:role_create", args=[rh.pk]),
        "edit role": reverse("organisation:role_update", args=[role.pk]),
        "edit assignment": reverse("organisation:assignment_update", args=[assignment.pk]),
        "end assignment": reverse("organisation:assignment_end", args=[assignment.pk]),
        "import": reverse("organisation:people_import"),
        "organisation import": reverse("organisation:organisation_import_json"),
    }
    found = {}
    for name, url in pages.items():
        response = page.goto(url)
        assert response.status == 200, name
        violations = axe_violations(page)
        if violations:
            found[name] = violations
    assert found == {}

    # A form sent with errors keeps its accessibility: errors tied to their fields.
    page.goto(reverse("organisation:circle_update", args=[rh.pk]))
    page.get_by_role("main").get_by_label("Nom").fill("")
    page.get_by_role("main").get_by_role("button", name="Enregistrer").click()
    assert page.get_by_role("alert").count() >= 1
    assert axe_violations(page) == []
