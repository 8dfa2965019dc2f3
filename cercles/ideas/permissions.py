"""Who may do what on campaigns, ideas and comments.

- Anyone logged in reads every campaign and every idea that is not a draft (ideas are
  answered in the open); a draft is read by its author alone.
- Anyone logged in posts an idea, supports one (not his own signed idea), comments,
  reports a comment, follows an idea.
- Answering (changing the state), merging and hiding comments belong to the
  moderators of the idea: the facilitators of its circle (or of its campaign's circle),
  the lead links of that circle or above (`organisation.permissions.manages`), and the
  organisation's admins.
- Campaigns are created and edited by admins, and by the facilitators and lead links
  of the circle for a campaign scoped to a circle.
- A campaign's themes are read by anyone logged in and managed (proposed, edited,
  turned into projects) by those who answer its ideas: the moderators of its circle.
- Anyone logged in proposes a project (and leads it), joins one that is not closed,
  and leaves one he does not lead. Its lead and the admins edit it, its milestones and
  its state, and hand the lead over. Turning it into a circle belongs to whoever may
  create a circle where it goes (`services.project_make_circle` checks the place).

The circles a user facilitates are read once and kept on the user object, like the
organisation's per-request facts, so checking a page of ideas costs no extra query.
"""

from django.utils import timezone

from cercles.organisation.models import Assignment, CircleKind, CoreRole
from cercles.organisation.permissions import _led_circle_ids, is_admin, manages

from .models import (
    SUPPORTABLE,
    TRANSITIONS,
    Campaign,
    Comment,
    Idea,
    IdeaStatus,
    Milestone,
    Project,
    ProjectMember,
)


def _facilitated_circle_ids(user) -> set[int]:
    if not hasattr(user, "_cercles_facilitated_ids"):
        user._cercles_facilitated_ids = set(
            Assignment.objects.current(timezone.localdate())
            .filter(
                person=user, role__core_role=CoreRole.FACILITATOR, role__archived_at__isnull=True
            )
            .values_list("role__circle_id", flat=True)
        )
    return user._cercles_facilitated_ids


def moderates_circle(user, circle_id: int | None) -> bool:
    """Admin, facilitator of this circle, or lead link of it or of a circle above."""
    if not (user and user.is_authenticated):
        return False
    if is_admin(user):
        return True
    if circle_id is None:
        return False
    return circle_id in _facilitated_circle_ids(user) or manages(user, circle_id)


def can_create_campaign(user, circle=None) -> bool:
    """A campaign for the whole organisation is the admins'; one for a circle is also its
    facilitators' and lead links'."""
    if circle is None:
        return is_admin(user)
    return moderates_circle(user, circle.pk)


def may_create_some_campaign(user) -> bool:
    """Whether to offer the "new campaign" link at all (admins, facilitators, lead links)."""
    if not (user and user.is_authenticated):
        return False
    if is_admin(user) or _facilitated_circle_ids(user):
        return True
    return bool(_led_circle_ids(user))


def campaign_abilities(user, campaign: Campaign) -> dict[str, bool]:
    authenticated = bool(user and user.is_authenticated)
    update = authenticated and moderates_circle(user, campaign.circle_id)
    return {
        "view": authenticated,
        "update": update,
        "post_idea": authenticated and campaign.is_open,
    }


def idea_abilities(user, idea: Idea) -> dict[str, bool]:
    authenticated = bool(user and user.is_authenticated)
    is_author = authenticated and idea.author_id is not None and idea.author_id == user.pk
    draft = idea.status == IdeaStatus.DRAFT
    view = authenticated and (not draft or is_author)
    published = view and not draft
    moderate = published and moderates_circle(user, idea.scope_circle_id)
    return {
        "view": view,
        # Signed ideas only (an anonymous one has no author to recognise), until the
        # first answer: after that, people answered what was written.
        "update": is_author
        and idea.status in (IdeaStatus.DRAFT, IdeaStatus.SUBMITTED)
        and idea.answered_at is None,
        "submit": is_author and draft,
        "support": published and not is_author and idea.status in SUPPORTABLE,
        "comment": published and idea.status != IdeaStatus.MERGED,
        "follow": published,
        "answer": moderate and bool(TRANSITIONS[idea.status] - {IdeaStatus.MERGED}),
        "merge": moderate and IdeaStatus.MERGED in TRANSITIONS[idea.status],
        "moderate": moderate,
    }


def comment_abilities(user, comment: Comment, idea_ab: dict | None = None) -> dict[str, bool]:
    """`idea_ab`: the idea's abilities, when already computed for the page."""
    if idea_ab is None:
        idea_ab = idea_abilities(user, comment.idea)
    own = bool(user and user.is_authenticated and comment.author_id == user.pk)
    return {
        "reply": idea_ab["comment"],
        "report": idea_ab["view"] and not own and not comment.is_hidden,
        "hide": idea_ab["moderate"] and not comment.is_hidden,
    }


# --- themes ------------------------------------------------------------------------


def themes_abilities(user, campaign: Campaign) -> dict[str, bool]:
    """On the themes of a campaign: who answers its ideas groups them."""
    authenticated = bool(user and user.is_authenticated)
    return {
        "view": authenticated,
        "manage": authenticated and moderates_circle(user, campaign.circle_id),
    }


# --- projects ----------------------------------------------------------------------


def _project_ids(user) -> set[int]:
    """The projects the user is a member of, read once per request."""
    if not hasattr(user, "_cercles_project_ids"):
        user._cercles_project_ids = set(
            ProjectMember.objects.filter(person=user)
            .order_by()
            .values_list("project_id", flat=True)
        )
    return user._cercles_project_ids


def forget_projects(user) -> None:
    """Drop the memberships kept on the user, after joining or leaving."""
    if hasattr(user, "_cercles_project_ids"):
        del user._cercles_project_ids


def may_create_some_circle(user) -> bool:
    return is_admin(user) or bool(_led_circle_ids(user))


def project_abilities(user, project: Project) -> dict[str, bool]:
    """`project.circle` should be loaded (the access helper and lists select it)."""
    authenticated = bool(user and user.is_authenticated)
    if not authenticated:
        return dict.fromkeys(("view", "update", "join", "leave", "hand_over", "make_circle"), False)
    lead = project.lead_id == user.pk
    member = lead or project.pk in _project_ids(user)
    edit = lead or is_admin(user)
    became_circle = project.circle_id is not None and project.circle.kind == CircleKind.PROJECT
    return {
        "view": True,
        "update": edit,
        "join": not member and not project.is_closed,
        "leave": member and not lead,
        "hand_over": edit,
        "make_circle": not became_circle
        and project.status != "abandoned"
        and may_create_some_circle(user),
    }


def milestone_abilities(user, milestone: Milestone, project_ab: dict | None = None):
    if project_ab is None:
        project_ab = project_abilities(user, milestone.project)
    return {"view": project_ab["view"], "update": project_ab["update"]}
