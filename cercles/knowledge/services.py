"""Every change to knowledge pages and time eaters goes through here.

Each function is keyword-only and runs in one transaction; it raises ValidationError
(French message) on bad input. Saving a page locks its row (`select_for_update`) and
compares the revision the editor started from with the page's current one: if someone
saved in between, `EditConflict` is raised and nothing is written (the caller shows
both texts, so nobody's work is lost). Each save writes a PageRevision with the full
title and text: the history, the comparison of two versions and restoring an old one
all read those rows.

Per-object rights (who reads, edits, archives) are checked by the views and the API
through `permissions.page_abilities`; the rules that depend on the values chosen (a
circle one may restrict a page to or protect it for) are checked here.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cercles.core.notifications import notify

from . import permissions
from .models import (
    Page,
    PageKind,
    PageRevision,
    RemedyProposal,
    TimeEater,
    TimeEaterCategory,
    TimeEaterConcern,
)

MAX_BODY = 100_000
MAX_TITLE = 200
MAX_SUMMARY = 300
SLUG_LENGTH = 100
# Addresses the knowledge URLs use next to the objects' slugs.
RESERVED_SLUGS = {"new", "nouveau", "nouvelle"}


class EditConflict(ValidationError):
    """Someone saved the page after the editor opened it: `current` is that revision."""

    def __init__(self, current: PageRevision):
        self.current = current
        author = current.author.full_name if current.author else _("un compte supprimé")
        super().__init__(
            _(
                "Quelqu'un a enregistré cette page pendant que vous la modifiiez "
                "(version %(number)s, par %(author)s). Votre texte n'a pas été enregistré "
                "mais il n'est pas perdu : comparez-le avec la version enregistrée, "
                "reportez-y vos changements, puis enregistrez à nouveau."
            )
            % {"number": current.number, "author": author},
            code="conflict",
        )


# --- helpers -----------------------------------------------------------------------


def _clean_text(value) -> str:
    # Browsers send CRLF line ends: store LF only, so a diff shows real changes.
    return (value or "").replace("\r\n", "\n").replace("\r", "\n")


def _check_page_text(*, title: str, body: str, summary: str) -> None:
    errors = {}
    if not title:
        errors["title"] = _("Donnez un titre à la page.")
    elif len(title) > MAX_TITLE:
        errors["title"] = _("Le titre compte au plus %(n)s caractères.") % {"n": MAX_TITLE}
    if len(body) > MAX_BODY:
        errors["body"] = _(
            "Le texte dépasse %(n)s caractères : découpez-le en plusieurs pages."
        ) % {"n": f"{MAX_BODY:_}".replace("_", "\u202f")}
    if len(summary) > MAX_SUMMARY:
        errors["summary"] = _("Le résumé compte au plus %(n)s caractères.") % {"n": MAX_SUMMARY}
    if errors:
        raise ValidationError(errors)


def _unique_slug(model, base: str, *, fallback: str) -> str:
    base = slugify(base)[:SLUG_LENGTH].strip("-") or fallback
    if base in RESERVED_SLUGS:
        base = f"{base}-1"
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        suffix = f"-{n}"
        slug = f"{base[: SLUG_LENGTH - len(suffix)]}{suffix}"
        n += 1
    return slug


def _chosen_slug(model, slug: str, *, what: str) -> str:
    slug = (slug or "").strip().lower()
    try:
        validate_slug(slug)
    except ValidationError:
        raise ValidationError(
            {
                "slug": _(
                    "L'adresse ne contient que des lettres non accentuées, des chiffres, "
                    "des tirets et des soulignés."
                )
            }
        ) from None
    if len(slug) > SLUG_LENGTH:
        raise ValidationError(
            {"slug": _("L'adresse compte au plus %(n)s caractères.") % {"n": SLUG_LENGTH}}
        )
    if slug in RESERVED_SLUGS:
        raise ValidationError({"slug": _("Cette adresse est réservée : choisissez-en une autre.")})
    existing = model.objects.filter(slug=slug).first()
    if existing is not None:
        raise ValidationError({"slug": _duplicate_slug_message(existing, what)})
    return slug


def _duplicate_slug_message(existing, what: str) -> str:
    return _("Cette adresse est déjà prise par %(what)s « %(name)s ». Choisissez-en une autre.") % {
        "what": what,
        "name": existing,
    }


def _check_circle_choice(*, by, circle, restricted: bool, protected: bool) -> None:
    """The circle a page is restricted to must be one the author reads (else he would
    lock himself out); protecting a page needs to be among its stewards."""
    if restricted and circle is None:
        raise ValidationError(
            {"restricted": _("Choisissez le cercle dont les membres seuls liront la page.")}
        )
    if circle is not None and circle.is_archived:
        raise ValidationError({"circle": _("Ce cercle est archivé.")})
    if restricted and not permissions.may_read_circle(by, circle.pk):
        raise ValidationError(
            {
                "restricted": _(
                    "Vous ne pouvez réserver une page qu'aux membres d'un cercle dont vous "
                    "faites partie ou que vous pilotez."
                )
            }
        )
    if protected and not permissions.stewards_circle(by, circle.pk if circle else None):
        raise ValidationError(
            {
                "protected": _(
                    "Seuls les admins, le premier lien et le facilitateur du cercle de la "
                    "page peuvent la protéger."
                )
            }
        )


def _next_number(page: Page) -> int:
    return (page.revisions.aggregate(n=Max("number"))["n"] or 0) + 1


def _write_revision(*, page: Page, by, summary: str, restored_from=None) -> PageRevision:
    revision = PageRevision.objects.create(
        page=page,
        number=_next_number(page),
        title=page.title,
        body=page.body,
        summary=summary,
        author=by,
        restored_from=restored_from,
    )
    page.current_revision = revision
    page.updated_by = by
    page.save(update_fields=["title", "body", "current_revision", "updated_by", "updated_at"])
    return revision


def _locked(page: Page) -> Page:
    # No join: PostgreSQL cannot lock the nullable side of an outer join.
    return Page.objects.select_for_update().get(pk=page.pk)


# --- pages -------------------------------------------------------------------------


@transaction.atomic
def page_create(
    *,
    by,
    title,
    body="",
    kind=PageKind.OTHER,
    slug="",
    circle=None,
    restricted=False,
    protected=False,
    summary="",
) -> Page:
    """Write a new page and its first revision. The address is made from the title
    unless one is chosen."""
    title = (title or "").strip()
    body = _clean_text(body)
    summary = (summary or "").strip()
    _check_page_text(title=title, body=body, summary=summary)
    if kind not in PageKind.values:
        raise ValidationError({"kind": _("Type de page inconnu.")})
    _check_circle_choice(by=by, circle=circle, restricted=restricted, protected=protected)
    if slug:
        slug = _chosen_slug(Page, slug, what=_("la page"))
    else:
        slug = _unique_slug(Page, title, fallback="page")
    page = Page(
        slug=slug,
        title=title,
        body=body,
        kind=kind,
        circle=circle,
        restricted=restricted,
        protected=protected,
        created_by=by,
        updated_by=by,
    )
    page.full_clean(exclude=["current_revision", "slug"])
    try:
        with transaction.atomic():
            page.save()
    except IntegrityError:
        # Taken meanwhile by another request.
        existing = Page.objects.filter(slug=slug).first()
        raise ValidationError(
            {"slug": _duplicate_slug_message(existing or slug, _("la page"))}
        ) from None
    _write_revision(page=page, by=by, summary=summary or _("Création de la page"))
    return page


@transaction.atomic
def page_update(
    *, page: Page, by, title, body, summary="", base_revision_id=None
) -> PageRevision | None:
    """Save a new version of the page's title and text.

    `base_revision_id` is the revision the editor started from (None: no check, for
    scripts). If another revision was saved since, raise EditConflict. Returns the new
    revision, or None when nothing changed (no revision is written)."""
    title = (title or "").strip()
    body = _clean_text(body)
    summary = (summary or "").strip()
    _check_page_text(title=title, body=body, summary=summary)
    locked = _locked(page)
    if locked.is_archived:
        raise ValidationError(_("Cette page est archivée : elle ne se modifie plus."))
    current_id = locked.current_revision_id
    if base_revision_id is not None and current_id is not None and current_id != base_revision_id:
        if not PageRevision.objects.filter(page=locked, pk=base_revision_id).exists():
            raise ValidationError(_("La version de départ n'appartient pas à cette page."))
        raise EditConflict(PageRevision.objects.select_related("author").get(pk=current_id))
    if current_id is not None and locked.title == title and locked.body == body:
        return None
    locked.title, locked.body = title, body
    revision = _write_revision(page=locked, by=by, summary=summary)
    page.title, page.body = title, body
    page.current_revision, page.updated_by, page.updated_at = revision, by, locked.updated_at
    return revision


@transaction.atomic
def page_restore(*, page: Page, revision: PageRevision, by, summary="") -> PageRevision:
    """Make an old version current again: a new revision with its title and text."""
    if revision.page_id != page.pk:
        raise ValidationError(_("Cette version n'appartient pas à cette page."))
    locked = _locked(page)
    if locked.is_archived:
        raise ValidationError(_("Cette page est archivée : elle ne se modifie plus."))
    if locked.current_revision_id == revision.pk:
        raise ValidationError(_("Cette version est déjà la version actuelle."))
    summary = (summary or "").strip() or _("Retour à la version %(n)s") % {"n": revision.number}
    if len(summary) > MAX_SUMMARY:
        raise ValidationError(
            {"summary": _("Le résumé compte au plus %(n)s caractères.") % {"n": MAX_SUMMARY}}
        )
    locked.title, locked.body = revision.title, revision.body
    new = _write_revision(page=locked, by=by, summary=summary, restored_from=revision)
    page.title, page.body, page.current_revision = locked.title, locked.body, new
    return new


PAGE_SETTINGS = {"kind", "circle", "restricted", "protected"}


@transaction.atomic
def page_configure(*, page: Page, by, **fields) -> Page:
    """Change the page's kind, circle, restriction or protection (its stewards)."""
    unknown = set(fields) - PAGE_SETTINGS
    if unknown:
        raise TypeError(f"page_configure() got unexpected fields {sorted(unknown)}")
    if page.is_archived:
        raise ValidationError(_("Cette page est archivée : elle ne se modifie plus."))
    values = {name: fields.get(name, getattr(page, name)) for name in PAGE_SETTINGS}
    if values["kind"] not in PageKind.values:
        raise ValidationError({"kind": _("Type de page inconnu.")})
    circle = values["circle"]
    changed_circle = (circle.pk if circle else None) != page.circle_id
    # Only what changes is checked: a steward who keeps the circle keeps his rights.
    errors: dict[str, list] = {}
    checks = []
    if changed_circle or values["restricted"] != page.restricted:
        checks.append({"restricted": values["restricted"], "protected": False})
    if changed_circle or values["protected"] != page.protected:
        checks.append({"restricted": False, "protected": values["protected"]})
    for flags in checks:
        try:
            _check_circle_choice(by=by, circle=circle, **flags)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(field, []).extend(
                    m for m in messages if m not in errors.get(field, [])
                )
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        setattr(page, name, value)
    page.full_clean(exclude=["current_revision", "slug"], validate_unique=False)
    # `updated_by` and `updated_at` tell who last changed the text: left as they are.
    page.save(update_fields=sorted(PAGE_SETTINGS))
    return page


@transaction.atomic
def page_archive(*, page: Page, by) -> Page:
    if page.is_archived:
        raise ValidationError(_("Cette page est déjà archivée."))
    page.archived_at = timezone.now()
    page.save(update_fields=["archived_at", "updated_at"])
    return page


@transaction.atomic
def page_unarchive(*, page: Page, by) -> Page:
    if not page.is_archived:
        raise ValidationError(_("Cette page n'est pas archivée."))
    page.archived_at = None
    page.save(update_fields=["archived_at", "updated_at"])
    return page


@transaction.atomic
def page_delete(*, page: Page, by) -> None:
    """Delete the page and its whole history (admins; archiving keeps it)."""
    page.current_revision = None
    page.save(update_fields=["current_revision"])
    page.delete()


# --- time eaters -------------------------------------------------------------------


TIME_EATER_FIELDS = {"name", "description", "remedies", "category"}


def _check_time_eater(time_eater: TimeEater) -> None:
    errors = {}
    if not time_eater.name:
        errors["name"] = _("Nommez le chronophage.")
    elif len(time_eater.name) > 200:
        errors["name"] = _("Le nom compte au plus 200 caractères.")
    if not time_eater.description.strip():
        errors["description"] = _("Décrivez le chronophage : en quoi fait-il perdre du temps ?")
    for field in ("description", "remedies"):
        if len(getattr(time_eater, field)) > MAX_BODY // 5:
            errors[field] = _("Le texte compte au plus %(n)s caractères.") % {"n": MAX_BODY // 5}
    if time_eater.category not in TimeEaterCategory.values:
        errors["category"] = _("Catégorie inconnue.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def time_eater_create(
    *, by, name, description, remedies="", category=TimeEaterCategory.OTHER, slug=""
) -> TimeEater:
    time_eater = TimeEater(
        name=(name or "").strip(),
        description=_clean_text(description).strip(),
        remedies=_clean_text(remedies).strip(),
        category=category,
        created_by=by,
    )
    _check_time_eater(time_eater)
    duplicate = TimeEater.objects.filter(name__iexact=time_eater.name).first()
    if duplicate is not None:
        raise ValidationError(
            {
                "name": _(
                    "Ce chronophage est déjà au catalogue : « %(name)s ». Dites plutôt "
                    "« ça me concerne » ou proposez-y un remède."
                )
                % {"name": duplicate.name}
            }
        )
    if slug:
        time_eater.slug = _chosen_slug(TimeEater, slug, what=_("le chronophage"))
    else:
        time_eater.slug = _unique_slug(TimeEater, time_eater.name, fallback="chronophage")
    time_eater.full_clean()
    time_eater.save()
    # Whoever brings a time eater to the catalogue is concerned by it.
    if by is not None:
        TimeEaterConcern.objects.create(time_eater=time_eater, person=by)
    return time_eater


@transaction.atomic
def time_eater_update(*, time_eater: TimeEater, by, **fields) -> TimeEater:
    unknown = set(fields) - TIME_EATER_FIELDS
    if unknown:
        raise TypeError(f"time_eater_update() got unexpected fields {sorted(unknown)}")
    if time_eater.archived_at is not None:
        raise ValidationError(_("Ce chronophage est archivé."))
    for key, value in fields.items():
        if key == "name":
            value = (value or "").strip()
        elif key in ("description", "remedies"):
            value = _clean_text(value).strip()
        setattr(time_eater, key, value)
    _check_time_eater(time_eater)
    if (
        "name" in fields
        and TimeEater.objects.filter(name__iexact=time_eater.name)
        .exclude(pk=time_eater.pk)
        .exists()
    ):
        raise ValidationError({"name": _("Un autre chronophage porte déjà ce nom.")})
    time_eater.full_clean()
    time_eater.save(update_fields=[*fields, "updated_at"])
    return time_eater


@transaction.atomic
def time_eater_archive(*, time_eater: TimeEater, by) -> TimeEater:
    if time_eater.archived_at is not None:
        raise ValidationError(_("Ce chronophage est déjà archivé."))
    time_eater.archived_at = timezone.now()
    time_eater.save(update_fields=["archived_at", "updated_at"])
    return time_eater


@transaction.atomic
def time_eater_unarchive(*, time_eater: TimeEater, by) -> TimeEater:
    if time_eater.archived_at is None:
        raise ValidationError(_("Ce chronophage n'est pas archivé."))
    time_eater.archived_at = None
    time_eater.save(update_fields=["archived_at", "updated_at"])
    return time_eater


@transaction.atomic
def concern_add(*, time_eater: TimeEater, person) -> TimeEaterConcern:
    """Say "ça me concerne" (once: a second call changes nothing)."""
    if time_eater.archived_at is not None:
        raise ValidationError(_("Ce chronophage est archivé."))
    concern, _created = TimeEaterConcern.objects.get_or_create(time_eater=time_eater, person=person)
    return concern


@transaction.atomic
def concern_remove(*, time_eater: TimeEater, person) -> None:
    TimeEaterConcern.objects.filter(time_eater=time_eater, person=person).delete()


@transaction.atomic
def remedy_propose(*, time_eater: TimeEater, author, body) -> RemedyProposal:
    if time_eater.archived_at is not None:
        raise ValidationError(_("Ce chronophage est archivé."))
    body = _clean_text(body).strip()
    if not body:
        raise ValidationError({"body": _("Écrivez le remède que vous proposez.")})
    if len(body) > 5000:
        raise ValidationError({"body": _("Le remède compte au plus 5000 caractères.")})
    proposal = RemedyProposal.objects.create(time_eater=time_eater, author=author, body=body)
    if time_eater.created_by_id and time_eater.created_by_id != author.pk:
        notify(
            [time_eater.created_by_id],
            kind="knowledge.remedy",
            text=_("%(who)s propose un remède au chronophage « %(name)s ».")
            % {"who": author.full_name, "name": time_eater.name},
            url=time_eater.get_absolute_url() + f"#remede-{proposal.pk}",
        )
    return proposal


@transaction.atomic
def remedy_delete(*, proposal: RemedyProposal, by) -> None:
    proposal.delete()


@transaction.atomic
def remedy_adopt(*, proposal: RemedyProposal, by) -> TimeEater:
    """Take a proposed remedy into the time eater's adopted remedies (appended)."""
    time_eater = TimeEater.objects.select_for_update().get(pk=proposal.time_eater_id)
    if time_eater.archived_at is not None:
        raise ValidationError(_("Ce chronophage est archivé."))
    if proposal.adopted_at is not None:
        raise ValidationError(_("Ce remède est déjà retenu."))
    lines = proposal.body.strip().splitlines()
    item = "- " + "\n  ".join(lines)
    time_eater.remedies = f"{time_eater.remedies.rstrip()}\n{item}".strip()
    time_eater.save(update_fields=["remedies", "updated_at"])
    proposal.adopted_at = timezone.now()
    proposal.save(update_fields=["adopted_at"])
    if proposal.author_id and proposal.author_id != by.pk:
        notify(
            [proposal.author_id],
            kind="knowledge.remedy_adopted",
            text=_("Votre remède au chronophage « %(name)s » est retenu.")
            % {"name": time_eater.name},
            url=time_eater.get_absolute_url(),
        )
    return time_eater
