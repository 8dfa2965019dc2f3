"""Limit/offset pagination with a ceiling, so no request asks the database for everything."""

from rest_framework.pagination import LimitOffsetPagination


class Pagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = 200
