"""The competencies demo (`manage.py load_demo`, after the organisation): a framework of
thirty competencies in six families (demo_content.py), two campaigns (last year's,
closed, and this year's, open) on twelve of them, self-assessments validated by most
people in both (so radars compare two campaigns), a few drafts, shares with lead
links, peer feedback, and public competencies shown in the directory. A fixed
`random.Random` seed makes every load the same.
"""

import datetime
import random
import time

from django.db import transaction
from django.utils import timezone

from cercles.accounts.models import Person
from cercles.organisation import demo as org_demo
from cercles.people.lines import direct_lead_links

from . import services
from .demo_content import FRAMEWORK
from .models import (
    Assessment,
    AssessmentCampaign,
    AssessmentShare,
    Competency,
    CompetencyFamily,
    PeerFeedback,
    PublicCompetency,
)

SEED = org_demo.FAKER_SEED + 11
PAST_CAMPAIGN = "Auto-évaluation 2025"
CURRENT_CAMPAIGN = "Auto-évaluation 2026"


def is_loaded() -> bool:
    return AssessmentCampaign.objects.filter(name=CURRENT_CAMPAIGN).exists()


def wipe() -> None:
    """Delete the module's data (before the people it points at)."""
    PublicCompetency.objects.all().delete()
    AssessmentCampaign.objects.all().delete()  # assessments, shares, feedback cascade
    AssessmentShare.objects.all().delete()
    Competency.objects.all().delete()
    CompetencyFamily.objects.all().delete()


def _framework(admin) -> list[Competency]:
    competencies = []
    for position, (family_name, items) in enumerate(FRAMEWORK):
        family = services.family_create(by=admin, name=family_name, position=position)
        for name, kind, description, levels in items:
            competencies.append(
                services.competency_create(
                    by=admin,
                    family=family,
                    name=name,
                    kind=kind,
                    description=description,
                    **{f"level_{n}": text for n, text in enumerate(levels, start=1)},
                )
            )
    return competencies


def _levels(rng, competencies, base, drift=0):
    ratings = {}
    for c in competencies:
        if rng.random() < 0.08:
            ratings[c.pk] = (None, "")
            continue
        level = min(4, max(1, base.get(c.pk, 2) + drift + rng.choice([-1, 0, 0, 0, 1])))
        ratings[c.pk] = (level, "")
    return ratings


COMMENTS = [
    "Je progresse depuis que j'anime la réunion d'équipe.",
    "À travailler : je manque de pratique.",
    "Un point fort, mes collègues me sollicitent souvent.",
    "J'aimerais une formation courte sur ce sujet.",
]
AXES = [
    ("Prendre la parole en public", "Je prépare une intervention au conseil communautaire."),
    ("Accueillir les stagiaires", "Premier tutorat cette année."),
    ("Parler anglais", "Pour le projet européen de mobilité."),
]


def _assess(rng, campaign, person, ratings, *, submit, when):
    assessment = services.assessment_start(campaign=campaign, person=person)
    for cid, (level, _c) in list(ratings.items()):
        if level is not None and rng.random() < 0.15:
            ratings[cid] = (level, rng.choice(COMMENTS))
    axes = [(*rng.choice(AXES)[:1], rng.randint(1, 3), "")] if rng.random() < 0.3 else []
    services.assessment_save(
        assessment=assessment,
        by=person,
        ratings=ratings,
        work_axes=axes,
        comment="",
        submit=submit,
    )
    if submit:
        Assessment.objects.filter(pk=assessment.pk).update(submitted_at=when, created_at=when)
    return assessment


@transaction.atomic
def load(*, log=print) -> dict:
    """Load the competencies demo on top of the demo organisation (which must be loaded)."""
    started = time.monotonic()
    rng = random.Random(SEED)
    admin = Person.objects.get(email=org_demo.ADMIN_EMAIL)
    competencies = _framework(admin)
    people = list(
        Person.objects.filter(
            email__endswith=f"@{org_demo.DEMO_DOMAIN}", is_active=True, is_org_admin=False
        ).order_by("email")
    )
    chosen = rng.sample(competencies, 12)
    today = timezone.localdate()
    past = services.campaign_create(
        by=admin,
        name=PAST_CAMPAIGN,
        description="La première campagne : chacun fait le point sur douze compétences clés.",
        starts_on=today,
        ends_on=today,
        competencies=chosen,
    )
    current = services.campaign_create(
        by=admin,
        name=CURRENT_CAMPAIGN,
        description="Un an après, où en êtes-vous ? Comparez avec votre radar de l'an dernier.",
        starts_on=today - datetime.timedelta(days=14),
        ends_on=today + datetime.timedelta(days=30),
        competencies=chosen,
    )
    base = {p.pk: {c.pk: rng.randint(1, 3) for c in chosen} for p in people}
    last_year = timezone.now() - datetime.timedelta(days=365)
    submitted = drafts = 0
    past_people = [p for p in people if rng.random() < 0.8]
    for person in past_people:
        _assess(
            rng,
            past,
            person,
            _levels(rng, chosen, base[person.pk]),
            submit=True,
            when=last_year + datetime.timedelta(days=rng.randint(0, 20), hours=rng.randint(8, 17)),
        )
        submitted += 1
    current_assessments = []
    for person in people:
        roll = rng.random()
        if roll < 0.55:
            when = timezone.now() - datetime.timedelta(
                days=rng.randint(0, 12), hours=rng.randint(0, 8)
            )
            current_assessments.append(
                _assess(
                    rng,
                    current,
                    person,
                    _levels(rng, chosen, base[person.pk], drift=1),
                    submit=True,
                    when=when,
                )
            )
            submitted += 1
        elif roll < 0.7:
            _assess(
                rng, current, person, _levels(rng, chosen, base[person.pk]), submit=False, when=None
            )
            drafts += 1
    # The campaign of last year closes (its dates move back once its answers are in).
    AssessmentCampaign.objects.filter(pk=past.pk).update(
        starts_on=(last_year - datetime.timedelta(days=5)).date(),
        ends_on=(last_year + datetime.timedelta(days=25)).date(),
    )
    # Some share with their lead link, a few with everything.
    leads = direct_lead_links([a.person_id for a in current_assessments])
    shares = 0
    for assessment in current_assessments:
        lead_ids = sorted(leads.get(assessment.person_id, ()))
        if lead_ids and rng.random() < 0.35:
            viewer = Person.objects.get(pk=lead_ids[0])
            services.share_create(
                owner=assessment.person,
                viewer=viewer,
                assessment=None if rng.random() < 0.3 else assessment,
            )
            shares += 1
    # Peer feedback: some asked colleagues, most answered, one declined.
    feedback = 0
    for assessment in current_assessments[:12]:
        others = [p for p in people if p.pk != assessment.person_id]
        reviewers = rng.sample(others, 2)
        for request in services.feedback_request(
            assessment=assessment,
            by=assessment.person,
            reviewers=reviewers,
            message="Ton regard m'aiderait à préparer mon entretien.",
        ):
            feedback += 1
            roll = rng.random()
            if roll < 0.6:
                services.feedback_answer(
                    feedback=request,
                    by=request.reviewer,
                    ratings={c.pk: rng.randint(2, 4) for c in chosen},
                    comment="Tu es une ressource précieuse pour l'équipe.",
                )
            elif roll < 0.7:
                services.feedback_decline(feedback=request, by=request.reviewer)
    # Public competencies: half the people show two to five.
    public = 0
    for person in people:
        if rng.random() < 0.5:
            shown = rng.sample(competencies, rng.randint(2, 5))
            public += services.public_competencies_set(
                person=person, levels={c.pk: rng.randint(2, 4) for c in shown}
            )
    log(
        f"Compétences : {len(competencies)} compétences, 2 campagnes, {submitted} "
        f"auto-évaluations validées, {drafts} brouillons, {shares} partages, "
        f"{feedback} demandes de regard, {public} compétences affichées."
    )
    return {
        "competencies": len(competencies),
        "families": len(FRAMEWORK),
        "campaigns": 2,
        "submitted": submitted,
        "drafts": drafts,
        "shares": shares,
        "feedback": feedback,
        "public": public,
        "seconds": time.monotonic() - started,
        "peer_feedback_rows": PeerFeedback.objects.count(),
    }
