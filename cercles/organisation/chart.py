"""The organisation drawn as nested circles (server-side SVG, circle packing by circlify).

Readable at a thousand circles because the drawing is bounded:
- below `depth` levels a circle with sub-circles is drawn as a single disc with
  the number of circles it hides (zoom into it with `?circle=<id>`);
- a circle shows at most MAX_SIBLINGS sub-circles; the smallest others are folded
  into one "+k autres" disc.
circlify's packing grows much faster than linearly with the number of siblings,
so bounding the siblings keeps each packing call constant and the whole drawing
O(n). The packing of a tuple of sizes is pure geometry, so it is memoised: that
cache cannot go stale when the organisation changes or is drawn as of a date.
"""

from dataclasses import dataclass, field
from functools import lru_cache
from math import sqrt

import circlify
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cercles.lib.svg import attrs, fit_text, wrap_text
from cercles.lib.urls import cached_reverse

from .models import CircleKind

DEFAULT_DEPTH = 3
MAX_DEPTH = 8
MAX_SIBLINGS = 16
SIZE = 1000
MARGIN = 5
# Children fill this share of their parent's radius, leaving a ring for its name.
PAD = 0.86
MIN_LABEL_RADIUS = 22
INK = "#1b1f24"
OTHERS_COLOUR = "#6b7684"
KIND_COLOURS = {
    CircleKind.CIRCLE: "#1f5f8b",
    CircleKind.DEPARTMENT: "#6b4c9a",
    CircleKind.NETWORK: "#2e7d32",
    CircleKind.PROJECT: "#b35c00",
}


def circle_colour(circle) -> str:
    return circle.colour or KIND_COLOURS.get(circle.kind, KIND_COLOURS[CircleKind.CIRCLE])


def parse_depth(value) -> int:
    try:
        depth = int(value)
    except (TypeError, ValueError):
        return DEFAULT_DEPTH
    return min(max(depth, 1), MAX_DEPTH)


@lru_cache(maxsize=4096)
def _pack(weights: tuple) -> tuple:
    """(x, y, r) in the unit circle for each weight, area proportional to weight."""
    packed = circlify.circlify([{"id": i, "datum": w} for i, w in enumerate(weights)])
    out = [None] * len(weights)
    for c in packed:
        out[c.ex["id"]] = (c.x, c.y, c.r)
    return tuple(out)


@dataclass
class ChartNode:
    circle: object  # a Circle, or None for a "+k autres" disc
    level: int
    weight: float
    parent: object = None
    hidden_count: int = 0  # circles below a collapsed disc
    others: list = field(default_factory=list)  # circles folded into a "+k autres" disc
    children: list = field(default_factory=list)
    x: float = 0.0
    y: float = 0.0
    r: float = 0.0

    @property
    def is_others(self):
        return self.circle is None


class OrgChart:
    """Lay out an OrgState (or one of its circles and what lies below) for drawing."""

    def __init__(self, org, *, root=None, depth=DEFAULT_DEPTH, date_query=""):
        self.org = org
        self.root = root
        self.depth = depth
        self.date_query = date_query
        self.weight, self.descendants = self._subtree_stats()
        top = [root] if root is not None else org.roots
        self.nodes = self._build(top, 1, None)
        self.drawn = 0
        if self.nodes:
            self._place(self.nodes, SIZE / 2, SIZE / 2, SIZE / 2 - MARGIN)

    # -- structure ------------------------------------------------------------
    def _subtree_stats(self):
        order, stack = [], list(self.org.roots)
        while stack:
            circle = stack.pop()
            order.append(circle)
            stack.extend(self.org.children.get(circle.pk, ()))
        weight, descendants = {}, {}
        # Reversed pre-order visits every child before its parent.
        for circle in reversed(order):
            kids = self.org.children.get(circle.pk, ())
            weight[circle.pk] = 1 + getattr(circle, "n_roles", 0) + sum(weight[k.pk] for k in kids)
            descendants[circle.pk] = len(kids) + sum(descendants[k.pk] for k in kids)
        return weight, descendants

    def _build(self, circles, level, parent):
        ranked = sorted(circles, key=lambda c: -self.weight.get(c.pk, 1))
        shown, folded = ranked, []
        if len(ranked) > MAX_SIBLINGS:
            shown, folded = ranked[: MAX_SIBLINGS - 1], ranked[MAX_SIBLINGS - 1 :]
        nodes = []
        for circle in shown:
            node = ChartNode(
                circle=circle, level=level, weight=self.weight.get(circle.pk, 1), parent=parent
            )
            kids = self.org.children.get(circle.pk)
            if kids:
                if level >= self.depth:
                    node.hidden_count = self.descendants[circle.pk]
                else:
                    node.children = self._build(kids, level + 1, circle)
            nodes.append(node)
        if folded:
            nodes.append(
                ChartNode(
                    circle=None,
                    level=level,
                    weight=sum(self.weight.get(c.pk, 1) for c in folded),
                    parent=parent,
                    others=folded,
                )
            )
        return nodes

    def _place(self, nodes, cx, cy, radius):
        for node, (x, y, r) in zip(nodes, _pack(tuple(n.weight for n in nodes)), strict=True):
            node.x, node.y, node.r = cx + x * radius, cy - y * radius, r * radius
            self.drawn += 1
            if node.children:
                self._place(node.children, node.x, node.y, node.r * PAD)

    def walk(self, nodes=None):
        for node in self.nodes if nodes is None else nodes:
            yield node
            yield from self.walk(node.children)

    # -- links ----------------------------------------------------------------
    def circle_url(self, circle) -> str:
        return cached_reverse("organisation:circle_detail", circle.pk) + self.date_query

    def zoom_url(self, circle) -> str:
        query = f"?circle={circle.pk}&depth={self.depth}"
        if self.date_query:
            query += "&" + self.date_query[1:]
        return cached_reverse("organisation:chart") + query

    def _others_url(self, node) -> str:
        if node.parent is not None and node.parent is not self.root:
            return self.zoom_url(node.parent)
        return "#org-list"

    def _describe(self, node) -> str:
        if node.is_others:
            return ngettext("%(n)d autre cercle", "%(n)d autres cercles", len(node.others)) % {
                "n": len(node.others)
            }
        circle = node.circle
        parts = [f"{circle.name} ({circle.get_kind_display()})"]
        n_roles = getattr(circle, "n_roles", None)
        if n_roles is not None:
            parts.append(ngettext("%(n)d rôle", "%(n)d rôles", n_roles) % {"n": n_roles})
        if node.hidden_count:
            parts.append(
                ngettext(
                    "%(n)d sous-cercle replié", "%(n)d sous-cercles repliés", node.hidden_count
                )
                % {"n": node.hidden_count}
            )
        return " — ".join(parts)

    # -- drawing --------------------------------------------------------------
    def svg(self) -> str:
        shapes, labels = [], []
        for node in self.walk():
            shapes.append(self._shape(node))
            label = self._label(node)
            if label:
                labels.append(label)
        title = ngettext(
            "Organigramme : %(n)d cercle dessiné",
            "Organigramme : %(n)d cercles dessinés",
            self.drawn,
        ) % {"n": self.drawn}
        desc = _(
            "Chaque cercle est un lien vers sa page ; les cercles imbriqués sont des sous-cercles. "
            "La liste qui suit l'organigramme en donne la même structure."
        )
        return mark_safe(
            f"<svg{attrs(viewBox=f'0 0 {SIZE} {SIZE}', role='group', aria_labelledby='org-chart-title org-chart-desc', class_='org-chart-svg')}>"
            f'<title id="org-chart-title">{escape(title)}</title>'
            f'<desc id="org-chart-desc">{escape(desc)}</desc>'
            + "".join(shapes)
            + f"<g{attrs(aria_hidden='true', pointer_events='none', fill=INK, stroke='#ffffff', stroke_width='3', paint_order='stroke', text_anchor='middle', font_family='system-ui, sans-serif')}>"
            + "".join(labels)
            + "</g></svg>"
        )

    def _shape(self, node) -> str:
        if node.is_others:
            href, colour = self._others_url(node), OTHERS_COLOUR
            style = {"fill_opacity": "0.25", "stroke_dasharray": "6 4"}
        else:
            href, colour = self.circle_url(node.circle), circle_colour(node.circle)
            if node.hidden_count:
                style = {"fill_opacity": "0.45", "stroke_dasharray": "6 4"}
            elif node.children:
                style = {"fill_opacity": "0.12"}
            else:
                style = {"fill_opacity": "0.3"}
        cls = "others" if node.is_others else ("collapsed" if node.hidden_count else None)
        return (
            f"<a{attrs(href=href, class_=cls)}><title>{escape(self._describe(node))}</title>"
            f"<circle{attrs(cx=node.x, cy=node.y, r=node.r, fill=colour, stroke=colour, stroke_width='2', **style)}/>"
            "</a>"
        )

    def _label(self, node) -> str:
        if node.r < MIN_LABEL_RADIUS:
            return ""
        name = f"+{len(node.others)}" if node.is_others else node.circle.name
        if node.children:
            # Names of circles drawn with their sub-circles sit in the ring above them.
            size = min(22.0, max(11.0, node.r * (1 - PAD) * 0.9))
            offset = node.r * (1 + PAD) / 2
            width = 2 * sqrt(max(node.r**2 - offset**2, 0))
            text = fit_text(name, width, size)
            if not text:
                return ""
            return f"<text{attrs(x=node.x, y=node.y - offset + size / 3, font_size=size)}>{escape(text)}</text>"
        size = min(20.0, max(11.0, node.r / 4))
        lines = wrap_text(name, node.r * 1.6, size, max_lines=3)
        if not lines:
            return ""
        # Centre the block of lines on the circle's centre.
        first_y = node.y + size / 3 - (len(lines) - 1) * size * 0.6
        spans = "".join(
            f"<tspan{attrs(x=node.x, dy=None if i == 0 else size * 1.2)}>{escape(line)}</tspan>"
            for i, line in enumerate(lines)
        )
        out = f"<text{attrs(x=node.x, y=first_y, font_size=size)}>{spans}</text>"
        if node.hidden_count and node.r > 2.5 * size:
            small = size * 0.8
            out += f"<text{attrs(x=node.x, y=node.y + size / 3 + size * 1.2, font_size=small)}>+{node.hidden_count}</text>"
        return out

    # -- the same structure as a list -------------------------------------------
    def outline(self) -> str:
        if not self.nodes:
            return ""
        return mark_safe(self._outline(self.nodes))

    def _outline(self, nodes) -> str:
        items = []
        for node in nodes:
            if node.is_others:
                inner = "".join(
                    f'<li><a href="{escape(self.circle_url(c))}">{escape(c.name)}</a></li>'
                    for c in sorted(node.others, key=lambda c: c.name.lower())
                )
                items.append(f"<li>{escape(self._describe(node))}<ul>{inner}</ul></li>")
                continue
            circle = node.circle
            text = (
                f'<a href="{escape(self.circle_url(circle))}">{escape(circle.name)}</a>'
                f' <span class="muted">({escape(circle.get_kind_display())})</span>'
            )
            if node.hidden_count:
                more = ngettext(
                    "+%(n)d sous-cercle : afficher",
                    "+%(n)d sous-cercles : afficher",
                    node.hidden_count,
                ) % {"n": node.hidden_count}
                text += f' — <a href="{escape(self.zoom_url(circle))}">{escape(more)}</a>'
            if node.children:
                text += self._outline(node.children)
            items.append(f"<li>{text}</li>")
        return "<ul>" + "".join(items) + "</ul>"
