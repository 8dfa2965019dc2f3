"""An accessible line chart of one series over meetings, as inline SVG (the circle's
trend of equity and of ratings).

The SVG is one image for assistive technologies (role="img", named by its <title> and
described by its <desc>); the page gives the same numbers in a table. Each point is a
marker with its value written above it, so nothing is told by colour alone; a missing
value breaks the line and shows "—".
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from cercles.lib.svg import BAR_AXIS, BAR_FILL, BAR_INK, attrs, fit_text, num

WIDTH = 640
HEIGHT = 240
LEFT = 48
RIGHT = 16
TOP = 24
BOTTOM = 48
FONT = 12.0


def line_chart(
    points: list[tuple[str, float | None, str]],
    *,
    chart_id: str,
    title: str,
    desc: str,
    y_min: float,
    y_max: float,
    ticks: list[tuple[float, str]],
) -> str:
    """`points`: (label under the axis, value or None, value as written) in order."""
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    n = max(len(points), 1)
    step = plot_w / n
    span = (y_max - y_min) or 1

    def x_at(i: int) -> float:
        return LEFT + step * (i + 0.5)

    def y_at(value: float) -> float:
        value = min(max(value, y_min), y_max)
        return TOP + plot_h - (value - y_min) / span * plot_h

    parts = []
    for value, label in ticks:
        y = y_at(value)
        parts.append(
            f"<line{attrs(x1=float(LEFT), y1=y, x2=float(WIDTH - RIGHT), y2=y, stroke='#d5dae1', stroke_width='1')}/>"
        )
        parts.append(
            f"<text{attrs(x=float(LEFT - 6), y=y + FONT / 3, text_anchor='end')}>{escape(label)}</text>"
        )
    parts.append(
        f"<line{attrs(x1=float(LEFT), y1=float(TOP + plot_h), x2=float(WIDTH - RIGHT), y2=float(TOP + plot_h), stroke=BAR_AXIS, stroke_width='1')}/>"
    )
    segment: list[str] = []
    segments: list[list[str]] = []
    for i, (_label, value, _shown) in enumerate(points):
        if value is None:
            if segment:
                segments.append(segment)
            segment = []
            continue
        segment.append(f"{num(x_at(i))},{num(y_at(value))}")
    if segment:
        segments.append(segment)
    for seg in segments:
        if len(seg) > 1:
            parts.append(
                f"<polyline{attrs(points=' '.join(seg), fill='none', stroke=BAR_FILL, stroke_width='2.5')}/>"
            )
    for i, (label, value, shown) in enumerate(points):
        x = x_at(i)
        if value is not None:
            y = y_at(value)
            parts.append(f"<circle{attrs(cx=x, cy=y, r='4.5', fill=BAR_FILL)}/>")
            parts.append(f"<text{attrs(x=x, y=y - 9, text_anchor='middle')}>{escape(shown)}</text>")
        else:
            parts.append(
                f"<text{attrs(x=x, y=float(TOP + plot_h - 6), text_anchor='middle')}>—</text>"
            )
        parts.append(
            f"<text{attrs(x=x, y=float(TOP + plot_h + 18), text_anchor='middle')}>"
            f"{escape(fit_text(label, step - 4, FONT))}</text>"
        )
    svg = (
        f"<svg{attrs(viewBox=f'0 0 {WIDTH} {HEIGHT}', role='img', aria_labelledby=f'{chart_id}-title {chart_id}-desc', class_='line-chart', width=WIDTH, height=HEIGHT, style='max-width: 100%; height: auto')}>"
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>'
        f"<g{attrs(fill=BAR_INK, font_size=FONT, font_family='system-ui, sans-serif')}>"
        + "".join(parts)
        + "</g></svg>"
    )
    return mark_safe(svg)  # every text above is escaped
