"""Small helpers to write SVG by hand, safely escaped."""

from django.utils.html import escape

# Average glyph width of a sans-serif font, as a share of the font size.
GLYPH_WIDTH = 0.56


def num(value: float) -> str:
    """A short coordinate: 12.0 -> '12', 3.14159 -> '3.1'."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def attrs(**values) -> str:
    """' a="1" b-c="x"' from a=1, b_c="x"; None values are left out, text is escaped."""
    parts = []
    for key, value in values.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        if isinstance(value, float):
            value = num(value)
        parts.append(f' {name}="{escape(str(value))}"')
    return "".join(parts)


def fit_text(text: str, width: float, font_size: float) -> str:
    """Cut `text` so it fits `width` at `font_size`, with an ellipsis; '' if nothing fits."""
    room = int(width / (font_size * GLYPH_WIDTH))
    if room < 3:
        return ""
    if len(text) <= room:
        return text
    return text[: room - 1].rstrip() + "…"


def wrap_text(text: str, width: float, font_size: float, max_lines: int = 3) -> list[str]:
    """Break `text` into at most `max_lines` lines that fit `width`, the last one cut
    with an ellipsis if needed; [] if not even a short word fits."""
    room = int(width / (font_size * GLYPH_WIDTH))
    if room < 3:
        return []
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= room:
            line += " " + words.pop(0)
        lines.append(line)
    if words:
        lines[-1] = lines[-1] + " " + " ".join(words)
    return [fit_text(line, width, font_size) for line in lines]
