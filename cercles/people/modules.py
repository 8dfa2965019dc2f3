"""Which module runs each accompaniment format, by its stable key.

The link is the module's address (its URL prefix). It is shown only when that address
answers in this installation, so a catalogue item never points at a missing page.
"""

from functools import lru_cache

from django.urls import Resolver404, get_script_prefix, resolve
from django.utils.translation import gettext_lazy as _

from .models import FormatKey

MODULES = {
    FormatKey.COACHING: ("/coaching/", _("Le coaching entre collègues")),
    FormatKey.MENTORING: ("/coaching/", _("Le coaching entre collègues")),
    FormatKey.TUTORING: ("/coaching/", _("Le coaching entre collègues")),
    FormatKey.IMMERSION: ("/missions/", _("Les missions internes")),
    FormatKey.TRAINING: ("/trainings/", _("Les formations entre collègues")),
    FormatKey.MISSION: ("/missions/", _("Les missions internes")),
}


@lru_cache(maxsize=32)
def _resolves(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def module_link(format_key: str) -> tuple[str, str] | None:
    """(url, label) of the module that runs this format, or None."""
    if format_key not in MODULES:
        return None
    path, label = MODULES[format_key]
    if not _resolves(path):
        return None
    return get_script_prefix().rstrip("/") + path, label
