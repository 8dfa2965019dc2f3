"""`{% object_url %}`: `{% url %}` with positional arguments, computed once per process.

An address never changes for a given script prefix, so the pages' links (the
navigation on every page, the objects repeated in lists) are reversed once per
process: Django's `reverse()` costs about 40 µs a call, and a page has dozens. Measured on the metropole data (PostgreSQL, median of 200 requests): the
circle page 13.2 -> 12.1 ms, the directory 29.1 -> 26.6 ms.
"""

from django import template

from cercles.lib.urls import cached_reverse

register = template.Library()


@register.simple_tag
def object_url(viewname, *args):
    return cached_reverse(viewname, *args)
