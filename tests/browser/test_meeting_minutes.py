"""After the meeting, in real browsers: the secretary generates the minutes of the
closed meeting, edits and saves them, publishes them and downloads them as Markdown; a
participant rates the meeting and sees the summary. axe-core finds no serious
violation on the minutes, their edit form, the rating form and the meeting page."""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cercles.accounts.models import Person
from cercles.meetings import services
from cercles.meetings.models import MeetingMinutes, MeetingRating
from cercles.organisation import services as org_services
from cercles.organisation.models import CoreRole
from tests.browser.conftest import axe_violations, login
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def held():
    admin = PersonFactory(email="ada.admin@exemple.fr", is_org_admin=True)
    circle = org_services.circle_create(by=admin, name="Accueil des usagers")
    people = {}
    for key, core, first, last, email in (
        ("facilitator", CoreRole.FACILITATOR, "Hélène", "Facil", "helene.facil@exemple.fr"),
        ("secretary", CoreRole.SECRETARY, "Sacha", "Greffe", "sacha.greffe@exemple.fr"),
    ):
        people[key] = PersonFactory(email=email, first_name=first, last_name=last)
        org_services.assignment_create(
            role=circle.roles.get(core_role=core), person=people[key], by=admin
        )
    role = org_services.role_create(by=admin, circle=circle, name="Chargé d'accueil")
    yanis = PersonFactory(email="yanis.premier@exemple.fr", first_name="Yanis", last_name="Premier")
    org_services.assignment_create(role=role, person=yanis, by=admin, share=50)
    start = timezone.now() - datetime.timedelta(hours=2)
    meeting = services.meeting_create(
        by=admin, circle=circle, title="Réunion tactique du lundi", starts_at=start
    )
    services.agenda_item_create(meeting=meeting, by=admin, title="Horaires d'ouverture")
    meeting = services.meeting_start(meeting=meeting, by=people["facilitator"])
    services.participant_set_present(meeting=meeting, person=yanis, present=True, by=admin)
    services.speaker_request_create(meeting=meeting, person=yanis, at=start)
    services.floor_give(meeting=meeting, by=admin, at=start + datetime.timedelta(seconds=5))
    services.floor_stop(meeting=meeting, by=admin, at=start + datetime.timedelta(seconds=95))
    services.action_create(
        meeting=meeting, by=admin, title="Afficher les nouveaux horaires", owner=yanis
    )
    meeting = services.meeting_close(meeting=meeting, by=admin)
    return {"meeting": meeting, "yanis": yanis, **people}


def test_secretary_writes_the_minutes_and_a_participant_rates(browser, live_server, held):
    meeting = held["meeting"]
    contexts = []

    def open_as(person):
        context = browser.new_context(
            locale="fr-FR", base_url=live_server.url, accept_downloads=True
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        login(page, person.email, PASSWORD)
        return page

    try:
        # The secretary generates the minutes from the meeting page.
        secretary = open_as(held["secretary"])
        secretary.goto(f"/meetings/{meeting.pk}/")
        secretary.get_by_role("button", name="Générer le compte rendu").click()
        expect(secretary.get_by_role("heading", level=1)).to_contain_text("Compte rendu de")
        minutes = secretary.locator("article.minutes")
        expect(minutes).to_contain_text("Yanis Premier")
        expect(minutes).to_contain_text("Afficher les nouveaux horaires")
        assert axe_violations(secretary) == [], "minutes"

        # He edits and saves them.
        secretary.get_by_role("link", name="Modifier le compte rendu").click()
        text = secretary.get_by_label("Texte du compte rendu (Markdown)")
        assert "Horaires d'ouverture" in text.input_value()
        assert axe_violations(secretary) == [], "minutes edit form"
        text.fill(text.input_value() + "\n## Prochaine réunion\n\nLundi prochain, 9 h.\n")
        secretary.get_by_role("button", name="Enregistrer").click()
        expect(secretary.get_by_role("status")).to_contain_text("Le compte rendu est enregistré.")
        expect(minutes).to_contain_text("Lundi prochain, 9 h.")
        secretary.get_by_role("button", name="Publier").click()
        expect(secretary.get_by_role("status")).to_contain_text("Le compte rendu est publié.")

        # And downloads them as Markdown.
        with secretary.expect_download() as info:
            secretary.get_by_role("link", name="Télécharger (Markdown)").click()
        download = info.value
        assert download.suggested_filename.endswith(".md")
        content = Path(download.path()).read_text(encoding="utf-8")
        assert content.startswith("# Compte rendu — Réunion tactique du lundi")
        assert "Lundi prochain, 9 h." in content
        stored = MeetingMinutes.objects.get(meeting=meeting)
        assert stored.published and stored.edited_by == held["secretary"]

        # A participant rates the meeting.
        yanis = open_as(held["yanis"])
        yanis.goto(f"/meetings/{meeting.pk}/")
        yanis.get_by_role("link", name="Évaluer la réunion").click()
        assert axe_violations(yanis) == [], "rating form"
        # Sent empty first: the errors are told, tied to their questions.
        yanis.get_by_role("button", name="Envoyer mon évaluation").click()
        expect(yanis.get_by_role("alert").first).to_be_visible()
        assert axe_violations(yanis) == [], "rating form with errors"
        yanis.get_by_role("radio", name="4", exact=True).check()
        yanis.get_by_role("radio", name="En partie").check()
        yanis.get_by_label("Commentaire (facultatif)").fill("On a tenu l'horaire.")
        yanis.get_by_role("button", name="Envoyer mon évaluation").click()
        expect(yanis.get_by_role("status")).to_contain_text("votre évaluation est enregistrée")
        rating = yanis.locator("#rating")
        expect(rating).to_contain_text("Note moyenne : 4,0 sur 5 (1 évaluation).")
        expect(rating).to_contain_text("On a tenu l'horaire.")
        expect(rating).to_contain_text("Vous avez donné la note 4 sur 5.")
        assert axe_violations(yanis) == [], "meeting page"
        # The published minutes are his to read too.
        yanis.get_by_role("link", name="Lire le compte rendu").click()
        expect(yanis.locator("article.minutes")).to_contain_text("Lundi prochain, 9 h.")
        assert MeetingRating.objects.get().score == 4
    finally:
        for context in contexts:
            context.close()


def test_the_other_follow_up_pages_have_no_serious_violation(page, held):
    meeting = held["meeting"]
    services.template_save(
        by=Person.objects.get(email="ada.admin@exemple.fr"),
        name="Réunion tactique",
        kind="tactical",
        agenda="Tour d'inclusion | 5\nTriage des tensions | 20 | triage",
        checklist="Salle prête",
    )
    login(page, "ada.admin@exemple.fr", PASSWORD)
    action = meeting.actions.get()
    pages = {
        "my actions": "/actions/",
        "my meetings": "/meetings/mine/",
        "templates": "/meetings/templates/",
        "new template": "/meetings/templates/new/",
        "new action": f"/meetings/{meeting.pk}/actions/new/",
        "edit action": f"/actions/{action.pk}/edit/",
        "generate minutes": f"/meetings/{meeting.pk}/minutes/generate/",
        "circle meetings": f"/circles/{meeting.circle_id}/meetings/",
        "circle": f"/circles/{meeting.circle_id}/",
        "person": f"/people/{held['yanis'].pk}/",
    }
    found = {}
    for name, url in pages.items():
        response = page.goto(url)
        assert response.status == 200, name
        violations = axe_violations(page)
        if violations:
            found[name] = violations
    assert found == {}
    # The feed's address, shown once, is labelled.
    page.goto("/meetings/mine/")
    page.get_by_role("button", name="Créer mon adresse d'agenda").click()
    expect(page.get_by_label("Adresse de l'agenda")).to_have_value(
        re.compile(r"^http://.+/calendar/.+\.ics$")
    )
    assert axe_violations(page) == []
