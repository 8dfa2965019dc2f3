"""Themes of a campaign: a proposed grouping of its ideas, then the facilitator's edits.

`propose_themes` clusters the campaign's published ideas (neither drafts nor merged)
with k-means: on the similarity engine's stored vectors when every idea has one of the
current model, otherwise on a TF-IDF of their French stems (accent-folded, function
words removed). A fixed seed makes it deterministic. Each theme is named by its key
terms (the stems most frequent in the theme and rare elsewhere, shown in the form the
ideas use most) and gets its most central idea (closest to the cluster's centre).

Every write is one transaction. Who may manage the themes (the moderators of the
campaign's circle, see `permissions.themes_abilities`) is checked by the views and API.
"""

import re
from collections import Counter, defaultdict

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cercles.lib.text import fold

from ..models import Campaign, Idea, IdeaStatus, Project, Theme, join_key_terms

S = IdeaStatus
MIN_THEMES = 2
MAX_THEMES = 12
KEY_TERMS = 5
NAME_TERMS = 3
# Fixed seed: the same ideas always give the same proposal.
RANDOM_STATE = 0
# Folded words that say nothing of a theme's subject (numbers, time, modal verbs, the
# agents themselves), on top of the similarity engine's function words.
EXTRA_STOPWORDS = frozenset(
    [
        "afin",
        "agent",
        "agents",
        "ainsi",
        "alors",
        "annee",
        "annees",
        "aussi",
        "autre",
        "autres",
        "avoir",
        "beaucoup",
        "bien",
        "cas",
        "certains",
        "chez",
        "cinq",
        "comment",
        "deux",
        "devrait",
        "dix",
        "doit",
        "dont",
        "faudrait",
        "fois",
        "idee",
        "idees",
        "lors",
        "mettre",
        "mieux",
        "moins",
        "mois",
        "nombreux",
        "nouveau",
        "nouveaux",
        "nouvelle",
        "permet",
        "permettraient",
        "permettrait",
        "permettre",
        "personne",
        "personnes",
        "place",
        "plupart",
        "pourraient",
        "pourrait",
        "pouvoir",
        "propose",
        "proposer",
        "proposition",
        "puis",
        "quatre",
        "quelques",
        "semaine",
        "semaines",
        "sera",
        "serait",
        "six",
        "souvent",
        "suis",
        "toujours",
        "trois",
        "trouver",
    ]
)
_WORD = re.compile(r"[^\W\d_]+")


def theme_ideas(campaign: Campaign):
    """The ideas a grouping covers: published and not merged into another."""
    return Idea.objects.filter(campaign=campaign).exclude(status__in=(S.DRAFT, S.MERGED))


def _check_count(count, n: int) -> int:
    if n < MIN_THEMES:
        raise ValidationError(
            _("Il faut au moins deux idées publiées dans la campagne pour proposer des thèmes.")
        )
    high = min(MAX_THEMES, n)
    try:
        count = int(count)
    except (TypeError, ValueError):
        count = 0
    if not MIN_THEMES <= count <= high:
        raise ValidationError(
            {
                "count": _("Choisissez entre %(low)s et %(high)s thèmes.")
                % {"low": MIN_THEMES, "high": high}
            }
        )
    return count


# --- vectors -------------------------------------------------------------------------


def _semantic_matrix(rows) -> np.ndarray | None:
    """The stored vectors of every idea when all have one of the current model, else None
    (mixing vectors of two models, or with TF-IDF rows, would not be comparable)."""
    from cercles.ideas.similarity import current_model_id, unpack

    model_id = current_model_id()
    vectors = []
    for row in rows:
        vector = unpack(row["embedding"]) if row["embedding_model"] == model_id else None
        if vector is None or (vectors and len(vector) != len(vectors[0])):
            return None
        vectors.append(vector)
    matrix = np.vstack(vectors).astype(np.float64)
    # The model's vectors share a common direction (all cosines are high): centring them
    # spreads the ideas out so that k-means sees their differences.
    matrix -= matrix.mean(axis=0)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


def _lexical_matrix(texts: list[str]):
    from sklearn.feature_extraction.text import TfidfVectorizer

    from cercles.ideas.similarity.text import stems

    vectorizer = TfidfVectorizer(analyzer=stems, sublinear_tf=True, norm="l2")
    try:
        return vectorizer.fit_transform(texts)
    except ValueError:  # no word left at all (texts of function words only)
        return None


def _cluster(matrix, count: int) -> np.ndarray:
    from sklearn.cluster import KMeans

    return KMeans(n_clusters=count, n_init=10, random_state=RANDOM_STATE).fit_predict(matrix)


def _central(matrix, members: np.ndarray) -> int:
    """Row (among `members`) closest in direction to the members' mean."""
    block = matrix[members]
    centre = np.asarray(block.mean(axis=0)).ravel()
    scores = np.asarray(block @ centre).ravel()
    return int(members[int(np.argmax(scores))])  # argmax: the first (lowest id) on ties


# --- key terms -----------------------------------------------------------------------


def _words(text: str) -> list[tuple[str, str]]:
    """(stem, surface form) of each content word of a text, lower-cased with accents."""
    from cercles.ideas.similarity.text import STOPWORDS, _stem

    out = []
    for word in _WORD.findall(text.lower()):
        folded = fold(word)
        if len(folded) < 3 or folded in STOPWORDS or folded in EXTRA_STOPWORDS:
            continue
        out.append((_stem(folded), word))
    return out


def key_terms(texts: list[str], labels: np.ndarray, count: int) -> list[list[str]]:
    """The key terms of each cluster: stems found in many of its ideas and few others
    (document frequency in the cluster times the inverse document frequency over all the
    ideas), each shown in the form the ideas use most."""
    n = len(texts)
    doc_stems = []
    surfaces: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        words = _words(text)
        doc_stems.append({stem for stem, _w in words})
        for stem, word in words:
            surfaces[stem][word] += 1
    df = Counter(stem for stems_ in doc_stems for stem in stems_)
    idf = {stem: np.log((1 + n) / (1 + d)) + 1.0 for stem, d in df.items()}
    result = []
    for cluster in range(count):
        rows = np.flatnonzero(labels == cluster)
        inside = Counter(stem for r in rows for stem in doc_stems[r])
        # A term of a single idea names that idea, not the theme (unless it is alone).
        floor = 2 if len(rows) > 1 else 1
        ranked = sorted(
            (stem for stem, c in inside.items() if c >= floor),
            key=lambda stem: (-inside[stem] * idf[stem], stem),
        )
        if not ranked:
            ranked = sorted(inside, key=lambda stem: (-inside[stem] * idf[stem], stem))
        terms = []
        for stem in ranked[:KEY_TERMS]:
            # The most used form; on ties the shortest, then alphabetical: stable.
            form = min(surfaces[stem].items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0]
            terms.append(form)
        result.append(terms)
    return result


def theme_name(terms: list[str], position: int) -> str:
    if not terms:
        return _("Thème %(n)s") % {"n": position + 1}
    name = " · ".join(terms[:NAME_TERMS])
    return name[:1].upper() + name[1:]


# --- proposing -----------------------------------------------------------------------


@transaction.atomic
def propose_themes(*, campaign: Campaign, count, by) -> list[Theme]:
    """Replace the campaign's themes with a proposed grouping of its ideas into `count`
    themes (2 to min(12, number of ideas)). Returns the new themes, largest first."""
    from cercles.ideas.similarity import idea_text

    rows = list(
        theme_ideas(campaign)
        .order_by("pk")
        .values("pk", "title", "body", "embedding", "embedding_model")
    )
    count = _check_count(count, len(rows))
    texts = [idea_text(r["title"], r["body"]) for r in rows]
    matrix = _semantic_matrix(rows)
    if matrix is None:
        matrix = _lexical_matrix(texts)
    if matrix is None:
        raise ValidationError(_("Ces idées ne contiennent pas assez de mots pour être groupées."))
    labels = _cluster(matrix, count)
    # Clusters left empty (fewer distinct ideas than themes asked) are dropped.
    clusters = [np.flatnonzero(labels == c) for c in range(count)]
    order = sorted(
        (c for c in range(count) if len(clusters[c])),
        key=lambda c: (-len(clusters[c]), int(clusters[c][0])),
    )
    terms = key_terms(texts, labels, count)

    Theme.objects.filter(campaign=campaign).delete()  # the ideas' theme becomes null
    by_user = by if (by is not None and by.is_authenticated) else None
    themes = []
    for position, cluster in enumerate(order):
        members = clusters[cluster]
        theme = Theme(
            campaign=campaign,
            name=theme_name(terms[cluster], position)[:200],
            key_terms=join_key_terms(terms[cluster]),
            central_idea_id=rows[_central(matrix, members)]["pk"],
            position=position,
            created_by=by_user,
        )
        theme.full_clean(exclude=["central_idea"])
        theme.save()
        # A queryset update: grouping is no change to the idea itself (its `updated_at`
        # stays, and an anonymous idea's times stay cut to the day).
        Idea.objects.filter(pk__in=[rows[i]["pk"] for i in members]).update(theme=theme)
        theme.idea_count = len(members)
        themes.append(theme)
    return themes


# --- editing by hand -----------------------------------------------------------------


def _clean_name(name) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Donnez un nom au thème.")})
    return name


@transaction.atomic
def theme_create(*, campaign: Campaign, name, by, key_terms="") -> Theme:
    """An empty theme, last of the campaign's."""
    last = Theme.objects.filter(campaign=campaign).order_by("-position").first()
    theme = Theme(
        campaign=campaign,
        name=_clean_name(name),
        key_terms=key_terms.strip() if isinstance(key_terms, str) else join_key_terms(key_terms),
        position=(last.position + 1) if last else 0,
        created_by=by if (by is not None and by.is_authenticated) else None,
    )
    theme.full_clean()
    theme.save()
    return theme


@transaction.atomic
def theme_update(*, theme: Theme, by, name=None, key_terms=None) -> Theme:
    """Rename a theme and/or rewrite its key terms."""
    fields = []
    if name is not None:
        theme.name = _clean_name(name)
        fields.append("name")
    if key_terms is not None:
        theme.key_terms = (
            key_terms.strip() if isinstance(key_terms, str) else join_key_terms(key_terms)
        )
        fields.append("key_terms")
    if fields:
        theme.full_clean(exclude=["central_idea"])
        theme.save(update_fields=[*fields, "updated_at"])
    return theme


@transaction.atomic
def theme_move_idea(*, idea: Idea, theme: Theme | None, by) -> Idea:
    """Put an idea into a theme of its campaign, or into none."""
    if idea.campaign_id is None:
        raise ValidationError(_("Seules les idées d'une campagne se rangent dans ses thèmes."))
    if idea.status in (S.DRAFT, S.MERGED):
        raise ValidationError(
            _("Une idée « %(status)s » ne se range pas dans un thème.")
            % {"status": IdeaStatus(idea.status).label}
        )
    if theme is not None and theme.campaign_id != idea.campaign_id:
        raise ValidationError({"theme": _("Ce thème appartient à une autre campagne.")})
    old_theme_id = idea.theme_id
    new_theme_id = theme.pk if theme is not None else None
    if old_theme_id == new_theme_id:
        return idea
    Idea.objects.filter(pk=idea.pk).update(theme_id=new_theme_id)
    idea.theme_id = new_theme_id
    # The idea that stood for its old theme no longer does.
    Theme.objects.filter(pk=old_theme_id, central_idea_id=idea.pk).update(central_idea=None)
    return idea


@transaction.atomic
def theme_merge(*, theme: Theme, into: Theme, by) -> Theme:
    """Merge a theme into another of the same campaign: its ideas and projects move over,
    the key terms are joined, and the theme disappears."""
    if theme.pk == into.pk:
        raise ValidationError({"into": _("Un thème ne peut pas être fusionné dans lui-même.")})
    if theme.campaign_id != into.campaign_id:
        raise ValidationError({"into": _("Ce thème appartient à une autre campagne.")})
    Idea.objects.filter(theme=theme).update(theme=into)
    Project.objects.filter(theme=theme).update(theme=into)
    terms = into.key_term_list()
    folded = {fold(t) for t in terms}
    terms += [t for t in theme.key_term_list() if fold(t) not in folded]
    into.key_terms = join_key_terms(terms)
    fields = ["key_terms", "updated_at"]
    if into.central_idea_id is None and theme.central_idea_id is not None:
        into.central_idea_id = theme.central_idea_id
        fields.append("central_idea")
    into.save(update_fields=fields)
    theme.delete()
    return into


@transaction.atomic
def theme_delete(*, theme: Theme, by) -> None:
    """Delete a theme that holds no idea (move them, or merge the theme, first)."""
    if Idea.objects.filter(theme=theme).exists():
        raise ValidationError(
            _("Ce thème contient encore des idées : déplacez-les ou fusionnez le thème.")
        )
    theme.delete()
