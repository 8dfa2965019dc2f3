"""Placeholder: being written (see the issue)."""

from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


def __getattr__(name):
    return _todo
