"""Load objects for a view: 404 for what the user may not see, 403 for what he may not do."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from . import permissions
from .models import Decision, DissentNote, GovernanceChangeItem, Objection, Proposal, Question


def _check(abilities: dict, ability: str | None):
    if ability and not abilities.get(ability):
        raise PermissionDenied


def _proposals(request):
    return Proposal.objects.visible_to(request.user).select_related(
        "circle", "circle__parent", "meeting", "agenda_item", "proposer"
    )


def get_proposal_for_user(request, pk, ability: str | None = None) -> tuple[Proposal, dict]:
    proposal = get_object_or_404(_proposals(request), pk=pk)
    abilities = permissions.proposal_abilities(request.user, proposal)
    _check(abilities, ability)
    return proposal, abilities


def _child(request, model, pk, ability, related=()):
    """An objection, question or change, through the proposal the user sees."""
    obj = get_object_or_404(model.objects.select_related("proposal", *related), pk=pk)
    proposal = _proposals(request).filter(pk=obj.proposal_id).first()
    if proposal is None:
        raise Http404
    obj.proposal = proposal
    abilities = permissions.proposal_abilities(request.user, proposal)
    _check(abilities, ability)
    return obj, abilities


def get_objection_for_user(request, pk, ability: str | None = None):
    """`ability`: "test" or "withdraw" (`permissions.objection_abilities`)."""
    objection, proposal_abilities = _child(request, Objection, pk, None, ("author", "version"))
    abilities = permissions.objection_abilities(request.user, objection, proposal_abilities)
    _check(abilities, ability)
    return objection, proposal_abilities


def get_question_for_user(request, pk, ability: str | None = None):
    return _child(request, Question, pk, ability, ("author",))


def get_change_for_user(request, pk, ability: str | None = None):
    return _child(request, GovernanceChangeItem, pk, ability)


def get_decision_for_user(request, pk) -> tuple[Decision, dict]:
    decision = get_object_or_404(
        Decision.objects.visible_to(request.user).select_related(
            "circle", "meeting", "proposer", "decided_by", "proposal", "version"
        ),
        pk=pk,
    )
    return decision, permissions.decision_abilities(request.user, decision)


def get_dissent_note(decision, user) -> DissentNote | None:
    return DissentNote.objects.filter(decision=decision, author=user).first()
