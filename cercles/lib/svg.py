"""Small helpers to write SVG by hand, safely escaped."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

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


# Horizontal bar charts (dashboards). Dark ink and a dark blue bar on white: 16:1 and
# 6.9:1, above the 4.5:1 (text) and 3:1 (graphics) that WCAG 2.1 AA asks for.
BAR_INK = "#1b1f24"
BAR_FILL = "#1f5f8b"
BAR_AXIS = "#6b7684"
BAR_WIDTH = 640
BAR_ROW = 30
BAR_FONT = 13.0


def bar_chart(
    rows,
    *,
    chart_id: str,
    title: str,
    desc: str,
    label_width: float = 220,
    centred: bool = False,
) -> str:
    """An accessible horizontal bar chart, one bar a row, as an inline SVG string.

    `rows` holds (label, value) or (label, value, shown) tuples: `value` (a number)
    sets the bar's length, `shown` (default: the value) is written after it. The SVG is
    one image for assistive technologies (role="img", named by its <title> and <desc>):
    the page must give the same numbers in a table next to it. `centred` centres each
    bar on the same axis, which draws a funnel.
    """
    rows = [(r[0], r[1], r[2] if len(r) > 2 else r[1]) for r in rows]
    top = 8
    height = top * 2 + max(len(rows), 1) * BAR_ROW
    plot_x = label_width
    plot_w = BAR_WIDTH - label_width - 90  # room for the shown value after the bar
    peak = max((value for _label, value, _shown in rows), default=0) or 1
    parts = []
    for i, (label, value, shown) in enumerate(rows):
        y = top + i * BAR_ROW
        length = max(value, 0) / peak * plot_w
        x = plot_x + (plot_w - length) / 2 if centred else plot_x
        text_y = y + BAR_ROW / 2 + BAR_FONT / 3
        parts.append(
            f"<text{attrs(x=plot_x - 8, y=text_y, text_anchor='end')}>"
            f"{escape(fit_text(str(label), label_width - 12, BAR_FONT))}</text>"
        )
        if length > 0:
            parts.append(
                f"<rect{attrs(x=x, y=y + 5.0, width=max(length, 2.0), height=BAR_ROW - 10.0, fill=BAR_FILL, rx='2')}/>"
            )
        value_x = (plot_x + plot_w + 6) if centred else (plot_x + max(length, 2.0) + 6)
        parts.append(f"<text{attrs(x=value_x, y=text_y)}>{escape(str(shown))}</text>")
    axis = ""
    if not centred:
        axis = f"<line{attrs(x1=plot_x, y1=top, x2=plot_x, y2=height - top, stroke=BAR_AXIS, stroke_width='1')}/>"
    svg = (
        f"<svg{attrs(viewBox=f'0 0 {BAR_WIDTH} {height}', role='img', aria_labelledby=f'{chart_id}-title {chart_id}-desc', class_='bar-chart', width=BAR_WIDTH, height=height, style='max-width: 100%; height: auto')}>"
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>'
        f"<g{attrs(fill=BAR_INK, font_size=BAR_FONT, font_family='system-ui, sans-serif')}>"
        + axis
        + "".join(parts)
        + "</g></svg>"
    )
    return mark_safe(svg)  # every text above is escaped
