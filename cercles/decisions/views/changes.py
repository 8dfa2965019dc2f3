"""The governance changes of a proposal, added one at a time with plain forms: choose
the kind of change, (for an update) the role or sub-circle, then fill in its fields."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cercles.organisation.models import Role

from .. import services
from ..access import get_change_for_user, get_proposal_for_user
from ..forms import ChangeForm
from ..models import ChangeKind
from .common import flash_errors, get_and_post, service_call

K = ChangeKind
# The update forms start from the current charter of what they change.
TARGETS = {K.ROLE_UPDATE: "role", K.CIRCLE_UPDATE: "target_circle"}


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _target(proposal, kind, pk):
    if pk is None:
        return None
    if kind == K.ROLE_UPDATE:
        return (
            Role.objects.filter(circle=proposal.circle, archived_at__isnull=True, core_role="")
            .filter(pk=pk)
            .first()
        )
    return proposal.circle.children.filter(archived_at__isnull=True, pk=pk).first()


@login_required
@get_and_post
def change_create(request, pk):
    proposal, _abilities = get_proposal_for_user(request, pk, ability="changes")
    source = request.POST if request.method == "POST" else request.GET
    kind = source.get("kind", "")
    context = {"proposal": proposal, "kinds": K.choices, "kind": kind, "kind_label": ""}
    if kind not in K.values:
        if kind:
            messages.error(request, _("Type de changement inconnu."))
        return render(request, "decisions/change_form.html", context)
    context["kind_label"] = K(kind).label
    target = None
    if kind in TARGETS:
        target = _target(proposal, kind, _int(source.get(TARGETS[kind])))
        if target is None and request.method == "GET":
            # First choose what to change: the form then starts from its charter.
            context["pick"] = ChangeForm(kind=kind, proposal=proposal)[TARGETS[kind]]
            return render(request, "decisions/change_form.html", context)
    initial = {}
    if target is not None:
        initial = {
            "name": target.name,
            "purpose": target.purpose,
            "accountabilities": target.accountabilities,
            "domains": target.domains,
            TARGETS[kind]: target.pk,
        }
    form = ChangeForm(
        request.POST if request.method == "POST" else None,
        kind=kind,
        proposal=proposal,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.change_add(proposal=proposal, by=request.user, kind=kind, **form.values())
        if call.ok:
            messages.success(request, _("Le changement est ajouté à la proposition."))
            return redirect(proposal.get_absolute_url() + "#changes")
    context["form"] = form
    return render(request, "decisions/change_form.html", context)


@login_required
@require_POST
def change_delete(request, pk):
    item, _abilities = get_change_for_user(request, pk, ability="changes")
    with flash_errors(request) as call:
        services.change_remove(item=item, by=request.user)
    if call.ok:
        messages.success(request, _("Le changement est retiré de la proposition."))
    return redirect(item.proposal.get_absolute_url() + "#changes")
