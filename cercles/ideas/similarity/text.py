"""Text preparation shared by the lexical and semantic parts."""

import re
from functools import lru_cache

import snowballstemmer

from cercles.lib.text import fold

# Markdown markup that carries no meaning for similarity: code fences and spans, images,
# link targets, HTML tags, bare URLs, heading/list/quote/emphasis marks.
_MARKDOWN = [
    (re.compile(r"```.*?```", re.S), " "),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"<[^>]+>"), " "),
    (re.compile(r"https?://\S+"), " "),
    (re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+", re.M), ""),
    (re.compile(r"[*_~]{1,3}"), ""),
]
_WORDS = re.compile(r"[a-z0-9]+")
_SPACES = re.compile(r"\s+")

# Folded French function words: they carry no topic, and their n-grams ("de ", " les")
# would otherwise be in every document (cost and noise for the lexical part).
STOPWORDS = frozenset(
    [
        "a",
        "ai",
        "aie",
        "au",
        "aux",
        "avec",
        "c",
        "ca",
        "ce",
        "ceci",
        "cela",
        "celle",
        "celles",
        "celui",
        "ces",
        "cet",
        "cette",
        "chacun",
        "chaque",
        "ci",
        "comme",
        "d",
        "dans",
        "de",
        "des",
        "deja",
        "depuis",
        "donc",
        "du",
        "elle",
        "elles",
        "en",
        "encore",
        "entre",
        "est",
        "et",
        "etc",
        "etre",
        "eu",
        "faire",
        "fait",
        "faut",
        "il",
        "ils",
        "j",
        "je",
        "jusqu",
        "l",
        "la",
        "le",
        "les",
        "leur",
        "leurs",
        "lui",
        "m",
        "ma",
        "mais",
        "me",
        "meme",
        "memes",
        "mes",
        "moi",
        "mon",
        "n",
        "ne",
        "ni",
        "nos",
        "notre",
        "nous",
        "on",
        "ont",
        "or",
        "ou",
        "par",
        "pas",
        "peu",
        "peut",
        "plus",
        "pour",
        "pourquoi",
        "pourrait",
        "pourrions",
        "qu",
        "quand",
        "que",
        "quel",
        "quelle",
        "quelles",
        "quels",
        "qui",
        "s",
        "sa",
        "sans",
        "se",
        "ses",
        "si",
        "sinon",
        "soit",
        "son",
        "sont",
        "sous",
        "sur",
        "svp",
        "t",
        "ta",
        "te",
        "tes",
        "toi",
        "ton",
        "tous",
        "tout",
        "toute",
        "toutes",
        "tres",
        "trop",
        "tu",
        "un",
        "une",
        "unes",
        "uns",
        "vers",
        "via",
        "voire",
        "vos",
        "votre",
        "vous",
        "y",
    ]
)

_stemmer = snowballstemmer.stemmer("french")


def strip_markdown(text: str) -> str:
    for pattern, repl in _MARKDOWN:
        text = pattern.sub(repl, text)
    return _SPACES.sub(" ", text).strip()


def idea_text(title: str, body: str, max_chars: int | None = None) -> str:
    """The one text an idea is compared on: its title, then its body without markup."""
    title = _SPACES.sub(" ", title or "").strip()
    body = strip_markdown(body or "")
    if title and title[-1] not in ".!?:":
        title += "."
    text = f"{title} {body}".strip()
    if max_chars and len(text) > max_chars:
        text = text[:max_chars].rsplit(" ", 1)[0]
    return text


def content_words(text: str) -> list[str]:
    """Folded words without the function words."""
    return [w for w in _WORDS.findall(fold(text)) if w not in STOPWORDS]


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _stemmer.stemWord(word)


def stems(text: str) -> list[str]:
    """French Snowball stems of the folded content words ('réunions' -> 'reunion')."""
    return [_stem(w) for w in content_words(text) if len(w) > 1]


def lexical_text(text: str) -> str:
    """Folded content words only: what the character n-grams are taken from."""
    return " ".join(content_words(text))
