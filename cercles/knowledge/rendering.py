"""A page's body as HTML, with a table of contents.

The Markdown is rendered and sanitised by `cercles.lib.markdown` (nh3 keeps no
attribute on headings). Then, on that clean HTML, each heading is moved one level
down (the page's title is the only <h1>) and given an `id` made by us from its text
(`section-` and a slug: letters, digits and hyphens only), so the table of contents can
link to it. Nothing typed by the author reaches an attribute unescaped.

A revision never changes, so its rendering is cached by revision id.
"""

import html
import re
from dataclasses import dataclass

from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from cercles.core import fragments
from cercles.lib.markdown import render_markdown

# nh3's output: headings carry no attribute, their closing tag matches.
_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.DOTALL)
TOC_LEVELS = (2, 3)
TOC_MINIMUM = 2
RENDER_VERSION = 1


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    text: str  # HTML-escaped text, tags stripped


@dataclass(frozen=True)
class RenderedPage:
    html: SafeString
    headings: tuple[Heading, ...]

    @property
    def toc(self) -> SafeString:
        return toc_html(self.headings)


def render_body(text: str) -> RenderedPage:
    clean = str(render_markdown(text))
    headings: list[Heading] = []
    used: set[str] = set()

    def replace(match: re.Match) -> str:
        level = min(int(match.group(1)) + 1, 6)
        inner = match.group(2)
        label = strip_tags(inner).strip()
        base = "section-" + (slugify(html.unescape(label)) or str(len(headings) + 1))
        anchor, n = base, 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        used.add(anchor)
        headings.append(Heading(level, anchor, label))
        return f'<h{level} id="{anchor}">{inner}</h{level}>'

    result = _HEADING.sub(replace, clean)
    # Sanitised by nh3 (render_markdown); the ids added above are slugs.
    return RenderedPage(mark_safe(result), tuple(headings))


def toc_html(headings) -> SafeString:
    """Nested lists of links to the page's sections (levels 2 and 3), or "" when the page
    has fewer than two sections."""
    entries = [h for h in headings if h.level in TOC_LEVELS]
    if len(entries) < TOC_MINIMUM:
        return mark_safe("")
    top = min(h.level for h in entries)
    groups: list[tuple[Heading, list[Heading]]] = []
    for heading in entries:
        if heading.level == top or not groups:
            groups.append((heading, []))
        else:
            groups[-1][1].append(heading)
    parts = ["<ol>"]
    for heading, children in groups:
        parts.append(f"<li>{_link(heading)}")
        if children:
            parts.append("<ol>")
            parts.extend(f"<li>{_link(child)}</li>" for child in children)
            parts.append("</ol>")
        parts.append("</li>")
    parts.append("</ol>")
    return mark_safe("".join(parts))


def _link(heading: Heading) -> str:
    # `text` is already escaped HTML (nh3's output with its tags stripped).
    return format_html('<a href="#{}">{}</a>', heading.anchor, mark_safe(heading.text))


def render_revision(revision_id: int | None, text: str) -> RenderedPage:
    """`render_body`, cached by revision (revisions never change)."""
    if revision_id is None:
        return render_body(text)
    cached = fragments.cached_value(
        f"knowledge:render:{RENDER_VERSION}:{revision_id}",
        lambda: _to_cache(render_body(text)),
    )
    return RenderedPage(
        mark_safe(cached["html"]),
        tuple(Heading(*h) for h in cached["headings"]),
    )


def _to_cache(rendered: RenderedPage) -> dict:
    return {
        "html": str(rendered.html),
        "headings": [(h.level, h.anchor, h.text) for h in rendered.headings],
    }
