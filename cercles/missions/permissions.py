"""Who may do what on missions and applications.

- Everyone logged in reads the published missions and applies to an open one (before
  its deadline, once at a time); a draft is read by whoever manages its circle and by
  its author.
- Missions are posted, edited, published and closed by whoever manages the circle
  (its lead link or the lead link of a circle above, `organisation.permissions.manages`)
  and by admins.
- An application is read by the applicant, by whoever manages the mission's circle and
  by the applicant's lead links once they were informed of his selection; they, and
  only they, write in its discussion. The managers select or decline; the applicant
  withdraws, and confirms when selected. With CERCLES_MISSIONS_LEAD_LINK_VETO, the lead
  links informed agree or refuse before he may confirm.
"""

from django.conf import settings
from django.utils import timezone

from cercles.organisation.permissions import manages

from .models import (
    LIVE_STATUSES,
    Application,
    ApplicationLeadLink,
    ApplicationStatus,
    LeadLinkOpinion,
    Mission,
    MissionStatus,
)

MISSION_ABILITIES = ("view", "update", "publish", "close", "apply", "manage_applications")
APPLICATION_ABILITIES = (
    "view",
    "withdraw",
    "select",
    "decline",
    "accept",
    "discuss",
    "answer",
    "manage",
)


def veto_enabled() -> bool:
    return bool(getattr(settings, "CERCLES_MISSIONS_LEAD_LINK_VETO", False))


def can_post(user, circle) -> bool:
    if not (user and user.is_authenticated) or circle.is_archived:
        return False
    return manages(user, circle.pk)


def _live_application(user, mission: Mission) -> bool:
    """Whether the user has a live application to the mission: from the annotation of
    `with_mine`, else one query kept on the mission."""
    annotated = getattr(mission, "my_live", None)
    if annotated is not None:
        return bool(annotated)
    cache = mission.__dict__.setdefault("_cercles_live", {})
    if user.pk not in cache:
        cache[user.pk] = Application.objects.filter(
            mission_id=mission.pk, person=user, status__in=LIVE_STATUSES
        ).exists()
    return cache[user.pk]


def mission_abilities(user, mission: Mission) -> dict[str, bool]:
    if not (user and user.is_authenticated):
        return dict.fromkeys(MISSION_ABILITIES, False)
    run = manages(user, mission.circle_id)
    view = run or mission.status != MissionStatus.DRAFT or mission.created_by_id == user.pk
    accepting = mission.status == MissionStatus.OPEN and (
        mission.deadline is None or mission.deadline >= timezone.localdate()
    )
    return {
        "view": view,
        "update": run and mission.status in (MissionStatus.DRAFT, MissionStatus.OPEN),
        "publish": run and mission.status == MissionStatus.DRAFT,
        "close": run and mission.status == MissionStatus.OPEN,
        "apply": accepting and not _live_application(user, mission),
        "manage_applications": run and mission.status != MissionStatus.DRAFT,
    }


def _informed(user, application: Application) -> ApplicationLeadLink | None:
    """The user's row among the lead links informed (prefetched `lead_links` when there)."""
    return next((row for row in application.lead_links.all() if row.person_id == user.pk), None)


def lead_links_agree(application: Application) -> bool:
    """With the veto setting, every lead link informed has agreed (always true without)."""
    if not veto_enabled():
        return True
    return all(row.opinion == LeadLinkOpinion.AGREED for row in application.lead_links.all())


def application_abilities(user, application: Application) -> dict[str, bool]:
    if not (user and user.is_authenticated):
        return dict.fromkeys(APPLICATION_ABILITIES, False)
    mission = application.mission
    is_applicant = application.person_id == user.pk
    run = manages(user, mission.circle_id)
    informed = _informed(user, application)
    status = application.status
    mission_open = mission.status == MissionStatus.OPEN
    live = application.is_live
    return {
        "view": is_applicant or run or informed is not None,
        "manage": run,
        "withdraw": is_applicant
        and status in (ApplicationStatus.PENDING, ApplicationStatus.SELECTED),
        "select": run and mission_open and status == ApplicationStatus.PENDING,
        "decline": run
        and status in (ApplicationStatus.PENDING, ApplicationStatus.SELECTED)
        and mission.status != MissionStatus.DRAFT,
        "accept": is_applicant
        and status == ApplicationStatus.SELECTED
        and lead_links_agree(application),
        "discuss": live and (is_applicant or run or informed is not None),
        "answer": veto_enabled()
        and informed is not None
        and informed.opinion == LeadLinkOpinion.INFORMED
        and status == ApplicationStatus.SELECTED,
    }
