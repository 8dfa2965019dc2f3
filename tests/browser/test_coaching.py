"""Coaching in a real browser: a person asks for a coach, the coordinator runs a round
and publishes the proposed match, both accept; axe-core finds no serious violation on
the request form, the pool, the coordinator's pages and the match."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cercles.coaching import services
from cercles.coaching.models import Match, MatchStatus
from cercles.competencies.models import Competency, CompetencyFamily
from tests.browser.conftest import axe_violations, login
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_request_match_publish_accept(page):
    PersonFactory(email="admin@exemple.fr", first_name="Ada", last_name="Admin", is_org_admin=True)
    family = CompetencyFamily.objects.create(name="Communication")
    speaking = Competency.objects.create(family=family, name="Prendre la parole")
    PersonFactory(email="zoe@exemple.fr", first_name="Zoé", last_name="Agent")
    coach = services.coach_save(
        person=PersonFactory(email="paul@exemple.fr", first_name="Paul", last_name="Coach"),
        competencies=[speaking],
        formats=["mentoring"],
        half_days=["mon_am"],
    )

    # Zoé asks for a coach.
    login(page, "zoe@exemple.fr", PASSWORD)
    page.goto(reverse("coaching:coach_list"))
    expect(page.get_by_role("heading", name="Paul Coach")).to_be_visible()
    assert axe_violations(page) == [], "pool"
    page.get_by_role("link", name="Demander un accompagnement").first.click()
    assert axe_violations(page) == [], "request form"
    page.get_by_role("button", name="Envoyer ma demande").click()
    expect(page.get_by_text("Décrivez votre besoin en quelques mots.").first).to_be_visible()
    page.get_by_label("Mon besoin").fill("Présenter notre projet en comité de direction.")
    page.get_by_label("Prendre la parole").check()
    page.get_by_label("Format souhaité").select_option("mentoring")
    page.get_by_label("lundi matin").check()
    page.get_by_role("button", name="Envoyer ma demande").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Demande d'accompagnement")
    page.context.clear_cookies()

    # The coordinator runs a round, reads the reasons, publishes.
    login(page, "admin@exemple.fr", PASSWORD)
    page.goto(reverse("coaching:coordination"))
    assert axe_violations(page) == [], "coordination"
    page.get_by_role("button", name="Lancer un tour d'appariement").click()
    expect(page.get_by_role("heading", name="Zoé Agent avec Paul Coach")).to_be_visible()
    expect(page.get_by_text("1 compétence recherchée sur 1 : Prendre la parole")).to_be_visible()
    expect(page.get_by_text("Propose le format souhaité")).to_be_visible()
    assert axe_violations(page) == [], "round"
    page.get_by_role("button", name="Publier les propositions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Coordination du coaching")
    page.context.clear_cookies()

    match = Match.objects.get()
    for email in ("zoe@exemple.fr", "paul@exemple.fr"):
        login(page, email, PASSWORD)
        page.goto(reverse("coaching:home"))
        page.get_by_role("link", name="Zoé" if email == "paul@exemple.fr" else "Paul").first.click()
        assert axe_violations(page) == [], "match"
        page.get_by_role("button", name="J'accepte").click()
        page.context.clear_cookies()
    match.refresh_from_db()
    assert match.status == MatchStatus.ACTIVE and match.coach == coach
    login(page, "zoe@exemple.fr", PASSWORD)
    page.goto(match.get_absolute_url())
    expect(page.get_by_text("En cours", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Terminer l'accompagnement")).to_be_visible()
