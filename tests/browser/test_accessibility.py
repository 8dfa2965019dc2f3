"""axe-core (from the npm package, no CDN) finds no serious violation on the main pages
of the organisation and of the ideas module."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cercles.core.models import Notification
from cercles.ideas import services as idea_services
from cercles.ideas.models import IdeaStatus
from cercles.organisation import services
from cercles.organisation.models import CoreRole
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


def test_ideas_pages_have_no_serious_accessibility_violation(page):
    admin = PersonFactory(
        email="admin@exemple.fr", first_name="Ada", last_name="Admin", is_org_admin=True
    )
    rh = services.circle_create(by=admin, name="Ressources humaines")
    facilitator = PersonFactory(first_name="Fanny", last_name="Facilitatrice")
    services.assignment_create(
        role=rh.roles.get(core_role=CoreRole.FACILITATOR), person=facilitator, by=admin, share=20
    )
    agent = PersonFactory(first_name="Zoé", last_name="Agent")
    today = timezone.localdate()
    campaign = idea_services.campaign_create(
        by=admin,
        title="Mieux travailler ensemble",
        question="Comment simplifier notre quotidien ?",
        description="Une campagne **ouverte** à tous.",
        starts_on=today - datetime.timedelta(days=7),
        ends_on=today + datetime.timedelta(days=30),
        circle=rh,
    )
    ideas = [
        idea_services.idea_create(by=agent, title=title, body=body, campaign=campaign)
        for title, body in [
            ("Covoiturage entre agents", "Partager les trajets domicile-travail."),
            ("Des vélos de service", "Pour les déplacements courts entre les sites."),
            ("Signer les parapheurs en ligne", "Une signature électronique, moins de papier."),
            ("Dématérialiser les congés", "Un circuit numérique pour les demandes."),
        ]
    ]
    idea_services.idea_create(
        by=agent, title="Une idée anonyme", body="Sans nom.", anonymous=True, campaign=campaign
    )
    # The admin's own idea: answered, so that he has a notification to read.
    own = idea_services.idea_create(
        by=admin, title="Un guichet unique pour les arrivées", body="Cinq services à voir."
    )
    draft = idea_services.idea_create(by=admin, title="Un brouillon", body="À relire.", draft=True)
    idea_services.idea_transition(
        idea=own, to=IdeaStatus.UNDER_STUDY, text="Nous regardons.", by=facilitator
    )
    idea_services.idea_transition(
        idea=ideas[0], to=IdeaStatus.ACCEPTED, text="Retenue.", by=facilitator
    )
    idea_services.idea_support(idea=ideas[0], person=admin)
    comment = idea_services.comment_create(idea=ideas[0], author=agent, body="Bonne idée !")
    idea_services.comment_create(idea=ideas[0], author=facilitator, body="Merci.", parent=comment)
    hidden = idea_services.comment_create(idea=ideas[0], author=agent, body="Hors sujet.")
    idea_services.comment_hide(comment=hidden, by=facilitator, reason="Hors sujet.")
    themes = idea_services.propose_themes(campaign=campaign, count=2, by=facilitator)
    project = idea_services.project_create(
        by=admin, title="Se déplacer autrement", purpose="Moins de trajets seuls.", ideas=ideas[:2]
    )
    milestone = idea_services.milestone_create(
        project=project, by=admin, title="Premier atelier", progress=40
    )
    idea_services.project_join(project=project, person=agent)

    assert Notification.objects.filter(recipient=admin).exists()

    login(page, "admin@exemple.fr", PASSWORD)
    pages = {
        "idea list": reverse("ideas:idea_list"),
        "idea list filtered": reverse("ideas:idea_list") + "?q=parapheurs&sort=supported",
        "idea page with comments": reverse("ideas:idea_detail", args=[ideas[0].pk]),
        "own idea page": reverse("ideas:idea_detail", args=[own.pk]),
        "new idea": reverse("ideas:idea_create"),
        "new idea in campaign": reverse("ideas:campaign_idea_create", args=[campaign.pk]),
        "draft page": reverse("ideas:idea_detail", args=[draft.pk]),
        "edit draft": reverse("ideas:idea_update", args=[draft.pk]),
        "answer idea": reverse("ideas:idea_answer", args=[ideas[1].pk]),
        "merge idea": reverse("ideas:idea_merge", args=[ideas[1].pk]),
        "report comment": reverse("ideas:comment_report", args=[comment.pk]),
        "hide comment": reverse("ideas:comment_hide", args=[comment.pk]),
        "campaign list": reverse("ideas:campaign_list"),
        "campaign detail": reverse("ideas:campaign_detail", args=[campaign.pk]),
        "new campaign": reverse("ideas:campaign_create"),
        "edit campaign": reverse("ideas:campaign_update", args=[campaign.pk]),
        "themes": reverse("ideas:theme_list", args=[campaign.pk]),
        "propose themes": reverse("ideas:theme_propose", args=[campaign.pk]),
        "rename theme": reverse("ideas:theme_update", args=[themes[0].pk]),
        "merge theme": reverse("ideas:theme_merge", args=[themes[0].pk]),
        "theme to project": reverse("ideas:theme_project", args=[themes[0].pk]),
        "project list": reverse("ideas:project_list"),
        "project detail": reverse("ideas:project_detail", args=[project.pk]),
        "new project": reverse("ideas:project_create") + f"?idea={ideas[0].pk}",
        "edit project": reverse("ideas:project_update", args=[project.pk]),
        "new milestone": reverse("ideas:milestone_create", args=[project.pk]),
        "edit milestone": reverse("ideas:milestone_update", args=[milestone.pk]),
        "hand over project": reverse("ideas:project_hand_over", args=[project.pk]),
        "project to circle": reverse("ideas:project_make_circle", args=[project.pk]),
        "dashboard": reverse("ideas:dashboard"),
        "campaign dashboard": reverse("ideas:campaign_dashboard", args=[campaign.pk]),
        "notifications": reverse("core:notifications"),
    }
    found = {}
    for name, url in pages.items():
        response = page.goto(url)
        assert response.status == 200, name
        violations = axe_violations(page)
        if violations:
            found[name] = violations
    assert found == {}

    # The similar-ideas panel filled in, and an idea form sent with errors.
    page.goto(reverse("ideas:idea_create"))
    page.get_by_label("Titre").press_sequentially("Partager sa voiture")
    page.locator("#similar-ideas").get_by_role("listitem").first.wait_for()
    page.get_by_role("button", name="Publier l'idée").click()
    assert page.get_by_role("alert").count() >= 1
    assert axe_violations(page) == []
