"""Innovation groups / projects: proposing, joining, leading, milestones, and becoming a
circle of the organisation.

Anyone proposes a project and becomes its lead (and first member); others join and
leave freely; the lead hands the lead over to a member before leaving. Members hear of
arrivals, departures, changes of state and of lead (`notify`, after the commit). Who
may edit (the lead and admins) is checked by the views and API through `permissions`;
the rules that hold whoever asks are checked here, and so is the right to create a
circle, since `project_make_circle` changes the organisation.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cercles.core.notifications import notify
from cercles.organisation import permissions as org_permissions
from cercles.organisation import services as org_services
from cercles.organisation.models import CircleKind, CoreRole

from ..models import (
    TRANSITIONS,
    Follow,
    Idea,
    IdeaStatus,
    Milestone,
    Project,
    ProjectMember,
    ProjectStatus,
    Theme,
)
from ..permissions import moderates_circle
from .ideas import idea_transition

S = IdeaStatus
PROJECT_FIELDS = {
    "title",
    "purpose",
    "description",
    "status",
    "campaign",
    "circle",
    "ideas",
    "expected_results",
    "measured_results",
    "governance",
    "calendar",
    "first_actions",
}
MILESTONE_FIELDS = {"title", "due_on", "progress", "position"}
# The role the members of a project hold in the circle it becomes.
PROJECT_MEMBER_ROLE = "Membre du projet"


def _member_ids(project: Project, *, exclude=None) -> list[int]:
    ids = set(ProjectMember.objects.filter(project=project).values_list("person_id", flat=True))
    ids.add(project.lead_id)
    if exclude is not None:
        ids.discard(exclude.pk)
    return sorted(ids)


def _notify_members(project: Project, kind: str, text: str, *, exclude=None) -> None:
    notify(
        _member_ids(project, exclude=exclude),
        kind=kind,
        text=text,
        url=project.get_absolute_url(),
    )


def _tell_idea_followers(project: Project, ideas, *, exclude=None) -> None:
    """Those who follow (or wrote) a newly linked idea hear that a project takes it up:
    a proposal that goes somewhere should be seen to (seed 003)."""
    ids = [i.pk for i in ideas]
    if not ids:
        return
    people = set(Follow.objects.filter(idea_id__in=ids).values_list("person_id", flat=True))
    people |= {i.author_id for i in ideas if i.author_id}
    people.discard(exclude.pk if exclude is not None else None)
    notify(
        sorted(people),
        kind="project_idea",
        text=_("Le projet « %(title)s » reprend une idée que vous suivez.")
        % {"title": project.title},
        url=project.get_absolute_url(),
    )


def _linkable(ideas) -> list[Idea]:
    ideas = list(ideas)
    for idea in ideas:
        if idea.status == S.DRAFT:
            raise ValidationError({"ideas": _("Un brouillon ne peut pas être lié à un projet.")})
    return ideas


def _clean_text(value) -> str:
    return (value or "").strip()


def _lock(project: Project) -> Project:
    """Read the lead and state afresh under a row lock (PostgreSQL)."""
    fresh = Project.objects.select_for_update().get(pk=project.pk)
    project.lead_id, project.status = fresh.lead_id, fresh.status
    return project


# --- projects ------------------------------------------------------------------------


@transaction.atomic
def project_create(
    *,
    by,
    title,
    purpose,
    description="",
    ideas=(),
    theme: Theme | None = None,
    campaign=None,
    circle=None,
    expected_results="",
    governance="",
    calendar="",
    first_actions="",
) -> Project:
    """Propose a project: `by` becomes its lead and first member. From ideas, a theme
    (its ideas are linked, and its campaign) or a free subject."""
    ideas = _linkable(ideas)
    if theme is not None:
        campaign = campaign or theme.campaign
        known = {i.pk for i in ideas}
        ideas += [i for i in theme.ideas.exclude(status=S.DRAFT) if i.pk not in known]
    campaign_id = campaign.pk if campaign is not None else None
    if campaign_id is None:
        # Ideas of one and the same campaign: the project answers that campaign.
        campaign_ids = {i.campaign_id for i in ideas}
        if len(campaign_ids) == 1:
            campaign_id = campaign_ids.pop()
    project = Project(
        title=_clean_text(title),
        purpose=_clean_text(purpose),
        description=_clean_text(description),
        lead=by,
        theme=theme,
        campaign_id=campaign_id,
        circle=circle,
        expected_results=_clean_text(expected_results),
        governance=_clean_text(governance),
        calendar=_clean_text(calendar),
        first_actions=_clean_text(first_actions),
        created_by=by,
    )
    project.full_clean()
    project.save()
    ProjectMember.objects.create(project=project, person=by)
    if ideas:
        project.ideas.set(ideas)
        _tell_idea_followers(project, ideas, exclude=by)
    return project


@transaction.atomic
def project_update(*, project: Project, by, **fields) -> Project:
    """Edit a project (its lead or an admin). A change of state is told to the members."""
    unknown = set(fields) - PROJECT_FIELDS
    if unknown:
        raise TypeError(f"project_update() got unexpected fields {sorted(unknown)}")
    _lock(project)
    ideas = fields.pop("ideas", None)
    old_status = project.status
    for key, value in fields.items():
        if key in ("campaign", "circle", "status"):
            setattr(project, key, value)
        else:
            setattr(project, key, _clean_text(value))
    project.full_clean()
    project.save(update_fields=[*fields, "updated_at"])
    if ideas is not None:
        ideas = _linkable(ideas)
        known = set(project.ideas.values_list("pk", flat=True))
        project.ideas.set(ideas)
        _tell_idea_followers(project, [i for i in ideas if i.pk not in known], exclude=by)
    if project.status != old_status:
        _notify_members(
            project,
            "project_status",
            _("Le projet « %(title)s » est maintenant « %(status)s ».")
            % {"title": project.title, "status": ProjectStatus(project.status).label},
            exclude=by,
        )
    return project


@transaction.atomic
def project_join(*, project: Project, person, role_label="") -> bool:
    """Join a project. Returns False when the person is already a member."""
    _lock(project)
    if project.is_closed:
        raise ValidationError(
            _("Ce projet est « %(status)s » : il n'accueille plus de membres.")
            % {"status": ProjectStatus(project.status).label}
        )
    try:
        with transaction.atomic():
            ProjectMember.objects.create(
                project=project, person=person, role_label=_clean_text(role_label)[:100]
            )
    except IntegrityError:
        return False
    _notify_members(
        project,
        "project_member",
        _("%(name)s a rejoint le projet « %(title)s ».")
        % {"name": person.full_name, "title": project.title},
        exclude=person,
    )
    return True


@transaction.atomic
def project_leave(*, project: Project, person) -> bool:
    """Leave a project. The lead hands the lead over first. False when not a member."""
    _lock(project)
    if project.lead_id == person.pk:
        raise ValidationError(
            _("Vous portez ce projet : confiez-le d'abord à un autre membre avant de le quitter.")
        )
    deleted, _rows = ProjectMember.objects.filter(project=project, person=person).delete()
    if not deleted:
        return False
    _notify_members(
        project,
        "project_member",
        _("%(name)s a quitté le projet « %(title)s ».")
        % {"name": person.full_name, "title": project.title},
        exclude=person,
    )
    return True


@transaction.atomic
def project_hand_over(*, project: Project, to, by) -> Project:
    """Hand the lead over to another member (the former lead stays a member)."""
    _lock(project)
    if to.pk == project.lead_id:
        raise ValidationError({"to": _("Cette personne porte déjà le projet.")})
    if not to.is_active:
        raise ValidationError({"to": _("Cette personne n'est plus active.")})
    if not ProjectMember.objects.filter(project=project, person=to).exists():
        raise ValidationError({"to": _("Le projet se confie à l'un de ses membres.")})
    project.lead = to
    project.save(update_fields=["lead", "updated_at"])
    _notify_members(
        project,
        "project_lead",
        _("%(name)s porte désormais le projet « %(title)s ».")
        % {"name": to.full_name, "title": project.title},
        exclude=by,
    )
    return project


# --- milestones ----------------------------------------------------------------------


def _set_progress(milestone: Milestone, progress) -> None:
    milestone.progress = progress
    if progress == 100 and milestone.done_at is None:
        milestone.done_at = timezone.now()
    elif progress != 100:
        milestone.done_at = None


@transaction.atomic
def milestone_create(
    *, project: Project, by, title, due_on=None, progress=0, position=None
) -> Milestone:
    if position is None:
        last = project.milestones.order_by("-position").first()
        position = (last.position + 1) if last else 0
    milestone = Milestone(
        project=project, title=_clean_text(title), due_on=due_on, position=position
    )
    _set_progress(milestone, progress)
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def milestone_update(*, milestone: Milestone, by, **fields) -> Milestone:
    """Edit a milestone; reaching 100 % marks it reached (and leaving 100 % unmarks it)."""
    unknown = set(fields) - MILESTONE_FIELDS
    if unknown:
        raise TypeError(f"milestone_update() got unexpected fields {sorted(unknown)}")
    update = list(fields)
    for key, value in fields.items():
        if key == "progress":
            _set_progress(milestone, value)
            update.append("done_at")
        else:
            setattr(milestone, key, _clean_text(value) if key == "title" else value)
    milestone.full_clean()
    milestone.save(update_fields=update)
    return milestone


@transaction.atomic
def milestone_delete(*, milestone: Milestone, by) -> None:
    milestone.delete()


# --- from a theme --------------------------------------------------------------------


def theme_project_split(theme: Theme, *, by) -> tuple[list[Idea], list[Idea]]:
    """The theme's ideas that `by` may move "in a project" now, and the others: their
    state does not allow it (not yet accepted, refused, implemented…), or they belong to
    a circle whose ideas `by` does not answer (`moderates_circle`)."""
    ready, others = [], []
    for idea in theme.ideas.exclude(status=S.DRAFT).select_related("campaign").order_by("pk"):
        movable = S.IN_PROJECT in TRANSITIONS[idea.status] and moderates_circle(
            by, idea.scope_circle_id
        )
        (ready if movable else others).append(idea)
    return ready, others


@transaction.atomic
def theme_make_project(*, theme: Theme, by, title, purpose, text, description="") -> Project:
    """Turn a theme into a project led by `by`: the theme's ideas are linked, and those
    whose state allows it and that `by` may answer move to "in a project" with `text` as
    their public answer (`theme_project_split`)."""
    text = _clean_text(text)
    if not text:
        raise ValidationError(
            {"text": _("Rédigez la réponse publique que recevront les idées du thème.")}
        )
    project = project_create(
        by=by, title=title, purpose=purpose, description=description, theme=theme
    )
    ready, _others = theme_project_split(theme, by=by)
    for idea in ready:
        idea_transition(idea=idea, to=S.IN_PROJECT, text=text, by=by)
    return project


# --- becoming a circle ---------------------------------------------------------------


def may_make_circle(user, parent) -> bool:
    """Who may create a circle under `parent` (at the top level: admins)."""
    if parent is None:
        return org_permissions.can_create_top_level_circle(user)
    return org_permissions.circle_abilities(user, parent)["create_subcircle"]


@transaction.atomic
def project_make_circle(*, project: Project, parent, by):
    """The project becomes a circle of the organisation under `parent`: the lead is its
    lead link, the members hold its "Membre du projet" role. Each step is recorded as a
    governance change. Only who may create a circle under `parent` may do it."""
    if not may_make_circle(by, parent):
        raise PermissionDenied(_("Vous ne pouvez pas créer de cercle à cet endroit."))
    _lock(project)
    if project.circle_id is not None and project.circle.kind == CircleKind.PROJECT:
        raise ValidationError(_("Ce projet est déjà devenu un cercle."))
    note = _("Issu du projet « %(title)s ».") % {"title": project.title}
    circle = org_services.circle_create(
        by=by,
        name=project.title,
        parent=parent,
        purpose=project.purpose,
        kind=CircleKind.PROJECT,
        note=note,
    )
    lead_role = circle.roles.get(core_role=CoreRole.LEAD_LINK)
    lead = project.lead
    if lead.is_active:
        org_services.assignment_create(role=lead_role, person=lead, by=by, note=note)
    members = [
        m.person
        for m in project.memberships.select_related("person").order_by("joined_at", "id")
        if m.person_id != project.lead_id and m.person.is_active
    ]
    if members:
        role = org_services.role_create(
            by=by,
            circle=circle,
            name=PROJECT_MEMBER_ROLE,
            purpose=project.purpose,
            note=note,
        )
        for person in members:
            org_services.assignment_create(role=role, person=person, by=by, note=note)
    project.circle = circle
    project.save(update_fields=["circle", "updated_at"])
    org_permissions.forget(by)
    _notify_members(
        project,
        "project_circle",
        _("Le projet « %(title)s » est devenu un cercle de l'organisation.")
        % {"title": project.title},
        exclude=by,
    )
    return circle
