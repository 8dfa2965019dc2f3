"""The labelled evaluation set keeps the shape docs/similarity.md describes."""

import re

from cercles.ideas.similarity.evaluation import load_evalset
from cercles.ideas.similarity.text import content_words

EVALSET = load_evalset()


def test_at_least_30_groups_of_exactly_four_ideas():
    assert len(EVALSET.groups) >= 30
    for group_id, group in EVALSET.groups.items():
        assert len(group["ideas"]) == 4, group_id
        for title, body in group["ideas"]:
            assert title.strip() and body.strip(), group_id


def test_distractors_and_lookalike_pairs():
    assert EVALSET.labels.count(None) >= 30
    lookalikes = {gid: g["lookalike"] for gid, g in EVALSET.groups.items() if "lookalike" in g}
    assert len(lookalikes) >= 10
    for group_id, other in lookalikes.items():
        # Pairs point at each other and share a theme.
        assert lookalikes.get(other) == group_id
        assert EVALSET.groups[other]["theme"] == EVALSET.groups[group_id]["theme"]


def test_ids_and_texts_are_unique():
    texts = EVALSET.texts
    assert len(set(texts)) == len(texts)


def test_groups_include_unaccented_variants():
    # Each group has one idea written without accents (and usually a typo or two).
    accent = re.compile(r"[àâäéèêëîïôöùûüç]", re.I)
    for group_id, group in EVALSET.groups.items():
        assert any(not accent.search(t + b) for t, b in group["ideas"]), group_id


def test_paraphrases_share_few_words():
    # Within a group, two ideas share on average under 5 % of their content words (Jaccard).
    overlaps = []
    for group in EVALSET.groups.values():
        words = [set(content_words(f"{t} {b}")) for t, b in group["ideas"]]
        for i in range(4):
            for j in range(i + 1, 4):
                overlaps.append(len(words[i] & words[j]) / len(words[i] | words[j]))
    assert sum(overlaps) / len(overlaps) < 0.05
