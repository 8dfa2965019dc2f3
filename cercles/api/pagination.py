"""Limit/offset pagination with a ceiling, so no request asks the database for everything."""

from rest_framework.pagination import LimitOffsetPagination

from cercles.core import fragments


class Pagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = 200

    def paginate_queryset(self, queryset, request, view=None):
        self.count_generation = getattr(view, "count_generation", None)
        return super().paginate_queryset(queryset, request, view)

    def get_count(self, queryset):
        """The total, cached per generation when the view names the one its rows follow:
        `COUNT(*)` over 7,500 people costs more than the rest of a cached page, and the
        count only changes when a service bumps that generation."""
        if not self.count_generation:
            return super().get_count(queryset)
        return fragments.cached_count(queryset, self.count_generation)
