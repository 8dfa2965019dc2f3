"""Guard: every URL of the project answers each persona as its table says.

The test walks the URL resolver. A view added without an entry in EXPECTED fails
`test_every_url_has_an_entry`, so nobody ships a page whose permissions were never
checked. Only GET is exercised here; each view's own tests cover its writes.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from cercles.accounts.tokens import api_token_create
from cercles.organisation import services
from tests.conftest import core_role

PERSONAS = ("anonymous", "agent", "member", "lead_link", "admin")
LOGIN = "login"  # a redirect to the login page

# Namespaces checked elsewhere: Django's admin has its own permission system
# (tests/accounts/test_admin.py checks a non-staff person is sent to its login).
SKIPPED_NAMESPACES = {"admin"}


def everyone(status):
    return dict.fromkeys(PERSONAS, status)


def logged_in(status=200, anonymous=LOGIN):
    return {"anonymous": anonymous, **dict.fromkeys(PERSONAS[1:], status)}


def managers(anonymous=LOGIN):
    """Lead link of the circle (or above) and admins."""
    return {"anonymous": anonymous, "agent": 403, "member": 403, "lead_link": 200, "admin": 200}


def admins(anonymous=LOGIN):
    return {"anonymous": anonymous, "agent": 403, "member": 403, "lead_link": 403, "admin": 200}


API_READ = logged_in(200, anonymous=401)
API_POST_ONLY = logged_in(405, anonymous=401)


def circle(ctx):
    return {"pk": ctx["org"]["rh"].pk}


def role(ctx):
    return {"pk": ctx["role"].pk}


def assignment(ctx):
    return {"pk": ctx["assignment"].pk}


def person(ctx):
    return {"pk": ctx["member"].pk}


def idea(ctx):
    return {"pk": ctx["idea"].pk}


def comment(ctx):
    return {"pk": ctx["comment"].pk}


def campaign(ctx):
    return {"pk": ctx["campaign"].pk}


def theme(ctx):
    return {"pk": ctx["theme"].pk}


def project(ctx):
    return {"pk": ctx["project"].pk}


def milestone(ctx):
    return {"pk": ctx["milestone"].pk}


def meeting(ctx):
    return {"pk": ctx["meeting"].pk}


# A meeting of Ressources humaines: its members, its lead link and admins.
CIRCLE_SEES = {"anonymous": LOGIN, "agent": 404, "member": 200, "lead_link": 200, "admin": 200}


# The project's lead (the member) and admins.
PROJECT_LEAD = {"anonymous": LOGIN, "agent": 403, "member": 200, "lead_link": 403, "admin": 200}


EXPECTED = {
    # Organisation pages
    "organisation:home": (None, logged_in()),
    "organisation:chart": (None, logged_in()),
    "organisation:history": (None, logged_in()),
    "organisation:circle_detail": (circle, logged_in()),
    "organisation:circle_history": (circle, logged_in()),
    "organisation:role_detail": (role, logged_in()),
    "organisation:people": (None, logged_in()),
    "organisation:person_detail": (person, logged_in()),
    "organisation:my_roles": (None, logged_in()),
    # Organisation changes
    "organisation:circle_create": (None, admins()),
    "organisation:subcircle_create": (circle, managers()),
    "organisation:circle_update": (circle, admins()),  # the charter belongs to the parent
    "organisation:circle_move": (circle, admins()),  # RH's parent is led by nobody here
    "organisation:circle_archive": (circle, admins()),
    "organisation:role_create": (circle, managers()),
    "organisation:role_update": (role, managers()),
    "organisation:role_archive": (role, managers()),
    "organisation:assignment_create": (role, managers()),
    "organisation:assignment_update": (assignment, managers()),
    "organisation:assignment_end": (assignment, managers()),
    # Import and export
    "organisation:people_import": (None, admins()),
    "organisation:people_export_csv": (None, admins()),
    "organisation:people_export_xlsx": (None, admins()),
    "organisation:organisation_export_json": (None, admins()),
    "organisation:organisation_import_json": (None, admins()),
    # Search and the benchmark's yardstick
    "core:search": (None, logged_in()),
    "hello": (None, everyone(200)),
    # Accounts
    "accounts:login": (None, {"anonymous": 200, **dict.fromkeys(PERSONAS[1:], 302)}),
    "accounts:logout": (None, everyone(405)),
    "accounts:profile": (None, logged_in()),
    "accounts:token_create": (None, logged_in(405)),
    "accounts:token_revoke": (lambda ctx: {"pk": ctx["token"].pk}, logged_in(405)),
    "accounts:password_reset": (None, everyone(200)),
    "accounts:password_reset_done": (None, everyone(200)),
    "accounts:password_reset_confirm": (
        lambda ctx: {"uidb64": "MQ", "token": "bad-token"},
        everyone(200),  # the page says the link is invalid
    ),
    "accounts:password_reset_complete": (None, everyone(200)),
    "set_language": (None, everyone(302)),  # GET only redirects back; POST switches
    # API
    "api-docs": (None, everyone(200)),
    "api-not-found": (None, everyone(404)),
    "v1:schema": (None, everyone(200)),
    "v1:api-root": (None, API_READ),
    "v1:circle-list": (None, API_READ),
    "v1:circle-detail": (circle, API_READ),
    "v1:circle-move": (circle, API_POST_ONLY),
    "v1:circle-archive": (circle, API_POST_ONLY),
    "v1:role-list": (None, API_READ),
    "v1:role-detail": (role, API_READ),
    "v1:role-archive": (role, API_POST_ONLY),
    "v1:person-list": (None, API_READ),
    "v1:person-detail": (person, API_READ),
    "v1:assignment-list": (None, API_READ),
    "v1:assignment-detail": (assignment, API_READ),
    "v1:assignment-end": (assignment, API_POST_ONLY),
    "v1:governance-change-list": (None, API_READ),
    "v1:governance-change-detail": (
        lambda ctx: {"pk": ctx["org"]["rh"].changes.order_by("id").first().pk},
        API_READ,
    ),
    # Ideas (the idea is the member's, for Ressources humaines; the campaign is RH's)
    "ideas:idea_list": (None, logged_in()),
    "ideas:idea_create": (None, logged_in()),
    "ideas:idea_similar": (None, logged_in(405)),
    "ideas:idea_detail": (idea, logged_in()),
    "ideas:idea_update": (
        idea,
        {"anonymous": LOGIN, "agent": 403, "member": 200, "lead_link": 403, "admin": 403},
    ),
    "ideas:idea_submit": (idea, logged_in(405)),
    "ideas:idea_attachment": (idea, logged_in(404)),  # this idea has no attachment
    "ideas:idea_support": (idea, logged_in(405)),
    "ideas:idea_unsupport": (idea, logged_in(405)),
    "ideas:idea_follow": (idea, logged_in(405)),
    "ideas:idea_unfollow": (idea, logged_in(405)),
    "ideas:idea_answer": (idea, managers()),
    "ideas:idea_merge": (idea, managers()),
    "ideas:comment_create": (idea, logged_in(405)),
    "ideas:comment_report": (
        comment,  # the member's own comment: he may not report it
        {"anonymous": LOGIN, "agent": 200, "member": 403, "lead_link": 200, "admin": 200},
    ),
    "ideas:comment_hide": (comment, managers()),
    "ideas:campaign_list": (None, logged_in()),
    "ideas:campaign_create": (None, managers()),
    "ideas:campaign_detail": (campaign, logged_in()),
    "ideas:campaign_update": (campaign, managers()),
    "ideas:campaign_idea_create": (campaign, logged_in()),
    "ideas:dashboard": (None, logged_in()),
    "ideas:campaign_dashboard": (campaign, logged_in()),
    "ideas:idea_export_csv": (None, admins()),
    "ideas:idea_export_xlsx": (None, admins()),
    "ideas:campaign_export_csv": (campaign, managers()),
    "ideas:campaign_export_xlsx": (campaign, managers()),
    "core:notifications": (None, logged_in()),
    "v1:campaign-list": (None, API_READ),
    "v1:campaign-detail": (campaign, API_READ),
    "v1:idea-list": (None, API_READ),
    "v1:idea-detail": (idea, API_READ),
    "v1:idea-similar": (None, API_POST_ONLY),
    "v1:idea-support": (idea, API_POST_ONLY),
    "v1:idea-unsupport": (idea, API_POST_ONLY),
    "v1:idea-transition": (idea, API_POST_ONLY),
    "v1:idea-merge": (idea, API_POST_ONLY),
    "v1:idea-comments": (idea, API_READ),
    # Themes (of the RH campaign) and projects (the member's)
    "ideas:theme_list": (campaign, logged_in()),
    "ideas:theme_propose": (campaign, managers()),
    "ideas:theme_create": (campaign, logged_in(405)),
    "ideas:theme_move": (campaign, logged_in(405)),
    "ideas:theme_update": (theme, managers()),
    "ideas:theme_merge": (theme, managers()),
    "ideas:theme_delete": (theme, logged_in(405)),
    "ideas:theme_project": (theme, managers()),
    "ideas:project_list": (None, logged_in()),
    "ideas:project_create": (None, logged_in()),
    "ideas:project_detail": (project, logged_in()),
    "ideas:project_update": (project, PROJECT_LEAD),
    "ideas:project_join": (project, logged_in(405)),
    "ideas:project_leave": (project, logged_in(405)),
    "ideas:project_hand_over": (project, PROJECT_LEAD),
    "ideas:milestone_create": (project, PROJECT_LEAD),
    "ideas:project_make_circle": (project, managers()),  # who may create some circle
    "ideas:milestone_update": (milestone, PROJECT_LEAD),
    "ideas:milestone_delete": (milestone, logged_in(405)),
    "v1:theme-list": (None, API_READ),
    "v1:theme-detail": (theme, API_READ),
    "v1:project-list": (None, API_READ),
    "v1:project-detail": (project, API_READ),
    "v1:project-join": (project, API_POST_ONLY),
    "v1:project-leave": (project, API_POST_ONLY),
    "v1:project-milestones": (project, API_READ),
    "v1:milestone-detail": (milestone, API_READ),
    # Meetings (of Ressources humaines: the member and the lead link take part)
    "meetings:circle_meetings": (circle, logged_in()),
    "meetings:meeting_create": (circle, managers()),
    "meetings:meeting_detail": (meeting, CIRCLE_SEES),
    "meetings:meeting_update": (meeting, {**CIRCLE_SEES, "member": 403}),
    "meetings:meeting_start": (meeting, logged_in(405)),
    "meetings:meeting_close": (meeting, logged_in(405)),
    "meetings:room_action": (meeting, logged_in(405)),
    "meetings:attendance": (meeting, logged_in(405)),
    "meetings:agenda_item_create": (meeting, logged_in(405)),
    "meetings:agenda_item_change": (lambda ctx: {"pk": ctx["agenda_item"].pk}, logged_in(405)),
    "v1:meeting-list": (None, API_READ),
    "v1:meeting-detail": (meeting, {**API_READ, "agent": 404}),
}


def _walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            if ns in SKIPPED_NAMESPACES:
                continue
            yield from _walk(pattern.url_patterns, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(pattern, URLPattern):
            yield namespace + pattern.name if pattern.name else f"<unnamed {pattern.pattern}>"


def project_url_names():
    return sorted(set(_walk(get_resolver().url_patterns)))


def test_every_url_has_an_entry():
    missing = [name for name in project_url_names() if name not in EXPECTED]
    assert missing == [], f"Add these URLs to EXPECTED with the answer for each persona: {missing}"


def test_no_stale_entry():
    names = set(project_url_names())
    assert [name for name in EXPECTED if name not in names] == []


@pytest.fixture
def ctx(org, admin, agent, member, lead_link):
    plain_role = member.assignments.get().role
    token, _raw = api_token_create(person=agent, name="guard")
    return {
        "org": org,
        "role": plain_role,
        "assignment": member.assignments.get(),
        "member": member,
        "token": token,
        "people": {"agent": agent, "member": member, "lead_link": lead_link, "admin": admin},
        **_ideas_ctx(org, admin, member),
        **_meetings_ctx(org, admin),
    }


def _meetings_ctx(org, admin):
    from cercles.meetings import services as meeting_services

    meeting = meeting_services.meeting_create(
        by=admin, circle=org["rh"], title="Réunion tactique", starts_at=timezone.now()
    )
    item = meeting_services.agenda_item_create(meeting=meeting, by=admin, title="Météo")
    return {"meeting": meeting, "agenda_item": item}


def _ideas_ctx(org, admin, member):
    from cercles.ideas import services as idea_services

    campaign = idea_services.campaign_create(
        by=admin,
        title="Défi RH",
        question="Comment mieux accueillir ?",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate(),
        circle=org["rh"],
    )
    idea = idea_services.idea_create(
        by=member, title="Un livret d'accueil", body="Pour les arrivants.", circle=org["rh"]
    )
    comment = idea_services.comment_create(idea=idea, author=member, body="Précision.")
    theme = idea_services.theme_create(campaign=campaign, name="Accueil", by=admin)
    project = idea_services.project_create(by=member, title="Bienvenue", purpose="Accueillir.")
    milestone = idea_services.milestone_create(project=project, by=member, title="Livret")
    return {
        "campaign": campaign,
        "idea": idea,
        "comment": comment,
        "theme": theme,
        "project": project,
        "milestone": milestone,
    }


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_persona_gets_the_allowed_answer(client, ctx, name):
    build_kwargs, expected = EXPECTED[name]
    url = reverse(name, kwargs=build_kwargs(ctx) if build_kwargs else None)
    answers = {}
    for persona in PERSONAS:
        client.logout()
        if persona != "anonymous":
            client.force_login(ctx["people"][persona])
        response = client.get(url)
        status = response.status_code
        if status == 302 and response["Location"].startswith(reverse("accounts:login")):
            status = LOGIN
        answers[persona] = status
    assert answers == expected, url


def test_lead_link_fixture_is_current(lead_link, org):
    # The table above relies on the lead link holding his role today.
    holder = core_role(org["rh"]).assignments.current(timezone.localdate()).get().person
    assert holder == lead_link
    assert services.person_total_share(lead_link) == 50
