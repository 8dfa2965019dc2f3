"""Writes on people: creation, update, deactivation."""

from django.db import transaction

from cercles.core import fragments

from .models import Person

# A person's identity and post, in the order the admin and the JSON export show them.
PROFILE_FIELDS = ("first_name", "last_name", "matricule", "job_title", "unit", "site", "phone")
PERSON_FIELDS = {*PROFILE_FIELDS, "is_org_admin"}


@transaction.atomic
def person_create(*, email: str, password: str | None = None, **fields) -> Person:
    unknown = set(fields) - PERSON_FIELDS
    if unknown:
        raise TypeError(f"person_create() got unexpected fields {sorted(unknown)}")
    person = Person(email=Person.objects.normalize_email(email).strip().lower(), **fields)
    if password:
        person.set_password(password)
    else:
        person.set_unusable_password()
    person.search_text = person.compute_search_text()
    person.full_clean(exclude=["password"])
    person.save()
    fragments.bump(fragments.ORGANISATION)
    return person


@transaction.atomic
def person_update(*, person: Person, **fields) -> Person:
    unknown = set(fields) - (PERSON_FIELDS | {"email", "is_active"})
    if unknown:
        raise TypeError(f"person_update() got unexpected fields {sorted(unknown)}")
    changed = [k for k, v in fields.items() if getattr(person, k) != v]
    if not changed:
        return person
    for key in changed:
        setattr(person, key, fields[key])
    if "email" in changed:
        person.email = person.email.strip().lower()
    person.search_text = person.compute_search_text()
    person.full_clean(exclude=["password"])
    person.save(update_fields=[*changed, "search_text"])
    # Names, posts and units are shown in the directory's and the history's cached rows.
    fragments.bump(fragments.ORGANISATION)
    return person


@transaction.atomic
def person_deactivate(*, person: Person, by=None) -> Person:
    """Someone leaves: his account is closed, every role he holds ends today and every
    role he was to take up later is cancelled (ended on its first day).

    People are never deleted, so the governance history keeps who held what.
    """
    from django.db.models import Q
    from django.utils import timezone

    from cercles.organisation.models import Assignment
    from cercles.organisation.services import assignment_end

    today = timezone.localdate()
    open_ended = (
        Assignment.objects.filter(person=person)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=today))
        .select_related("role__circle")
    )
    for assignment in open_ended:
        assignment_end(
            assignment=assignment,
            by=by,
            end_date=max(today, assignment.start_date),
            note="Départ de la personne",
        )
    if person.is_active:
        person.is_active = False
        person.save(update_fields=["is_active"])
        fragments.bump(fragments.ORGANISATION)
    return person
