"""Decision records: a decision's page (final text, process, objections with their test
and integration, governance changes applied, dissent notes), a circle's decisions with
filters, and the dissent note form."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cercles.organisation.access import get_circle_for_user

from .. import permissions, services
from ..access import get_decision_for_user, get_dissent_note
from ..forms import DissentForm
from ..models import (
    Decision,
    DecisionOutcome,
    DissentNote,
    Objection,
    Process,
    ProposalKind,
)
from .common import data, flash_errors, get_and_post, service_call

DECISIONS_PER_PAGE = 30


def _count(model, field):
    rows = (
        model.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def with_counts(decisions):
    """Each decision with its number of objections and of dissent notes (subqueries:
    no join multiplies the rows)."""
    return decisions.annotate(
        objection_count=_count(Objection, "proposal__decision"),
        dissent_count=_count(DissentNote, "decision"),
    )


@login_required
def decision_detail(request, pk):
    decision, abilities = get_decision_for_user(request, pk)
    proposal = decision.proposal
    # Queries: the objections with their people and versions; the dissent notes with
    # their authors; the governance changes applied; the versions; the event log.
    objections = list(
        Objection.objects.filter(proposal=proposal).select_related(
            "author", "tested_by", "version", "integrated_in"
        )
    )
    notes = list(decision.dissent_notes.select_related("author"))
    changes = (
        [(item, services.describe(item)) for item in services.items_for_display(proposal)]
        if decision.kind == ProposalKind.GOVERNANCE
        else []
    )
    versions = list(proposal.versions.select_related("author"))
    events = list(proposal.events.select_related("by"))
    proposal.circle = decision.circle
    proposal.meeting = decision.meeting
    return render(
        request,
        "decisions/decision_detail.html",
        {
            "decision": decision,
            "proposal": proposal,
            "abilities": abilities,
            "sees_proposal": permissions.proposal_abilities(request.user, proposal)["view"],
            "objections": objections,
            "integrated": [o for o in objections if o.status == "integrated"],
            "notes": notes,
            "my_note": next((n for n in notes if n.author_id == request.user.pk), None),
            "changes": changes,
            "versions": versions,
            "events": events,
        },
    )


class DecisionFilters(forms.Form):
    q = forms.CharField(label=gettext_lazy("Rechercher"), required=False, max_length=100)
    outcome = forms.ChoiceField(
        label=gettext_lazy("Issue"),
        required=False,
        choices=[("", gettext_lazy("Toutes"))] + DecisionOutcome.choices,
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Nature"),
        required=False,
        choices=[("", gettext_lazy("Toutes"))] + ProposalKind.choices,
    )
    process = forms.ChoiceField(
        label=gettext_lazy("Processus"),
        required=False,
        choices=[("", gettext_lazy("Tous"))] + Process.choices,
    )
    year = forms.IntegerField(
        label=gettext_lazy("Année"),
        required=False,
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": gettext_lazy("Indiquez une année, par exemple 2025."),
            "min_value": gettext_lazy("Indiquez une année entre 2000 et 2100."),
            "max_value": gettext_lazy("Indiquez une année entre 2000 et 2100."),
        },
    )


@login_required
def circle_decisions(request, pk):
    circle, _abilities = get_circle_for_user(request, pk)
    filters = DecisionFilters(request.GET or None)
    decisions = Decision.objects.visible_to(request.user).filter(circle=circle)
    if filters.is_valid():
        values = filters.cleaned_data
        if values["q"]:
            decisions = decisions.filter(
                Q(title__icontains=values["q"]) | Q(text__icontains=values["q"])
            )
        for field in ("outcome", "kind", "process"):
            if values[field]:
                decisions = decisions.filter(**{field: values[field]})
        if values["year"]:
            decisions = decisions.filter(decided_at__year=values["year"])
    # Queries: the circle; the user's led circles and roles (what he sees); the count;
    # the page of decisions with their meeting and proposer, and their counts.
    page = Paginator(
        with_counts(decisions.select_related("meeting", "proposer")), DECISIONS_PER_PAGE
    ).get_page(request.GET.get("page"))
    keep = request.GET.copy()
    keep.pop("page", None)
    return render(
        request,
        "decisions/decision_list.html",
        {
            "circle": circle,
            "page": page,
            "filters": filters,
            "query": keep.urlencode(),
            "sees_all": permissions.sees_circle_decisions(request.user, circle.pk),
            "can_propose": permissions.can_propose(request.user, circle),
        },
    )


@login_required
@get_and_post
def dissent_note(request, pk):
    """Write, rewrite or remove one's dissent note on an adopted decision."""
    decision, abilities = get_decision_for_user(request, pk)
    if not abilities["dissent"]:
        raise PermissionDenied
    note = get_dissent_note(decision, request.user)
    if request.method == "POST" and request.POST.get("delete"):
        if note is not None:
            with flash_errors(request):
                services.dissent_note_delete(note=note, by=request.user)
            messages.success(request, _("Votre opinion minoritaire est retirée."))
        return redirect(decision.get_absolute_url() + "#dissent")
    form = DissentForm(data(request), initial={"text": note.text if note else ""})
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.dissent_note_save(
                decision=decision, by=request.user, text=form.cleaned_data["text"]
            )
        if call.ok:
            messages.success(request, _("Votre opinion minoritaire est jointe à la décision."))
            return redirect(decision.get_absolute_url() + "#dissent")
    return render(
        request,
        "decisions/dissent_form.html",
        {"decision": decision, "form": form, "note": note},
    )
