"""The competencies module in a real browser: a person assesses himself in an open
campaign and sees his radar with the table of the same levels; axe-core finds no
serious violation on the framework, the assessment form, the assessment and the
history page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from cercles.competencies import services
from cercles.people.models import Function
from cercles.people.services import function_grant
from tests.browser.conftest import axe_violations, login
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def campaign():
    admin = PersonFactory(
        email="admin@exemple.fr", first_name="Ada", last_name="Admin", is_org_admin=True
    )
    hr = PersonFactory(email="rh@exemple.fr", first_name="Hélène", last_name="Rh")
    function_grant(person=hr, function=Function.HR, by=admin)
    PersonFactory(email="zoe@exemple.fr", first_name="Zoé", last_name="Agent")
    family = services.family_create(by=hr, name="Relation aux usagers")
    competencies = [
        services.competency_create(
            by=hr, family=family, name=name, kind=kind, level_1="Découvre.", level_4="Transmet."
        )
        for name, kind in (
            ("Accueil du public", "behavioural"),
            ("Écoute active", "behavioural"),
            ("Langage clair", "technical"),
        )
    ]
    today = timezone.localdate()
    return services.campaign_create(
        by=hr,
        name="Auto-évaluation 2026",
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=20),
        competencies=competencies,
    )


def test_assess_myself_and_see_my_radar(page, campaign):
    login(page, "zoe@exemple.fr", PASSWORD)
    page.goto(reverse("competencies:framework"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Référentiel de compétences")
    assert axe_violations(page) == [], "framework"

    page.goto(reverse("competencies:campaign_detail", args=[campaign.pk]))
    page.get_by_role("link", name="M'auto-évaluer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mon auto-évaluation")
    assert axe_violations(page) == [], "form"
    page.get_by_label("Mon niveau — Accueil du public").select_option("3")
    page.get_by_label("Mon niveau — Écoute active").select_option("2")
    page.get_by_label("Mon niveau — Langage clair").select_option("4")
    page.get_by_label("Axe de travail 1", exact=True).fill("Prendre la parole en public")
    page.get_by_label("Niveau de l'axe 1").select_option("1")
    page.get_by_role("button", name="Valider mon auto-évaluation").click()

    expect(page.get_by_role("status")).to_contain_text("Votre auto-évaluation est validée")
    radar = page.get_by_role("img", name="Radar des compétences : Auto-évaluation 2026")
    expect(radar).to_be_visible()
    table = page.get_by_role("table", name="Les niveaux du radar")
    expect(table.get_by_role("row", name="Accueil du public 3")).to_be_visible()
    expect(table.get_by_role("row", name="Prendre la parole en public 1")).to_be_visible()
    assert axe_violations(page) == [], "assessment"

    page.get_by_role("link", name="Mes auto-évaluations").first.click()
    expect(
        page.get_by_role("img", name="Radar des compétences : Auto-évaluation 2026")
    ).to_be_visible()
    assert axe_violations(page) == [], "history"
