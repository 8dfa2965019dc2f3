"""The minutes of a meeting: generated, edited, regenerated, published.

Every text the minutes ever had is kept as a MinutesRevision (the generated one and
each edit), so a regeneration loses nothing; still, regenerating over a text someone
edited by hand asks for an explicit confirmation (`replace_edits`). Saving an edit
carries the version the editor started from: if someone saved in between, the save is
refused and the editor's text stays in his form.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import minutes as minutes_text
from .. import permissions
from ..models import Meeting, MeetingMinutes, MinutesRevision, RevisionReason

MAX_LENGTH = 200_000


def _require_write(by, meeting: Meeting) -> None:
    if not permissions.meeting_abilities(by, meeting)["organise"]:
        raise PermissionDenied(
            _("Seuls le secrétaire, le facilitateur et ceux qui pilotent le cercle.")
        )


def _locked_minutes(meeting: Meeting) -> MeetingMinutes | None:
    return MeetingMinutes.objects.select_for_update().filter(meeting=meeting).first()


@transaction.atomic
def minutes_generate(*, meeting: Meeting, by, replace_edits: bool = False) -> MeetingMinutes:
    """Write (or rewrite) the minutes from the meeting as it stands."""
    _require_write(by, meeting)
    minutes = _locked_minutes(meeting)
    if minutes is not None and minutes.was_edited and not replace_edits:
        raise ValidationError(
            {
                "replace_edits": _(
                    "Le compte rendu a été modifié à la main : confirmez que le nouveau "
                    "texte doit le remplacer (l'ancien reste dans l'historique)."
                )
            }
        )
    now = timezone.now()
    text = minutes_text.generate_text(meeting)
    if minutes is None:
        minutes = MeetingMinutes.objects.create(meeting=meeting, text=text, generated_at=now)
    else:
        minutes.text = text
        minutes.generated_at = now
        minutes.edited_by = None
        minutes.edited_at = None
        minutes.version += 1
        minutes.save(update_fields=["text", "generated_at", "edited_by", "edited_at", "version"])
    MinutesRevision.objects.create(
        minutes=minutes, text=text, reason=RevisionReason.GENERATED, saved_by=by, saved_at=now
    )
    return minutes


@transaction.atomic
def minutes_save(
    *, minutes: MeetingMinutes, by, text: str, version: int, minutes_public: bool | None = None
) -> MeetingMinutes:
    """Save the secretary's text (and, if given, who may read the published minutes)."""
    meeting = minutes.meeting
    _require_write(by, meeting)
    current = _locked_minutes(meeting)
    text = (text or "").replace("\r\n", "\n")
    if len(text) > MAX_LENGTH:
        raise ValidationError({"text": _("Le compte rendu dépasse 200 000 caractères.")})
    if current is None or current.version != version:
        raise ValidationError(
            _(
                "Quelqu'un a enregistré le compte rendu pendant que vous le modifiiez : "
                "votre texte n'est pas enregistré. Copiez-le, rechargez la page et "
                "reportez vos changements."
            )
        )
    now = timezone.now()
    if text != current.text:
        current.text = text
        current.edited_by = by
        current.edited_at = now
        current.version += 1
        current.save(update_fields=["text", "edited_by", "edited_at", "version"])
        MinutesRevision.objects.create(
            minutes=current, text=text, reason=RevisionReason.EDITED, saved_by=by, saved_at=now
        )
    if minutes_public is not None and meeting.minutes_public != minutes_public:
        meeting.minutes_public = minutes_public
        meeting.save(update_fields=["minutes_public", "updated_at"])
    return current


@transaction.atomic
def minutes_publish(*, minutes: MeetingMinutes, by, published: bool) -> MeetingMinutes:
    """Publish the minutes (its readers then see it) or take it back to a draft."""
    _require_write(by, minutes.meeting)
    if minutes.published != published:
        minutes.published = published
        minutes.published_at = timezone.now() if published else None
        minutes.save(update_fields=["published", "published_at"])
    return minutes
