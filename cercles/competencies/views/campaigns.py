"""Self-assessment campaigns: the list (each person's own, all of them for HR), a
campaign, HR's pages to create and edit one, and its aggregates (page and CSV)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Q, Subquery
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cercles.organisation.models import Assignment

from .. import permissions, reports, services
from ..access import get_campaign_for_user
from ..forms import CampaignForm
from ..models import Assessment, AssessmentCampaign
from .common import data, get_and_post, service_call


def my_circle_ids(user) -> list[int]:
    return list(
        Assignment.objects.current()
        .filter(person=user, role__archived_at__isnull=True)
        .values_list("role__circle_id", flat=True)
    )


def campaigns_for(user):
    """The live campaigns inviting the user (to everyone, or to one of his circles)."""
    return (
        AssessmentCampaign.objects.live()
        .filter(Q(audience="everyone") | Q(circles__in=my_circle_ids(user)))
        .distinct()
    )


def with_my_status(campaigns, user):
    mine = Assessment.objects.filter(campaign=OuterRef("pk"), person=user)
    return campaigns.annotate(
        my_assessment=Subquery(mine.values("pk")[:1]),
        my_status=Subquery(mine.values("status")[:1]),
    )


@login_required
def campaign_list(request):
    user = request.user
    hr = permissions.can_manage_campaigns(user)
    # Queries: (not HR) his current circles; the campaigns with his assessment's status.
    campaigns = AssessmentCampaign.objects.all() if hr else campaigns_for(user)
    campaigns = list(with_my_status(campaigns, user).order_by("-starts_on", "-id")[:200])
    today = timezone.localdate()
    return render(
        request,
        "competencies/campaign_list.html",
        {"campaigns": campaigns, "hr": hr, "today": today},
    )


@login_required
@get_and_post
def campaign_create(request):
    if not permissions.can_manage_campaigns(request.user):
        raise PermissionDenied
    form = CampaignForm(data(request))
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            campaign = services.campaign_create(by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, _("La campagne « %(n)s » est créée.") % {"n": campaign.name})
            return redirect(campaign)
    return render(request, "competencies/campaign_form.html", {"form": form})


@login_required
@get_and_post
def campaign_update(request, pk):
    campaign, _abilities = get_campaign_for_user(request, pk, ability="update")
    initial = {name: getattr(campaign, name) for name in services.CAMPAIGN_FIELDS}
    initial["competencies"] = list(campaign.competencies.all())
    initial["circles"] = list(campaign.circles.all())
    form = CampaignForm(data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.campaign_update(campaign=campaign, by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, _("La campagne est enregistrée."))
            return redirect(campaign)
    return render(request, "competencies/campaign_form.html", {"form": form, "campaign": campaign})


@login_required
def campaign_detail(request, pk):
    campaign, abilities = get_campaign_for_user(request, pk)
    # Queries: the campaign; its competencies; his assessment; whether he is invited.
    competencies = list(campaign.competencies.select_related("family"))
    mine = Assessment.objects.filter(campaign=campaign, person=request.user).first()
    invited = services.is_invited(campaign, request.user)
    return render(
        request,
        "competencies/campaign_detail.html",
        {
            "campaign": campaign,
            "abilities": abilities,
            "competencies": competencies,
            "mine": mine,
            "invited": invited,
            "is_open": campaign.is_open(),
        },
    )


@login_required
def campaign_results(request, pk):
    campaign, _abilities = get_campaign_for_user(request, pk, ability="results")
    results = reports.campaign_results(campaign, services.campaign_invited(campaign))
    return render(
        request,
        "competencies/campaign_results.html",
        {"campaign": campaign, "results": results},
    )


@login_required
def campaign_results_csv(request, pk):
    campaign, _abilities = get_campaign_for_user(request, pk, ability="results")
    results = reports.campaign_results(campaign, services.campaign_invited(campaign))
    response = HttpResponse(
        "\ufeff" + reports.results_csv(campaign, results), content_type="text/csv; charset=utf-8"
    )
    name = slugify(campaign.name) or "campagne"
    response["Content-Disposition"] = f'attachment; filename="resultats-{name}.csv"'
    return response
