"""The ideas module's demo (`manage.py load_demo`): `demo_data` turned into rows.

Loaded after the demo organisation (`cercles.organisation.demo`), whose invented people
post, support, comment and answer: authors are drawn from the idea's circle when it has
members, supporters and commenters from everyone (never the idea's author), answers
and merges are given by a facilitator of the idea's circle, or its lead link, who are
the people `permissions.moderates_circle` lets answer. A fixed `random.Random` seed
makes every load the same.

Everything goes through the services, in an order they accept: campaigns, ideas (posted
in the past with `at`), supports and comments while every idea is still open, then the
public answers along each idea's history and the merges (both take `at`), then themes
and projects. The services take no date for supports, comments, hidden comments,
themes, projects and milestones: those dates are set afterwards, in one place
(`_backdate`), so that the demo reads as months of activity rather than one morning.
"""

import datetime
import random
import time

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from cercles.accounts.models import Person
from cercles.core.models import Notification
from cercles.core.notifications import forget_unread
from cercles.organisation import demo as org_demo
from cercles.organisation.models import Assignment, Circle, CoreRole

from . import demo_data as data
from . import services
from .models import (
    Campaign,
    Comment,
    Idea,
    IdeaStatus,
    Milestone,
    Objective,
    Project,
    ProjectMember,
    Support,
    Theme,
)

S = IdeaStatus
SEED = org_demo.FAKER_SEED + 3


def settle_notifications(*, keep_unread: int = 3) -> int:
    """The services notified everyone at the moment of loading (after commit): mark all
    but each person's latest few as read and e-mailed, as if people had followed along.
    Returns how many stay unread."""
    latest = (
        Notification.objects.filter(recipient=OuterRef("recipient"))
        .order_by("-created_at", "-id")
        .values("pk")[:keep_unread]
    )
    now = timezone.now()
    Notification.objects.unread().exclude(pk__in=Subquery(latest)).update(
        read_at=now, emailed_at=now
    )
    forget_unread(Person.objects.values_list("pk", flat=True))
    return Notification.objects.unread().count()


def is_loaded() -> bool:
    return Campaign.objects.filter(title=data.CAMPAIGNS[0]["title"]).exists()


def has_themes_and_projects() -> bool:
    """Whether the themes and projects part of the module is installed."""
    return all(
        hasattr(services, name)
        for name in ("theme_create", "theme_move_idea", "project_create", "milestone_create")
    )


class _Clock:
    """Moments in the past: `days_ago` days before now, at a time of the working day.

    Offsets within a day stay under 9 hours, so two events whose `days_ago` differ keep
    their order whatever their offsets."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.now = timezone.now().replace(second=0, microsecond=0)

    def at(self, days_ago: int) -> datetime.datetime:
        return self.now - datetime.timedelta(days=days_ago, minutes=self.rng.randint(5, 9 * 60))

    def after(self, moment: datetime.datetime, minutes: int) -> datetime.datetime:
        """A little after `moment`, never in the future."""
        return min(moment + datetime.timedelta(minutes=minutes), self.now)

    def day(self, offset_days: int) -> datetime.date:
        return timezone.localdate(self.now) + datetime.timedelta(days=offset_days)


class _People:
    """The demo organisation's people, by circle, with who may answer for each circle."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.admin = Person.objects.get(email=org_demo.ADMIN_EMAIL)
        self.everyone = list(
            Person.objects.filter(email__endswith=f"@{org_demo.DEMO_DOMAIN}", is_active=True)
            .exclude(pk=self.admin.pk)
            .order_by("pk")
        )
        by_pk = {p.pk: p for p in self.everyone}
        self.circles = {c.name: c for c in Circle.objects.active()}
        self.members: dict[int, list[Person]] = {}
        self.facilitators: dict[int, list[Person]] = {}
        self.leads: dict[int, list[Person]] = {}
        rows = (
            Assignment.objects.current()
            .filter(role__archived_at__isnull=True)
            .values_list("role__circle_id", "role__core_role", "person_id")
            .order_by("role__circle_id", "person_id", "role_id")
        )
        for circle_id, core_role, person_id in rows:
            person = by_pk.get(person_id)
            if person is None:
                continue
            for table, wanted in (
                (self.members, None),
                (self.facilitators, CoreRole.FACILITATOR),
                (self.leads, CoreRole.LEAD_LINK),
            ):
                if wanted is None or core_role == wanted:
                    people = table.setdefault(circle_id, [])
                    if person not in people:
                        people.append(person)

    def circle(self, name: str | None) -> Circle | None:
        return self.circles[name] if name else None

    def member_of(self, circle: Circle | None) -> Person:
        return self.rng.choice(self.members.get(circle.pk if circle else None) or self.everyone)

    def anyone(self, *, besides=()) -> Person:
        excluded = {p.pk for p in besides if p is not None}
        return self.rng.choice([p for p in self.everyone if p.pk not in excluded])

    def some(self, count: int, *, besides=()) -> list[Person]:
        excluded = {p.pk for p in besides if p is not None}
        pool = [p for p in self.everyone if p.pk not in excluded]
        return self.rng.sample(pool, min(count, len(pool)))

    def moderator(self, circle_id: int | None) -> Person:
        """Who answers for a circle: its lead link, else its facilitator, else the admin
        (the same people `permissions.moderates_circle` lets answer). The lead link
        first: he is appointed, while the elections demo replaces a facilitator two
        months ago, who could not have answered since."""
        people = self.leads.get(circle_id) or self.facilitators.get(circle_id)
        return people[0] if people else self.admin

    def lead_of(self, circle: Circle | None) -> Person:
        people = self.leads.get(circle.pk if circle else None)
        return people[0] if people else self.admin


@transaction.atomic
def load(*, log=print) -> dict:
    """Load the ideas demo on top of the demo organisation (which must be loaded)."""
    started = time.monotonic()
    rng = random.Random(SEED)
    clock = _Clock(rng)
    people = _People(rng)
    # Dates the services do not take, applied at the end by `_backdate`: model -> rows.
    dates: dict = {}

    # Objectives: edited by admins in the Django admin, no service of their own.
    objectives = {}
    for position, spec in enumerate(data.OBJECTIVES):
        objectives[spec["name"]], _created = Objective.objects.get_or_create(
            name=spec["name"],
            defaults={"description": spec["description"], "position": position},
        )

    # Campaigns -------------------------------------------------------------------------
    campaigns = []
    for spec in data.CAMPAIGNS:
        circle = people.circle(spec["circle"])
        starts_on = clock.day(spec["start_days"])
        campaign = services.campaign_create(
            # A campaign for everyone is the admins'; one for a circle, its lead link's.
            by=people.lead_of(circle) if circle else people.admin,
            title=spec["title"],
            question=spec["question"],
            description=spec["description"],
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=spec["duration_days"]),
            circle=circle,
            objectives=[objectives[name] for name in spec["objectives"]],
            answer_deadline_days=spec["answer_deadline_days"],
        )
        # Prepared a fortnight before it opened.
        created = clock.at(14 - spec["start_days"])
        _later(dates, Campaign(pk=campaign.pk, created_at=created, updated_at=created))
        campaigns.append(campaign)

    # Ideas, posted in the past -----------------------------------------------------------
    ideas: dict[str, Idea] = {}
    authors: dict[str, Person | None] = {}
    posted: dict[str, datetime.datetime] = {}
    for spec in data.IDEAS:
        key = spec["key"]
        circle = people.circle(spec["circle"])
        authors[key] = None if spec["anonymous"] else people.member_of(circle)
        posted[key] = clock.at(spec["posted_days_ago"])
        ideas[key] = services.idea_create(
            # An anonymous idea keeps nobody: whoever posts it is dropped by the service.
            by=authors[key] or people.anyone(),
            title=spec["title"],
            body=spec["body"],
            anonymous=spec["anonymous"],
            campaign=campaigns[spec["campaign"]] if spec["campaign"] is not None else None,
            circle=circle,
            objectives=[objectives[name] for name in spec["objectives"]],
            at=posted[key],
        )

    # Supports, while every idea is still open to them -------------------------------------
    support_at = {}
    for spec in data.IDEAS:
        key = spec["key"]
        # Given between the posting and the answer that closed the idea to supports.
        last = _closed_days_ago(spec)
        for person in people.some(spec["supports"], besides=[authors[key]]):
            services.idea_support(idea=ideas[key], person=person)
            days = rng.randint(last, max(last, spec["posted_days_ago"] - 1))
            support_at[(ideas[key].pk, person.pk)] = max(clock.at(days), posted[key])
    # A merge below moves supports to another idea: the rows keep their id.
    for pk, idea_id, person_id in Support.objects.filter(idea__in=list(ideas.values())).values_list(
        "pk", "idea_id", "person_id"
    ):
        _later(dates, Support(pk=pk, created_at=support_at[(idea_id, person_id)]))

    # Comments and replies, and the one a moderator hid -----------------------------------
    comments: list[Comment] = []
    commented: list[datetime.datetime] = []
    for spec in data.COMMENTS:
        key = spec["idea"]
        idea = ideas[key]
        if spec["by"] == "author":
            author = authors[key]
        elif spec["by"] == "facilitator":
            author = people.moderator(idea.scope_circle_id)
        else:
            author = people.anyone(besides=[authors[key]])
        parent = comments[spec["reply_to"]] if spec["reply_to"] is not None else None
        comment = services.comment_create(
            idea=idea, author=author, body=spec["body"], parent=parent
        )
        at = max(clock.at(spec["days_ago"]), posted[key])
        if parent is not None:
            at = max(at, clock.after(commented[spec["reply_to"]], rng.randint(20, 240)))
        if spec["hidden_reason"]:
            services.comment_hide(
                comment=comment,
                by=people.moderator(idea.scope_circle_id),
                reason=spec["hidden_reason"],
            )
            hidden = clock.after(at, rng.randint(60, 600))
            _later(
                dates, Comment(pk=comment.pk, created_at=at, updated_at=hidden, hidden_at=hidden)
            )
        else:
            _later(dates, Comment(pk=comment.pk, created_at=at, updated_at=at))
        comments.append(comment)
        commented.append(at)

    # Public answers along each idea's history (merges included) ---------------------------
    answers = 0
    for spec in data.IDEAS:
        if spec["status"] == S.SUBMITTED:
            continue
        idea = ideas[spec["key"]]
        by = people.moderator(idea.scope_circle_id)
        for step in spec.get("history", []):
            services.idea_transition(
                idea=idea,
                to=step["status"],
                text=step["answer"],
                by=by,
                at=clock.at(step["days_ago"]),
            )
            answers += 1
        at = clock.at(spec["answered_days_ago"])
        if spec["status"] == S.MERGED:
            services.idea_merge(
                idea=idea, into=ideas[spec["merged_into"]], text=spec["answer"], by=by, at=at
            )
        else:
            services.idea_transition(
                idea=idea, to=spec["status"], text=spec["answer"], by=by, at=at
            )
        answers += 1

    themes = projects = 0
    if has_themes_and_projects():
        themes, projects = load_themes_and_projects(
            ideas=ideas, campaigns=campaigns, people=people, clock=clock, dates=dates
        )
    else:
        log("  Thèmes et projets : ce module ne les propose pas encore, ils sont ignorés.")

    _backdate(dates)
    return {
        "campaigns": len(campaigns),
        "ideas": len(ideas),
        "supports": Support.objects.filter(idea__in=list(ideas.values())).count(),
        "comments": len(comments),
        "answers": answers,
        "themes": themes,
        "projects": projects,
        "seconds": time.monotonic() - started,
    }


# States in which an idea still takes supports, besides "submitted" (models.SUPPORTABLE).
_OPEN = (S.UNDER_STUDY, S.ACCEPTED, S.IN_PROJECT)


def _closed_days_ago(spec: dict) -> int:
    """Days ago the idea stopped taking supports: the first answer that took it out of
    the supportable states (0 when it still takes them)."""
    steps = [(s["status"], s["days_ago"]) for s in spec.get("history", [])]
    if spec["status"] != S.SUBMITTED:
        steps.append((spec["status"], spec["answered_days_ago"]))
    closing = [days for status, days in steps if status not in _OPEN]
    return max(closing) + 1 if closing else 0


def load_themes_and_projects(*, ideas, campaigns, people, clock, dates) -> tuple[int, int]:
    """The first campaign's themes as its facilitator left them, and the three projects.
    Needs the themes and projects services (`has_themes_and_projects`). Returns the
    numbers of themes and projects."""
    themes = []
    for spec in data.THEMES:
        campaign = campaigns[spec["campaign"]]
        by = people.moderator(people.circles["Réseau Innovation (iX)"].pk)
        theme = services.theme_create(
            campaign=campaign, name=spec["name"], by=by, key_terms=spec["key_terms"]
        )
        for key in spec["ideas"]:
            services.theme_move_idea(idea=ideas[key], theme=theme, by=by)
        # Grouped in the days after the campaign closed.
        created = clock.at((timezone.localdate(clock.now) - campaign.ends_on).days - 3)
        _later(
            dates,
            Theme(
                pk=theme.pk,
                central_idea_id=ideas[spec["central_idea"]].pk,
                created_at=created,
                updated_at=created,
            ),
        )
        themes.append(theme)

    for spec in data.PROJECTS:
        circle = people.circle(spec["lead_circle"])
        lead = people.moderator(circle.pk)
        linked = [ideas[key] for key in spec["ideas"]]
        project = services.project_create(
            by=lead,
            title=spec["title"],
            purpose=spec["purpose"],
            ideas=linked,
            theme=themes[spec["theme"]] if spec["theme"] is not None else None,
            circle=circle,
            expected_results=spec["expected_results"],
            governance=spec["takeover"]["governance"],
            calendar=spec["takeover"]["calendar"],
            first_actions=spec["takeover"]["first_actions"],
        )
        # A project made from a theme links all of the theme's ideas: keep those it took up.
        services.project_update(
            project=project,
            by=lead,
            ideas=linked,
            status=spec["status"],
            measured_results=spec["measured_results"],
        )
        started = clock.at(-spec["start_days"])
        _later(dates, Project(pk=project.pk, created_at=started, updated_at=started))
        for person in people.some(spec["members"], besides=[lead]):
            services.project_join(project=project, person=person)
        for pk, person_id in ProjectMember.objects.filter(project=project).values_list(
            "pk", "person_id"
        ):
            # The lead from the start, the others in the weeks since.
            joined = started
            if person_id != lead.pk:
                joined = max(started, clock.at(clock.rng.randint(0, -spec["start_days"] - 1)))
            _later(dates, ProjectMember(pk=pk, joined_at=joined))
        for position, step in enumerate(spec["milestones"]):
            due = timezone.localdate(started) + datetime.timedelta(days=step["offset_days"])
            milestone = services.milestone_create(
                project=project,
                by=lead,
                title=step["title"],
                due_on=due,
                progress=step["progress"],
                position=position,
            )
            if milestone.done_at is not None:
                done = min(started + datetime.timedelta(days=step["offset_days"]), clock.now)
                _later(dates, Milestone(pk=milestone.pk, done_at=done))
    return len(themes), len(data.PROJECTS)


# The columns `_backdate` writes, by model.
_DATED = {
    Campaign: ["created_at", "updated_at"],
    Support: ["created_at"],
    Comment: ["created_at", "updated_at", "hidden_at"],
    Theme: ["created_at", "updated_at", "central_idea"],
    Project: ["created_at", "updated_at"],
    ProjectMember: ["joined_at"],
    Milestone: ["done_at"],
}


def _later(dates: dict, row) -> None:
    """Note a row whose `_DATED` columns `_backdate` will write."""
    dates.setdefault(type(row), []).append(row)


def _backdate(dates: dict) -> None:
    """Give the rows the services dated "now" the past dates of the demo's story.

    The services take a date for posting, answering and merging (`at`), but not for
    supports, comments, hiding, themes, projects and their members and milestones: the
    application records those as they happen. Written here, in one place, with
    bulk_update on the date columns only (and a theme's central idea, which only the
    automatic grouping sets): the rows were made by the services, nothing is notified
    again, and `Comment.hidden_at` stays null for the comments nobody hid."""
    for model, rows in dates.items():
        model.objects.bulk_update(rows, _DATED[model], batch_size=500)
