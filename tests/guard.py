"""Personas and expected answers shared by the URL guard (tests/core/test_url_guard.py).

An app may keep its own part of the guard table in `tests/<app>/url_guard.py`, with
`EXPECTED` (URL name -> (kwargs builder or None, answers per persona)) and
`context(*, org, admin, agent, member, lead_link) -> dict` that creates the objects its
kwargs builders read (keys prefixed with the app's name). The guard merges them.
"""

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
