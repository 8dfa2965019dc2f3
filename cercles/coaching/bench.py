"""Synthetic coaching data for `manage.py bench_matching` and the engine's tests:
requests and coaches in memory, with reporting lines and circle mates drawn from a
random tree of circles, as the loader would give them. No database."""

import random

from .matching import CoachData, RequestData
from .models import Format, HalfDay

SITES = ("Hôtel d'agglomération", "Centre technique", "Pôle social", "Maison France services")


def organisation(rng: random.Random, people: int, circles: int):
    """(person -> circles, circle -> parent, circle -> lead link) of a random tree."""
    parents = {0: None}
    for circle in range(1, circles):
        parents[circle] = rng.randrange(circle)
    leads = {circle: rng.randrange(people) for circle in range(circles)}
    homes = {p: {rng.randrange(circles)} for p in range(people)}
    for circle, lead in leads.items():
        homes[lead].add(circle)
    return homes, parents, leads


def lines_and_mates(homes, parents, leads):
    members = {}
    for person, circles in homes.items():
        for circle in circles:
            members.setdefault(circle, set()).add(person)
    lines, mates = {}, {}
    for person, circles in homes.items():
        line = set()
        for circle in circles:
            node = circle
            while node is not None:
                line.add(leads[node])
                node = parents[node]
        lines[person] = frozenset(line - {person})
        mates[person] = frozenset({m for c in circles for m in members[c]} - {person})
    return lines, mates


def synthetic(*, requests: int, coaches: int, seed: int = 7, skills: int = 30):
    """(requests, coaches) for the engine: people 0..n, a tenth of circles, coaches
    with 1–3 places, requests asking 0–3 skills, a few past pairs."""
    rng = random.Random(seed)
    people = max(requests + coaches, 10) * 2
    homes, parents, leads = organisation(rng, people, max(people // 10, 2))
    lines, mates = lines_and_mates(homes, parents, leads)
    persons = rng.sample(range(people), requests + coaches)
    coach_people, request_people = persons[:coaches], persons[coaches:]
    formats, days = Format.values, HalfDay.values
    coach_data = [
        CoachData(
            id=i + 1,
            person_id=person,
            skills=frozenset(rng.sample(range(skills), rng.randint(2, 6))),
            formats=frozenset(rng.sample(formats, rng.randint(1, 3))),
            half_days=frozenset(rng.sample(days, rng.randint(1, 5))),
            site=rng.choice(SITES),
            remote_ok=rng.random() < 0.7,
            places=rng.randint(1, 3),
            active=rng.random() < 0.95,
        )
        for i, person in enumerate(coach_people)
    ]
    request_data = []
    for i, person in enumerate(request_people):
        past = (
            frozenset(c.person_id for c in rng.sample(coach_data, min(2, len(coach_data))))
            if rng.random() < 0.1
            else frozenset()
        )
        request_data.append(
            RequestData(
                id=i + 1,
                person_id=person,
                skills=frozenset(rng.sample(range(skills), rng.randint(0, 3))),
                format=rng.choice(["", *formats]),
                half_days=frozenset(rng.sample(days, rng.randint(0, 4))),
                site=rng.choice(SITES),
                remote_ok=rng.random() < 0.8,
                allow_circle=rng.random() < 0.2,
                allow_line=rng.random() < 0.1,
                previous=rng.choice(["avoid", "avoid", "allowed", "wanted"]),
                line=lines[person],
                mates=mates[person],
                past_coaches=past,
            )
        )
    return request_data, coach_data
