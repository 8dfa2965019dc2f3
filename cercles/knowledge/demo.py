"""The knowledge module's demo (`manage.py load_demo`, after the ideas and before the
meetings, whose templates may point at the meeting charter): six co-written pages,
each with its successive versions by different people of its circle (dated in the
past), and a catalogue of time eaters with remedies, "ça me concerne" marks and
proposed remedies. A fixed `random.Random` seed makes every load the same.

The texts are in `demo_content.py`.
"""

import datetime
import random
import time

from django.db import transaction
from django.utils import timezone

from cercles.accounts.models import Person
from cercles.organisation import demo as org_demo
from cercles.organisation.models import Assignment, Circle, CoreRole

from . import services
from .demo_content import PAGES, PROPOSALS, TIME_EATERS
from .models import Page, PageRevision, RemedyProposal, TimeEater, TimeEaterConcern

SEED = org_demo.FAKER_SEED + 7
CHARTER_SLUG = PAGES[0][0]
# The demo organisation's circles the pages belong to, by the key of organisation.demo
# (Numérique is renamed during the demo's year of governance).
CIRCLE_NAMES = {
    **{spec["key"]: spec["name"] for spec in org_demo.CIRCLES},
    "numerique": "Numérique / Systèmes d'information",
}


def is_loaded() -> bool:
    return Page.objects.filter(slug=CHARTER_SLUG).exists()


def wipe() -> None:
    """Delete every page and time eater (before the organisation they point at)."""
    TimeEater.objects.all().delete()
    Page.objects.update(current_revision=None)
    Page.objects.all().delete()


def charter_page() -> Page | None:
    """The organisation's meeting charter (for the meetings' templates)."""
    return Page.objects.charter()


def _circle_people(circle: Circle) -> tuple[Person | None, list[Person]]:
    """The circle's lead link today and its other members, in a stable order."""
    assignments = list(
        Assignment.objects.current()
        .filter(role__circle=circle, role__archived_at__isnull=True)
        .select_related("person", "role")
        .order_by("person__last_name", "person__first_name", "person_id")
    )
    lead = next((a.person for a in assignments if a.role.core_role == CoreRole.LEAD_LINK), None)
    members = list(dict.fromkeys(a.person for a in assignments if a.person != lead))
    return lead, members


def _author(key: str, *, lead, members, admin) -> Person:
    if key == "lead":
        return lead or admin
    if key.startswith("member"):
        index = int(key.removeprefix("member")) - 1
        return members[index % len(members)] if members else (lead or admin)
    return admin


def _date(revision: PageRevision, days_ago: int, rng: random.Random) -> datetime.datetime:
    moment = (timezone.now() - datetime.timedelta(days=days_ago)).replace(
        hour=rng.randint(8, 17), minute=rng.randint(0, 59), second=0, microsecond=0
    )
    PageRevision.objects.filter(pk=revision.pk).update(created_at=moment)
    return moment


def _page(spec, *, admin, rng) -> int:
    slug, title, kind, circle_key, restricted, protect, versions = spec
    circle = Circle.objects.active().get(name=CIRCLE_NAMES[circle_key])
    lead, members = _circle_people(circle)
    people = {"lead": lead, "members": members, "admin": admin}
    text, summary, author_key, days_ago = versions[0]
    author = _author(author_key, **people)
    page = services.page_create(
        by=author,
        title=title,
        body=text,
        kind=kind,
        slug=slug,
        circle=circle,
        restricted=restricted,
        summary=summary,
    )
    created = _date(page.current_revision, days_ago, rng)
    last = created
    for text, summary, author_key, days_ago in versions[1:]:
        revision = services.page_update(
            page=page, by=_author(author_key, **people), title=title, body=text, summary=summary
        )
        last = _date(revision, days_ago, rng)
    if protect:
        services.page_configure(page=page, by=admin, protected=True)
    Page.objects.filter(pk=page.pk).update(created_at=created, updated_at=last)
    return len(versions)


def _time_eaters(*, admin, rng) -> tuple[int, int, int]:
    people = list(
        Person.objects.filter(email__endswith=f"@{org_demo.DEMO_DOMAIN}", is_active=True).order_by(
            "email"
        )
    )
    eaters = []
    for name, category, description, remedies, share in TIME_EATERS:
        author = rng.choice(people) if people else admin
        eater = services.time_eater_create(
            by=author,
            name=name,
            description=description,
            remedies=remedies,
            category=category,
        )
        concerned = rng.sample(people, round(len(people) * share)) if people else []
        TimeEaterConcern.objects.bulk_create(
            [TimeEaterConcern(time_eater=eater, person=p) for p in concerned if p != author]
        )
        eaters.append(eater)
    for index, text in PROPOSALS:
        eater = eaters[index]
        author = rng.choice([p for p in people if p.pk != eater.created_by_id] or [admin])
        services.remedy_propose(time_eater=eater, author=author, body=text)
    concerns = TimeEaterConcern.objects.count()
    return len(eaters), concerns, RemedyProposal.objects.count()


@transaction.atomic
def load(*, log=print) -> dict:
    """Load the knowledge demo on top of the demo organisation (which must be loaded)."""
    started = time.monotonic()
    rng = random.Random(SEED)
    admin = Person.objects.get(email=org_demo.ADMIN_EMAIL)
    revisions = sum(_page(spec, admin=admin, rng=rng) for spec in PAGES)
    eaters, concerns, proposals = _time_eaters(admin=admin, rng=rng)
    log(
        f"Savoirs : {len(PAGES)} pages ({revisions} versions), {eaters} chronophages, "
        f"{concerns} « ça me concerne », {proposals} remèdes proposés."
    )
    return {
        "pages": len(PAGES),
        "revisions": revisions,
        "time_eaters": eaters,
        "concerns": concerns,
        "proposals": proposals,
        "seconds": time.monotonic() - started,
    }
