"""The bulk seeder's idea texts: deterministic, varied, fast."""

import random
import time

from cercles.ideas import seed_text
from cercles.ideas.seed_text import SPACE, idea_texts


def test_same_seed_same_texts_other_seed_other_texts():
    first = list(idea_texts(random.Random(42), 500))
    assert first == list(idea_texts(random.Random(42), 500))
    other = list(idea_texts(random.Random(43), 500))
    assert len(set(first) & set(other)) < 25


def test_twenty_thousand_ideas_are_varied_and_fit_the_model():
    texts = list(idea_texts(random.Random(7), 20_000))
    assert len(texts) == 20_000
    titles = [title for title, _ in texts]
    bodies = [body for _, body in texts]
    assert len(set(titles)) >= 0.95 * 20_000
    assert len(set(bodies)) >= 0.95 * 20_000
    assert max(len(title) for title in titles) <= seed_text.MAX_TITLE
    assert min(len(body) for body in bodies) >= 60
    # Every theme shows up, in every register: formal notes, quick messages, no accents.
    for theme in seed_text.THEMES:
        assert any(theme["proposals"][0] in title for title in titles)
    assert sum(body.startswith("Constat :") for body in bodies) > 500
    assert sum(body.startswith("bonjour,") for body in bodies) > 500
    unaccented = [b for b in bodies if b.islower() and not any(c in b for c in "éèàêç")]
    assert len(unaccented) > 1_000


def test_twenty_thousand_ideas_in_well_under_a_second():
    started = time.perf_counter()
    for _ in idea_texts(random.Random(1), 20_000):
        pass
    assert time.perf_counter() - started < 1.0


def test_more_ideas_than_title_combinations_still_works():
    texts = list(idea_texts(random.Random(3), SPACE + 10))
    assert len(texts) == SPACE + 10
