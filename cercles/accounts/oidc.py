"""OpenID Connect sign-in (ProConnect-compatible), switched on by OIDC_ENABLED.

People are matched by e-mail, whatever its case. ProConnect sends the names as
`given_name` and `usual_name` (the standard `family_name` is accepted too).
"""

import logging

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .models import Person
from .services import person_create, person_update

logger = logging.getLogger(__name__)


def names_from_claims(claims: dict) -> dict[str, str]:
    names = {
        "first_name": (claims.get("given_name") or "").strip(),
        "last_name": (claims.get("usual_name") or claims.get("family_name") or "").strip(),
    }
    # The provider is the reference for names, but an empty claim must not erase ours.
    return {key: value[:150] for key, value in names.items() if value}


class PersonOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email:
            return Person.objects.none()
        return Person.objects.filter(email__iexact=email)

    def verify_claims(self, claims):
        # ProConnect scopes are not the library's default ones: the e-mail is what we need.
        email = (claims.get("email") or "").strip().lower()
        if not email:
            return False
        # ProConnect federates every French administration: only the organisation's own
        # e-mail domains may sign in, when the allow-list is set.
        allowed = [d.lower().lstrip("@") for d in settings.OIDC_ALLOWED_DOMAINS]
        if allowed and email.rpartition("@")[2] not in allowed:
            logger.info("OIDC login refused for a domain outside OIDC_ALLOWED_DOMAINS")
            return False
        return True

    def create_user(self, claims):
        return person_create(email=claims["email"], **names_from_claims(claims))

    def update_user(self, user, claims):
        if not self.user_can_authenticate(user):
            # An inactive person has left: the provider's word does not bring them back.
            logger.info("OIDC login refused for inactive person %s", user.pk)
            return None
        return person_update(person=user, **names_from_claims(claims))

    def get_user(self, user_id):
        # The library's get_user skips the is_active check that ModelBackend makes.
        return ModelBackend.get_user(self, user_id)
