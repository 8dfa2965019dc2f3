"""Load objects for a view: 404 for what the user may not see, 403 for what he may not do."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from . import permissions
from .models import (
    Assessment,
    AssessmentCampaign,
    AssessmentRating,
    AssessmentShare,
    Competency,
    CompetencyFamily,
    PeerFeedback,
    WorkAxis,
)


def _check(abilities: dict, ability: str | None):
    if ability and not abilities.get(ability):
        raise PermissionDenied


def require_hr(request):
    if not permissions.can_manage_framework(request.user):
        raise PermissionDenied


def get_competency_for_user(request, pk, ability=None):
    competency = get_object_or_404(Competency.objects.select_related("family"), pk=pk)
    abilities = permissions.competency_abilities(request.user, competency)
    _check(abilities, ability)
    return competency, abilities


def get_family_for_hr(request, pk):
    require_hr(request)
    return get_object_or_404(CompetencyFamily.objects.live(), pk=pk)


def get_campaign_for_user(request, pk, ability=None):
    campaign = get_object_or_404(AssessmentCampaign.objects.all(), pk=pk)
    abilities = permissions.campaign_abilities(request.user, campaign)
    _check(abilities, ability)
    return campaign, abilities


def assessment_queryset():
    return Assessment.objects.select_related("campaign", "person").prefetch_related(
        Prefetch(
            "ratings",
            AssessmentRating.objects.select_related("competency__family"),
        ),
        Prefetch("work_axes", WorkAxis.objects.order_by("id")),
    )


def get_assessment_for_user(request, pk, ability=None):
    """Only his own assessments and those shared with him: a 404 for everyone else,
    HR and admins included."""
    assessment = get_object_or_404(assessment_queryset().visible_to(request.user), pk=pk)
    abilities = permissions.assessment_abilities(request.user, assessment)
    _check(abilities, ability)
    return assessment, abilities


def get_feedback_for_reviewer(request, pk, ability=None):
    feedback = get_object_or_404(
        PeerFeedback.objects.select_related("assessment__campaign", "assessment__person"),
        pk=pk,
        reviewer=request.user,
    )
    abilities = permissions.feedback_abilities(request.user, feedback)
    _check(abilities, ability)
    return feedback, abilities


def get_share_for_owner(request, pk):
    return get_object_or_404(AssessmentShare.objects.all(), pk=pk, owner=request.user)
