"""Text helpers shared by search and imports."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, strip accents and squeeze spaces: 'Élodie  Dupré' -> 'elodie dupre'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    without_marks = "".join(c for c in decomposed if not unicodedata.combining(c))
    lowered = without_marks.lower().replace("œ", "oe").replace("æ", "ae")
    return _SPACES.sub(" ", lowered).strip()


def tokens(text: str) -> list[str]:
    """Folded words of at least one character, for prefix search."""
    return [t for t in re.split(r"[^\w]+", fold(text)) if t]
