"""The competencies part of the URL guard (tests/core/test_url_guard.py).

Admins count as HR. The member validated a private self-assessment in an open campaign
for everyone and shared it with the lead link only; he asked the agent for feedback.
"""

import datetime

from django.utils import timezone

from tests.guard import API_READ, LOGIN, admins, logged_in


def competency(ctx):
    return {"pk": ctx["competencies_competency"].pk}


def family(ctx):
    return {"pk": ctx["competencies_competency"].family_id}


def campaign(ctx):
    return {"pk": ctx["competencies_campaign"].pk}


def assessment(ctx):
    return {"pk": ctx["competencies_assessment"].pk}


# The member (author) and the lead link (shared with him): nobody else, not even admins.
SHARED = {"anonymous": LOGIN, "agent": 404, "member": 200, "lead_link": 200, "admin": 404}

EXPECTED = {
    "competencies:framework": (None, logged_in()),
    "competencies:competency_create": (None, admins()),
    "competencies:competency_detail": (competency, logged_in()),
    "competencies:competency_update": (competency, admins()),
    "competencies:competency_archive": (competency, logged_in(405)),
    "competencies:competency_unarchive": (competency, logged_in(405)),
    "competencies:family_create": (None, admins()),
    "competencies:family_update": (family, admins()),
    "competencies:import": (None, admins()),
    "competencies:campaign_list": (None, logged_in()),
    "competencies:campaign_create": (None, admins()),
    "competencies:campaign_detail": (campaign, logged_in()),
    "competencies:campaign_update": (campaign, admins()),
    "competencies:campaign_results": (campaign, admins()),
    "competencies:campaign_results_csv": (campaign, admins()),
    "competencies:assessment_edit": (  # the member has validated his: sent to it
        campaign,
        {**logged_in(), "member": 302},
    ),
    "competencies:my_assessments": (None, logged_in()),
    "competencies:shared_with_me": (None, logged_in()),
    "competencies:assessment_detail": (assessment, SHARED),
    "competencies:assessment_share": (assessment, logged_in(405)),
    "competencies:feedback_request": (assessment, logged_in(405)),
    "competencies:share_revoke": (lambda ctx: {"pk": ctx["competencies_share"].pk}, logged_in(405)),
    "competencies:feedback_answer": (  # asked of the agent only
        lambda ctx: {"pk": ctx["competencies_feedback"].pk},
        {"anonymous": LOGIN, "agent": 200, "member": 404, "lead_link": 404, "admin": 404},
    ),
    "competencies:feedback_decline": (
        lambda ctx: {"pk": ctx["competencies_feedback"].pk},
        logged_in(405),
    ),
    "competencies:public_competencies": (None, logged_in()),
    "competencies:directory": (None, logged_in()),
    "v1:competency-family-list": (None, API_READ),
    "v1:competency-family-detail": (family, API_READ),
    "v1:competency-list": (None, API_READ),
    "v1:competency-detail": (competency, API_READ),
    "v1:competency-campaign-list": (None, API_READ),
    "v1:competency-campaign-detail": (campaign, API_READ),
    "v1:competency-assessment-list": (None, API_READ),
    "v1:competency-assessment-detail": (
        assessment,
        {"anonymous": 401, "agent": 404, "member": 200, "lead_link": 200, "admin": 404},
    ),
}


def context(*, org, admin, agent, member, lead_link) -> dict:
    from cercles.competencies import services

    family_ = services.family_create(by=admin, name="Relation aux usagers")
    competency_ = services.competency_create(by=admin, family=family_, name="Accueil du public")
    today = timezone.localdate()
    campaign_ = services.campaign_create(
        by=admin,
        name="Auto-évaluation",
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=10),
        competencies=[competency_],
    )
    assessment_ = services.assessment_start(campaign=campaign_, person=member)
    services.assessment_save(
        assessment=assessment_, by=member, ratings={competency_.pk: (3, "")}, submit=True
    )
    share = services.share_create(owner=member, viewer=lead_link, assessment=assessment_)
    [feedback] = services.feedback_request(assessment=assessment_, by=member, reviewers=[agent])
    return {
        "competencies_competency": competency_,
        "competencies_campaign": campaign_,
        "competencies_assessment": assessment_,
        "competencies_share": share,
        "competencies_feedback": feedback,
    }
