"""Pages of the campaigns (défis): list, detail with their ideas, create and edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions, services
from ..access import get_campaign_for_user
from ..forms import CampaignForm
from ..models import Campaign, Idea, IdeaStatus
from .ideas import get_and_post, service_call

CAMPAIGNS_PER_PAGE = 30
IDEAS_PER_PAGE = 30


@login_required
def campaign_list(request):
    # Queries: the count; the page of campaigns with their circle and idea counts;
    # the user's facilitated (and led) circles for the "new campaign" link.
    campaigns = (
        Campaign.objects.visible_to(request.user)
        .select_related("circle")
        .annotate(idea_count=Count("ideas", filter=~Q(ideas__status=IdeaStatus.DRAFT)))
        .order_by("-starts_on", "-id")
    )
    page = Paginator(campaigns, CAMPAIGNS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "ideas/campaign_list.html",
        {
            "page": page,
            "today": timezone.localdate(),
            "can_create": permissions.may_create_some_campaign(request.user),
        },
    )


@login_required
def campaign_detail(request, pk):
    campaign, abilities = get_campaign_for_user(request, pk)
    # Queries: the objectives; the count; the page of its ideas, most supported first.
    ideas = Idea.objects.listing(request.user, campaign_id=campaign.pk, sort="supported")
    page = Paginator(ideas, IDEAS_PER_PAGE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for idea in page.object_list:
        idea.overdue = idea.is_overdue_on(today)
    return render(
        request,
        "ideas/campaign_detail.html",
        {
            "campaign": campaign,
            "abilities": abilities,
            "objectives": list(campaign.objectives.all()),
            "page": page,
        },
    )


def _limit_circles(form, user):
    """Non-admins choose among the circles they facilitate or lead."""
    if not permissions.is_admin(user):
        allowed = [
            pk
            for pk in form.fields["circle"].queryset.values_list("pk", flat=True)
            if permissions.moderates_circle(user, pk)
        ]
        form.fields["circle"].queryset = form.fields["circle"].queryset.filter(pk__in=allowed)
        form.fields["circle"].required = True
        form.fields["circle"].empty_label = None


@login_required
@get_and_post
def campaign_create(request):
    if not permissions.may_create_some_campaign(request.user):
        raise PermissionDenied
    form = CampaignForm(request.POST or None)
    _limit_circles(form, request.user)
    if request.method == "POST" and form.is_valid():
        if not permissions.can_create_campaign(request.user, form.cleaned_data["circle"]):
            raise PermissionDenied
        with service_call(form) as call:
            campaign = services.campaign_create(by=request.user, **form.values())
        if call.ok:
            messages.success(
                request, _("La campagne « %(title)s » est créée.") % {"title": campaign}
            )
            return redirect(campaign)
    return render(request, "ideas/campaign_form.html", {"form": form, "campaign": None})


@login_required
@get_and_post
def campaign_update(request, pk):
    campaign, _abilities = get_campaign_for_user(request, pk, ability="update")
    form = CampaignForm(request.POST or None, initial=CampaignForm.initial_for(campaign))
    _limit_circles(form, request.user)
    if request.method == "POST" and form.is_valid():
        if not permissions.can_create_campaign(request.user, form.cleaned_data["circle"]):
            raise PermissionDenied
        with service_call(form) as call:
            services.campaign_update(campaign=campaign, by=request.user, **form.values())
        if call.ok:
            messages.success(request, _("La campagne est modifiée."))
            return redirect(campaign)
        campaign.refresh_from_db()
    return render(request, "ideas/campaign_form.html", {"form": form, "campaign": campaign})
