"""Minority opinions: whoever took part in an adopted decision may attach a dissent
note to it (one per person), edit it and delete it; everyone who reads the decision
reads them."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..models import DissentNote
from .common import NOTE_MAX, clean_text


@transaction.atomic
def dissent_note_save(*, decision, by, text, at=None) -> DissentNote:
    """Write (or rewrite) the person's dissent note on the decision."""
    if not permissions.decision_abilities(by, decision)["dissent"]:
        raise PermissionDenied(
            _("Seuls ceux qui ont pris part à la décision y joignent une opinion minoritaire.")
        )
    text = clean_text(
        text, field="text", required=_("Écrivez votre opinion minoritaire."), max_length=NOTE_MAX
    )
    now = at or timezone.now()
    note = DissentNote.objects.select_for_update().filter(decision=decision, author=by).first()
    if note is None:
        try:
            with transaction.atomic():
                return DissentNote.objects.create(
                    decision=decision, author=by, text=text, created_at=now, updated_at=now
                )
        except IntegrityError as exc:  # written at the same moment from another tab
            raise ValidationError(
                {"text": _("Vous avez déjà joint une opinion à cette décision.")}
            ) from exc
    if note.text != text:
        note.text = text
        note.updated_at = now
        note.save(update_fields=["text", "updated_at"])
    return note


@transaction.atomic
def dissent_note_delete(*, note, by) -> None:
    if note.author_id != getattr(by, "pk", None):
        raise PermissionDenied(_("Seul son auteur retire une opinion minoritaire."))
    note.delete()
