"""`{% object_url %}`: `{% url %}` for the links repeated in lists.

A page of 50 rows with two links each spent a third of its time in `reverse()`
(about 45 µs a call, measured with cProfile on the bench data); an object's address
never changes for a given script prefix, so it is computed once per process.
"""

from django import template

from cercles.lib.urls import cached_reverse

register = template.Library()


@register.simple_tag
def object_url(viewname, *args):
    return cached_reverse(viewname, *args)
