"""Every write of the competencies module: framework, campaigns, self-assessments,
sharing, peer feedback and public competencies. Each function is atomic and checks
who acts; side effects (notifications) run after commit."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cercles.accounts.models import Person
from cercles.core.notifications import notify
from cercles.lib.urls import cached_reverse
from cercles.organisation.models import Assignment
from cercles.people.functions import is_hr

from .models import (
    LEVELS,
    Assessment,
    AssessmentCampaign,
    AssessmentRating,
    AssessmentShare,
    AssessmentStatus,
    CampaignAudience,
    Competency,
    CompetencyFamily,
    CompetencyKind,
    CompetencySource,
    FeedbackStatus,
    PeerFeedback,
    PeerRating,
    PublicCompetency,
    WorkAxis,
)

COMPETENCY_FIELDS = (
    "family",
    "name",
    "kind",
    "description",
    "level_1",
    "level_2",
    "level_3",
    "level_4",
)
CAMPAIGN_FIELDS = ("name", "description", "starts_on", "ends_on", "allow_work_axes", "audience")
MAX_WORK_AXES = 10
MAX_REVIEWERS = 10


def _require_hr(by) -> None:
    if not is_hr(by):
        raise PermissionDenied(_("Réservé aux ressources humaines."))


def _check_level(level, field="level"):
    if level is not None and level not in LEVELS:
        raise ValidationError({field: _("Choisissez un niveau de 1 à 4.")})


# --- Framework ---------------------------------------------------------------------


@transaction.atomic
def family_create(*, by, name: str, description: str = "", position: int = 0) -> CompetencyFamily:
    _require_hr(by)
    family = CompetencyFamily(name=name.strip(), description=description.strip(), position=position)
    family.full_clean()
    family.save()
    return family


@transaction.atomic
def family_update(*, family: CompetencyFamily, by, **fields) -> CompetencyFamily:
    _require_hr(by)
    for name in ("name", "description", "position"):
        if name in fields:
            value = fields[name]
            setattr(family, name, value.strip() if isinstance(value, str) else value)
    family.full_clean()
    family.save(update_fields=["name", "description", "position", "updated_at"])
    return family


def _family_for(name: str) -> CompetencyFamily:
    """The live family of that name (case ignored), created if missing."""
    family = CompetencyFamily.objects.live().filter(name__iexact=name.strip()).first()
    if family is None:
        family = CompetencyFamily(name=name.strip()[:200])
        family.full_clean()
        family.save()
    return family


@transaction.atomic
def competency_create(
    *,
    by,
    family: CompetencyFamily,
    name: str,
    kind: str = CompetencyKind.TECHNICAL,
    description: str = "",
    level_1: str = "",
    level_2: str = "",
    level_3: str = "",
    level_4: str = "",
    source: str = CompetencySource.LOCAL,
    external_id: str = "",
) -> Competency:
    _require_hr(by)
    competency = Competency(
        family=family,
        name=name.strip(),
        kind=kind,
        description=description.strip(),
        level_1=level_1.strip(),
        level_2=level_2.strip(),
        level_3=level_3.strip(),
        level_4=level_4.strip(),
        source=source,
        external_id=external_id.strip(),
    )
    competency.full_clean()
    competency.save()
    return competency


@transaction.atomic
def competency_update(*, competency: Competency, by, **fields) -> Competency:
    _require_hr(by)
    if competency.archived_at is not None:
        raise ValidationError(_("Cette compétence est archivée : rétablissez-la d'abord."))
    changed = []
    for name in COMPETENCY_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(competency, name, value.strip() if isinstance(value, str) else value)
            changed.append(name)
    competency.full_clean()
    competency.save(update_fields=[*changed, "updated_at"])
    return competency


@transaction.atomic
def competency_archive(*, competency: Competency, by) -> Competency:
    _require_hr(by)
    if competency.archived_at is None:
        competency.archived_at = timezone.now()
        competency.save(update_fields=["archived_at", "updated_at"])
    return competency


@transaction.atomic
def competency_unarchive(*, competency: Competency, by) -> Competency:
    _require_hr(by)
    if competency.archived_at is not None:
        competency.archived_at = None
        competency.full_clean()
        competency.save(update_fields=["archived_at", "updated_at"])
    return competency


# --- Campaigns ---------------------------------------------------------------------


def _check_campaign(campaign, competencies, circles):
    campaign.full_clean()
    errors = {}
    if campaign.ends_on < campaign.starts_on:
        errors["ends_on"] = _("La fin de la campagne doit suivre son début.")
    if not competencies:
        errors["competencies"] = _("Choisissez au moins une compétence.")
    elif any(c.archived_at is not None for c in competencies):
        errors["competencies"] = _("Une compétence archivée ne peut pas être évaluée.")
    if campaign.audience == CampaignAudience.CIRCLES and not circles:
        errors["circles"] = _("Choisissez au moins un cercle, ou ouvrez la campagne à tous.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def campaign_create(
    *,
    by,
    name: str,
    starts_on,
    ends_on,
    competencies,
    description: str = "",
    allow_work_axes: bool = True,
    audience: str = CampaignAudience.EVERYONE,
    circles=(),
) -> AssessmentCampaign:
    _require_hr(by)
    competencies, circles = list(competencies), list(circles)
    campaign = AssessmentCampaign(
        name=name.strip(),
        description=description.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        allow_work_axes=allow_work_axes,
        audience=audience,
        created_by=by,
    )
    _check_campaign(campaign, competencies, circles)
    campaign.save()
    campaign.competencies.set(competencies)
    campaign.circles.set(circles if audience == CampaignAudience.CIRCLES else [])
    people = campaign_invited(campaign).exclude(pk=by.pk).values_list("pk", flat=True)
    notify(
        list(people),
        kind="competencies.campaign",
        text=_("Nouvelle campagne d'auto-évaluation : %(name)s") % {"name": campaign.name},
        url=campaign.get_absolute_url(),
    )
    return campaign


@transaction.atomic
def campaign_update(*, campaign: AssessmentCampaign, by, **fields) -> AssessmentCampaign:
    _require_hr(by)
    for name in CAMPAIGN_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(campaign, name, value.strip() if isinstance(value, str) else value)
    competencies = list(fields.get("competencies", campaign.competencies.all()))
    circles = list(fields.get("circles", campaign.circles.all()))
    _check_campaign(campaign, competencies, circles)
    campaign.save(update_fields=[*CAMPAIGN_FIELDS, "updated_at"])
    campaign.competencies.set(competencies)
    campaign.circles.set(circles if campaign.audience == CampaignAudience.CIRCLES else [])
    return campaign


def campaign_invited(campaign: AssessmentCampaign):
    """The people the campaign invites: everyone active, or those holding a role today
    in one of its circles."""
    people = Person.objects.filter(is_active=True)
    if campaign.audience == CampaignAudience.CIRCLES:
        holders = Assignment.objects.current().filter(
            role__circle__in=campaign.circles.all(), role__archived_at__isnull=True
        )
        people = people.filter(pk__in=holders.values("person_id"))
    return people


def is_invited(campaign: AssessmentCampaign, person) -> bool:
    return campaign_invited(campaign).filter(pk=person.pk).exists()


# --- Self-assessments --------------------------------------------------------------


@transaction.atomic
def assessment_start(*, campaign: AssessmentCampaign, person) -> Assessment:
    """His assessment in the campaign, a new draft the first time."""
    if not campaign.is_open():
        raise ValidationError(_("Cette campagne n'est pas ouverte."))
    if not is_invited(campaign, person):
        raise PermissionDenied(_("Cette campagne ne vous concerne pas."))
    assessment, _created = Assessment.objects.get_or_create(campaign=campaign, person=person)
    return assessment


@transaction.atomic
def assessment_save(
    *,
    assessment: Assessment,
    by,
    ratings: dict,
    work_axes=(),
    comment: str = "",
    submit: bool = False,
) -> Assessment:
    """Save his levels (competency id -> (level or None, comment)) and work axes
    ((title, level, comment)); `submit` validates the assessment (no more changes)."""
    if by.pk != assessment.person_id:
        raise PermissionDenied
    if assessment.is_submitted:
        raise ValidationError(_("Cette auto-évaluation est déjà validée."))
    campaign = assessment.campaign
    if not campaign.is_open():
        raise ValidationError(_("Cette campagne est close."))
    allowed = set(campaign.competencies.values_list("pk", flat=True))
    if set(ratings) - allowed:
        raise ValidationError(_("Une compétence ne fait pas partie de la campagne."))
    for level, _comment in ratings.values():
        _check_level(level)
    work_axes = [(t.strip(), lvl, c.strip()) for t, lvl, c in work_axes if t.strip()]
    if work_axes and not campaign.allow_work_axes:
        raise ValidationError(_("Cette campagne ne prévoit pas d'axes de travail libres."))
    if len(work_axes) > MAX_WORK_AXES:
        raise ValidationError(_("%(n)s axes de travail au plus.") % {"n": MAX_WORK_AXES})
    for _title, level, _c in work_axes:
        _check_level(level)
    AssessmentRating.objects.filter(assessment=assessment).delete()
    AssessmentRating.objects.bulk_create(
        [
            AssessmentRating(
                assessment=assessment, competency_id=cid, level=level, comment=c.strip()
            )
            for cid, (level, c) in sorted(ratings.items())
        ]
    )
    WorkAxis.objects.filter(assessment=assessment).delete()
    WorkAxis.objects.bulk_create(
        [
            WorkAxis(assessment=assessment, title=t[:200], level=lvl, comment=c)
            for t, lvl, c in work_axes
        ]
    )
    assessment.comment = comment.strip()
    fields = ["comment", "updated_at"]
    if submit:
        if not any(level is not None for level, _c in ratings.values()):
            raise ValidationError(
                _("Estimez votre niveau sur au moins une compétence avant de valider.")
            )
        assessment.status = AssessmentStatus.SUBMITTED
        assessment.submitted_at = timezone.now()
        fields += ["status", "submitted_at"]
    assessment.save(update_fields=fields)
    return assessment


# --- Sharing -----------------------------------------------------------------------


@transaction.atomic
def share_create(*, owner, viewer, assessment: Assessment | None = None) -> AssessmentShare:
    """Let `viewer` read this submitted assessment, or all of the owner's (None)."""
    if assessment is not None:
        if assessment.person_id != owner.pk:
            raise PermissionDenied
        if not assessment.is_submitted:
            raise ValidationError(_("Validez l'auto-évaluation avant de la partager."))
    if viewer.pk == owner.pk:
        raise ValidationError({"viewer": _("Vous lisez déjà vos auto-évaluations.")})
    if not viewer.is_active:
        raise ValidationError({"viewer": _("Cette personne n'est plus active.")})
    share, created = AssessmentShare.objects.get_or_create(
        owner=owner, viewer=viewer, assessment=assessment
    )
    if created:
        url = (
            assessment.get_absolute_url()
            if assessment
            else cached_reverse("competencies:shared_with_me")
        )
        notify(
            [viewer],
            kind="competencies.share",
            text=_("%(name)s partage avec vous une auto-évaluation.") % {"name": owner.full_name},
            url=url,
        )
    return share


@transaction.atomic
def share_revoke(*, share: AssessmentShare, by) -> None:
    if share.owner_id != by.pk:
        raise PermissionDenied
    share.delete()


# --- Peer feedback ------------------------------------------------------------------


@transaction.atomic
def feedback_request(*, assessment: Assessment, by, reviewers, message: str = "") -> list:
    if assessment.person_id != by.pk:
        raise PermissionDenied
    reviewers = [r for r in reviewers if r.pk != by.pk]
    if not reviewers:
        raise ValidationError({"reviewers": _("Choisissez au moins un collègue.")})
    already = set(assessment.peer_feedback.values_list("reviewer_id", flat=True))
    if len(already | {r.pk for r in reviewers}) > MAX_REVIEWERS:
        raise ValidationError(
            {"reviewers": _("%(n)s collègues au plus par campagne.") % {"n": MAX_REVIEWERS}}
        )
    created = [
        PeerFeedback.objects.create(assessment=assessment, reviewer=r, message=message.strip())
        for r in reviewers
        if r.pk not in already
    ]
    for feedback in created:
        notify(
            [feedback.reviewer_id],
            kind="competencies.feedback",
            text=_("%(name)s vous demande votre regard sur ses compétences.")
            % {"name": by.full_name},
            url=feedback.get_absolute_url(),
        )
    return created


def _check_pending(feedback, by):
    if feedback.reviewer_id != by.pk:
        raise PermissionDenied
    if feedback.status != FeedbackStatus.PENDING:
        raise ValidationError(_("Vous avez déjà répondu à cette demande."))


@transaction.atomic
def feedback_answer(
    *, feedback: PeerFeedback, by, ratings: dict, comment: str = ""
) -> PeerFeedback:
    """The colleague's levels (competency id -> level or None) and comment."""
    _check_pending(feedback, by)
    allowed = set(feedback.assessment.campaign.competencies.values_list("pk", flat=True))
    if set(ratings) - allowed:
        raise ValidationError(_("Une compétence ne fait pas partie de la campagne."))
    for level in ratings.values():
        _check_level(level)
    PeerRating.objects.bulk_create(
        [
            PeerRating(feedback=feedback, competency_id=cid, level=lvl)
            for cid, lvl in sorted(ratings.items())
        ]
    )
    feedback.comment = comment.strip()
    feedback.status = FeedbackStatus.ANSWERED
    feedback.answered_at = timezone.now()
    feedback.save(update_fields=["comment", "status", "answered_at", "updated_at"])
    notify(
        [feedback.assessment.person_id],
        kind="competencies.feedback",
        text=_("%(name)s a répondu à votre demande de regard.") % {"name": by.full_name},
        url=feedback.assessment.get_absolute_url(),
    )
    return feedback


@transaction.atomic
def feedback_decline(*, feedback: PeerFeedback, by) -> PeerFeedback:
    _check_pending(feedback, by)
    feedback.status = FeedbackStatus.DECLINED
    feedback.answered_at = timezone.now()
    feedback.save(update_fields=["status", "answered_at", "updated_at"])
    return feedback


# --- Public competencies -----------------------------------------------------------


@transaction.atomic
def public_competencies_set(*, person, levels: dict) -> int:
    """What the person shows on his profile: competency id -> level (absent: hidden)."""
    for level in levels.values():
        if level not in LEVELS:
            raise ValidationError(_("Choisissez un niveau de 1 à 4."))
    live = set(Competency.objects.live().filter(pk__in=list(levels)).values_list("pk", flat=True))
    if set(levels) - live:
        raise ValidationError(_("Une compétence n'existe pas ou est archivée."))
    PublicCompetency.objects.filter(person=person).filter(~Q(competency_id__in=live)).delete()
    existing = {p.competency_id: p for p in PublicCompetency.objects.filter(person=person)}
    for cid, level in levels.items():
        row = existing.get(cid)
        if row is None:
            PublicCompetency.objects.create(person=person, competency_id=cid, level=level)
        elif row.level != level:
            row.level = level
            row.save(update_fields=["level", "updated_at"])
    return len(levels)
