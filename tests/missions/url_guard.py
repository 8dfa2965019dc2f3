"""The missions' part of the URL guard (tests/core/test_url_guard.py).

An open mission of Ressources humaines, posted by the admin; the member applied to it
(pending). The lead link manages Ressources humaines: he runs the mission and sees the
application; the agent sees the mission, not the application.
"""

import datetime

from django.utils import timezone

from tests.guard import API_POST_ONLY, API_READ, LOGIN, logged_in, managers


def mission(ctx):
    return {"pk": ctx["missions_mission"].pk}


def application(ctx):
    return {"pk": ctx["missions_application"].pk}


# The applicant, the managers of the mission's circle and admins; outsiders get a 404.
SEES_APPLICATION = {"anonymous": LOGIN, "agent": 404, "member": 200, "lead_link": 200, "admin": 200}

EXPECTED = {
    "missions:marketplace": (None, logged_in()),
    "missions:my_applications": (None, logged_in()),
    "missions:mission_create": (lambda ctx: {"pk": ctx["org"]["rh"].pk}, managers()),
    "missions:mission_detail": (mission, logged_in()),
    "missions:mission_update": (mission, managers()),
    "missions:mission_publish": (mission, logged_in(405)),
    "missions:mission_close": (mission, managers()),
    "missions:mission_apply": (mission, {**logged_in(), "member": 403}),  # he has applied
    "missions:mission_applications": (mission, managers()),
    "missions:application_detail": (application, SEES_APPLICATION),
    "missions:application_withdraw": (application, logged_in(405)),
    "missions:application_select": (application, logged_in(405)),
    "missions:application_decline": (application, {**SEES_APPLICATION, "member": 403}),
    "missions:application_accept": (application, logged_in(405)),
    "missions:application_answer": (application, logged_in(405)),
    "missions:application_message": (application, logged_in(405)),
    "v1:mission-list": (None, API_READ),
    "v1:mission-detail": (mission, API_READ),
    "v1:mission-publish": (mission, API_POST_ONLY),
    "v1:mission-close": (mission, API_POST_ONLY),
    "v1:mission-apply": (mission, API_POST_ONLY),
    "v1:mission-application-list": (None, API_READ),
    "v1:mission-application-detail": (application, {**API_READ, "agent": 404}),
    "v1:mission-application-withdraw": (application, API_POST_ONLY),
    "v1:mission-application-select": (application, API_POST_ONLY),
    "v1:mission-application-decline": (application, API_POST_ONLY),
    "v1:mission-application-accept": (application, API_POST_ONLY),
    "v1:mission-application-answer": (application, API_POST_ONLY),
}


def context(*, org, admin, agent, member, lead_link) -> dict:
    from cercles.missions import services

    today = timezone.localdate()
    posted = services.mission_create(
        by=admin,
        circle=org["rh"],
        title="Renfort paie",
        share=20,
        start_date=today + datetime.timedelta(days=10),
        end_date=today + datetime.timedelta(days=100),
        new_role_name="Renfort paie",
        publish=True,
    )
    applied, _warning = services.application_create(
        mission=posted, person=member, message="Je connais la paie."
    )
    return {"missions_mission": posted, "missions_application": applied}
