"""REST API of the ideas module, by topic: campaigns and ideas (`ideas.py`), themes and
projects (`projects.py`). `register(router)` adds every viewset."""

from . import ideas, projects


def register(router):
    ideas.register(router)
    projects.register(router)
