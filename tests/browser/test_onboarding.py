"""Onboarding in a real browser: a newcomer logs in, opens his plan and checks his
day-one tasks; the progress follows. axe-core finds no serious violation on his plan,
on his buddy's tasks, on HR's list, the creation form and a template."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from cercles.onboarding import services
from cercles.onboarding.models import AssigneeKind, OnboardingTask, Phase
from cercles.organisation import services as org_services
from tests.browser.conftest import axe_violations, login
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)

TASKS = [
    (Phase.BEFORE, "Préparer le poste de travail", AssigneeKind.HR),
    (Phase.DAY_ONE, "Lire le livret d'accueil", AssigneeKind.NEWCOMER),
    (Phase.DAY_ONE, "Activer son compte et ses outils", AssigneeKind.NEWCOMER),
    (Phase.DAY_ONE, "Déjeuner avec son parrain", AssigneeKind.BUDDY),
    (Phase.WEEK_ONE, "Remettre le dossier administratif", AssigneeKind.NEWCOMER),
]


@pytest.fixture
def plan():
    admin = PersonFactory(
        email="admin@exemple.fr", first_name="Ada", last_name="Admin", is_org_admin=True
    )
    buddy = PersonFactory(email="bruno@exemple.fr", first_name="Bruno", last_name="Buddy")
    newcomer = PersonFactory(email="nina@exemple.fr", first_name="Nina", last_name="Nouvelle")
    circle = org_services.circle_create(by=admin, name="Ressources humaines")
    role = org_services.role_create(by=admin, circle=circle, name="Gestionnaire")
    org_services.assignment_create(role=role, person=buddy, by=admin, share=100)
    template = services.template_create(by=admin, name="Accueil d'un agent")
    for phase, title, kind in TASKS:
        services.template_task_create(
            template=template, by=admin, phase=phase, title=title, assignee_kind=kind
        )
    return services.onboarding_create(
        by=admin,
        newcomer=newcomer,
        start_date=timezone.localdate(),
        circle=circle,
        buddy=buddy,
        template=template,
    )


def test_a_newcomer_completes_his_day_one_tasks(page, plan):
    login(page, "nina@exemple.fr", PASSWORD)
    page.goto(reverse("onboarding:mine"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon intégration")
    progress = page.locator(".onboarding-progress")
    expect(progress).to_contain_text("0 % fait (0 tâche")
    expect(progress).to_contain_text("1 tâche en retard")
    assert axe_violations(page) == [], "plan"

    day_one = page.get_by_role("region", name="Premier jour")
    for title, percent in (
        ("Lire le livret d'accueil", 20),
        ("Activer son compte et ses outils", 40),
    ):
        day_one.get_by_role("button", name=f"Marquer comme faite : {title}").click()
        expect(day_one.get_by_role("button", name=f"Faite : {title}")).to_have_attribute(
            "aria-pressed", "true"
        )
        expect(progress).to_contain_text(f"{percent} % fait")
        # htmx keeps the focus on the button it swapped (same id).
        expect(day_one.get_by_role("button", name=f"Faite : {title}")).to_be_focused()
    # The buddy's task is his to check, not the newcomer's.
    expect(
        day_one.get_by_role("button", name="Marquer comme faite : Déjeuner avec son parrain")
    ).to_have_count(0)
    assert OnboardingTask.objects.filter(done_by=plan.newcomer).count() == 2

    # Reloaded, the page keeps it; a task unchecked by mistake goes back.
    page.reload()
    expect(page.locator(".onboarding-progress")).to_contain_text("40 % fait (2 tâches sur 5)")
    page.get_by_role("button", name="Faite : Activer son compte et ses outils").click()
    expect(page.locator(".onboarding-progress")).to_contain_text("20 % fait (1 tâche sur 5)")
    page.get_by_role(
        "button", name="Marquer comme faite : Activer son compte et ses outils"
    ).click()
    expect(page.locator(".onboarding-progress")).to_contain_text("40 % fait (2 tâches sur 5)")
    assert axe_violations(page) == [], "plan after checking"


def test_the_other_pages_pass_axe(page, plan):
    login(page, "bruno@exemple.fr", PASSWORD)
    page.goto(reverse("onboarding:my_tasks"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes tâches d'intégration")
    page.get_by_role("button", name="Marquer comme faite : Déjeuner avec son parrain").click()
    expect(page.locator(f"#progress-{plan.pk}")).to_contain_text("20 % fait")
    assert axe_violations(page) == [], "my tasks"
    page.context.clear_cookies()
    login(page, "admin@exemple.fr", PASSWORD)
    for name, url in (
        ("list", reverse("onboarding:list")),
        ("create", reverse("onboarding:create")),
        ("template", plan.template.get_absolute_url()),
        ("template list", reverse("onboarding:template_list")),
        ("one-off task", reverse("onboarding:task_create", args=[plan.pk])),
    ):
        page.goto(url)
        assert axe_violations(page) == [], name
    # Reorder a template task with htmx.
    page.goto(plan.template.get_absolute_url())
    page.get_by_role("button", name="Descendre : Préparer le poste de travail").click()
    expect(page.locator("tbody tr").first).to_contain_text("Lire le livret d'accueil")
