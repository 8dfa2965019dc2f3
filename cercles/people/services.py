from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cercles.core.models import Notification
from cercles.core.notifications import notify
from cercles.lib.urls import cached_reverse

from . import chooser, functions, lines, permissions
from .models import (
    EntryKind,
    FormatKey,
    Function,
    ItemKind,
    PathEntry,
    PathItem,
    PathShare,
    PeopleFunction,
    Suggestion,
    SuggestionStatus,
)


def _check_admin(by) -> None:
    if not (by and by.is_authenticated and by.is_admin):
        raise PermissionDenied(_("Seuls les administrateurs confient les fonctions RH."))


@transaction.atomic
def function_grant(*, person, function: str, by) -> PeopleFunction:
    _check_admin(by)
    if function not in Function.values:
        raise ValidationError({"function": _("Fonction inconnue.")})
    if not person.is_active:
        raise ValidationError({"person": _("Cette personne n'est plus active.")})
    grant, _created = PeopleFunction.objects.get_or_create(
        person=person, function=function, defaults={"granted_by": by}
    )
    functions.forget(person)
    return grant


@transaction.atomic
def function_revoke(*, grant: PeopleFunction, by) -> None:
    _check_admin(by)
    person = grant.person
    grant.delete()
    functions.forget(person)


# --- The talent path catalogue ---------------------------------------------------------

SLUG_LENGTH = 100
RESERVED_SLUGS = {"new"}
ITEM_FIELDS = ("kind", "name", "summary", "description", "audience", "getting_started", "format")
MAX_TEXT = 20_000


def _check_hr(by) -> None:
    if not permissions.can_manage_catalogue(by):
        raise PermissionDenied(_("Seules les ressources humaines modifient le catalogue."))


def _unique_slug(base: str) -> str:
    base = slugify(base)[:SLUG_LENGTH].strip("-") or "element"
    if base in RESERVED_SLUGS:
        base = f"{base}-1"
    taken = set(PathItem.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        suffix = f"-{n}"
        slug = f"{base[: SLUG_LENGTH - len(suffix)]}{suffix}"
        n += 1
    return slug


def _clean_item_fields(fields: dict) -> dict:
    fields = {key: fields.get(key, "") or "" for key in ITEM_FIELDS}
    for key in ("name", "summary"):
        fields[key] = " ".join(fields[key].split())
    errors = {}
    if fields["kind"] not in ItemKind.values:
        errors["kind"] = _("Choisissez le type : point d'entrée, outil de détection ou format.")
    if not fields["name"]:
        errors["name"] = _("Donnez un nom à l'élément.")
    if not fields["summary"]:
        errors["summary"] = _("Dites en une phrase de quoi il s'agit.")
    if fields["kind"] == ItemKind.FORMAT:
        if fields["format"] not in FormatKey.values:
            errors["format"] = _(
                "Pour un format d'accompagnement, choisissez le module qui le propose."
            )
    else:
        fields["format"] = ""
    if errors:
        raise ValidationError(errors)
    return fields


@transaction.atomic
def item_create(*, by, **fields) -> PathItem:
    _check_hr(by)
    fields = _clean_item_fields(fields)
    last = PathItem.objects.filter(kind=fields["kind"]).aggregate(m=Max("position"))["m"]
    item = PathItem(
        slug=_unique_slug(fields["name"]),
        position=(last or 0) + 1,
        created_by=by,
        **fields,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def item_update(*, item: PathItem, by, **fields) -> PathItem:
    _check_hr(by)
    if item.is_archived:
        raise ValidationError(_("Cet élément est archivé : remettez-le au catalogue d'abord."))
    fields = _clean_item_fields(fields)
    changed = [key for key, value in fields.items() if getattr(item, key) != value]
    if "kind" in changed:
        last = PathItem.objects.filter(kind=fields["kind"]).aggregate(m=Max("position"))["m"]
        item.position = (last or 0) + 1
        changed.append("position")
    for key in changed:
        setattr(item, key, fields[key])
    if changed:
        item.save(update_fields=[*changed, "updated_at"])
    return item


@transaction.atomic
def item_archive(*, item: PathItem, by) -> PathItem:
    _check_hr(by)
    if not item.is_archived:
        item.archived_at = timezone.now()
        item.save(update_fields=["archived_at", "updated_at"])
    return item


@transaction.atomic
def item_unarchive(*, item: PathItem, by) -> PathItem:
    _check_hr(by)
    if item.is_archived:
        item.archived_at = None
        item.save(update_fields=["archived_at", "updated_at"])
    return item


@transaction.atomic
def item_move(*, item: PathItem, by, direction: str) -> PathItem:
    """Swap the item with its live neighbour of the same kind ("up" or "down"); the
    positions of the kind are renumbered 1..n first, so equal positions still move."""
    _check_hr(by)
    if direction not in ("up", "down"):
        raise ValidationError(_("Déplacez l'élément vers le haut ou vers le bas."))
    siblings = list(
        PathItem.objects.select_for_update()
        .active()
        .filter(kind=item.kind)
        .order_by("position", "name", "id")
    )
    ids = [s.pk for s in siblings]
    if item.pk not in ids:
        raise ValidationError(_("Un élément archivé ne se déplace pas."))
    index = ids.index(item.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
    changed = []
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            sibling.position = position
            changed.append(sibling)
    PathItem.objects.bulk_update(changed, ["position"])
    item.position = next(s.position for s in siblings if s.pk == item.pk)
    return item


# --- A person's path -------------------------------------------------------------------

ENTRY_FIELDS = ("kind", "title", "body", "date", "private")


def _clean_entry(*, title, body, date, kind) -> dict:
    title = " ".join((title or "").split())
    errors = {}
    if not title:
        errors["title"] = _("Donnez un titre à cette étape.")
    elif len(title) > 200:
        errors["title"] = _("Le titre compte au plus 200 caractères.")
    if len(body or "") > MAX_TEXT:
        errors["body"] = _("Le texte compte au plus %(n)s caractères.") % {"n": MAX_TEXT}
    if kind not in EntryKind.values:
        errors["kind"] = _("Type d'étape inconnu.")
    if date is None:
        errors["date"] = _("Indiquez la date.")
    if errors:
        raise ValidationError(errors)
    return {"title": title, "body": body or "", "date": date, "kind": kind}


@transaction.atomic
def entry_create(
    *,
    person,
    title: str,
    body: str = "",
    date=None,
    kind: str = EntryKind.GOAL,
    private: bool = True,
    item: PathItem | None = None,
    data: dict | None = None,
) -> PathEntry:
    fields = _clean_entry(title=title, body=body, kind=kind, date=date or timezone.localdate())
    entry = PathEntry(person=person, private=private, item=item, data=data or {}, **fields)
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def entry_update(*, entry: PathEntry, by, title, body, date, private) -> PathEntry:
    if entry.person_id != by.pk:
        raise PermissionDenied
    fields = _clean_entry(title=title, body=body, kind=entry.kind, date=date)
    fields.pop("kind")
    fields["private"] = bool(private)
    changed = [key for key, value in fields.items() if getattr(entry, key) != value]
    for key in changed:
        setattr(entry, key, fields[key])
    if changed:
        entry.save(update_fields=[*changed, "updated_at"])
    return entry


@transaction.atomic
def entry_delete(*, entry: PathEntry, by) -> None:
    if entry.person_id != by.pk:
        raise PermissionDenied
    entry.delete()


@transaction.atomic
def choice_save(*, person, answers) -> PathEntry:
    """Save the questionnaire's result on the person's path, private. The
    recommendation is computed again here from the answers: what is saved is what the
    rules say, not what a form claims."""
    try:
        result = chooser.recommend(answers)
    except chooser.InvalidAnswers as exc:
        raise ValidationError(
            _("Répondez à toutes les questions avant d'enregistrer le résultat.")
        ) from exc
    formats = [s.format for s in result.recommended]
    labels = dict(FormatKey.choices)
    text = [
        _("Formats recommandés : %(formats)s.")
        % {"formats": ", ".join(str(labels[f]) for f in formats)}
    ]
    for scored in result.recommended:
        reasons = ", ".join(f"« {r.label} »" for r in scored.reasons)
        why = _("parce que vous avez dit %(answers)s") % {"answers": reasons}
        text.append(f"- **{labels[scored.format]}** : {why}")
    return entry_create(
        person=person,
        kind=EntryKind.CHOICE,
        title=_("Résultat du questionnaire « Choisir mon parcours »"),
        body="\n".join(text),
        private=True,
        data={"answers": result.answers, "formats": formats},
    )


@transaction.atomic
def share_add(*, owner, viewer) -> PathShare:
    if viewer is None or not viewer.is_active:
        raise ValidationError({"viewer": _("Cette personne n'est pas active.")})
    if viewer.pk == owner.pk:
        raise ValidationError({"viewer": _("Votre parcours vous est déjà visible.")})
    share, created = PathShare.objects.get_or_create(owner=owner, viewer=viewer)
    if not created:
        raise ValidationError(
            {"viewer": _("Votre parcours est déjà partagé avec %(name)s.") % {"name": viewer}}
        )
    url = cached_reverse("people:person_path", owner.pk)
    # Sharing, revoking and sharing again tells him once while he has not read it.
    told = (
        Notification.objects.unread()
        .filter(recipient=viewer, kind="people_path_shared", url=url)
        .exists()
    )
    if not told:
        notify(
            [viewer],
            kind="people_path_shared",
            text=_("%(name)s partage son parcours de développement avec vous.") % {"name": owner},
            url=url,
        )
    return share


@transaction.atomic
def share_revoke(*, share: PathShare, by) -> None:
    if share.owner_id != by.pk:
        raise PermissionDenied
    share.delete()


@transaction.atomic
def suggestion_create(*, author, person, item: PathItem, message: str) -> Suggestion:
    message = (message or "").strip()
    errors = {}
    if person.pk == author.pk:
        errors["person"] = _("Vous ne pouvez pas vous suggérer un accompagnement à vous-même.")
    elif not person.is_active:
        errors["person"] = _("Cette personne n'est plus active.")
    if item is None or item.kind != ItemKind.FORMAT or item.is_archived:
        errors["item"] = _("Choisissez un format d'accompagnement du catalogue.")
    if not message:
        errors["message"] = _("Écrivez quelques mots : pourquoi ce format lui irait bien.")
    elif len(message) > 2000:
        errors["message"] = _("Le message compte au plus 2000 caractères.")
    if (
        not errors
        and Suggestion.objects.filter(
            person=person, author=author, item=item, status=SuggestionStatus.PENDING
        ).exists()
    ):
        # Once is enough: the same suggestion again would only notify him again.
        errors["item"] = _(
            "Vous avez déjà suggéré ce format à cette personne : elle n'y a pas encore répondu."
        )
    if errors:
        raise ValidationError(errors)
    from_lead_link = author.pk in lines.direct_lead_links([person.pk]).get(person.pk, set())
    suggestion = Suggestion.objects.create(
        person=person, author=author, item=item, message=message, from_lead_link=from_lead_link
    )
    notify(
        [person],
        kind="people_suggestion",
        text=_("%(name)s vous suggère un accompagnement : %(item)s.")
        % {"name": author, "item": item.name},
        url=cached_reverse("people:my_path") + "#suggestions",
    )
    return suggestion


def _answerable(suggestion: Suggestion, by) -> None:
    if suggestion.person_id != by.pk:
        raise PermissionDenied
    if suggestion.status != SuggestionStatus.PENDING:
        raise ValidationError(_("Vous avez déjà répondu à cette suggestion."))


@transaction.atomic
def suggestion_accept(*, suggestion: Suggestion, by) -> PathEntry:
    """Add the suggested format to the person's path (a private step)."""
    # Only the suggestion's row is locked: PostgreSQL refuses FOR UPDATE on the nullable
    # side of an outer join (the author, gone when his account is deleted).
    suggestion = (
        Suggestion.objects.select_for_update(of=("self",))
        .select_related("item", "author")
        .get(pk=suggestion.pk)
    )
    _answerable(suggestion, by)
    author = suggestion.author.full_name if suggestion.author else _("un collègue")
    entry = entry_create(
        person=by,
        kind=EntryKind.SUGGESTION,
        title=suggestion.item.name,
        body=_("Suggéré par %(name)s : %(message)s")
        % {"name": author, "message": suggestion.message},
        item=suggestion.item,
        private=True,
    )
    suggestion.status = SuggestionStatus.ACCEPTED
    suggestion.answered_at = timezone.now()
    suggestion.entry = entry
    suggestion.save(update_fields=["status", "answered_at", "entry", "updated_at"])
    return entry


@transaction.atomic
def suggestion_dismiss(*, suggestion: Suggestion, by) -> Suggestion:
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    _answerable(suggestion, by)
    suggestion.status = SuggestionStatus.DISMISSED
    suggestion.answered_at = timezone.now()
    suggestion.save(update_fields=["status", "answered_at", "updated_at"])
    return suggestion
