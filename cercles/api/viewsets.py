"""The base of every API viewset: authentication, the abilities permission, input helpers."""

from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.functional import SimpleLazyObject, empty
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.settings import api_settings

from cercles.accounts.tokens import ApiTokenAuthentication
from cercles.lib.ids import MAX_ID
from cercles.organisation.permissions import forget

from .pagination import Pagination
from .permissions import AbilitiesPermission
from .schema import AutoSchema


def id_field(**kwargs):
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


@contextmanager
def service_errors():
    """Turn a service's django ValidationError into DRF's 400, keeping its messages."""
    try:
        yield
    except DjangoValidationError as exc:
        if hasattr(exc, "error_dict"):
            detail = {
                (api_settings.NON_FIELD_ERRORS_KEY if key == "__all__" else key): messages
                for key, messages in exc.message_dict.items()
            }
        else:
            detail = {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}
        raise serializers.ValidationError(detail) from exc


class ApiViewSet(viewsets.GenericViewSet):
    # The token comes first so an anonymous call gets 401 with `WWW-Authenticate: Token`.
    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [AbilitiesPermission]
    # JSON only: form encodings would read a missing boolean as false and cannot send null.
    parser_classes = [JSONParser]
    pagination_class = Pagination
    schema = AutoSchema()
    ability_for_action: dict[str, str] = {}
    # The query-string filters of `list`, read by `filters()` and documented in the schema.
    filter_serializer: type[serializers.Serializer] | None = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("filter_serializer") is not None:
            extend_schema_view(list=extend_schema(parameters=[cls.filter_serializer]))(cls)

    def perform_authentication(self, request):
        super().perform_authentication(request)
        # A session's user comes wrapped in a SimpleLazyObject: each attribute read pays
        # a wrapper call, and a list's abilities read the user thousands of times (a
        # quarter of a cached page's time). Use the person himself.
        user = request.user
        if isinstance(user, SimpleLazyObject):
            if user._wrapped is empty:
                user._setup()
            request.user = user._wrapped

    def get_abilities(self, obj) -> dict[str, bool]:
        raise NotImplementedError

    def respond(self, obj, code=status.HTTP_200_OK) -> Response:
        """Answer a write with the object as `serializer_class` shows it.

        The write may have changed what the user may do (a new lead link, an archived
        circle): the facts cached on the user are dropped so the abilities are fresh.
        """
        forget(self.request.user)
        return Response(
            self.serializer_class(obj, context=self.get_serializer_context()).data, code
        )

    def validated(self, serializer_class, **kwargs) -> dict:
        serializer = serializer_class(
            data=self.request.data, context=self.get_serializer_context(), **kwargs
        )
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def filters(self) -> dict:
        """Query-string filters read through `filter_serializer`: bad values give a 400.

        A plain dict (not the QueryDict) so a missing boolean takes its default instead of
        being read as an unticked checkbox.
        """
        serializer = self.filter_serializer(data=self.request.query_params.dict())
        serializer.is_valid(raise_exception=True)
        return {k: v for k, v in serializer.validated_data.items() if v not in (None, "")}
