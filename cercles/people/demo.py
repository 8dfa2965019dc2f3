"""The people app's demo (`manage.py load_demo`, after the organisation and the
knowledge demos and before the other people modules, which may read the functions
granted here): the people functions (HR to the lead link of Ressources humaines, the
coaching coordination to a member of that circle), the talent path catalogue, and for
five demo agents a few path entries, saved questionnaire results, suggestions from
their lead link or a circle mate, and one shared path. A fixed `random.Random` seed
makes every load the same. The texts are in `demo_content.py`.
"""

import datetime
import random
import time

from django.db import transaction
from django.utils import timezone

from cercles.accounts.models import Person
from cercles.organisation import demo as org_demo
from cercles.organisation.models import Assignment, CoreRole

from . import lines, services
from .demo_content import CATALOGUE, CHOICES, ENTRIES, SUGGESTIONS
from .models import (
    Function,
    ItemKind,
    PathEntry,
    PathItem,
    PathShare,
    PeopleFunction,
    Suggestion,
)

SEED = org_demo.FAKER_SEED + 50
FIRST_SLUG = "je-me-propose"


def is_loaded() -> bool:
    return PathItem.objects.filter(slug=FIRST_SLUG).exists()


def wipe() -> None:
    """Delete the catalogue, the paths, the suggestions and the functions granted."""
    Suggestion.objects.all().delete()
    PathShare.objects.all().delete()
    PathEntry.objects.all().delete()
    PathItem.objects.all().delete()
    PeopleFunction.objects.all().delete()


def _rh_people():
    assignments = list(
        Assignment.objects.current()
        .filter(role__circle__name="Ressources humaines", role__archived_at__isnull=True)
        .select_related("person", "role")
        .order_by("person__last_name", "person__first_name", "person_id")
    )
    lead = next((a.person for a in assignments if a.role.core_role == CoreRole.LEAD_LINK), None)
    others = [a.person for a in assignments if a.person != lead]
    return lead, list(dict.fromkeys(others))


def _agents(rng) -> list[Person]:
    """Five demo agents who have a lead link and a circle mate, chosen by the seed."""
    people = list(
        Person.objects.filter(
            email__endswith=f"@{org_demo.DEMO_DOMAIN}", is_active=True, is_org_admin=False
        ).order_by("email")
    )
    ids = [p.pk for p in people]
    leads = lines.direct_lead_links(ids)
    mates = lines.circle_mates(ids)
    eligible = [p for p in people if leads.get(p.pk) and mates.get(p.pk)]
    chosen = rng.sample(eligible, min(5, len(eligible)))
    for person in chosen:
        person.demo_lead = min(leads[person.pk])
        person.demo_mate = min(mates[person.pk] - leads[person.pk] or mates[person.pk])
    return chosen


def settle_notifications() -> int:
    """The services told each person of the suggestions and shares when they were
    loaded (after commit): mark read those already acted on (the shares, and the
    suggestions of people who answered all theirs), as if people had followed along."""
    from cercles.core.models import Notification
    from cercles.core.notifications import forget_unread

    now = timezone.now()
    waiting = Suggestion.objects.filter(status="pending").values_list("person_id", flat=True)
    count = (
        Notification.objects.unread()
        .filter(kind__in=["people_suggestion", "people_path_shared"])
        .exclude(kind="people_suggestion", recipient_id__in=list(waiting))
        .update(read_at=now, emailed_at=now)
    )
    forget_unread(Person.objects.values_list("pk", flat=True))
    return count


@transaction.atomic
def load(*, log=print) -> dict:
    """Load the people demo on top of the demo organisation (which must be loaded)."""
    started = time.monotonic()
    rng = random.Random(SEED)
    admin = Person.objects.get(email=org_demo.ADMIN_EMAIL)
    today = timezone.localdate()

    lead, others = _rh_people()
    if lead:
        services.function_grant(person=lead, function=Function.HR, by=admin)
    if others:
        services.function_grant(person=others[0], function=Function.COACHING_COORDINATOR, by=admin)

    formats = {}
    for kind, format_key, name, summary, description, audience, start in CATALOGUE:
        item = services.item_create(
            by=admin,
            kind=kind,
            format=format_key,
            name=name,
            summary=summary,
            description=description,
            audience=audience,
            getting_started=start,
        )
        if kind == ItemKind.FORMAT:
            formats[format_key] = item

    agents = _agents(rng)
    people = {
        p.pk: p
        for p in Person.objects.filter(
            pk__in=[a.demo_lead for a in agents] + [a.demo_mate for a in agents]
        )
    }
    entries = 0
    for index, days, kind, title, body, private in ENTRIES:
        if index < len(agents):
            services.entry_create(
                person=agents[index],
                kind=kind,
                title=title,
                body=body,
                private=private,
                date=today - datetime.timedelta(days=days),
            )
            entries += 1
    for index, days, answers in CHOICES:
        if index < len(agents):
            entry = services.choice_save(person=agents[index], answers=answers)
            PathEntry.objects.filter(pk=entry.pk).update(date=today - datetime.timedelta(days=days))
            entries += 1
    suggestions = 0
    for from_lead, index, format_key, message, answer in SUGGESTIONS:
        if index >= len(agents):
            continue
        person = agents[index]
        author = people[person.demo_lead if from_lead else person.demo_mate]
        suggestion = services.suggestion_create(
            author=author, person=person, item=formats[format_key], message=message
        )
        if answer == "accepted":
            services.suggestion_accept(suggestion=suggestion, by=person)
            entries += 1
        elif answer == "dismissed":
            services.suggestion_dismiss(suggestion=suggestion, by=person)
        suggestions += 1
    shares = 0
    if agents:
        services.share_add(owner=agents[0], viewer=people[agents[0].demo_lead])
        shares += 1
    log(
        f"Parcours : {len(CATALOGUE)} éléments au catalogue, {entries} étapes, "
        f"{suggestions} suggestions, {shares} partage."
    )
    return {
        "items": len(CATALOGUE),
        "entries": entries,
        "suggestions": suggestions,
        "shares": shares,
        "functions": PeopleFunction.objects.count(),
        "seconds": time.monotonic() - started,
    }
