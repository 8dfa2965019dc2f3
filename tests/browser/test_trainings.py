"""Trainings in a real browser: a session fills up, a third person is put on the waiting
list, a registered person cancels and the waiting one is promoted — he sees it on his
page. axe-core finds no serious violation on the catalogue, the training, the session
and "Mes formations"."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from cercles.people.models import Function
from cercles.people.services import function_grant
from cercles.trainings import services
from tests.browser.conftest import axe_violations, login
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def logout(page):
    page.context.clear_cookies()


def test_full_session_waiting_list_promotion(page):
    admin = PersonFactory(email="admin@exemple.fr", is_org_admin=True)
    hr = PersonFactory(email="rh@exemple.fr", first_name="Hélène", last_name="Rh")
    function_grant(person=hr, function=Function.HR, by=admin)
    trainer = PersonFactory(email="theo@exemple.fr", first_name="Théo", last_name="Formateur")
    anna = PersonFactory(email="anna@exemple.fr", first_name="Anna", last_name="Inscrite")
    bruno = PersonFactory(email="bruno@exemple.fr", first_name="Bruno", last_name="Inscrit")
    chloe = PersonFactory(email="chloe@exemple.fr", first_name="Chloé", last_name="Attente")
    training = services.training_propose(
        by=trainer,
        title="Animer une réunion courte",
        summary="Deux heures pour des réunions qui finissent à l'heure.",
    )
    services.training_publish(training=training, by=hr)
    starts = (timezone.localtime() + datetime.timedelta(days=5)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
    session = services.session_create(
        training=training, by=trainer, starts_at=starts, capacity=2, place="Salle Jean Moulin"
    )
    services.registration_create(session=session, person=bruno)

    # Anna finds the training in the catalogue and takes the last seat.
    login(page, "anna@exemple.fr", PASSWORD)
    page.goto(reverse("trainings:training_list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Catalogue des formations")
    assert axe_violations(page) == [], "catalogue"
    page.get_by_role("link", name="Animer une réunion courte").click()
    assert axe_violations(page) == [], "training"
    page.locator("table a").first.click()
    page.get_by_role("button", name="M'inscrire").click()
    expect(page.get_by_role("status")).to_contain_text("Vous êtes inscrit·e. À bientôt !")
    expect(page.locator("#seats")).to_contain_text("complet")
    assert axe_violations(page) == [], "session"
    logout(page)

    # Chloé finds it full: she joins the waiting list.
    login(page, "chloe@exemple.fr", PASSWORD)
    page.goto(session.get_absolute_url())
    expect(page.locator("#my-status")).to_contain_text("La session est complète")
    page.get_by_role("button", name="Me mettre en liste d'attente").click()
    expect(page.get_by_role("status")).to_contain_text("vous êtes sur la liste d'attente")
    expect(page.locator("#my-status")).to_contain_text("en position 1")
    logout(page)

    # Anna cannot come any more: she cancels.
    login(page, "anna@exemple.fr", PASSWORD)
    page.goto(session.get_absolute_url())
    page.get_by_role("button", name="Me désinscrire").click()
    expect(page.get_by_role("status")).to_contain_text("votre place revient au suivant")
    logout(page)

    # Chloé is promoted: her page says so, and so does her notification.
    login(page, "chloe@exemple.fr", PASSWORD)
    page.goto(reverse("trainings:my_trainings"))
    row = page.locator("#my-coming").get_by_role("row", name="Animer une réunion courte")
    expect(row).to_contain_text("Inscrit·e")
    assert axe_violations(page) == [], "my trainings"
    page.get_by_role("link", name="Animer une réunion courte").click()
    expect(page.locator("#my-status")).to_have_text("Vous êtes inscrit·e à cette session.")
    page.goto(reverse("core:notifications"))
    expect(page.get_by_text("Une place s'est libérée")).to_be_visible()

    # The trainer sees who is registered.
    logout(page)
    login(page, "theo@exemple.fr", PASSWORD)
    page.goto(session.get_absolute_url())
    registered = page.get_by_role("table", name="Personnes inscrites")
    expect(registered).to_contain_text("Bruno Inscrit")
    expect(registered).to_contain_text("Chloé Attente")
    expect(registered).not_to_contain_text("Anna Inscrite")
    assert axe_violations(page) == [], "session, trainer's view"
    statuses = dict(session.registrations.values_list("person_id", "status"))
    assert statuses == {anna.pk: "cancelled", bruno.pk: "registered", chloe.pk: "registered"}


def test_forms_are_accessible_and_keep_what_was_typed(page):
    admin = PersonFactory(email="admin@exemple.fr", is_org_admin=True)
    trainer = PersonFactory(email="theo@exemple.fr", first_name="Théo", last_name="Formateur")
    learner = PersonFactory(email="lea@exemple.fr", first_name="Léa", last_name="Apprenante")
    login(page, "theo@exemple.fr", PASSWORD)

    # Propose a training: a bad duration is refused, the title typed is kept.
    page.goto(reverse("trainings:training_create"))
    assert axe_violations(page) == [], "propose form"
    page.get_by_label("Titre").fill("Écrire simple")
    page.get_by_label("Durée habituelle (minutes)").fill("5")
    page.get_by_role("button", name="Proposer").click()
    expect(page.get_by_role("alert")).to_contain_text("Le formulaire contient des erreurs")
    expect(page.get_by_text("Une formation dure au moins 15 minutes.")).to_be_visible()
    expect(page.get_by_label("Titre")).to_have_value("Écrire simple")
    assert axe_violations(page) == [], "propose form with errors"
    page.get_by_label("Durée habituelle (minutes)").fill("120")
    page.get_by_role("button", name="Proposer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Écrire simple")

    # Published by the admin, a session scheduled, Léa attends: her feedback form.
    training = services.training_publish(training=training_of(trainer), by=admin)
    starts = timezone.now() + datetime.timedelta(days=2)
    session = services.session_create(
        training=training, by=trainer, starts_at=starts, capacity=5, place="Salle"
    )
    page.goto(reverse("trainings:session_update", args=[session.pk]))
    assert axe_violations(page) == [], "session form"
    services.registration_create(session=session, person=learner)
    type(session).objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3)
    )
    page.goto(reverse("trainings:session_attendance", args=[session.pk]))
    assert axe_violations(page) == [], "attendance form"
    page.get_by_label("Léa Apprenante").check()
    page.get_by_role("button", name="Enregistrer les présences").click()
    expect(page.get_by_role("status")).to_contain_text("1 présent·e(s) sur 1")
    logout(page)
    login(page, "lea@exemple.fr", PASSWORD)
    page.goto(session.get_absolute_url())
    page.get_by_role("link", name="Donner mon avis").click()
    assert axe_violations(page) == [], "feedback form"
    page.get_by_label("4 — très utile").check()
    page.get_by_label("Commentaire").fill("Clair et concret.")
    page.get_by_role("button", name="Envoyer mon avis").click()
    expect(page.get_by_role("status")).to_contain_text("Merci pour votre avis !")


def training_of(person):
    return person.trainings_given.get()
