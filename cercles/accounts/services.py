"""Writes on people: creation, update, deactivation."""

from django.db import transaction

from .models import Person

PERSON_FIELDS = {
    "first_name",
    "last_name",
    "matricule",
    "job_title",
    "unit",
    "site",
    "phone",
    "is_org_admin",
}


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
    return person
