"""The acceptance path of the Organisation module, in a real browser.

Log in, open the chart, click into a circle, assign a person to a role with 40 % of
his time, see it on his page and in the circle's history, then view the chart as it
was on a past date. axe-core checks each page on the way.
"""

import datetime

import pytest
from django.utils import timezone

from cercles.organisation import services
from tests.browser.conftest import axe_violations, login
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def days_ago(n):
    return timezone.now() - datetime.timedelta(days=n)


@pytest.fixture
def organisation():
    admin = PersonFactory(
        email="admin@exemple.fr", first_name="Ada", last_name="Admin", is_org_admin=True
    )
    direction = services.circle_create(by=admin, name="Direction générale", at=days_ago(90))
    rh = services.circle_create(
        by=admin,
        name="Ressources humaines",
        parent=direction,
        at=days_ago(80),
        purpose="Prendre soin des agents.",
    )
    role = services.role_create(by=admin, circle=rh, name="Chargé de formation", at=days_ago(70))
    # A circle born ten days ago: absent from the chart as it was a month ago.
    services.circle_create(
        by=admin, name="Laboratoire d'innovation", parent=direction, at=days_ago(10)
    )
    person = PersonFactory(email="bastien.roux@exemple.fr", first_name="Bastien", last_name="Roux")
    return {"admin": admin, "direction": direction, "rh": rh, "role": role, "person": person}


def test_assign_a_person_and_travel_in_time(page, organisation):
    rh, role, person = organisation["rh"], organisation["role"], organisation["person"]

    login(page, "admin@exemple.fr", PASSWORD)
    assert page.url.endswith("/")

    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Organisation"
    ).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Organigramme"
    assert axe_violations(page) == []

    # The circle is a link in the SVG drawing.
    page.locator(f'svg a[href="/circles/{rh.pk}/"]').first.click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Ressources humaines")
    assert page.get_by_text("Prendre soin des agents.").is_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Chargé de formation").first.click()
    page.get_by_role("link", name="Affecter une personne").click()
    form = page.get_by_role("main")
    form.get_by_label("Personne").fill("bastien.roux@exemple.fr")
    form.get_by_label("Part du temps (%)").fill("40")
    form.get_by_label("Focus").fill("Plan de formation 2027")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Affecter").click()

    assert page.url.endswith(f"/roles/{role.pk}/")
    assert page.get_by_role("status").inner_text().strip() != ""
    holders = page.get_by_role("row", name="Bastien Roux")
    assert "40 %" in holders.inner_text()

    page.get_by_role("link", name="Bastien Roux").first.click()
    assert page.url.endswith(f"/people/{person.pk}/")
    row = page.get_by_role("row", name="Chargé de formation")
    assert "40 %" in row.inner_text()
    assert "Ressources humaines" in row.inner_text()
    assert "Plan de formation 2027" in row.inner_text()
    assert axe_violations(page) == []

    page.goto(f"/circles/{rh.pk}/history/")
    history = page.get_by_role("main").inner_text()
    assert "Affectation" in history
    assert "Bastien Roux" in history
    assert "Ada Admin" in history

    # Today the new laboratory is on the chart; a month ago it did not exist yet.
    page.goto("/org/")
    assert page.locator("svg").get_by_text("Laboratoire").count() >= 1
    past = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    page.get_by_label("Voir au (date passée)").fill(past)
    page.get_by_role("button", name="Afficher à cette date").click()
    assert f"date={past}" in page.url
    assert "Organisation au" in page.get_by_role("main").inner_text()
    assert page.locator("svg").get_by_text("Laboratoire").count() == 0
    assert page.locator(f'svg a[href^="/circles/{rh.pk}/"]').count() == 1
    assert axe_violations(page) == []
