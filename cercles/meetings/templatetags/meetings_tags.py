"""The meetings pages' filters.

- `{{ action|is_late:today }}`: an open action past its due date.
- `{{ text|minutes_html }}`: the minutes' Markdown as sanitised HTML (cercles.lib.markdown),
  its headings one level down, since the page has its own <h1>.
"""

import re

from django import template
from django.utils.safestring import mark_safe

from cercles.lib.markdown import render_markdown

register = template.Library()

_HEADING = re.compile(r"<(/?)h([1-5])>")


@register.filter
def is_late(action, today) -> bool:
    return action.is_late(today)


@register.filter
def minutes_html(text) -> str:
    html = str(render_markdown(text))
    # nh3 left only bare <hN> tags (no attribute): shifting their level keeps it safe.
    return mark_safe(_HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}>", html))
