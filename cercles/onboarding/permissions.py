"""Who may do what in onboarding.

- HR (`people.functions.is_hr`, admins included) see and run every onboarding and
  alone write the plan templates.
- Whoever manages a circle (its lead link or one above, `organisation.permissions.
  manages`) creates onboardings for it and runs them.
- An onboarding is seen by its newcomer, his buddy, his lead link, its HR contact, its
  author, the assignees of its tasks, the managers of its circle and HR; to everyone
  else it does not exist (404).
- It is run (people changed, tasks reassigned, closed, reopened) by HR, its lead link,
  its HR contact, its author and the managers of its circle.
- A task is checked by its assignee or by those who run the onboarding, while the
  onboarding is open.

The per-user facts are read once and kept on the user object for the request.
"""

from cercles.organisation.permissions import _led_circle_ids, _parent_map, manages
from cercles.people.functions import is_hr

from .models import Onboarding, OnboardingTask


def managed_circle_ids(user) -> set[int]:
    """Circles the user manages (none for most people: one query, two for lead links)."""
    if not hasattr(user, "_cercles_onboarding_managed"):
        ids = set()
        if _led_circle_ids(user):
            ids = {c for c in _parent_map(user) if manages(user, c)}
        user._cercles_onboarding_managed = ids
    return user._cercles_onboarding_managed


def forget(user) -> None:
    if hasattr(user, "_cercles_onboarding_managed"):
        delattr(user, "_cercles_onboarding_managed")


def _logged_in(user) -> bool:
    return bool(user and user.is_authenticated)


def can_manage_templates(user) -> bool:
    return _logged_in(user) and is_hr(user)


def can_create_onboarding(user) -> bool:
    """HR, and anyone who manages a circle (for that circle)."""
    return _logged_in(user) and (is_hr(user) or bool(managed_circle_ids(user)))


def can_list_onboardings(user) -> bool:
    return can_create_onboarding(user)


def _runs(user, onboarding: Onboarding) -> bool:
    return (
        is_hr(user)
        or user.pk in (onboarding.lead_link_id, onboarding.hr_contact_id, onboarding.created_by_id)
        or (onboarding.circle_id is not None and onboarding.circle_id in managed_circle_ids(user))
    )


def _is_assignee(user, onboarding: Onboarding) -> bool:
    flag = getattr(onboarding, "is_assignee", None)
    if flag is None:
        flag = OnboardingTask.objects.filter(onboarding=onboarding, assignee=user).exists()
    return bool(flag)


ONBOARDING_ABILITIES = ("view", "update", "reassign", "close", "reopen")


def onboarding_abilities(user, onboarding: Onboarding) -> dict[str, bool]:
    if not _logged_in(user):
        return dict.fromkeys(ONBOARDING_ABILITIES, False)
    runs = _runs(user, onboarding)
    view = (
        runs
        or user.pk in (onboarding.newcomer_id, onboarding.buddy_id)
        or _is_assignee(user, onboarding)
    )
    live = not onboarding.is_closed
    return {
        "view": view,
        "update": runs and live,
        "reassign": runs and live,
        "close": runs and live,
        "reopen": runs and not live,
    }


def task_abilities(user, task: OnboardingTask, onboarding: Onboarding, runs: bool | None = None):
    """`runs`: whether the user runs the onboarding (its abilities' "update"), when
    already known for the page."""
    if not _logged_in(user) or onboarding.is_closed:
        return {"check": False, "reassign": False}
    if runs is None:
        runs = _runs(user, onboarding)
    return {
        "check": runs or task.assignee_id == user.pk,
        "reassign": runs and not task.is_done,
    }
