"""OpenAPI details drf-spectacular cannot guess: our token scheme and the error answers."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "cercles.accounts.tokens.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": _("Jeton personnel, préfixé par « Token » : `Token <clé>`."),
        }


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class AutoSchema(SpectacularAutoSchema):
    """Documents the errors every endpoint may answer, so clients (and schemathesis) expect them.

    401/403 for everyone (not logged in, or not allowed), 404 when the path names an
    object, 400 when there is input to validate: a body, or filters on a list.
    """

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = {
            "401": OpenApiResponse(ErrorSerializer, description=_("Non authentifié.")),
            "403": OpenApiResponse(ErrorSerializer, description=_("Action non autorisée.")),
        }
        if "{" in self.path:
            errors["404"] = OpenApiResponse(ErrorSerializer, description=_("Objet introuvable."))
        if self.method in ("POST", "PUT", "PATCH") or self._is_list_view():
            errors["400"] = OpenApiResponse(
                OpenApiTypes.OBJECT,
                description=_("Données invalides : un message par champ en cause."),
            )
        for code, response in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code, direction=direction)
        return responses
