"""Every change to campaigns, ideas, supports, comments and follows goes through here.

Each function runs in one transaction and raises ValidationError (French message) on
bad input or on a move the life cycle forbids. Notifications and the background
embedding are scheduled with `transaction.on_commit`. Permissions (who may answer,
merge, hide) are checked by the views and the API through `permissions.py`; the rules
that hold whoever asks (no refusal without a reason, no support of one's own idea, one
level of replies) are checked here.

Anonymous ideas: nothing here logs, caches or stores the author of an anonymous idea;
its times are cut to the day (`models.day_start`).
"""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cercles.core import fragments
from cercles.core.notifications import notify
from cercles.lib.text import fold
from cercles.organisation.models import Assignment, CoreRole

from ..models import (
    ANONYMOUS_ATTACHMENT_REFUSED,
    SUPPORTABLE,
    TRANSITIONS,
    Campaign,
    Comment,
    CommentReport,
    Follow,
    Idea,
    IdeaAnswer,
    IdeaStatus,
    Support,
    day_start,
)

S = IdeaStatus
logger = logging.getLogger(__name__)
IDEA_FIELDS = {"title", "body", "circle", "objectives", "attachment"}
CAMPAIGN_FIELDS = {
    "title",
    "question",
    "description",
    "starts_on",
    "ends_on",
    "circle",
    "objectives",
    "answer_deadline_days",
}


# --- helpers -----------------------------------------------------------------------


def _changed() -> None:
    """What the ideas pages show of campaigns and ideas changed: their cached rows,
    sheets, filters and dashboards are stale (`cercles.core.fragments`). Supports,
    follows and comments do not call it: no cached fragment shows them."""
    fragments.bump(fragments.IDEAS)


def _default_deadline_days() -> int:
    return getattr(settings, "CERCLES_IDEA_ANSWER_DAYS", 30)


def _due_on(idea: Idea, moment: datetime.datetime) -> datetime.date:
    """The day the answer is due. For an anonymous idea, counted from the day it keeps
    (`_stamp`: midnight UTC), not from the Paris date of the real time: posted between
    00:00 and 02:00 in Paris, it would otherwise show a due date one day later than
    its posting day implies, and so reveal the hour."""
    days = idea.campaign.answer_deadline_days if idea.campaign_id else _default_deadline_days()
    return timezone.localdate(_stamp(idea, moment)) + datetime.timedelta(days=days)


def _stamp(idea: Idea, moment: datetime.datetime) -> datetime.datetime:
    """The time to store on the idea: cut to the day when it is anonymous."""
    return day_start(moment) if idea.is_anonymous else moment


def _search_text(idea: Idea) -> str:
    return fold(f"{idea.title} {idea.body}")


def _schedule_embedding(idea_id: int) -> None:
    def _run():
        # Written by the similarity engine's owner; imported late so this module loads
        # without it and without its heavy dependencies.
        from cercles.ideas import tasks

        try:
            tasks.embed_idea.delay(idea_id)
        except Exception as exc:  # any failure: the idea is saved, never a 500 for this
            # Neither the idea's id nor the error's text (it may quote the idea): with
            # the record's time, they would date an anonymous idea to the second and join
            # the access logs. `tasks.embed_missing` computes the missing vectors later.
            logger.error(
                "The embedding of an idea failed (%s); embed_missing will retry it.",
                type(exc).__name__,
            )

    # Robust: a failure of the callback never turns the saved post into an error page.
    transaction.on_commit(_run, robust=True)


def _follow(idea: Idea, person) -> bool:
    if person is None:
        return False
    try:
        with transaction.atomic():
            _obj, created = Follow.objects.get_or_create(idea=idea, person=person)
    except IntegrityError:  # followed by a concurrent request in between
        return False
    return created


def _followers(idea: Idea, *, exclude=None) -> list[int]:
    ids = set(Follow.objects.filter(idea=idea).values_list("person_id", flat=True))
    if idea.author_id:
        ids.add(idea.author_id)
    if exclude is not None:
        ids.discard(exclude.pk)
    return sorted(ids)


def scope_moderator_ids(circle_id: int | None) -> list[int]:
    """Who is reminded of an idea's deadline: the facilitators of its circle, or the
    organisation's admins when the circle has none (or there is no circle)."""
    from cercles.accounts.models import Person

    ids = []
    if circle_id is not None:
        ids = list(
            Assignment.objects.current(timezone.localdate())
            .filter(
                role__circle_id=circle_id,
                role__core_role=CoreRole.FACILITATOR,
                role__archived_at__isnull=True,
                person__is_active=True,
            )
            .values_list("person_id", flat=True)
        )
    if not ids:
        ids = list(
            Person.objects.filter(is_active=True)
            .filter(Q(is_org_admin=True) | Q(is_superuser=True))
            .values_list("pk", flat=True)
        )
    return sorted(set(ids))


def _notify_idea(idea: Idea, recipients, kind: str, text: str) -> None:
    notify(recipients, kind=kind, text=text, url=idea.get_absolute_url())


def _lock(idea: Idea) -> Idea:
    """Read the idea afresh under a row lock (PostgreSQL), so two answers take turns."""
    fresh = Idea.objects.select_for_update().get(pk=idea.pk)
    for field in ("status", "answered_at", "merged_into_id", "support_count", "updated_at"):
        setattr(idea, field, getattr(fresh, field))
    return idea


# --- campaigns -----------------------------------------------------------------------


@transaction.atomic
def campaign_create(
    *,
    by,
    title,
    question,
    starts_on,
    ends_on,
    description="",
    circle=None,
    objectives=(),
    answer_deadline_days=30,
) -> Campaign:
    campaign = Campaign(
        title=title.strip(),
        question=question.strip(),
        description=description,
        starts_on=starts_on,
        ends_on=ends_on,
        circle=circle,
        answer_deadline_days=answer_deadline_days,
        created_by=by if (by is not None and by.is_authenticated) else None,
    )
    campaign.full_clean()
    campaign.save()
    campaign.objectives.set(objectives)
    _changed()
    return campaign


@transaction.atomic
def campaign_update(*, campaign: Campaign, by, **fields) -> Campaign:
    unknown = set(fields) - CAMPAIGN_FIELDS
    if unknown:
        raise TypeError(f"campaign_update() got unexpected fields {sorted(unknown)}")
    objectives = fields.pop("objectives", None)
    for key, value in fields.items():
        setattr(campaign, key, value.strip() if key in ("title", "question") else value)
    campaign.full_clean()
    campaign.save(update_fields=[*fields, "updated_at"])
    if objectives is not None:
        campaign.objectives.set(objectives)
    _changed()
    return campaign


# --- ideas ---------------------------------------------------------------------------


@transaction.atomic
def idea_create(
    *,
    by,
    title,
    body,
    anonymous=False,
    draft=False,
    campaign=None,
    circle=None,
    objectives=(),
    attachment=None,
    at=None,
) -> Idea:
    """Post an idea (or save a signed draft). `by` is the poster; an anonymous idea
    does not keep him."""
    if anonymous and draft:
        raise ValidationError(
            _(
                "Une idée anonyme ne peut pas être enregistrée comme brouillon : "
                "vous ne pourriez pas la retrouver."
            )
        )
    if anonymous and attachment:
        raise ValidationError({"attachment": ANONYMOUS_ATTACHMENT_REFUSED})
    now = at or timezone.now()
    if campaign is not None and not campaign.is_open_on(timezone.localdate(now)):
        raise ValidationError({"campaign": _("Cette campagne n'est pas ouverte aux idées.")})
    idea = Idea(
        title=(title or "").strip(),
        body=(body or "").strip(),
        campaign=campaign,
        circle=circle,
        author=None if anonymous else by,
        is_anonymous=bool(anonymous),
        status=S.DRAFT if draft else S.SUBMITTED,
    )
    if attachment:
        idea.attachment = attachment
    idea.created_at = idea.updated_at = _stamp(idea, now)
    if not draft:
        idea.submitted_at = _stamp(idea, now)
        idea.answer_due_on = _due_on(idea, now)
    idea.search_text = _search_text(idea)
    # The random id is not checked for uniqueness here (one query per post for a
    # collision of about n / 2**53): the primary key refuses it on insert.
    idea.full_clean(exclude={"id"})
    idea.save()
    if objectives:
        idea.objectives.set(objectives)
    if not anonymous:
        _follow(idea, by)
    _schedule_embedding(idea.pk)
    _changed()
    return idea


@transaction.atomic
def idea_update(*, idea: Idea, by, submit=False, **fields) -> Idea:
    """The author edits his signed idea while it is a draft, or posted but unanswered.
    `submit=True` posts the draft in the same transaction: when posting is refused (a
    closed campaign), the edit is not saved either."""
    unknown = set(fields) - IDEA_FIELDS
    if unknown:
        raise TypeError(f"idea_update() got unexpected fields {sorted(unknown)}")
    _lock(idea)
    if idea.is_anonymous or idea.author_id is None or idea.author_id != by.pk:
        raise ValidationError(_("Seul l'auteur d'une idée signée peut la modifier."))
    if idea.status not in (S.DRAFT, S.SUBMITTED) or idea.answered_at is not None:
        raise ValidationError(_("Cette idée a reçu une réponse : elle ne peut plus être modifiée."))
    objectives = fields.pop("objectives", None)
    for key, value in fields.items():
        if key in ("title", "body"):
            value = (value or "").strip()
        if key == "attachment" and value is None:
            continue
        setattr(idea, key, value)
    idea.search_text = _search_text(idea)
    idea.updated_at = timezone.now()
    idea.full_clean()
    idea.save(update_fields=[*fields, "search_text", "updated_at"])
    if objectives is not None:
        idea.objectives.set(objectives)
    if {"title", "body"} & set(fields):
        _schedule_embedding(idea.pk)
    if submit:
        idea_submit(idea=idea, by=by)
    _changed()
    return idea


@transaction.atomic
def idea_submit(*, idea: Idea, by) -> Idea:
    """The author posts his draft: the answer is due from today."""
    _lock(idea)
    if idea.author_id != by.pk:
        raise ValidationError(_("Seul l'auteur peut déposer son brouillon."))
    if idea.status != S.DRAFT:
        raise ValidationError(_("Cette idée est déjà déposée."))
    if idea.campaign_id and not idea.campaign.is_open:
        raise ValidationError(
            _("La campagne de cette idée est close : elle ne reçoit plus d'idées.")
        )
    now = timezone.now()
    idea.status = S.SUBMITTED
    idea.submitted_at = now
    idea.answer_due_on = _due_on(idea, now)
    idea.updated_at = now
    idea.save(update_fields=["status", "submitted_at", "answer_due_on", "updated_at"])
    _follow(idea, by)
    _changed()
    return idea


def _status_label(status: str) -> str:
    return str(IdeaStatus(status).label)


def _check_answer_text(text: str, to: str) -> str:
    text = (text or "").strip()
    if not text:
        if to == S.REFUSED:
            raise ValidationError(
                {"text": _("Une idée ne peut pas être refusée sans motif : expliquez pourquoi.")}
            )
        raise ValidationError({"text": _("Chaque changement d'état s'accompagne d'une réponse.")})
    return text


def _record_answer(idea: Idea, *, to: str, text: str, by, now) -> IdeaAnswer:
    answer = IdeaAnswer(
        idea=idea,
        from_status=idea.status,
        to_status=to,
        text=text,
        by=by if (by is not None and by.is_authenticated) else None,
        at=now,
    )
    answer.full_clean()
    answer.save()
    return answer


@transaction.atomic
def idea_transition(*, idea: Idea, to: str, text: str, by, at=None) -> IdeaAnswer:
    """Move the idea in its life cycle with a public answer (the reason is mandatory)."""
    if to not in S.values:
        raise ValidationError({"to": _("État inconnu.")})
    if to == S.MERGED:
        raise ValidationError(
            {"to": _("Pour fusionner une idée, choisissez l'idée qui la reçoit.")}
        )
    _lock(idea)
    if to not in TRANSITIONS[idea.status]:
        raise ValidationError(
            {
                "to": _("Une idée « %(from)s » ne peut pas passer à « %(to)s ».")
                % {"from": _status_label(idea.status), "to": _status_label(to)}
            }
        )
    text = _check_answer_text(text, to)
    now = at or timezone.now()
    answer = _record_answer(idea, to=to, text=text, by=by, now=now)
    idea.status = to
    fields = ["status", "updated_at"]
    if idea.answered_at is None:
        idea.answered_at = now
        fields.append("answered_at")
    idea.updated_at = _stamp(idea, now)
    idea.save(update_fields=fields)
    _notify_idea(
        idea,
        _followers(idea, exclude=by),
        "idea_answer",
        _("L'idée « %(title)s » est maintenant « %(status)s ».")
        % {"title": idea.title, "status": _status_label(to)},
    )
    _changed()
    return answer


@transaction.atomic
def idea_merge(*, idea: Idea, into: Idea, text: str, by, at=None) -> IdeaAnswer:
    """Merge a duplicate into another idea.

    The supports move to the target, except for people who already support it (nobody
    counts twice) and for the target's author; the followers follow the target too; the
    merged idea says where it went. Supporters and followers are notified, and may
    withdraw their support from the target.
    """
    if into.pk == idea.pk:
        raise ValidationError({"into": _("Une idée ne peut pas être fusionnée dans elle-même.")})
    # Locked in id order: a merge of A into B and one of B into A at the same time
    # would otherwise each hold one lock and wait for the other's (a deadlock).
    for locked in sorted((idea, into), key=lambda i: i.pk):
        _lock(locked)
    if S.MERGED not in TRANSITIONS[idea.status]:
        raise ValidationError(
            _("Une idée « %(status)s » ne peut pas être fusionnée.")
            % {"status": _status_label(idea.status)}
        )
    if into.status == S.MERGED:
        raise ValidationError(
            {"into": _("Cette idée est elle-même fusionnée : choisissez celle qui l'a reçue.")}
        )
    if into.status == S.DRAFT:
        raise ValidationError({"into": _("On ne fusionne pas dans un brouillon.")})
    if into.status not in SUPPORTABLE:
        # The supports move to the target: it must still take them.
        raise ValidationError(
            {
                "into": _(
                    "L'idée « %(title)s » est « %(status)s » : elle ne reçoit plus de "
                    "soutien, on ne peut pas y fusionner une autre idée."
                )
                % {"title": into.title, "status": _status_label(into.status)}
            }
        )
    text = _check_answer_text(text, S.MERGED)
    now = at or timezone.now()

    supporters = list(Support.objects.filter(idea=idea).values_list("person_id", flat=True))
    already = set(
        Support.objects.filter(idea=into, person_id__in=supporters).values_list(
            "person_id", flat=True
        )
    )
    movable = [p for p in supporters if p not in already and p != into.author_id]
    Support.objects.filter(idea=idea, person_id__in=movable).update(idea=into)
    Support.objects.filter(idea=idea).delete()
    followers = set(Follow.objects.filter(idea=idea).values_list("person_id", flat=True))
    if idea.author_id:
        followers.add(idea.author_id)
    following = set(Follow.objects.filter(idea=into).values_list("person_id", flat=True))
    Follow.objects.bulk_create(
        [Follow(idea=into, person_id=p) for p in sorted(followers - following)]
    )

    answer = _record_answer(idea, to=S.MERGED, text=text, by=by, now=now)
    idea.status = S.MERGED
    idea.merged_into = into
    idea.support_count = 0
    fields = ["status", "merged_into", "support_count", "updated_at"]
    if idea.answered_at is None:
        idea.answered_at = now
        fields.append("answered_at")
    idea.updated_at = _stamp(idea, now)
    idea.save(update_fields=fields)
    into.support_count = Support.objects.filter(idea=into).count()
    into.updated_at = _stamp(into, now)
    into.save(update_fields=["support_count", "updated_at"])

    recipients = (set(supporters) | followers) - {by.pk if by is not None else None}
    notify(
        sorted(recipients),
        kind="idea_merge",
        text=_("L'idée « %(title)s » a été fusionnée dans « %(into)s » ; votre soutien l'y suit.")
        % {"title": idea.title, "into": into.title},
        url=into.get_absolute_url(),
    )
    _changed()
    return answer


# --- supports and follows ------------------------------------------------------------


@transaction.atomic
def idea_support(*, idea: Idea, person) -> bool:
    """Support an idea (once). Returns False when the person already supported it."""
    # Its state as of now, under the lock an answer or a merge takes: the page the
    # support comes from may predate a merge (whose supports would then be lost).
    _lock(idea)
    if idea.author_id is not None and idea.author_id == person.pk:
        raise ValidationError(_("Vous ne pouvez pas soutenir votre propre idée."))
    if idea.status not in SUPPORTABLE:
        raise ValidationError(
            _("Une idée « %(status)s » ne reçoit plus de soutien.")
            % {"status": _status_label(idea.status)}
        )
    try:
        with transaction.atomic():
            Support.objects.create(idea=idea, person=person)
    except IntegrityError:
        return False
    Idea.objects.filter(pk=idea.pk).update(support_count=F("support_count") + 1)
    idea.support_count += 1
    _follow(idea, person)
    return True


@transaction.atomic
def idea_unsupport(*, idea: Idea, person) -> bool:
    """Withdraw one's support. Returns False when there was none."""
    deleted, _rows = Support.objects.filter(idea=idea, person=person).delete()
    if not deleted:
        return False
    Idea.objects.filter(pk=idea.pk, support_count__gt=0).update(
        support_count=F("support_count") - 1
    )
    idea.support_count = max(0, idea.support_count - 1)
    return True


@transaction.atomic
def idea_follow(*, idea: Idea, person) -> bool:
    if idea.status == S.DRAFT:
        raise ValidationError(_("Un brouillon ne se suit pas."))
    return _follow(idea, person)


@transaction.atomic
def idea_unfollow(*, idea: Idea, person) -> bool:
    deleted, _rows = Follow.objects.filter(idea=idea, person=person).delete()
    return bool(deleted)


# --- comments ------------------------------------------------------------------------


@transaction.atomic
def comment_create(*, idea: Idea, author, body: str, parent: Comment | None = None) -> Comment:
    """Comment an idea, or reply to a comment (a reply to a reply goes to its parent)."""
    if idea.status in (S.DRAFT, S.MERGED):
        raise ValidationError(_("Cette idée ne reçoit pas de commentaire."))
    if parent is not None:
        if parent.idea_id != idea.pk:
            raise ValidationError({"parent": _("Ce commentaire appartient à une autre idée.")})
        if parent.parent_id is not None:
            parent = parent.parent
    comment = Comment(idea=idea, author=author, parent=parent, body=(body or "").strip())
    comment.full_clean()
    comment.save()
    recipients = set(_followers(idea, exclude=author))
    if parent is not None and parent.author_id and parent.author_id != author.pk:
        recipients.add(parent.author_id)
    _notify_idea(
        idea,
        sorted(recipients),
        "idea_comment",
        _("Nouveau commentaire sur l'idée « %(title)s ».") % {"title": idea.title},
    )
    return comment


@transaction.atomic
def comment_report(*, comment: Comment, by, reason: str = "") -> CommentReport:
    if comment.is_hidden:
        raise ValidationError(_("Ce commentaire est déjà masqué."))
    if comment.author_id == by.pk:
        raise ValidationError(_("Vous ne pouvez pas signaler votre propre commentaire."))
    report = CommentReport(comment=comment, by=by, reason=(reason or "").strip())
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise ValidationError(_("Vous avez déjà signalé ce commentaire.")) from None
    idea = comment.idea
    notify(
        scope_moderator_ids(idea.scope_circle_id),
        kind="comment_report",
        text=_("Un commentaire a été signalé sur l'idée « %(title)s ».") % {"title": idea.title},
        url=f"{idea.get_absolute_url()}#comment-{comment.pk}",
    )
    return report


@transaction.atomic
def comment_hide(*, comment: Comment, by, reason: str) -> Comment:
    """Hide a comment from everyone; the reason is shown in its place."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Indiquez pourquoi le commentaire est masqué.")})
    if comment.is_hidden:
        raise ValidationError(_("Ce commentaire est déjà masqué."))
    comment.hidden_at = timezone.now()
    comment.hidden_by = by
    comment.hidden_reason = reason
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"])
    return comment


# --- deadlines -----------------------------------------------------------------------


def overdue_reminders(today: datetime.date) -> int:
    """Remind the facilitators of the ideas waiting past their deadline: one notification
    per person and circle, linking to the list of those ideas. Returns the count sent."""
    groups: dict[int | None, int] = {}
    for circle_id, campaign_circle_id in (
        Idea.objects.overdue(today).values_list("circle_id", "campaign__circle_id").iterator()
    ):
        scope = circle_id or campaign_circle_id
        groups[scope] = groups.get(scope, 0) + 1
    sent = 0
    from django.urls import reverse

    for scope, count in groups.items():
        recipients = scope_moderator_ids(scope)
        url = reverse("ideas:idea_list") + "?overdue=1" + (f"&circle={scope}" if scope else "")
        with transaction.atomic():
            notify(
                recipients,
                kind="idea_deadline",
                text=_("%(n)s idée(s) attendent leur réponse au-delà du délai annoncé.")
                % {"n": count},
                url=url,
            )
        sent += len(recipients)
    return sent
