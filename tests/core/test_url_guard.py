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
