"""Cached URL reversing for addresses of objects, which never change."""

from functools import lru_cache

from django.urls import get_script_prefix, reverse


@lru_cache(maxsize=65536)
def _reverse(prefix: str, viewname: str, args: tuple) -> str:
    # `prefix` is part of the key: reverse() reads the script prefix of the request.
    return reverse(viewname, args=args)


def cached_reverse(viewname: str, *args) -> str:
    return _reverse(get_script_prefix(), viewname, tuple(args))
