"""A person's self-assessments: filling one in, reading one (with the radar against the
previous one), sharing and revoking, asking colleagues for feedback and answering such
a request, the history across campaigns and what others shared with him."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cercles.accounts.models import Person
from cercles.people.functions import holders
from cercles.people.lines import direct_lead_links
from cercles.people.models import Function

from .. import reports, services
from ..access import (
    assessment_queryset,
    get_assessment_for_user,
    get_campaign_for_user,
    get_feedback_for_reviewer,
    get_share_for_owner,
)
from ..forms import AssessmentForm, FeedbackAnswerForm, FeedbackRequestForm, ShareForm
from ..models import (
    Assessment,
    AssessmentShare,
    AssessmentStatus,
    FeedbackStatus,
    PeerFeedback,
    PeerRating,
)
from .campaigns import campaigns_for, with_my_status
from .common import data, get_and_post, service_call

EXTRA_AXIS_ROWS = 2


def _assessment_form(campaign, assessment, post=None):
    competencies = campaign.competencies.select_related("family").order_by(
        "family__position", "family__name", "name", "id"
    )
    existing = len(assessment.work_axes.all()) if assessment else 0
    initial = AssessmentForm.initial_for(assessment) if assessment else {}
    return AssessmentForm(
        post,
        initial=initial,
        competencies=competencies,
        allow_work_axes=campaign.allow_work_axes,
        axis_rows=min(existing + EXTRA_AXIS_ROWS, services.MAX_WORK_AXES),
    )


@login_required
@get_and_post
def assessment_edit(request, pk):
    """His own assessment in campaign `pk`: saved as a draft, or validated."""
    campaign, _abilities = get_campaign_for_user(request, pk)
    assessment = assessment_queryset().filter(campaign=campaign, person=request.user).first()
    if assessment and assessment.is_submitted:
        messages.info(request, _("Votre auto-évaluation est validée : la voici."))
        return redirect(assessment)
    if not campaign.is_open() or not services.is_invited(campaign, request.user):
        raise PermissionDenied
    form = _assessment_form(campaign, assessment, data(request))
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        with service_call(form) as call:
            if assessment is None:
                assessment = services.assessment_start(campaign=campaign, person=request.user)
            services.assessment_save(
                assessment=assessment,
                by=request.user,
                ratings=form.ratings(),
                work_axes=form.work_axes(),
                comment=form.cleaned_data["comment"],
                submit=submit,
            )
        if call.ok:
            if submit:
                messages.success(
                    request,
                    _(
                        "Votre auto-évaluation est validée. Elle reste privée tant que vous ne la partagez pas."
                    ),
                )
                return redirect(assessment)
            messages.success(request, _("Brouillon enregistré : vous pouvez y revenir."))
            return redirect("competencies:assessment_edit", campaign.pk)
    return render(
        request,
        "competencies/assessment_form.html",
        {"campaign": campaign, "form": form, "assessment": assessment},
    )


def _share_suggestions(user) -> list:
    """His lead links and the HR people, to share with in one click."""
    leads = direct_lead_links([user.pk]).get(user.pk, set())
    people = {p.pk: p for p in Person.objects.filter(pk__in=leads, is_active=True)}
    suggestions = [(p, _("premier lien")) for p in people.values()]
    suggestions += [
        (p, _("RH")) for p in holders(Function.HR) if p.pk != user.pk and p.pk not in people
    ]
    return suggestions


def _previous(assessment, user):
    """His submitted assessment before this one, if the viewer may read it."""
    if not assessment.submitted_at:
        return None
    return (
        assessment_queryset()
        .visible_to(user)
        .filter(
            person_id=assessment.person_id,
            status=AssessmentStatus.SUBMITTED,
            submitted_at__lt=assessment.submitted_at,
        )
        .order_by("-submitted_at", "-id")
        .first()
    )


def _detail_context(request, assessment, abilities, *, share_form=None, feedback_form=None):
    user = request.user
    previous = _previous(assessment, user)
    axes, radar = reports.radar_for(assessment, previous)
    feedback = list(
        PeerFeedback.objects.filter(assessment=assessment)
        .select_related("reviewer")
        .prefetch_related(Prefetch("ratings", PeerRating.objects.select_related("competency")))
    )
    context = {
        "assessment": assessment,
        "abilities": abilities,
        "previous": previous,
        "axes": axes,
        "radar": radar,
        "feedback": feedback,
        "is_mine": assessment.person_id == user.pk,
    }
    if context["is_mine"]:
        context["shares"] = list(
            AssessmentShare.objects.filter(owner=user)
            .filter(Q(assessment=assessment) | Q(assessment__isnull=True))
            .select_related("viewer")
        )
        if abilities["share"]:
            context["share_form"] = share_form or ShareForm(suggestions=_share_suggestions(user))
        context["feedback_form"] = feedback_form or FeedbackRequestForm()
    return context


@login_required
def assessment_detail(request, pk):
    assessment, abilities = get_assessment_for_user(request, pk)
    return render(
        request,
        "competencies/assessment_detail.html",
        _detail_context(request, assessment, abilities),
    )


@login_required
@require_POST
def assessment_share(request, pk):
    assessment, abilities = get_assessment_for_user(request, pk, ability="share")
    form = ShareForm(request.POST, suggestions=_share_suggestions(request.user))
    if form.is_valid():
        scope_all = form.cleaned_data["scope"] == ShareForm.SCOPE_ALL
        with service_call(form) as call:
            services.share_create(
                owner=request.user,
                viewer=form.cleaned_data["viewer"],
                assessment=None if scope_all else assessment,
            )
        if call.ok:
            messages.success(
                request,
                _("%(name)s peut désormais lire ce que vous avez partagé.")
                % {"name": form.cleaned_data["viewer"].full_name},
            )
            return redirect(assessment)
    return render(
        request,
        "competencies/assessment_detail.html",
        _detail_context(request, assessment, abilities, share_form=form),
        status=400,
    )


@login_required
@require_POST
def share_revoke(request, pk):
    share = get_share_for_owner(request, pk)
    target = share.assessment.get_absolute_url() if share.assessment_id else None
    services.share_revoke(share=share, by=request.user)
    messages.success(request, _("Le partage est retiré."))
    return redirect(target or "competencies:my_assessments")


@login_required
@require_POST
def feedback_request(request, pk):
    assessment, abilities = get_assessment_for_user(request, pk, ability="ask_feedback")
    form = FeedbackRequestForm(request.POST)
    if form.is_valid():
        with service_call(form) as call:
            created = services.feedback_request(
                assessment=assessment,
                by=request.user,
                reviewers=[form.cleaned_data["email"]],
                message=form.cleaned_data["message"],
            )
        if call.ok:
            if created:
                messages.success(request, _("Votre demande est envoyée."))
            else:
                messages.info(request, _("Vous avez déjà demandé son regard à ce collègue."))
            return redirect(assessment)
    return render(
        request,
        "competencies/assessment_detail.html",
        _detail_context(request, assessment, abilities, feedback_form=form),
        status=400,
    )


@login_required
@get_and_post
def feedback_answer(request, pk):
    feedback, abilities = get_feedback_for_reviewer(request, pk)
    campaign = feedback.assessment.campaign
    competencies = campaign.competencies.select_related("family").order_by(
        "family__position", "family__name", "name", "id"
    )
    form = FeedbackAnswerForm(data(request), competencies=competencies)
    if request.method == "POST":
        if not abilities["answer"]:
            raise PermissionDenied
        if form.is_valid():
            with service_call(form) as call:
                services.feedback_answer(
                    feedback=feedback,
                    by=request.user,
                    ratings=form.ratings(),
                    comment=form.cleaned_data["comment"],
                )
            if call.ok:
                messages.success(request, _("Merci : votre regard est transmis."))
                return redirect("competencies:my_assessments")
    return render(
        request,
        "competencies/feedback_form.html",
        {"feedback": feedback, "form": form, "abilities": abilities, "campaign": campaign},
    )


@login_required
@require_POST
def feedback_decline(request, pk):
    feedback, _abilities = get_feedback_for_reviewer(request, pk, ability="decline")
    try:
        services.feedback_decline(feedback=feedback, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Vous avez décliné la demande."))
    return redirect("competencies:my_assessments")


@login_required
def my_assessments(request):
    """His history across campaigns, his radar (latest against previous), what he
    shares with everyone, the campaigns to fill and the feedback asked of him."""
    user = request.user
    # Queries: his assessments (with ratings and competencies, work axes); his "all"
    # shares with their viewers; his circles and the open campaigns; the requests for
    # his feedback.
    assessments = list(
        assessment_queryset().filter(person=user).order_by("-campaign__starts_on", "-id")
    )
    submitted = sorted(
        (a for a in assessments if a.is_submitted), key=lambda a: a.submitted_at, reverse=True
    )
    radar = axes = None
    if submitted:
        axes, radar = reports.radar_for(submitted[0], submitted[1] if len(submitted) > 1 else None)
    open_campaigns = [
        c
        for c in with_my_status(campaigns_for(user), user).order_by("ends_on", "id")
        if c.is_open() and c.my_status != AssessmentStatus.SUBMITTED
    ]
    return render(
        request,
        "competencies/my_assessments.html",
        {
            "assessments": assessments,
            "latest": submitted[0] if submitted else None,
            "previous": submitted[1] if len(submitted) > 1 else None,
            "axes": axes,
            "radar": radar,
            "shares_all": list(
                AssessmentShare.objects.filter(owner=user, assessment__isnull=True).select_related(
                    "viewer"
                )
            ),
            "open_campaigns": open_campaigns,
            "requests": list(
                PeerFeedback.objects.filter(
                    reviewer=user, status=FeedbackStatus.PENDING
                ).select_related("assessment__person", "assessment__campaign")
            ),
        },
    )


@login_required
def shared_with_me(request):
    # Queries: the submitted assessments their authors shared with him.
    assessments = list(
        Assessment.objects.visible_to(request.user)
        .exclude(person=request.user)
        .select_related("person", "campaign")
        .order_by("person__last_name", "person__first_name", "-submitted_at")[:500]
    )
    return render(request, "competencies/shared_with_me.html", {"assessments": assessments})
