"""An election in real browsers, with three people of one circle (issue 4, elections):
the facilitator describes the secretary's election from the circle's page and opens
the nominations; the three write theirs; the facilitator reveals them, proposes the
most nominated; nobody objects, the candidate accepts last, the facilitator concludes.
The elected person's page then shows the role with the term's end. axe-core finds no
serious violation on the election page at its steps."""

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from cercles.elections.models import Election, ElectionStatus, add_months
from cercles.organisation import services as org_services
from cercles.organisation.models import CoreRole
from tests.browser.conftest import axe_violations, login
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def circle():
    admin = PersonFactory(email="ada.admin@exemple.fr", is_org_admin=True)
    circle = org_services.circle_create(by=admin, name="Accueil des usagers")
    helene = PersonFactory(email="helene.facil@exemple.fr", first_name="Hélène", last_name="Facil")
    org_services.assignment_create(
        role=circle.roles.get(core_role=CoreRole.FACILITATOR), person=helene, by=admin, share=10
    )
    role = org_services.role_create(by=admin, circle=circle, name="Chargé d'accueil")
    yanis = PersonFactory(email="yanis.premier@exemple.fr", first_name="Yanis", last_name="Premier")
    zoe = PersonFactory(email="zoe.seconde@exemple.fr", first_name="Zoé", last_name="Seconde")
    for person in (yanis, zoe):
        org_services.assignment_create(role=role, person=person, by=admin, share=50)
    return {"circle": circle, "helene": helene, "yanis": yanis, "zoe": zoe}


def open_as(browser, base_url, person):
    context = browser.new_context(locale="fr-FR", base_url=base_url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    login(page, person.email, PASSWORD)
    return context, page


def nominate(page, url, name, reason):
    page.goto(url)
    page.get_by_label("Personne que vous nommez").select_option(label=name)
    page.get_by_label("Pourquoi elle ?").fill(reason)
    page.get_by_role("button", name="Enregistrer ma nomination").click()
    expect(page.get_by_role("status").first).to_contain_text("Votre nomination est enregistrée")


def test_an_election_through_the_pages(browser, live_server, circle):
    contexts = []
    try:
        for key in ("helene", "yanis", "zoe"):
            contexts.append(open_as(browser, live_server.url, circle[key]))
        (_, chair), (_, yanis), (_, zoe) = contexts

        # The facilitator organises the secretary's election from the circle's page.
        chair.goto(f"/circles/{circle['circle'].pk}/")
        chair.locator("#elections").get_by_role(
            "link", name="Organiser l'élection du rôle Secrétaire"
        ).click()
        expect(chair.get_by_label("Rôle à élire")).to_have_value("secretary")
        expect(chair.get_by_label("Description du rôle")).to_contain_text("Convoquer les réunions")
        chair.get_by_role("button", name="Décrire l'élection").click()
        expect(chair.get_by_role("heading", level=1)).to_contain_text(
            "Élection du rôle « Secrétaire »"
        )
        election = Election.objects.get()
        url = f"/elections/{election.pk}/"
        chair.get_by_role("button", name="Ouvrir les nominations").click()
        expect(chair.get_by_text("sur 3 membres du cercle.")).to_be_visible()
        assert axe_violations(chair) == []

        # Each writes a nomination; they stay secret until the reveal.
        nominate(chair, url, "Zoé Seconde", "Elle connaît tous les usagers.")
        nominate(yanis, url, "Zoé Seconde", "Rigoureuse.")
        nominate(zoe, url, "Yanis Premier", "Il écrit vite et bien.")
        yanis.reload()
        expect(yanis.get_by_text("3 nominations écrites sur 3 membres du cercle.")).to_be_visible()
        expect(yanis.get_by_text("Il écrit vite et bien.")).to_have_count(0)
        chair.reload()
        expect(chair.get_by_role("cell", name="Il écrit vite et bien.")).to_be_visible()

        # The reveal: everyone sees who nominated whom, and the counts.
        chair.get_by_role("button", name="Révéler les nominations").click()
        yanis.reload()
        counts = yanis.get_by_role("table", name="Nominations par personne")
        expect(counts.get_by_role("row", name="Zoé Seconde 2")).to_be_visible()
        expect(yanis.get_by_role("cell", name="Il écrit vite et bien.")).to_be_visible()
        assert axe_violations(yanis) == []

        # The facilitator proposes the most nominated (preselected), with a reason.
        chair.goto(url)
        chair.get_by_role("link", name="Proposer un candidat").click()
        expect(chair.get_by_label("Candidat proposé")).to_have_value(str(circle["zoe"].pk))
        chair.get_by_label("Raison de la proposition").fill("Deux nominations sur trois.")
        chair.get_by_role("button", name="Proposer ce candidat").click()
        expect(chair.locator("#proposal")).to_contain_text("Proposition n° 1 : Zoé Seconde")
        assert axe_violations(chair) == []

        # The objection round: no objection; the candidate answers last and accepts.
        for page in (yanis, chair):
            page.goto(url)
            page.get_by_role("button", name="Pas d'objection").click()
            expect(page.get_by_role("status").first).to_contain_text("pas d'objection")
        zoe.goto(url)
        zoe.get_by_role("button", name="J'accepte (pas d'objection)").click()
        expect(zoe.get_by_role("status").first).to_contain_text("Vous acceptez")

        # The facilitator concludes: Zoé is the circle's secretary for twelve months.
        chair.goto(url)
        chair.get_by_role("button", name="Conclure l'élection").click()
        expect(chair.get_by_role("status").first).to_contain_text(
            "Zoé Seconde est élu·e au rôle « Secrétaire »"
        )
        election.refresh_from_db()
        assert election.status == ElectionStatus.ELECTED
        assert axe_violations(chair) == []

        # Her page shows the new role with the term's end.
        end = date_format(add_months(timezone.localdate(), 12), "j F Y")
        yanis.goto(f"/people/{circle['zoe'].pk}/")
        row = yanis.get_by_role("row").filter(has_text="Secrétaire")
        expect(row).to_contain_text(f"jusqu'au {end} exclu")
    finally:
        for context, _page in contexts:
            context.close()


def test_the_other_election_pages_are_accessible(page, circle):
    from cercles.elections import services

    helene, yanis, zoe = circle["helene"], circle["yanis"], circle["zoe"]
    role = circle["circle"].roles.get(core_role=CoreRole.SECRETARY)
    election = services.election_create(by=helene, circle=circle["circle"], role=role)
    services.election_open(election=election, by=helene)
    services.nominate(election=election, by=yanis, candidate=zoe)
    services.election_reveal(election=election, by=helene)
    services.election_propose(election=election, by=helene, candidate=zoe, reason="Nommée.")
    objection = services.election_answer(
        election=election, by=yanis, objection=True, reason="Six mois d'abord."
    )
    login(page, helene.email, PASSWORD)
    pages = {
        "circle's elections": f"/circles/{circle['circle'].pk}/elections/",
        "new election": f"/circles/{circle['circle'].pk}/elections/new/",
        "election": f"/elections/{election.pk}/",
        "propose": f"/elections/{election.pk}/propose/",
        "resolve": f"/election-objections/{objection.pk}/resolve/",
        "cancel": f"/elections/{election.pk}/cancel/",
    }
    found = {}
    for name, address in pages.items():
        response = page.goto(address)
        assert response.status == 200, name
        violations = axe_violations(page)
        if violations:
            found[name] = violations
    assert found == {}
    # A form sent with errors keeps its accessibility: errors tied to their fields.
    page.goto(pages["resolve"])
    page.get_by_role("button", name="Enregistrer").click()
    assert page.get_by_role("alert").count() >= 1
    assert axe_violations(page) == []
