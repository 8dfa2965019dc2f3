"""The missions marketplace in a real browser: a circle posts a mission, a person
applies, is selected and accepts, and the assignment appears on his page; a second
mission that would take him above 100 % of his time is refused with the message.
axe-core finds no serious violation on the pages on the way."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from cercles.missions import services
from cercles.missions.models import Application, Mission
from cercles.organisation import services as org_services
from tests.browser.conftest import axe_violations, login
from tests.conftest import core_role
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(org, admin):
    poster = PersonFactory(email="paul@exemple.fr", first_name="Paul", last_name="Posteur")
    org_services.assignment_create(
        role=core_role(org["numerique"]),
        person=poster,
        by=admin,
        share=30,
        start_date=timezone.localdate() - datetime.timedelta(days=30),
    )
    marc = PersonFactory(email="marc@exemple.fr", first_name="Marc", last_name="Membre")
    role = org_services.role_create(by=admin, circle=org["rh"], name="Chargé de recrutement")
    org_services.assignment_create(role=role, person=marc, by=admin, share=60)
    return poster, marc


def switch(page, email):
    page.context.clear_cookies()
    login(page, email, PASSWORD)


def test_post_apply_select_accept_then_refuse_above_100(page, org, people):
    poster, marc = people
    start = timezone.localdate()  # the mission starts today: a current role at once

    # The lead link of Numérique posts a mission from his circle's page.
    switch(page, "paul@exemple.fr")
    page.goto(reverse("organisation:circle_detail", args=[org["numerique"].pk]))
    page.get_by_role("link", name="Proposer une mission").click()
    assert axe_violations(page) == [], "mission form"
    page.get_by_role("button", name="Publier la mission").click()  # empty: errors
    expect(page.get_by_role("alert").first).to_contain_text("Le formulaire contient des erreurs")
    expect(page.get_by_role("main")).to_contain_text("Donnez un titre à la mission.")
    assert axe_violations(page) == [], "mission form with errors"
    page.get_by_label("Titre").fill("Juriste commercial")
    page.get_by_label("Ou nom du nouveau rôle").fill("Juriste contrats")
    page.get_by_label("Description").fill("Relire les contrats, deux jours par semaine.")
    page.get_by_label("Part du temps (%)").fill("40")
    page.get_by_label("Début").fill(start.isoformat())
    page.get_by_label("Fin", exact=False).first.fill(
        (start + datetime.timedelta(days=180)).isoformat()
    )
    page.get_by_role("button", name="Publier la mission").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Juriste commercial")
    expect(page.get_by_role("main")).to_contain_text("40 %, soit 2 jour(s) par semaine")
    assert axe_violations(page) == [], "mission page"

    # Marc finds it on the marketplace (filtered with htmx) and applies.
    switch(page, "marc@exemple.fr")
    page.goto(reverse("missions:marketplace"))
    assert axe_violations(page) == [], "marketplace"
    page.get_by_label("Part du temps au plus (%)").fill("30")
    page.get_by_label("Part du temps au plus (%)").dispatch_event("change")
    expect(page.locator("#mission-results")).to_contain_text("Aucune mission ouverte ne correspond")
    page.get_by_label("Part du temps au plus (%)").fill("")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator("#mission-results")).to_contain_text("1 mission ouverte")
    page.get_by_role("link", name="Juriste commercial").click()
    page.get_by_role("link", name="Candidater").click()
    assert axe_violations(page) == [], "apply form"
    page.get_by_label("Votre message").fill("J'ai été juriste d'entreprise cinq ans.")
    page.get_by_role("button", name="Envoyer ma candidature").click()
    expect(page.get_by_role("status").first).to_contain_text("Votre candidature est envoyée.")
    assert axe_violations(page) == [], "application page"
    page.goto(reverse("missions:my_applications"))
    expect(page.get_by_role("table")).to_contain_text("En attente")
    assert axe_violations(page) == [], "my applications"

    # The poster selects him.
    application = Application.objects.get()
    switch(page, "paul@exemple.fr")
    page.goto(reverse("missions:mission_applications", args=[application.mission_id]))
    expect(page.get_by_role("table")).to_contain_text("60 % (100 % avec la mission)")
    assert axe_violations(page) == [], "applications"
    page.get_by_role("button", name="Retenir Marc Membre").click()
    expect(page.get_by_role("status").first).to_contain_text("La candidature est retenue")

    # Marc accepts: the role is on his page.
    switch(page, "marc@exemple.fr")
    page.goto(reverse("missions:application_detail", args=[application.pk]))
    page.get_by_role("button", name="Accepter la mission").click()
    expect(page.get_by_role("status").first).to_contain_text("Vous avez accepté la mission")
    page.goto(reverse("organisation:my_roles"))
    expect(page.get_by_role("main")).to_contain_text("Juriste contrats")
    expect(page.get_by_role("main")).to_contain_text("Juriste commercial")  # the focus
    expect(page.locator(".total-share")).to_have_text("100 %")

    # A second mission (50 %) would take him to 150 %: he may apply, with a warning,
    # and the poster's selection is refused with the message.
    second = services.mission_create(
        by=poster,
        circle=org["numerique"],
        title="Chef de projet données",
        share=50,
        start_date=start + datetime.timedelta(days=10),
        end_date=start + datetime.timedelta(days=100),
        new_role_name="Chef de projet données",
        publish=True,
    )
    page.goto(reverse("missions:mission_detail", args=[second.pk]))
    expect(page.get_by_role("alert")).to_contain_text(
        re.compile(r"porterait votre temps à 150 % le")
    )
    page.get_by_role("link", name="Candidater").click()
    page.get_by_label("Votre message").fill("Je peux m'organiser.")
    page.get_by_role("button", name="Envoyer ma candidature").click()
    switch(page, "paul@exemple.fr")
    page.goto(reverse("missions:mission_applications", args=[second.pk]))
    page.get_by_role("button", name="Retenir Marc Membre").click()
    expect(page.get_by_role("main")).to_contain_text("porterait le temps de Marc Membre à 150 %")
    expect(page.get_by_role("main")).to_contain_text(
        "au-delà de 100 %, sa candidature ne peut pas être retenue."
    )
    assert Application.objects.get(mission=second).status == "pending"
    assert Mission.objects.get(pk=application.mission_id).status == "filled"
