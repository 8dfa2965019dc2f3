"""Polls in a real browser: two people vote on a ranked-choice poll through its page
(one select per rank, no drag and drop); the results stay hidden until one has voted,
then show the instant-runoff rounds; axe-core finds no serious violation on the vote,
results, list and form pages."""

import pytest
from playwright.sync_api import expect

from cercles.organisation import services as org_services
from cercles.polls import services
from cercles.polls.models import Ballot
from tests.browser.conftest import axe_violations, login
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def poll():
    admin = PersonFactory(email="ada.admin@exemple.fr", is_org_admin=True)
    circle = org_services.circle_create(by=admin, name="Accueil des usagers")
    role = org_services.role_create(by=admin, circle=circle, name="Chargé d'accueil")
    people = {
        "yanis": PersonFactory(
            email="yanis.premier@exemple.fr", first_name="Yanis", last_name="Premier"
        ),
        "zoe": PersonFactory(email="zoe.seconde@exemple.fr", first_name="Zoé", last_name="Seconde"),
        "theo": PersonFactory(email="theo.tiers@exemple.fr", first_name="Théo", last_name="Tiers"),
    }
    for person in people.values():
        org_services.assignment_create(role=role, person=person, by=admin, share=50)
    created = services.poll_create(
        by=people["theo"],
        circle=circle,
        kind="ranked",
        ranking_method="irv",
        question="Quel horaire d'ouverture le samedi ?",
        options=[{"label": "8 h – 12 h"}, {"label": "9 h – 13 h"}, {"label": "10 h – 14 h"}],
    )
    return {"poll": created, "circle": circle, **people}


def vote(page, poll, first: str, second: str):
    page.goto(poll.get_absolute_url())
    page.get_by_label("Choix n° 1").select_option(label=first)
    page.get_by_label("Choix n° 2").select_option(label=second)
    page.get_by_role("button", name="Voter").click()
    expect(page.get_by_text("Votre vote est enregistré.")).to_be_visible()


def test_two_people_vote_and_see_the_results_after_voting(browser, live_server, poll):
    target = poll["poll"]
    results = f"/polls/{target.pk}/results/"
    contexts = []
    try:
        pages = {}
        for key in ("yanis", "zoe"):
            context = browser.new_context(locale="fr-FR", base_url=live_server.url)
            context.set_default_timeout(10_000)
            contexts.append(context)
            pages[key] = context.new_page()
            login(pages[key], poll[key].email, PASSWORD)

        yanis = pages["yanis"]
        # Before voting: the vote page has accessible inputs, the results are hidden.
        yanis.goto(target.get_absolute_url())
        expect(
            yanis.get_by_role("heading", name="Quel horaire d'ouverture le samedi ?")
        ).to_be_visible()
        assert yanis.get_by_role("main").get_by_role("combobox").count() == 3
        assert axe_violations(yanis) == [], "vote page"
        yanis.goto(results)
        expect(yanis.get_by_text("Les résultats s'affichent quand vous avez voté")).to_be_visible()
        assert yanis.locator("main svg").count() == 0
        assert "Tour 1" not in yanis.content()
        assert axe_violations(yanis) == [], "hidden results page"

        # A slip first: the same option twice is refused with a French message.
        yanis.goto(target.get_absolute_url())
        yanis.get_by_label("Choix n° 1").select_option(label="9 h – 13 h")
        yanis.get_by_label("Choix n° 2").select_option(label="9 h – 13 h")
        yanis.get_by_role("button", name="Voter").click()
        expect(yanis.get_by_role("alert")).to_contain_text("qu'une fois")
        expect(yanis.get_by_label("Choix n° 1")).to_have_value(str(target.options.all()[1].pk))
        assert axe_violations(yanis) == [], "vote page with errors"
        assert not Ballot.objects.exists()

        vote(yanis, target, "9 h – 13 h", "8 h – 12 h")
        yanis.goto(results)
        expect(yanis.get_by_text("« 9 h – 13 h » l'emporte au tour 1")).to_be_visible()
        expect(yanis.get_by_role("table", name="Tours du vote alternatif")).to_be_visible()
        expect(yanis.get_by_role("img", name="Premiers choix (tour 1)")).to_be_visible()

        zoe = pages["zoe"]
        zoe.goto(results)
        expect(zoe.get_by_text("Les résultats s'affichent quand vous avez voté")).to_be_visible()
        vote(zoe, target, "10 h – 14 h", "8 h – 12 h")
        zoe.goto(results)
        expect(zoe.get_by_text("2 bulletins.")).to_be_visible()
        table = zoe.get_by_role("table", name="Qui a voté quoi")
        expect(table).to_contain_text("Yanis Premier")
        expect(table).to_contain_text("Zoé Seconde")
        assert axe_violations(zoe) == [], "results page"

        # The form and the list pass axe too.
        zoe.goto(f"/circles/{poll['circle'].pk}/polls/")
        expect(zoe.get_by_role("link", name="Quel horaire d'ouverture le samedi ?")).to_be_visible()
        assert axe_violations(zoe) == [], "poll list"
        zoe.goto(f"/circles/{poll['circle'].pk}/polls/new/")
        assert axe_violations(zoe) == [], "poll form"
        zoe.get_by_role("button", name="Créer le sondage").click()
        expect(zoe.get_by_role("alert").first).to_be_visible()
        expect(zoe.get_by_role("main")).to_contain_text("Posez la question.")
        assert axe_violations(zoe) == [], "poll form with errors"
    finally:
        for context in contexts:
            context.close()
    assert Ballot.objects.filter(poll=target).count() == 2


def test_a_dot_vote_counts_the_dots_left(page, live_server, poll):
    theo = poll["theo"]
    dots = services.poll_create(
        by=theo,
        circle=poll["circle"],
        kind="dots",
        dots_total=5,
        question="Quels chantiers d'abord ?",
        options=[{"label": "Signalétique"}, {"label": "Salle d'attente"}],
    )
    login(page, theo.email, PASSWORD)
    page.goto(dots.get_absolute_url())
    status = page.locator("[data-dots-left]")
    expect(status).to_have_text("Il vous reste 5 point(s) sur 5.")
    page.get_by_label("Signalétique").fill("4")
    page.get_by_label("Salle d'attente").fill("3")
    expect(status).to_have_text("Trop de points : 2 de plus que vos 5.")
    page.get_by_role("button", name="Voter").click()  # the browser refuses to send it
    assert not Ballot.objects.filter(poll=dots).exists()
    page.get_by_label("Salle d'attente").fill("1")
    expect(status).to_have_text("Il vous reste 0 point(s) sur 5.")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Voter").click()
    expect(page.get_by_text("Votre vote est enregistré.")).to_be_visible()
    assert Ballot.objects.get(poll=dots).answer["dots"] == {
        str(dots.options.all()[0].pk): 4,
        str(dots.options.all()[1].pk): 1,
    }
