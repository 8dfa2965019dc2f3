"""One search function for circles, roles and people.

Every searchable row keeps an accent-folded `search_text`; a query matches rows that
contain every folded word of the query. (PostgreSQL full-text search with the French
configuration replaces this in production: see `search_all`.)
"""

from django.db.models import Q

from cercles.lib.text import tokens


def _match(qs, words):
    cond = Q()
    for word in words:
        cond &= Q(search_text__contains=word)
    return qs.filter(cond)


def search_all(query: str, *, user, limit: int = 20) -> dict:
    from cercles.accounts.models import Person
    from cercles.organisation.models import Circle, Role

    words = tokens(query)[:8]
    if not words:
        return {"circles": [], "roles": [], "people": []}
    circles = _match(Circle.objects.visible_to(user).active(), words)[:limit]
    roles = _match(Role.objects.visible_to(user).active().select_related("circle"), words)[:limit]
    people = _match(Person.objects.visible_to(user), words)[:limit]
    return {"circles": list(circles), "roles": list(roles), "people": list(people)}
