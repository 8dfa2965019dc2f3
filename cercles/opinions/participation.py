"""Which participant the request speaks for.

Named consultation: the logged-in person's participant row.

Anonymous consultation: the participant whose key the browser holds in a signed cookie
(`cercles_opinion_<id>`, scoped to the consultation's pages). The server keeps only the
key's hash, with no person, and keeps nothing of the cookie: not in the session (stored
in the database next to the person's id), not in a log. The cookie is signed with a
salt that includes the person's id, so that on a shared computer the next person who
logs in is not taken for the previous one (he becomes a new participant). A person
who clears his cookies or uses another browser becomes a new participant too, unless
he types his resume code (the key itself) there.
"""

from django.core import signing

from . import services
from .models import Consultation, Participant

COOKIE_PREFIX = "cercles_opinion_"
COOKIE_MAX_AGE = 400 * 24 * 3600  # the longest browsers keep a cookie
_CACHE_ATTR = "_cercles_opinion_participants"


def cookie_name(consultation: Consultation) -> str:
    return f"{COOKIE_PREFIX}{consultation.pk}"


def cookie_path(consultation: Consultation) -> str:
    return f"/consultations/{consultation.pk}/"


def _salt(request) -> str:
    return f"cercles.opinions.participant.{request.user.pk}"


def read_key(request, consultation: Consultation) -> str | None:
    try:
        return request.get_signed_cookie(
            cookie_name(consultation), default=None, salt=_salt(request)
        )
    except signing.BadSignature:
        return None


def current(request, consultation: Consultation) -> Participant | None:
    """The request's participant, or None if he has not taken part (read once)."""
    cache = request.__dict__.setdefault(_CACHE_ATTR, {})
    if consultation.pk not in cache:
        cache[consultation.pk] = services.participant_find(
            consultation=consultation,
            person=request.user,
            key=read_key(request, consultation) if consultation.anonymous else None,
        )
    return cache[consultation.pk]


def set_current(request, consultation: Consultation, participant: Participant) -> None:
    request.__dict__.setdefault(_CACHE_ATTR, {})[consultation.pk] = participant


def remember(response, request, consultation: Consultation, key: str | None) -> None:
    """Keep an anonymous participant's key in the browser."""
    if not key:
        return
    response.set_signed_cookie(
        cookie_name(consultation),
        key,
        salt=_salt(request),
        max_age=COOKIE_MAX_AGE,
        path=cookie_path(consultation),
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
