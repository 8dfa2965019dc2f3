"""Every change of missions and applications goes through these functions.

Each runs in a transaction, checks the rights of `by` (PermissionDenied) and the input
(ValidationError with a French message for the user), and notifies after the commit.

A person's time: a mission adds its share to what he already holds. On every day the
total changes over the mission's period (its first day, and each day one of his
assignments starts or ends in it) the total must stay within 100 %: above, the
selection and the acceptance are refused and nothing is written; applying only warns.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cercles.accounts.models import Person
from cercles.core.notifications import notify
from cercles.organisation import services as org_services
from cercles.organisation.models import Assignment, Role
from cercles.organisation.permissions import manages
from cercles.people.lines import direct_lead_links

from . import permissions
from .models import (
    MAX_TEXT,
    MAX_TITLE,
    Application,
    ApplicationLeadLink,
    ApplicationMessage,
    ApplicationStatus,
    LeadLinkOpinion,
    Mission,
    MissionKind,
    MissionStatus,
)

MAX_SHARE = 100
EDITABLE = {
    "kind",
    "role",
    "new_role_name",
    "title",
    "description",
    "share",
    "start_date",
    "end_date",
    "places",
    "deadline",
}
# Fixed once the mission is published: applicants applied to them.
FIXED_WHEN_PUBLISHED = {"kind", "role", "new_role_name"}


def _day(day: datetime.date) -> str:
    return formats.date_format(day, "j F Y")


# --- a person's time -------------------------------------------------------------------


def share_peak(person, *, share: int, start: datetime.date, end: datetime.date, exclude=None):
    """(total, day): the highest total share of the person's time over [start, end) with
    this mission's `share` added, and the first day it is reached.

    One query: his assignments overlapping the period (as `Assignment.objects.current`
    reads them on each day, the end date excluded). The total only changes on the first
    day and on the days one of them starts or ends, so only those days are checked —
    the same totals `organisation.services.person_total_share` gives on them.
    """
    held = list(
        Assignment.objects.filter(person=person, start_date__lt=end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=start))
        .exclude(pk=getattr(exclude, "pk", None))
        .only("share", "start_date", "end_date")
    )
    days = {start}
    for assignment in held:
        for day in (assignment.start_date, assignment.end_date):
            if day is not None and start < day < end:
                days.add(day)
    best = (-1, start)
    for day in sorted(days):
        total = share + sum(a.share for a in held if a.is_current(day))
        if total > best[0]:
            best = (total, day)
    return best


def _over(person, mission: Mission):
    total, day = share_peak(
        person, share=mission.share, start=_effective_start(mission), end=mission.end_date
    )
    return (total, day) if total > MAX_SHARE else None


def share_warning(person, mission: Mission) -> str:
    """The warning shown to someone about to apply ("" when the mission fits his time)."""
    over = _over(person, mission)
    if over is None:
        return ""
    return _(
        "Attention : cette mission porterait votre temps à %(total)s %% le %(day)s. Vous "
        "pouvez candidater, mais au-delà de 100 %% vous ne pourrez être retenu qu'après "
        "avoir libéré du temps."
    ) % {"total": over[0], "day": _day(over[1])}


def _check_share_for_selection(application: Application) -> None:
    over = _over(application.person, application.mission)
    if over is not None:
        raise ValidationError(
            _(
                "Cette mission porterait le temps de %(name)s à %(total)s %% le %(day)s : "
                "au-delà de 100 %%, sa candidature ne peut pas être retenue."
            )
            % {"name": application.person.full_name, "total": over[0], "day": _day(over[1])}
        )


def _check_share_for_acceptance(application: Application) -> None:
    over = _over(application.person, application.mission)
    if over is not None:
        raise ValidationError(
            _(
                "Cette mission porterait votre temps à %(total)s %% le %(day)s : au-delà de "
                "100 %%, vous ne pouvez pas l'accepter. Libérez d'abord du temps avec vos "
                "premiers liens."
            )
            % {"total": over[0], "day": _day(over[1])}
        )


def _effective_start(mission: Mission) -> datetime.date:
    """A mission taken after its start date begins on the day it is taken."""
    return max(mission.start_date, min(timezone.localdate(), mission.end_date))


# --- missions --------------------------------------------------------------------------


def _check_post(by, circle) -> None:
    if not permissions.can_post(by, circle):
        raise PermissionDenied(_("Seuls ceux qui pilotent ce cercle y publient des missions."))


def _validate(mission: Mission, *, new: bool, start_changed: bool) -> None:
    errors = {}
    mission.title = (mission.title or "").strip()
    mission.new_role_name = (mission.new_role_name or "").strip()
    if not mission.title:
        errors["title"] = _("Donnez un titre à la mission.")
    elif len(mission.title) > MAX_TITLE:
        errors["title"] = _("Le titre tient en %(n)s caractères au plus.") % {"n": MAX_TITLE}
    if len(mission.description or "") > MAX_TEXT:
        errors["description"] = _("La description tient en %(n)s caractères au plus.") % {
            "n": MAX_TEXT
        }
    if mission.share is None or not 1 <= mission.share <= MAX_SHARE:
        errors["share"] = _("La part du temps est un pourcentage entre 1 et 100.")
    if mission.start_date and mission.end_date and mission.end_date <= mission.start_date:
        errors["end_date"] = _("La fin doit venir après le début de la mission.")
    if (new or start_changed) and mission.start_date and mission.start_date < timezone.localdate():
        errors["start_date"] = _("La mission ne peut pas commencer dans le passé.")
    if mission.deadline and mission.start_date and mission.deadline > mission.start_date:
        errors["deadline"] = _("Les candidatures doivent être closes au plus tard au début.")
    if mission.role_id and mission.new_role_name:
        errors["new_role_name"] = _(
            "Choisissez un rôle existant ou nommez un nouveau rôle, pas les deux."
        )
    elif not mission.role_id and not mission.new_role_name:
        errors["role"] = _("Choisissez un rôle du cercle ou nommez le nouveau rôle à créer.")
    if mission.role_id:
        role = mission.role
        if role.circle_id != mission.circle_id or role.is_archived or role.is_core:
            errors["role"] = _("Choisissez un rôle actif du cercle (pas un rôle structurel).")
    elif (
        mission.new_role_name
        and Role.objects.active()
        .filter(circle_id=mission.circle_id, name__iexact=mission.new_role_name)
        .exists()
    ):
        errors["new_role_name"] = _(
            "Ce cercle a déjà un rôle de ce nom : choisissez-le dans la liste."
        )
    if errors:
        raise ValidationError(errors)
    mission.full_clean(exclude=["circle", "role", "created_by"])


@transaction.atomic
def mission_create(
    *,
    by,
    circle,
    title,
    share,
    start_date,
    end_date,
    kind=MissionKind.ROLE,
    role=None,
    new_role_name="",
    description="",
    skills=(),
    places=1,
    deadline=None,
    publish=False,
) -> Mission:
    _check_post(by, circle)
    mission = Mission(
        circle=circle,
        kind=kind,
        role=role,
        new_role_name=new_role_name,
        title=title,
        description=description,
        share=share,
        start_date=start_date,
        end_date=end_date,
        places=places,
        deadline=deadline,
        created_by=by,
    )
    _validate(mission, new=True, start_changed=True)
    mission.save()
    mission.skills.set(skills)
    if publish:
        mission = mission_publish(mission=mission, by=by)
    return mission


def _locked_mission(mission: Mission) -> Mission:
    """The mission's row, locked until the transaction ends, read afresh: a decision
    taken meanwhile (an acceptance filling it, a closing) is seen."""
    # Only the mission's row: PostgreSQL refuses FOR UPDATE on the nullable side of the
    # role's outer join.
    return Mission.objects.select_for_update(of=("self",)).select_related("role").get(pk=mission.pk)


def _promised(mission: Mission) -> tuple[int, int]:
    """(selected or accepted, accepted) applications of the mission."""
    counts = dict(
        mission.applications.filter(
            status__in=[ApplicationStatus.SELECTED, ApplicationStatus.ACCEPTED]
        )
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    accepted = counts.get(ApplicationStatus.ACCEPTED, 0)
    return counts.get(ApplicationStatus.SELECTED, 0) + accepted, accepted


@transaction.atomic
def mission_update(*, mission: Mission, by, skills=None, **fields) -> Mission:
    mission = _locked_mission(mission)
    if not permissions.mission_abilities(by, mission)["update"]:
        raise PermissionDenied(_("Cette mission ne peut plus être modifiée."))
    unknown = set(fields) - EDITABLE
    if unknown:
        raise TypeError(f"mission_update() got unexpected fields {sorted(unknown)}")
    promised, accepted = (0, 0) if mission.is_draft else _promised(mission)
    if promised:
        # Someone was selected on these terms (his lead links were told the share) or
        # already holds the assignment made from them: they no longer change.
        moved = [
            key
            for key in ("share", "start_date", "end_date")
            if key in fields and getattr(mission, key) != fields[key]
        ]
        if moved:
            raise ValidationError(
                {
                    moved[0]: _(
                        "Une candidature est déjà retenue : la part du temps et la période "
                        "de la mission ne changent plus."
                    )
                }
            )
        if fields.get("places", mission.places) < promised:
            raise ValidationError(
                {
                    "places": _(
                        "%(n)s candidatures sont déjà retenues ou acceptées : il faut au "
                        "moins autant de places."
                    )
                    % {"n": promised}
                }
            )
    if not mission.is_draft:
        changed_fixed = [
            key
            for key in FIXED_WHEN_PUBLISHED & set(fields)
            if getattr(mission, key) != fields[key]
        ]
        if changed_fixed:
            raise ValidationError(
                {
                    changed_fixed[0]: _(
                        "Le rôle et la nature d'une mission publiée ne changent plus."
                    )
                }
            )
    start_changed = "start_date" in fields and fields["start_date"] != mission.start_date
    changed = [key for key, value in fields.items() if getattr(mission, key) != value]
    for key, value in fields.items():
        setattr(mission, key, value)
    _validate(mission, new=False, start_changed=start_changed)
    if accepted and accepted >= mission.places:
        mission.status = MissionStatus.FILLED
        changed.append("status")
    if changed:
        mission.save(update_fields=[*changed, "updated_at"])
    if skills is not None:
        mission.skills.set(skills)
    return mission


@transaction.atomic
def mission_publish(*, mission: Mission, by) -> Mission:
    """Open a draft to applications, creating its new role in the circle first."""
    mission = _locked_mission(mission)  # two clicks must not create the role twice
    if not permissions.mission_abilities(by, mission)["publish"]:
        raise PermissionDenied(_("Seule une mission en brouillon peut être publiée."))
    _validate(mission, new=False, start_changed=mission.start_date < timezone.localdate())
    fields = ["status", "published_at", "updated_at"]
    if not mission.role_id:
        mission.role = org_services.role_create(
            by=by,
            circle=mission.circle,
            name=mission.new_role_name,
            purpose=mission.title,
            note=_("Rôle créé pour la mission « %(title)s ».") % {"title": mission.title},
        )
        mission.new_role_name = ""
        fields += ["role", "new_role_name"]
    mission.status = MissionStatus.OPEN
    mission.published_at = timezone.now()
    mission.save(update_fields=fields)
    return mission


@transaction.atomic
def mission_close(*, mission: Mission, by, message="") -> Mission:
    """Close a mission to applications; the applications still waiting are declined."""
    mission = _locked_mission(mission)
    if not permissions.mission_abilities(by, mission)["close"]:
        raise PermissionDenied(_("Seule une mission ouverte peut être close."))
    message = (message or "").strip()
    if len(message) > MAX_TEXT:
        raise ValidationError(
            {"message": _("Le message tient en %(n)s caractères au plus.") % {"n": MAX_TEXT}}
        )
    reason = message or _("La mission a été close.")
    waiting = list(
        mission.applications.filter(
            status__in=[ApplicationStatus.PENDING, ApplicationStatus.SELECTED]
        ).values_list("pk", "person_id")
    )
    Application.objects.filter(
        pk__in=[pk for pk, _person in waiting],
        status__in=[ApplicationStatus.PENDING, ApplicationStatus.SELECTED],
    ).update(
        status=ApplicationStatus.DECLINED,
        decline_reason=reason,
        decided_at=timezone.now(),
        updated_at=timezone.now(),
    )
    mission.status = MissionStatus.CLOSED
    mission.closed_at = timezone.now()
    mission.save(update_fields=["status", "closed_at", "updated_at"])
    notify(
        [person for _pk, person in waiting],
        kind="mission_closed",
        text=_("La mission « %(title)s » est close : %(reason)s")
        % {"title": mission.title, "reason": reason},
        url=mission.get_absolute_url(),
    )
    return mission


# --- applications ----------------------------------------------------------------------


def _poster_ids(mission: Mission) -> list[int]:
    """The poster, told of the applications while he may see them: an author who no
    longer manages the circle must not learn who applies."""
    poster = mission.created_by
    if poster is None or not poster.is_active or not manages(poster, mission.circle_id):
        return []
    return [poster.pk]


@transaction.atomic
def application_create(*, mission: Mission, person, message) -> tuple[Application, str]:
    """Apply to a mission. Returns the application and a warning ("" if none) when the
    mission would take the person's time above 100 %."""
    mission = (
        Mission.objects.select_for_update(of=("self",))
        .select_related("created_by")
        .get(pk=mission.pk)
    )
    if not permissions.mission_abilities(person, mission)["apply"]:
        if Application.objects.live().filter(mission=mission, person=person).exists():
            raise ValidationError(_("Vous avez déjà candidaté à cette mission."))
        raise ValidationError(_("Cette mission ne reçoit plus de candidatures."))
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": _("Dites en quelques mots pourquoi vous candidatez.")})
    if len(message) > MAX_TEXT:
        raise ValidationError(
            {"message": _("Le message tient en %(n)s caractères au plus.") % {"n": MAX_TEXT}}
        )
    application = Application(mission=mission, person=person, message=message)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as exc:  # a second tab applied at the same time
        raise ValidationError(_("Vous avez déjà candidaté à cette mission.")) from exc
    notify(
        _poster_ids(mission),
        kind="mission_application",
        text=_("%(name)s candidate à la mission « %(title)s ».")
        % {"name": person.full_name, "title": mission.title},
        url=application.get_absolute_url(),
    )
    return application, share_warning(person, mission)


def _lock(application: Application) -> Application:
    # The mission first, then the application: the order every service takes (applying,
    # closing and editing lock the mission), so two of them never wait on each other.
    # Two selections cannot both take the last place; a closing waits for an acceptance.
    # Only these rows are locked (PostgreSQL refuses FOR UPDATE on the nullable side of
    # an outer join, like the role's).
    Mission.objects.select_for_update().filter(pk=application.mission_id).first()
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related(
            "mission", "mission__circle", "mission__role", "mission__created_by", "person"
        )
        .get(pk=application.pk)
    )


def _require(by, application: Application, ability: str, message: str) -> None:
    if not permissions.application_abilities(by, application)[ability]:
        raise PermissionDenied(message)


@transaction.atomic
def application_withdraw(*, application: Application, by) -> Application:
    application = _lock(application)
    _require(by, application, "withdraw", _("Cette candidature ne peut plus être retirée."))
    application.status = ApplicationStatus.WITHDRAWN
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_at", "updated_at"])
    notify(
        _poster_ids(application.mission),
        kind="mission_withdrawn",
        text=_("%(name)s a retiré sa candidature à la mission « %(title)s ».")
        % {"name": application.person.full_name, "title": application.mission.title},
        url=application.get_absolute_url(),
    )
    return application


@transaction.atomic
def application_select(*, application: Application, by) -> Application:
    """Select an applicant: his current lead links are informed (and, with the veto
    setting, asked to agree); he then confirms."""
    application = _lock(application)
    _require(by, application, "select", _("Cette candidature ne peut pas être retenue."))
    mission = application.mission
    promised = mission.applications.filter(
        status__in=[ApplicationStatus.SELECTED, ApplicationStatus.ACCEPTED]
    ).count()
    if promised >= mission.places:
        raise ValidationError(
            _("Toutes les places de cette mission sont déjà promises (%(n)s).")
            % {"n": mission.places}
        )
    _check_share_for_selection(application)
    application.status = ApplicationStatus.SELECTED
    application.selected_at = timezone.now()
    application.selected_by = by
    application.save(update_fields=["status", "selected_at", "selected_by", "updated_at"])
    leads = sorted(direct_lead_links([application.person_id]).get(application.person_id, set()))
    ApplicationLeadLink.objects.bulk_create(
        [ApplicationLeadLink(application=application, person_id=pk) for pk in leads],
        ignore_conflicts=True,
    )
    person = application.person
    notify(
        [person],
        kind="mission_selected",
        text=_("Votre candidature à la mission « %(title)s » est retenue : confirmez-la.")
        % {"title": mission.title},
        url=application.get_absolute_url(),
    )
    if permissions.veto_enabled():
        lead_text = _(
            "%(name)s est retenu pour la mission « %(title)s » (%(share)s %% du temps) : "
            "donnez votre accord ou votre refus."
        )
    else:
        lead_text = _(
            "%(name)s est retenu pour la mission « %(title)s » (%(share)s %% du temps) : "
            "vous pouvez en discuter sur la candidature."
        )
    notify(
        leads,
        kind="mission_lead_link",
        text=lead_text % {"name": person.full_name, "title": mission.title, "share": mission.share},
        url=application.get_absolute_url(),
    )
    return application


@transaction.atomic
def application_decline(*, application: Application, by, reason) -> Application:
    application = _lock(application)
    _require(by, application, "decline", _("Cette candidature ne peut plus être déclinée."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Expliquez au candidat pourquoi il n'est pas retenu.")})
    if len(reason) > MAX_TEXT:
        raise ValidationError(
            {"reason": _("Le motif tient en %(n)s caractères au plus.") % {"n": MAX_TEXT}}
        )
    application.status = ApplicationStatus.DECLINED
    application.decline_reason = reason
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decline_reason", "decided_at", "updated_at"])
    notify(
        [application.person],
        kind="mission_declined",
        text=_("Votre candidature à la mission « %(title)s » n'est pas retenue : %(reason)s")
        % {"title": application.mission.title, "reason": reason},
        url=application.get_absolute_url(),
    )
    return application


@transaction.atomic
def lead_link_answer(*, application: Application, by, agree: bool) -> Application:
    """With CERCLES_MISSIONS_LEAD_LINK_VETO: a lead link informed agrees or refuses."""
    application = _lock(application)
    _require(by, application, "answer", _("Vous n'avez pas d'avis à donner ici."))
    row = application.lead_links.get(person=by)
    row.opinion = LeadLinkOpinion.AGREED if agree else LeadLinkOpinion.REFUSED
    row.answered_at = timezone.now()
    row.save(update_fields=["opinion", "answered_at"])
    if not agree:
        application.status = ApplicationStatus.VETOED
        application.decided_at = timezone.now()
        application.save(update_fields=["status", "decided_at", "updated_at"])
    notify(
        [application.person_id, *_poster_ids(application.mission)],
        kind="mission_lead_link_answer",
        text=(
            _("%(lead)s est d'accord pour la mission « %(title)s ».")
            if agree
            else _("%(lead)s refuse la mission « %(title)s ».")
        )
        % {"lead": by.full_name, "title": application.mission.title},
        url=application.get_absolute_url(),
    )
    return application


@transaction.atomic
def application_accept(*, application: Application, by) -> Application:
    """The selected person confirms: the role assignment is created (share, period,
    focus) through the organisation services. Refused above 100 % of his time."""
    application = _lock(application)
    _require(by, application, "accept", _("Cette candidature ne peut pas être confirmée."))
    mission = application.mission
    if timezone.localdate() >= mission.end_date:
        raise ValidationError(_("La période de cette mission est passée."))
    # The person's row is the arbiter of his time: two acceptances of his (two tabs, two
    # missions) are served one after the other, the second seeing the first assignment.
    Person.objects.select_for_update().filter(pk=application.person_id).first()
    _check_share_for_acceptance(application)
    start = _effective_start(mission)
    assignment = org_services.assignment_create(
        role=mission.role,
        person=application.person,
        by=application.selected_by or by,
        share=mission.share,
        focus=mission.title[:300],
        start_date=start,
        end_date=mission.end_date,
        note=_("Mission « %(title)s » acceptée.") % {"title": mission.title},
    )
    application.status = ApplicationStatus.ACCEPTED
    application.assignment = assignment
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "assignment", "decided_at", "updated_at"])
    accepted = mission.applications.filter(status=ApplicationStatus.ACCEPTED).count()
    if accepted >= mission.places:
        mission.status = MissionStatus.FILLED
        mission.save(update_fields=["status", "updated_at"])
    leads = list(application.lead_links.values_list("person_id", flat=True))
    notify(
        [*_poster_ids(mission), *leads],
        kind="mission_accepted",
        text=_("%(name)s a accepté la mission « %(title)s », à partir du %(day)s.")
        % {"name": application.person.full_name, "title": mission.title, "day": _day(start)},
        url=application.get_absolute_url(),
    )
    return application


@transaction.atomic
def application_message_create(*, application: Application, by, body) -> ApplicationMessage:
    _require(by, application, "discuss", _("Vous ne pouvez pas écrire dans cette discussion."))
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Écrivez votre message.")})
    if len(body) > MAX_TEXT:
        raise ValidationError(
            {"body": _("Le message tient en %(n)s caractères au plus.") % {"n": MAX_TEXT}}
        )
    message = ApplicationMessage.objects.create(application=application, author=by, body=body)
    others = {
        application.person_id,
        *_poster_ids(application.mission),
        *application.lead_links.values_list("person_id", flat=True),
    } - {by.pk}
    notify(
        others,
        kind="mission_message",
        text=_("%(name)s a écrit sur la candidature de %(person)s à « %(title)s ».")
        % {
            "name": by.full_name,
            "person": application.person.full_name,
            "title": application.mission.title,
        },
        url=application.get_absolute_url(),
    )
    return message
