"""`manage.py seed` writes the ideas in bulk after the organisation (team scale here)."""

import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q

from cercles.ideas import seed as ideas_seed
from cercles.ideas.models import (
    TRANSITIONS,
    Campaign,
    Comment,
    Follow,
    Idea,
    IdeaAnswer,
    IdeaStatus,
    Support,
    day_start,
)
from cercles.ideas.permissions import moderates_circle
from cercles.lib.text import fold
from cercles.organisation.models import Circle
from cercles.organisation.seed import seed as seed_organisation

pytestmark = pytest.mark.django_db

S = IdeaStatus


def seed(*args):
    out = StringIO()
    call_command("seed", "--scale", "team", *args, stdout=out)
    return out.getvalue()


def test_team_scale_counts_quickly():
    seed_organisation("team", log=lambda *_: None)
    started = time.monotonic()
    result = ideas_seed.seed("team", log=lambda *_: None)
    assert time.monotonic() - started < 5
    scale = ideas_seed.SCALES["team"]
    assert Idea.objects.count() == result["ideas"] == scale.ideas == 150
    assert Support.objects.count() == result["supports"] == scale.supports
    assert Comment.objects.count() == result["comments"] == scale.comments
    assert Campaign.objects.count() == result["campaigns"] == scale.campaigns
    assert IdeaAnswer.objects.count() == result["answers"]
    # A realistic share: most ideas answered, about a fifth anonymous, a few merged.
    assert 0.5 < result["answered"] / scale.ideas < 0.95
    assert 0.1 < result["anonymous"] / scale.ideas < 0.3
    assert Idea.objects.filter(status=S.MERGED).count() == result["merged"] > 0


def test_output_and_rows_hold_together():
    output = seed()
    assert "150 idées (dont" in output and "600 soutiens, 300 commentaires, 3 campagnes" in output
    # support_count is the number of Support rows; nobody supports his own idea.
    mismatched = Idea.objects.annotate(n=Count("supports")).exclude(support_count=F("n"))
    assert not mismatched.exists()
    assert not Support.objects.filter(person=F("idea__author")).exists()
    assert not Support.objects.filter(created_at__lt=F("idea__created_at")).exists()
    assert not Support.objects.filter(idea__status__in=(S.DRAFT, S.MERGED)).exists()
    # Skewed: the most supported idea has several times the mean.
    top = Idea.objects.order_by("-support_count").first().support_count
    assert top >= 3 * 600 / 150
    # Anonymous ideas keep no author and no follow, and their times are cut to the day.
    for idea in Idea.objects.filter(is_anonymous=True):
        assert idea.author_id is None
        assert idea.created_at == day_start(idea.created_at) == idea.submitted_at
    assert not Follow.objects.filter(idea__is_anonymous=True).exists()
    assert Idea.objects.filter(is_anonymous=False, author__isnull=True).count() == 0
    for idea in Idea.objects.all():
        assert idea.search_text == fold(f"{idea.title} {idea.body}")


def test_answers_walk_the_life_cycle():
    seed()
    answers = {}
    for answer in IdeaAnswer.objects.select_related("by").order_by("at", "id"):
        answers.setdefault(answer.idea_id, []).append(answer)
    for idea in Idea.objects.select_related("campaign", "merged_into"):
        steps = answers.get(idea.pk, [])
        if idea.status in (S.DRAFT, S.SUBMITTED):
            assert steps == [] and idea.answered_at is None
            continue
        state = S.SUBMITTED
        for answer in steps:
            assert answer.from_status == state and answer.to_status in TRANSITIONS[state]
            assert answer.text and answer.at > idea.created_at
            assert moderates_circle(answer.by, idea.scope_circle_id)
            state = answer.to_status
        assert state == idea.status
        assert idea.answered_at == steps[0].at
        if idea.status == S.MERGED:
            target = idea.merged_into
            assert target.status not in (S.MERGED, S.DRAFT)
            # Posted earlier (ids are random: compare the days, all an anonymous keeps).
            assert target.campaign_id == idea.campaign_id
            assert day_start(target.created_at) <= day_start(idea.created_at)
    assert IdeaAnswer.objects.filter(to_status=S.REFUSED).exclude(text="").exists()
    assert Idea.objects.filter(status=S.DRAFT, submitted_at__isnull=True).count() == (
        Idea.objects.filter(status=S.DRAFT).count()
    )


def test_comments_and_replies():
    seed()
    replies = Comment.objects.filter(parent__isnull=False).select_related("parent")
    assert 0.2 < replies.count() / Comment.objects.count() < 0.4
    for reply in replies:
        assert reply.parent.parent_id is None and reply.parent.idea_id == reply.idea_id
        assert reply.created_at >= reply.parent.created_at
    assert not Comment.objects.filter(idea__status=S.DRAFT).exists()
    assert not Comment.objects.filter(Q(hidden_at__isnull=False) & Q(hidden_reason="")).exists()


def test_forced_reseeding_wipes_the_demo_ideas_first():
    call_command("load_demo", stdout=StringIO())
    assert Idea.objects.filter(status=S.MERGED).exists()  # merged ideas protect targets
    seed("--force")
    assert Idea.objects.count() == 150
    assert not Circle.objects.filter(name="Réseau Innovation (iX)").exists()
    seed("--force")
    assert Idea.objects.count() == 150 and Campaign.objects.count() == 3


def test_random_vectors_for_timing_only():
    """`seed --random-vectors` (make bench) gives every idea a unit vector of the current
    model, so that the similar-ideas search scores vectors as in production."""
    import numpy as np

    from cercles.ideas.similarity import current_model_id, get_embedder, unpack

    output = seed("--random-vectors")
    assert "vecteurs aléatoires" in output
    dim = get_embedder().dim
    rows = list(Idea.objects.values_list("embedding", "embedding_model"))
    assert len(rows) == ideas_seed.SCALES["team"].ideas
    assert {model for _blob, model in rows} == {current_model_id()}
    vectors = np.stack([unpack(blob, dim) for blob, _model in rows])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # Random, not all alike; a second call has nothing left to fill.
    assert len({vector.tobytes() for vector in vectors}) == len(rows)
    assert ideas_seed.random_vectors(log=lambda *_: None) == 0
