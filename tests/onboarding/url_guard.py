"""Onboarding's part of the URL guard (tests/core/test_url_guard.py).

Context: a newcomer joins Ressources humaines, created by the admin (HR: his HR
contact); the member is his buddy, the lead link of RH his lead link by default; a
plan template of the admin with a task for each kind of assignee.
"""

from tests.guard import API_POST_ONLY, API_READ, LOGIN, admins, logged_in, managers


def onboarding(ctx):
    return {"pk": ctx["onboarding_onboarding"].pk}


def buddy_task(ctx):
    return {"pk": ctx["onboarding_buddy_task"].pk}


def template(ctx):
    return {"pk": ctx["onboarding_template"].pk}


def template_task(ctx):
    return {"pk": ctx["onboarding_template"].tasks.first().pk}


# The newcomer's buddy (member) and lead link see the plan; the agent knows nothing.
SEES = {"anonymous": LOGIN, "agent": 404, "member": 200, "lead_link": 200, "admin": 200}
RUNS = {**SEES, "member": 403}
API_SEES = {**API_READ, "agent": 404}

EXPECTED = {
    # Involved in an onboarding (buddy, lead link, HR contact): sent to their tasks.
    "onboarding:mine": (
        None,
        {"anonymous": LOGIN, "agent": 404, "member": 302, "lead_link": 302, "admin": 302},
    ),
    "onboarding:my_tasks": (None, logged_in()),
    "onboarding:list": (None, managers()),
    "onboarding:create": (None, managers()),
    "onboarding:detail": (onboarding, SEES),
    "onboarding:update": (onboarding, RUNS),
    "onboarding:task_create": (onboarding, RUNS),
    "onboarding:close": (onboarding, logged_in(405)),
    "onboarding:reopen": (onboarding, logged_in(405)),
    "onboarding:task_toggle": (buddy_task, logged_in(405)),
    "onboarding:task_reassign": (buddy_task, RUNS),
    "onboarding:template_list": (None, admins()),
    "onboarding:template_create": (None, admins()),
    "onboarding:template_detail": (template, admins()),
    "onboarding:template_update": (template, admins()),
    "onboarding:template_archive": (template, logged_in(405)),
    "onboarding:template_task_create": (template, admins()),
    "onboarding:template_task_update": (template_task, admins()),
    "onboarding:template_task_delete": (template_task, logged_in(405)),
    "onboarding:template_task_move": (template_task, logged_in(405)),
    "v1:onboarding-onboarding-list": (None, API_READ),
    "v1:onboarding-onboarding-detail": (onboarding, API_SEES),
    "v1:onboarding-onboarding-close": (onboarding, API_POST_ONLY),
    "v1:onboarding-task-list": (None, API_READ),
    "v1:onboarding-task-detail": (buddy_task, API_SEES),
    "v1:onboarding-task-check": (buddy_task, API_POST_ONLY),
    "v1:onboarding-task-reassign": (buddy_task, API_POST_ONLY),
    "v1:onboarding-template-list": (None, API_READ),  # empty but for HR
    "v1:onboarding-template-detail": (
        template,
        {"anonymous": 401, "agent": 404, "member": 404, "lead_link": 404, "admin": 200},
    ),
}


def context(*, org, admin, agent, member, lead_link) -> dict:
    from django.utils import timezone

    from cercles.onboarding import services
    from cercles.onboarding.models import AssigneeKind, Phase
    from tests.factories import PersonFactory

    template = services.template_create(by=admin, name="Accueil")
    for kind in AssigneeKind.values:
        services.template_task_create(
            template=template,
            by=admin,
            phase=Phase.DAY_ONE,
            title=f"Tâche {kind}",
            assignee_kind=kind,
        )
    newcomer = PersonFactory(first_name="Noé", last_name="Nouveau")
    onboarding = services.onboarding_create(
        by=admin,
        newcomer=newcomer,
        start_date=timezone.localdate(),
        circle=org["rh"],
        buddy=member,
        template=template,
    )
    return {
        "onboarding_onboarding": onboarding,
        "onboarding_buddy_task": onboarding.tasks.get(assignee_kind=AssigneeKind.BUDDY),
        "onboarding_template": template,
    }
