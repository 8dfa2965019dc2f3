"""Who may do what in the competencies module.

- Everyone logged in reads the framework (families and competencies); HR
  (`people.functions.is_hr`, admins included) create, edit, archive and import.
- HR create and edit campaigns and read their aggregates (never a person's answers).
- A self-assessment is its author's. He shares a submitted one (or all of them) with
  chosen people and revokes; nobody else reads it, whatever his function: not HR,
  not an admin, not his lead link. A peer's answer is read like the assessment.
- A colleague asked for feedback answers or declines his own request.
- What a person chose to show on his profile (public competencies) is read by all.
"""

from cercles.people.functions import is_hr

from .models import Assessment, AssessmentCampaign, Competency, FeedbackStatus, PeerFeedback


def _logged_in(user) -> bool:
    return bool(user and user.is_authenticated)


def can_manage_framework(user) -> bool:
    return is_hr(user)


def competency_abilities(user, competency: Competency) -> dict[str, bool]:
    hr = is_hr(user)
    live = competency.archived_at is None
    return {
        "view": _logged_in(user),
        "update": hr and live,
        "archive": hr and live,
        "unarchive": hr and not live,
    }


def can_manage_campaigns(user) -> bool:
    return is_hr(user)


def campaign_abilities(user, campaign: AssessmentCampaign) -> dict[str, bool]:
    hr = is_hr(user)
    return {
        "view": _logged_in(user),
        "update": hr and campaign.archived_at is None,
        "results": hr,
    }


def assessment_abilities(user, assessment: Assessment) -> dict[str, bool]:
    """`view` assumes the assessment came through Assessment.objects.visible_to(user)."""
    mine = _logged_in(user) and assessment.person_id == user.pk
    return {
        "view": _logged_in(user),
        "update": mine and not assessment.is_submitted and assessment.campaign.is_open(),
        "share": mine and assessment.is_submitted,
        "ask_feedback": mine,
    }


def feedback_abilities(user, feedback: PeerFeedback) -> dict[str, bool]:
    reviewer = _logged_in(user) and feedback.reviewer_id == user.pk
    pending = feedback.status == FeedbackStatus.PENDING
    return {"answer": reviewer and pending, "decline": reviewer and pending}
