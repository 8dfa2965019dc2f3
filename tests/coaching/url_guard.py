"""Coaching's part of the URL guard (tests/core/test_url_guard.py).

The member asked for support and is coached by Paul (a published round, both accepted);
the lead link of RH is a coach too (never proposed to the member: he is in his line).
The admin is a coaching coordinator (org admins hold every people function), and so is
the agent: tests/people/url_guard.py grants him the function in the shared context.
The lead link (and the member, for the coordinator's pages) stay the outsiders; the
outsiders' 404 for every persona is also in tests/coaching/test_confidentiality.py."""

from cercles.coaching import services
from tests.factories import PersonFactory
from tests.guard import API_POST_ONLY, API_READ, LOGIN, admins, logged_in

PAIR_SEES = {"anonymous": LOGIN, "agent": 200, "member": 200, "lead_link": 404, "admin": 200}
COORDINATORS = {**admins(), "agent": 200}
API_PAIR_SEES = {**PAIR_SEES, "anonymous": 401}


def _request(ctx):
    return {"pk": ctx["coaching_request"].pk}


def _match(ctx):
    return {"pk": ctx["coaching_match"].pk}


def _round(ctx):
    return {"pk": ctx["coaching_round"].pk}


def _coach(ctx):
    return {"pk": ctx["coaching_coach"].pk}


EXPECTED = {
    "coaching:home": (None, logged_in()),
    "coaching:request_list": (None, logged_in()),
    "coaching:request_create": (None, logged_in()),
    "coaching:request_detail": (_request, PAIR_SEES),
    "coaching:request_withdraw": (_request, logged_in(405)),
    "coaching:coach_list": (None, logged_in()),
    "coaching:coach_edit": (None, logged_in()),
    "coaching:match_detail": (_match, PAIR_SEES),
    "coaching:match_accept": (_match, logged_in(405)),
    "coaching:match_decline": (_match, logged_in(405)),
    "coaching:match_close": (_match, logged_in(405)),
    "coaching:match_drop": (_match, logged_in(405)),
    "coaching:match_replace": (_match, logged_in(405)),
    "coaching:coordination": (None, COORDINATORS),
    "coaching:round_run": (None, logged_in(405)),
    "coaching:round_detail": (_round, COORDINATORS),
    "coaching:round_publish": (_round, logged_in(405)),
    "v1:coaching-coach-list": (None, API_READ),
    "v1:coaching-coach-detail": (_coach, API_READ),
    "v1:coaching-coach-me": (
        None,
        {"anonymous": 401, "agent": 404, "member": 404, "lead_link": 200, "admin": 404},
    ),
    "v1:coaching-request-list": (None, API_READ),
    "v1:coaching-request-detail": (_request, API_PAIR_SEES),
    "v1:coaching-request-withdraw": (_request, API_POST_ONLY),
    "v1:coaching-match-list": (None, API_READ),
    "v1:coaching-match-detail": (_match, API_PAIR_SEES),
    "v1:coaching-match-accept": (_match, API_POST_ONLY),
    "v1:coaching-match-decline": (_match, API_POST_ONLY),
    "v1:coaching-match-close": (_match, API_POST_ONLY),
    "v1:coaching-match-drop": (_match, API_POST_ONLY),
    "v1:coaching-match-replace": (_match, API_POST_ONLY),
    "v1:coaching-round-list": (None, API_READ),
    "v1:coaching-round-detail": (
        _round,
        {"anonymous": 401, "agent": 200, "member": 404, "lead_link": 404, "admin": 200},
    ),
    "v1:coaching-round-publish": (_round, API_POST_ONLY),
}


def context(*, org, admin, agent, member, lead_link) -> dict:
    coach = services.coach_save(
        person=PersonFactory(first_name="Paul", last_name="Coach"), formats=["coaching"]
    )
    services.coach_save(person=lead_link, formats=["mentoring"])
    request = services.request_create(by=member, need="Prendre la parole en réunion.")
    matching_round = services.round_run(by=admin)
    services.round_publish(matching_round=matching_round, by=admin)
    match = matching_round.matches.get()
    assert match.coach == coach
    services.match_accept(match=match, by=member)
    services.match_accept(match=match, by=coach.person)
    return {
        "coaching_coach": coach,
        "coaching_request": request,
        "coaching_match": match,
        "coaching_round": matching_round,
    }
