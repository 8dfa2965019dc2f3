"""The opinion map's demo: one open consultation whose votes form recognisable groups."""

from collections import Counter

import pytest
from django.urls import reverse

from cercles.accounts.models import Person
from cercles.opinions import demo, results
from cercles.opinions.models import Consultation, Participant
from cercles.organisation import demo as org_demo

pytestmark = pytest.mark.django_db


def test_the_demo_consultation_shows_groups(client):
    org_demo.load(log=lambda *args: None)
    assert not demo.is_loaded()
    result = demo.load(log=lambda *args: None)
    assert demo.is_loaded() and result["participants"] >= 40
    consultation = Consultation.objects.get()
    assert consultation.is_open and consultation.statements.count() == 28
    analysis = results.analysis_for(consultation)
    assert analysis.k == 3 and analysis.placed >= 40
    assert all(g.representative for g in analysis.groups)
    texts = {s.pk: s.text for s in consultation.statements.all()}
    consensus = {texts[c.statement_id] for c in analysis.consensus}
    assert (
        "Les horaires d'ouverture doivent être affichés clairement, sur place et en ligne."
        in consensus
    )
    # The groups follow the planted camps: each group's first distinguishing statement
    # is one its camp holds.
    stances = {text: s for text, *s in demo.STATEMENTS}
    camps = set()
    for group in analysis.groups:
        rep = group.representative[0]
        text = texts[rep.statement_id]
        if text in stances:
            wanted = 1 if rep.direction == "agree" else -1
            camps.add(tuple(i for i, s in enumerate(stances[text]) if s == wanted))
    assert len(camps) >= 2
    # A demo person sees the map once he has voted (all of them have).
    person = Participant.objects.filter(consultation=consultation).first().person
    client.force_login(person)
    body = client.get(reverse("opinions:consultation_map", args=[consultation.pk])).content.decode()
    assert "3 groupes d'opinion." in body and "Vous êtes dans le groupe" in body
    # Loading again is refused by is_loaded (load_demo checks it); wipe empties it.
    demo.wipe()
    assert not demo.is_loaded() and not Consultation.objects.exists()
    assert Person.objects.filter(email=org_demo.ADMIN_EMAIL).exists()


def test_the_demo_groups_are_of_several_sizes():
    org_demo.load(log=lambda *args: None)
    demo.load(log=lambda *args: None)
    analysis = results.analysis_for(Consultation.objects.get())
    sizes = Counter(p.group for p in analysis.points)
    assert len(sizes) == 3 and min(sizes.values()) >= 5
