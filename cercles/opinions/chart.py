"""The opinion map as an inline SVG: one mark per participant, coloured AND shaped by
group (colour is never the only cue), the group's letter at its centre, the reader's
own mark circled. The SVG is one image for assistive technologies (role="img", named by
its <title> and <desc>); the page gives the same facts in a table next to it.

Marks never carry a name or an id, and are drawn in the analysis' order (by group and
position), never in the order people took part.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cercles.lib.svg import attrs, num

WIDTH = 560
HEIGHT = 400
PAD = 28
MARK = 5.5
INK = "#1b1f24"
AXIS = "#8a939e"
# Dark enough for 3:1 against white (WCAG 2.1 AA, graphics): 6.8, 5.5, 5.3, 6.7, 6.8.
STYLES = [
    ("#1f5f8b", gettext_lazy("bleu"), "circle", gettext_lazy("rond")),
    ("#b4460c", gettext_lazy("orange"), "square", gettext_lazy("carré")),
    ("#2b7a3d", gettext_lazy("vert"), "triangle", gettext_lazy("triangle")),
    ("#8a3d8f", gettext_lazy("violet"), "diamond", gettext_lazy("losange")),
    ("#6b5a00", gettext_lazy("olive"), "cross", gettext_lazy("croix")),
]


def style(index: int) -> dict:
    colour, colour_name, shape, shape_name = STYLES[index % len(STYLES)]
    return {
        "colour": colour,
        "colour_name": str(colour_name),
        "shape": shape,
        "shape_name": str(shape_name),
    }


def mark(shape: str, x: float, y: float, size: float, colour: str, **extra) -> str:
    """One mark of `shape` centred on (x, y)."""
    common = {"fill": colour, "stroke": "#ffffff", "stroke_width": "1", **extra}
    if shape == "circle":
        return f"<circle{attrs(cx=x, cy=y, r=size, **common)}/>"
    if shape == "square":
        s = size * 0.9
        return f"<rect{attrs(x=x - s, y=y - s, width=2 * s, height=2 * s, **common)}/>"
    if shape == "triangle":
        s = size * 1.2
        points = (
            f"{num(x)},{num(y - s)} {num(x + s)},{num(y + s * 0.8)} {num(x - s)},{num(y + s * 0.8)}"
        )
        return f"<polygon{attrs(points=points, **common)}/>"
    if shape == "diamond":
        s = size * 1.25
        points = f"{num(x)},{num(y - s)} {num(x + s)},{num(y)} {num(x)},{num(y + s)} {num(x - s)},{num(y)}"
        return f"<polygon{attrs(points=points, **common)}/>"
    # cross: a plus sign drawn as one polygon
    a, b = size * 1.2, size * 0.4
    coords = [
        (-b, -a), (b, -a), (b, -b), (a, -b), (a, b), (b, b),
        (b, a), (-b, a), (-b, b), (-a, b), (-a, -b), (-b, -b),
    ]  # fmt: skip
    points = " ".join(f"{num(x + dx)},{num(y + dy)}" for dx, dy in coords)
    return f"<polygon{attrs(points=points, **common)}/>"


def icon(index: int) -> str:
    """The group's mark alone, for the legend and the table (decorative: the text next
    to it says the same)."""
    s = style(index)
    return mark_safe(
        f"<svg{attrs(width=18, height=18, viewBox='0 0 18 18', aria_hidden='true', focusable='false', class_='opinion-icon')}>"
        + mark(s["shape"], 9.0, 9.0, 6.0, s["colour"])
        + "</svg>"
    )


def _scale(points) -> float:
    extent = max((max(abs(p.x), abs(p.y)) for p in points), default=0.0)
    return extent or 1.0


def to_canvas(x: float, y: float, extent: float) -> tuple[float, float]:
    return (
        WIDTH / 2 + x / extent * (WIDTH / 2 - PAD),
        HEIGHT / 2 - y / extent * (HEIGHT / 2 - PAD),
    )


def where(x: float, y: float, extent: float) -> str:
    """Where a point lies on the map, in words ("en haut à gauche", "au centre")."""
    third = extent / 3
    vertical = _("en haut") if y > third else _("en bas") if y < -third else ""
    horizontal = _("à droite") if x > third else _("à gauche") if x < -third else ""
    if vertical and horizontal:
        return f"{vertical} {horizontal}"
    return vertical or horizontal or _("au centre")


def opinion_map(analysis, *, chart_id: str, title: str, desc: str, me=None) -> str:
    """The scatter of `analysis.points`; `me` is the reader's participant id (his mark
    is circled and labelled "vous")."""
    extent = _scale(analysis.points)
    parts = [
        f"<line{attrs(x1=PAD / 2, y1=HEIGHT / 2, x2=WIDTH - PAD / 2, y2=HEIGHT / 2, stroke=AXIS, stroke_width='1', stroke_dasharray='4 4')}/>",
        f"<line{attrs(x1=WIDTH / 2, y1=PAD / 2, x2=WIDTH / 2, y2=HEIGHT - PAD / 2, stroke=AXIS, stroke_width='1', stroke_dasharray='4 4')}/>",
    ]
    mine = None
    for point in analysis.points:
        x, y = to_canvas(point.x, point.y, extent)
        s = style(point.group)
        parts.append(mark(s["shape"], x, y, MARK, s["colour"], fill_opacity="0.85"))
        if me is not None and point.participant_id == me:
            mine = (x, y)
    if analysis.has_groups:
        for group in analysis.groups:
            x, y = to_canvas(group.center[0], group.center[1], extent)
            parts.append(
                f"<text{attrs(x=x, y=y - 12, text_anchor='middle', font_size='18', font_weight='bold', fill=INK, stroke='#ffffff', stroke_width='4', paint_order='stroke')}>"
                f"{escape(group.label)}</text>"
            )
    if mine is not None:
        x, y = mine
        parts.append(
            f"<circle{attrs(cx=x, cy=y, r=11.0, fill='none', stroke=INK, stroke_width='2.5')}/>"
        )
        parts.append(
            f"<text{attrs(x=x + 14, y=y + 5, font_size='14', font_weight='bold', fill=INK, stroke='#ffffff', stroke_width='4', paint_order='stroke')}>"
            f"{escape(_('vous'))}</text>"
        )
    svg = (
        f"<svg{attrs(viewBox=f'0 0 {WIDTH} {HEIGHT}', role='img', aria_labelledby=f'{chart_id}-title {chart_id}-desc', class_='opinion-map', width=WIDTH, height=HEIGHT, style='max-width: 100%; height: auto')}>"
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>'
        f"<rect{attrs(x=0.5, y=0.5, width=WIDTH - 1, height=HEIGHT - 1, fill='#ffffff', stroke=AXIS)}/>"
        f"<g{attrs(font_family='system-ui, sans-serif')}>" + "".join(parts) + "</g></svg>"
    )
    return mark_safe(svg)  # every text above is escaped
