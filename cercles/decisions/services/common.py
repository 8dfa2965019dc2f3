"""What every service of the decisions app shares: the row lock, the event log, the
versions, the cache generation and the messages."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cercles.core import fragments
from cercles.meetings.services import circle_member_ids

from ..models import Proposal, ProposalEvent, ProposalVersion

# What the decisions panels of the circle pages show (decisions, open consultations):
# bumped by every change of a proposal's state (`cercles.core.fragments`).
GENERATION = "decisions"
TEXT_MAX = 20_000
NOTE_MAX = 5_000


def changed() -> None:
    fragments.bump(GENERATION)


def locked(proposal) -> Proposal:
    """The proposal row, locked until the transaction ends, with its circle and meeting
    (SQLite locks the whole database on write anyway)."""
    return (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("circle", "meeting")
        .get(pk=proposal.pk)
    )


def authenticated(by):
    return by if (by is not None and by.is_authenticated) else None


def event(proposal, kind, by, *, text="", at=None) -> ProposalEvent:
    return ProposalEvent.objects.create(
        proposal=proposal,
        at=at or timezone.now(),
        by=authenticated(by),
        kind=kind,
        status=proposal.status,
        step=proposal.step,
        text=text,
    )


def require(abilities: dict, ability: str, message: str) -> None:
    if not abilities.get(ability):
        raise PermissionDenied(message)


def clean_text(value, *, field: str, required: str, max_length: int = TEXT_MAX) -> str:
    """The text stripped; ValidationError on `field` when empty or too long."""
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: required})
    if len(value) > max_length:
        raise ValidationError(
            {field: _("Au plus %(n)s caractères.") % {"n": f"{max_length:,}".replace(",", " ")}}
        )
    return value


def latest_version(proposal) -> ProposalVersion | None:
    return proposal.versions.order_by("-number").first()


def snapshot_version(proposal, *, by, note="", at=None) -> ProposalVersion:
    """The latest version if it holds the proposal as it stands, else a new version."""
    from .governance import snapshot

    latest = latest_version(proposal)
    changes = snapshot(proposal)
    if latest is not None and (latest.title, latest.text, latest.changes) == (
        proposal.title,
        proposal.text,
        changes,
    ):
        return latest
    return ProposalVersion.objects.create(
        proposal=proposal,
        number=1 if latest is None else latest.number + 1,
        title=proposal.title,
        text=proposal.text,
        changes=changes,
        note=note,
        author=authenticated(by),
        created_at=at or timezone.now(),
    )


def members(circle) -> list[int]:
    return circle_member_ids([circle])
