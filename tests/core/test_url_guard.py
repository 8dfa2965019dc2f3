"""Guard: every URL of the project answers each persona as its table says.

The test walks the URL resolver. A view added without an entry in EXPECTED fails
`test_every_url_has_an_entry`, so nobody ships a page whose permissions were never
checked. Only GET is exercised here; each view's own tests cover its writes.
"""

import importlib
import importlib.util

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from cercles.accounts.tokens import api_token_create
from cercles.organisation import services
from tests.conftest import core_role
from tests.guard import (
    API_POST_ONLY,
    API_READ,
    LOGIN,
    PERSONAS,
    SKIPPED_NAMESPACES,
    admins,
    everyone,
    logged_in,
    managers,
)


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


def election(ctx):
    return {"pk": ctx["election"].pk}


def kpage(ctx):
    return {"slug": ctx["kpage"].slug}


def time_eater(ctx):
    return {"slug": ctx["time_eater"].slug}


def consultation(ctx):
    return {"pk": ctx["consultation"].pk}


def poll(ctx):
    return {"pk": ctx["poll"].pk}


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
    # Elections (Ressources humaines' secretary, at the objection round: the member is
    # the candidate, the lead link objects; everyone logged in reads an election)
    "elections:circle_elections": (circle, logged_in()),
    "elections:election_create": (circle, managers()),
    "elections:election_create_for_meeting": (meeting, {**CIRCLE_SEES, "member": 403}),
    "elections:election_detail": (election, logged_in()),
    "elections:election_update": (election, logged_in(403)),  # past the proposal
    "elections:election_open": (election, logged_in(405)),
    "elections:election_nominate": (election, logged_in(405)),
    "elections:election_reveal": (election, logged_in(405)),
    "elections:election_propose": (election, managers()),
    "elections:election_answer": (election, logged_in(405)),
    "elections:election_confirm": (election, logged_in(405)),
    "elections:election_cancel": (election, managers()),
    "elections:election_take_over": (election, logged_in(405)),
    "elections:objection_resolve": (lambda ctx: {"pk": ctx["election_objection"].pk}, managers()),
    "v1:election-list": (None, API_READ),
    "v1:election-detail": (election, API_READ),
    "v1:election-nominate": (election, API_POST_ONLY),
    "v1:election-object": (election, API_POST_ONLY),
    # Meetings' follow-up (the RH meeting is planned: nobody rates it, no minutes yet; the
    # lead link organises it; `held_meeting` is closed and rated by the member)
    "meetings:tension_create": (
        meeting,
        {**CIRCLE_SEES, "member": 403, "lead_link": 403, "admin": 403},  # not live
    ),
    "meetings:checklist_item_change": (
        lambda ctx: {"pk": ctx["checklist_item"].pk},
        logged_in(405),
    ),
    "meetings:action_create": (meeting, {**CIRCLE_SEES, "member": 403}),
    "meetings:my_actions": (None, logged_in()),
    "meetings:action_update": (
        lambda ctx: {"pk": ctx["meeting_action"].pk},
        {**CIRCLE_SEES, "member": 403},
    ),
    "meetings:action_done": (lambda ctx: {"pk": ctx["meeting_action"].pk}, logged_in(405)),
    "meetings:action_delete": (lambda ctx: {"pk": ctx["meeting_action"].pk}, logged_in(405)),
    "meetings:rating": (
        meeting,
        {**CIRCLE_SEES, "member": 403, "lead_link": 403, "admin": 403},
    ),
    "meetings:minutes_detail": (meeting, {**CIRCLE_SEES, "member": 404}),
    "meetings:minutes_edit": (  # no minutes yet: on to generating them
        meeting,
        {**CIRCLE_SEES, "member": 404, "lead_link": 302, "admin": 302},
    ),
    "meetings:minutes_generate": (meeting, {**CIRCLE_SEES, "member": 404}),
    "meetings:minutes_publish": (meeting, logged_in(405)),
    "meetings:minutes_markdown": (
        meeting,
        {**CIRCLE_SEES, "member": 404, "lead_link": 403, "admin": 403},
    ),
    "meetings:minutes_pdf": (
        meeting,
        {**CIRCLE_SEES, "member": 404, "lead_link": 403, "admin": 403},
    ),
    "meetings:meeting_ics": (meeting, CIRCLE_SEES),
    "meetings:my_meetings": (None, logged_in()),
    "meetings:calendar_feed_manage": (None, logged_in(405)),
    "meetings:calendar_feed": (  # no login: the secret key is the access
        lambda ctx: {"key": ctx["feed_key"]},
        everyone(200),
    ),
    "meetings:template_list": (None, admins()),
    "meetings:template_create": (None, admins()),
    "meetings:template_update": (lambda ctx: {"pk": ctx["meeting_template"].pk}, admins()),
    "v1:meeting-ratings": (meeting, {**API_READ, "agent": 404}),
    "v1:meeting-action-list": (None, API_READ),
    "v1:meeting-action-detail": (
        lambda ctx: {"pk": ctx["meeting_action"].pk},
        {**API_READ, "agent": 404},
    ),
    "v1:meeting-action-done": (lambda ctx: {"pk": ctx["meeting_action"].pk}, API_POST_ONLY),
    "v1:meeting-rating-list": (None, API_READ),
    "v1:meeting-rating-detail": (  # one's own ratings only
        lambda ctx: {"pk": ctx["meeting_rating"].pk},
        {**logged_in(404, anonymous=401), "member": 200},
    ),
    # Decisions (Ressources humaines): the member's proposal waiting for the meeting, his
    # IDM proposal in its objection round (a question and an objection of the lead link),
    # his governance draft, and an adopted decision with his dissent note.
    "decisions:proposal_create": (circle, {**logged_in(), "agent": 403}),
    "decisions:circle_decisions": (circle, logged_in()),
    "decisions:proposal_detail": (lambda ctx: {"pk": ctx["proposal"].pk}, CIRCLE_SEES),
    "decisions:proposal_update": (
        lambda ctx: {"pk": ctx["proposal"].pk},
        {**CIRCLE_SEES, "lead_link": 403, "admin": 403},
    ),
    "decisions:proposal_submit": (lambda ctx: {"pk": ctx["proposal"].pk}, logged_in(405)),
    "decisions:proposal_consult": (lambda ctx: {"pk": ctx["proposal"].pk}, CIRCLE_SEES),
    "decisions:proposal_start": (lambda ctx: {"pk": ctx["proposal"].pk}, logged_in(405)),
    "decisions:proposal_step": (lambda ctx: {"pk": ctx["proposal"].pk}, logged_in(405)),
    "decisions:proposal_react": (lambda ctx: {"pk": ctx["proposal"].pk}, logged_in(405)),
    "decisions:question_create": (lambda ctx: {"pk": ctx["proposal"].pk}, logged_in(405)),
    "decisions:question_answer": (lambda ctx: {"pk": ctx["question"].pk}, logged_in(405)),
    "decisions:proposal_amend": (
        lambda ctx: {"pk": ctx["proposal"].pk},
        {**CIRCLE_SEES, "member": 403, "lead_link": 403, "admin": 403},
    ),
    "decisions:objection_create": (lambda ctx: {"pk": ctx["proposal"].pk}, logged_in(405)),
    "decisions:objection_test": (
        lambda ctx: {"pk": ctx["objection"].pk},
        {**CIRCLE_SEES, "member": 403},
    ),
    "decisions:objection_withdraw": (lambda ctx: {"pk": ctx["objection"].pk}, logged_in(405)),
    "decisions:meeting_request": (lambda ctx: {"pk": ctx["proposal"].pk}, logged_in(405)),
    "decisions:proposal_outcome": (lambda ctx: {"pk": ctx["proposal"].pk}, logged_in(405)),
    "decisions:change_create": (
        lambda ctx: {"pk": ctx["governance_draft"].pk},
        {"anonymous": LOGIN, "agent": 404, "member": 200, "lead_link": 404, "admin": 403},
    ),
    "decisions:change_delete": (lambda ctx: {"pk": ctx["change"].pk}, logged_in(405)),
    "decisions:decision_detail": (lambda ctx: {"pk": ctx["decision"].pk}, CIRCLE_SEES),
    "decisions:dissent_note": (
        lambda ctx: {"pk": ctx["decision"].pk},
        {**CIRCLE_SEES, "admin": 403},  # the admin reads it, took no part
    ),
    "v1:proposal-list": (None, API_READ),
    "v1:proposal-detail": (lambda ctx: {"pk": ctx["proposal"].pk}, {**API_READ, "agent": 404}),
    "v1:decision-list": (None, API_READ),
    "v1:decision-detail": (lambda ctx: {"pk": ctx["decision"].pk}, {**API_READ, "agent": 404}),
    "v1:objection-list": (None, API_READ),
    "v1:objection-detail": (
        lambda ctx: {"pk": ctx["objection"].pk},
        {**API_READ, "agent": 404},
    ),
    "v1:dissent-note-list": (None, API_READ),
    "v1:dissent-note-detail": (
        lambda ctx: {"pk": ctx["dissent_note"].pk},
        {**API_READ, "agent": 404},
    ),
    # Polls: a ranked poll of Ressources humaines made by the admin (the member and the
    # lead link are its electors; the member voted; results always shown).
    "polls:circle_polls": (circle, logged_in()),
    "polls:poll_create": (circle, {**logged_in(), "agent": 403}),
    "polls:meeting_poll_create": (meeting, CIRCLE_SEES),
    "polls:poll_detail": (poll, CIRCLE_SEES),
    "polls:poll_update": (poll, {**CIRCLE_SEES, "member": 403}),
    "polls:poll_results": (poll, CIRCLE_SEES),
    "polls:poll_results_csv": (poll, CIRCLE_SEES),
    "polls:poll_open": (poll, logged_in(405)),
    "polls:poll_close": (poll, {**CIRCLE_SEES, "member": 403}),
    "polls:poll_conclude": (  # still open: nothing to conclude
        poll,
        {**CIRCLE_SEES, "member": 403, "lead_link": 403, "admin": 403},
    ),
    "polls:poll_delete": (  # someone voted: no deleting
        poll,
        {**CIRCLE_SEES, "member": 403, "lead_link": 403, "admin": 403},
    ),
    "polls:poll_electorate": (poll, logged_in(405)),
    "v1:poll-list": (None, API_READ),
    "v1:poll-detail": (poll, {**API_READ, "agent": 404}),
    "v1:poll-vote": (poll, API_POST_ONLY),
    "v1:poll-results": (poll, {**API_READ, "agent": 404}),
    # Opinion map: a consultation of Ressources humaines for its members, launched by the
    # admin (members take part; the lead link organises it as he manages the circle).
    "opinions:circle_consultations": (circle, logged_in()),
    "opinions:consultation_create": (circle, {**logged_in(), "agent": 403}),
    "opinions:consultation_detail": (consultation, CIRCLE_SEES),
    "opinions:consultation_update": (consultation, {**CIRCLE_SEES, "member": 403}),
    "opinions:consultation_close": (consultation, logged_in(405)),
    "opinions:consultation_reopen": (consultation, logged_in(405)),
    "opinions:vote": (consultation, logged_in(405)),
    "opinions:statement_create": (consultation, logged_in(405)),
    "opinions:resume": (consultation, logged_in(405)),
    "opinions:consultation_map": (consultation, CIRCLE_SEES),
    "opinions:moderation": (consultation, {**CIRCLE_SEES, "member": 403}),
    "opinions:statement_moderate": (lambda ctx: {"pk": ctx["statement"].pk}, logged_in(405)),
    "v1:consultation-list": (None, API_READ),
    "v1:consultation-detail": (consultation, {**API_READ, "agent": 404}),
    "v1:consultation-statements": (consultation, {**API_READ, "agent": 404}),
    "v1:consultation-next-statement": (consultation, {**API_READ, "agent": 404}),
    "v1:consultation-analysis": (consultation, {**API_READ, "agent": 404}),
    "v1:consultation-participate": (consultation, API_POST_ONLY),
    "v1:consultation-vote": (consultation, API_POST_ONLY),
    # Knowledge: a page of Ressources humaines, restricted to it and protected; a time
    # eater and a proposed remedy of the member.
    "knowledge:home": (None, logged_in()),
    "knowledge:page_create": (None, logged_in()),
    "knowledge:page_detail": (kpage, CIRCLE_SEES),
    "knowledge:page_update": (kpage, {**CIRCLE_SEES, "member": 403}),
    "knowledge:page_settings": (kpage, {**CIRCLE_SEES, "member": 403}),
    "knowledge:page_history": (kpage, CIRCLE_SEES),
    "knowledge:revision_detail": (lambda ctx: {**kpage(ctx), "number": 1}, CIRCLE_SEES),
    "knowledge:page_restore": (lambda ctx: {**kpage(ctx), "number": 1}, logged_in(405)),
    "knowledge:page_diff": (kpage, CIRCLE_SEES),
    "knowledge:page_archive": (kpage, logged_in(405)),
    "knowledge:page_unarchive": (kpage, logged_in(405)),
    "knowledge:page_delete": (kpage, {**CIRCLE_SEES, "member": 403, "lead_link": 403}),
    "knowledge:time_eater_list": (None, logged_in()),
    "knowledge:time_eater_create": (None, logged_in()),
    "knowledge:time_eater_detail": (time_eater, logged_in()),
    "knowledge:time_eater_update": (
        time_eater,
        {"anonymous": LOGIN, "agent": 403, "member": 200, "lead_link": 403, "admin": 200},
    ),
    "knowledge:time_eater_concern": (time_eater, logged_in(405)),
    "knowledge:time_eater_unconcern": (time_eater, logged_in(405)),
    "knowledge:remedy_propose": (time_eater, logged_in(405)),
    "knowledge:time_eater_archive": (time_eater, logged_in(405)),
    "knowledge:time_eater_unarchive": (time_eater, logged_in(405)),
    "knowledge:remedy_delete": (lambda ctx: {"pk": ctx["remedy"].pk}, logged_in(405)),
    "knowledge:remedy_adopt": (lambda ctx: {"pk": ctx["remedy"].pk}, logged_in(405)),
    "v1:knowledge-page-list": (None, API_READ),
    "v1:knowledge-page-detail": (lambda ctx: {"pk": ctx["kpage"].pk}, {**API_READ, "agent": 404}),
    "v1:knowledge-page-revisions": (
        lambda ctx: {"pk": ctx["kpage"].pk},
        {**API_READ, "agent": 404},
    ),
    "v1:knowledge-time-eater-list": (None, API_READ),
    "v1:knowledge-time-eater-detail": (lambda ctx: {"pk": ctx["time_eater"].pk}, API_READ),
}


# Apps that keep their part of the table beside their tests (see tests/guard.py).
APP_GUARDS = [
    importlib.import_module(f"tests.{app}.url_guard")
    for app in ("people", "competencies", "coaching", "missions", "trainings", "onboarding")
    if importlib.util.find_spec(f"tests.{app}.url_guard") is not None
]
for _guard in APP_GUARDS:
    assert not set(_guard.EXPECTED) & set(EXPECTED), _guard.__name__
    EXPECTED.update(_guard.EXPECTED)


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
        **(meetings := _meetings_ctx(org, admin)),
        **_meetings_followup_ctx(org, admin, member, meetings["meeting"]),
        **_decisions_ctx(org, admin, member, lead_link, meetings["meeting"]),
        **_opinions_ctx(org, admin),
        **_knowledge_ctx(org, admin, member),
        **_polls_ctx(org, admin, member),
        **_elections_ctx(org, admin, member, lead_link),
        **{
            key: value
            for guard in APP_GUARDS
            for key, value in guard.context(
                org=org, admin=admin, agent=agent, member=member, lead_link=lead_link
            ).items()
        },
    }


def _elections_ctx(org, admin, member, lead_link):
    from cercles.elections import services as election_services
    from tests.conftest import core_role

    election = election_services.election_create(
        by=admin, circle=org["rh"], role=core_role(org["rh"], "secretary")
    )
    election_services.election_open(election=election, by=admin)
    for person in (member, lead_link):
        election_services.nominate(election=election, by=person, candidate=member)
    election_services.election_reveal(election=election, by=admin)
    election_services.election_propose(
        election=election, by=admin, candidate=member, reason="Nommé deux fois."
    )
    objection = election_services.election_answer(
        election=election, by=lead_link, objection=True, reason="Déjà très pris."
    )
    return {"election": election, "election_objection": objection}


def _polls_ctx(org, admin, member):
    from cercles.polls import services as poll_services

    poll = poll_services.poll_create(
        by=admin,
        circle=org["rh"],
        kind="ranked",
        question="Quel jour pour le séminaire ?",
        ranking_method="irv",
        results_visibility="always",
        options=[{"label": "Mardi"}, {"label": "Jeudi"}],
    )
    first = poll.options.first()
    poll_services.poll_vote(poll=poll, person=member, answer={"ranking": [first.pk]})
    return {"poll": poll}


def _knowledge_ctx(org, admin, member):
    from cercles.knowledge import services as knowledge_services

    page = knowledge_services.page_create(
        by=admin,
        title="Charte des réunions",
        body="Démarrer à l'heure.",
        kind="charter",
        circle=org["rh"],
        restricted=True,
        protected=True,
    )
    eater = knowledge_services.time_eater_create(
        by=member, name="Réunions sans ordre du jour", description="On vient sans savoir."
    )
    remedy = knowledge_services.remedy_propose(time_eater=eater, author=member, body="Annuler.")
    return {"kpage": page, "time_eater": eater, "remedy": remedy}


def _meetings_ctx(org, admin):
    from cercles.meetings import services as meeting_services

    meeting = meeting_services.meeting_create(
        by=admin, circle=org["rh"], title="Réunion tactique", starts_at=timezone.now()
    )
    item = meeting_services.agenda_item_create(meeting=meeting, by=admin, title="Météo")
    return {"meeting": meeting, "agenda_item": item}


def _meetings_followup_ctx(org, admin, member, meeting):
    from cercles.meetings import services as meeting_services

    template = meeting_services.template_save(
        by=admin,
        name="Tactique de la garde",
        kind="tactical",
        agenda="Météo | 5\nTriage des tensions | 20 | triage",
        checklist="Salle prête",
    )
    held = meeting_services.meeting_create(
        by=admin,
        circle=org["rh"],
        title="Tactique tenue",
        starts_at=timezone.now(),
        template=template,
    )
    meeting_services.participant_set_present(meeting=held, person=member, present=True, by=admin)
    held = meeting_services.meeting_close(meeting=held, by=admin)
    _feed, feed_key = meeting_services.calendar_feed_create(person=member)
    return {
        "checklist_item": held.checklist_items.first(),
        "meeting_template": template,
        "meeting_action": meeting_services.action_create(
            meeting=meeting, by=admin, title="Réserver la salle"
        ),
        "meeting_rating": meeting_services.rating_save(
            meeting=held, person=member, score=4, voice="yes"
        ),
        "feed_key": feed_key,
    }


def _decisions_ctx(org, admin, member, lead_link, meeting):
    from cercles.decisions import services as decision_services

    def propose(title, **fields):
        return decision_services.proposal_create(
            by=member, circle=org["rh"], title=title, tension="T", text="P", **fields
        )

    proposal = propose("Accueil le lundi", meeting=meeting, submit=True)
    objected = propose("Astreinte", meeting=meeting, process="idm", submit=True)
    objected = decision_services.proposal_start(proposal=objected, by=admin)
    objected = decision_services.proposal_step(proposal=objected, by=admin, to="clarifying")
    question = decision_services.question_ask(proposal=objected, by=lead_link, text="Qui ?")
    for step in ("reactions", "amend", "objections"):
        objected = decision_services.proposal_step(proposal=objected, by=admin, to=step)
    objection = decision_services.objection_raise(proposal=objected, by=lead_link, reason="R")
    draft = propose("Rôle d'accueil", kind="governance")
    change = decision_services.change_add(
        proposal=draft, by=member, kind="role_create", name="Référent accueil"
    )
    decided = propose("Tableau des congés", meeting=meeting, submit=True)
    decided = decision_services.proposal_start(proposal=decided, by=admin)
    for step in ("reactions", "objections"):
        decided = decision_services.proposal_step(proposal=decided, by=admin, to=step)
    decision = decision_services.proposal_adopt(proposal=decided, by=admin)
    note = decision_services.dissent_note_save(decision=decision, by=member, text="Réservé.")
    return {
        "proposal": proposal,
        "question": question,
        "objection": objection,
        "governance_draft": draft,
        "change": change,
        "decision": decision,
        "dissent_note": note,
    }


def _opinions_ctx(org, admin):
    from cercles.opinions import services as opinion_services

    consultation = opinion_services.consultation_create(
        by=admin,
        circle=org["rh"],
        question="Quels horaires pour l'accueil ?",
        results_visibility="always",
        seeds=["Ouvrir plus tôt."],
    )
    return {"consultation": consultation, "statement": consultation.statements.get()}


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
