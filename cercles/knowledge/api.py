"""REST API of knowledge pages and time eaters.

Pages: list and read what one may read; write a page; save a new version (with the
revision one started from: a conflict answers 409 and writes nothing); list a page's
versions. Time eaters: list and read the catalogue.
"""

from django.db.models import F
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from cercles.api.viewsets import ApiViewSet, id_field, service_errors
from cercles.organisation.api import AbilitiesField
from cercles.organisation.models import Circle

from . import permissions, services
from .models import Page, PageKind, PageRevision, TimeEater, TimeEaterCategory

# --- pages ---------------------------------------------------------------------------


class PageSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    revision = serializers.IntegerField(
        source="revision_number",
        read_only=True,
        allow_null=True,
        help_text=_("Numéro de la version actuelle."),
    )
    current_revision = serializers.IntegerField(
        source="current_revision_id",
        read_only=True,
        allow_null=True,
        help_text=_("Identifiant de la version actuelle : à renvoyer comme base_revision."),
    )
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    abilities = AbilitiesField(permissions.page_abilities)

    class Meta:
        model = Page
        fields = [
            "id",
            "slug",
            "title",
            "kind",
            "kind_label",
            "circle",
            "restricted",
            "protected",
            "revision",
            "current_revision",
            "created_at",
            "updated_at",
            "updated_by",
            "archived_at",
            "url",
            "abilities",
        ]
        read_only_fields = fields


class PageDetailSerializer(PageSerializer):
    class Meta(PageSerializer.Meta):
        fields = [*PageSerializer.Meta.fields, "body"]
        read_only_fields = fields


class RevisionSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(
        source="author.full_name", read_only=True, allow_null=True, default=None
    )
    restored_from = serializers.IntegerField(
        source="restored_from.number", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = PageRevision
        fields = [
            "id",
            "number",
            "title",
            "summary",
            "author",
            "author_name",
            "restored_from",
            "created_at",
        ]
        read_only_fields = fields


class PageCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=services.MAX_TITLE)
    body = serializers.CharField(
        max_length=services.MAX_BODY, allow_blank=True, required=False, trim_whitespace=False
    )
    kind = serializers.ChoiceField(choices=PageKind.choices, required=False)
    slug = serializers.CharField(max_length=services.SLUG_LENGTH, allow_blank=True, required=False)
    circle = serializers.PrimaryKeyRelatedField(
        queryset=Circle.objects.active(), allow_null=True, required=False
    )
    restricted = serializers.BooleanField(required=False)
    protected = serializers.BooleanField(required=False)
    summary = serializers.CharField(
        max_length=services.MAX_SUMMARY, allow_blank=True, required=False
    )


class PageUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=services.MAX_TITLE, required=False)
    body = serializers.CharField(
        max_length=services.MAX_BODY, allow_blank=True, required=False, trim_whitespace=False
    )
    summary = serializers.CharField(
        max_length=services.MAX_SUMMARY, allow_blank=True, required=False
    )
    base_revision = id_field(
        required=False,
        allow_null=True,
        help_text=_(
            "La version dont la modification est partie (current_revision lue avant) : si "
            "une autre a été enregistrée depuis, la réponse est 409 et rien n'est écrit."
        ),
    )


class ConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    current_revision = RevisionSerializer()


class PageFilters(serializers.Serializer):
    kind = serializers.ChoiceField(choices=PageKind.choices, required=False)
    circle = id_field(required=False, help_text=_("Les pages de ce cercle."))
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text=_("Dans les titres.")
    )
    archived = serializers.BooleanField(
        default=False, help_text=_("true : les pages archivées ; false (défaut) : les autres.")
    )


class PageViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Knowledge pages: everyone logged in reads them (except those restricted to a
    circle) and edits the open ones; each save is a new version."""

    serializer_class = PageSerializer
    filter_serializer = PageFilters
    ability_for_action = {"partial_update": "update"}

    def get_abilities(self, obj):
        return permissions.page_abilities(self.request.user, obj)

    def get_serializer_class(self):
        return PageSerializer if self.action == "list" else PageDetailSerializer

    def get_queryset(self):
        user = self.request.user
        if not (user and user.is_authenticated):  # the schema generator's anonymous user
            return Page.objects.none()
        pages = Page.objects.visible_to(user).annotate(
            revision_number=F("current_revision__number")
        )
        if self.action == "list":
            params = self.filters()
            pages = pages.defer("body").filter(archived_at__isnull=not params["archived"])
            if params.get("kind"):
                pages = pages.filter(kind=params["kind"])
            if params.get("circle"):
                pages = pages.filter(circle_id=params["circle"])
            if params.get("q"):
                pages = pages.filter(title__icontains=params["q"])
        return pages.in_kind_order()

    def _detail(self, page, code=status.HTTP_200_OK) -> Response:
        """Answer a write with the page as it now stands, text included."""
        permissions.forget(self.request.user)
        fresh = self.get_queryset().get(pk=page.pk)
        context = self.get_serializer_context()
        return Response(PageDetailSerializer(fresh, context=context).data, code)

    @extend_schema(request=PageCreateSerializer, responses={201: PageDetailSerializer})
    def create(self, request):
        if not permissions.can_create_page(request.user):
            raise PermissionDenied
        data = self.validated(PageCreateSerializer)
        with service_errors():
            page = services.page_create(by=request.user, **data)
        return self._detail(page, status.HTTP_201_CREATED)

    @extend_schema(
        request=PageUpdateSerializer,
        responses={
            200: PageDetailSerializer,
            409: OpenApiResponse(
                ConflictSerializer,
                description=_("Une autre version a été enregistrée depuis base_revision."),
            ),
        },
    )
    def partial_update(self, request, pk=None):
        """Save a new version of the title and text (unchanged fields keep their value)."""
        page = self.get_object()
        data = self.validated(PageUpdateSerializer, partial=True)
        conflict = None
        with service_errors():
            try:
                services.page_update(
                    page=page,
                    by=request.user,
                    title=data.get("title", page.title),
                    body=data.get("body", page.body),
                    summary=data.get("summary", ""),
                    base_revision_id=data.get("base_revision"),
                )
            except services.EditConflict as exc:
                conflict = exc
        if conflict is not None:
            return Response(
                {
                    "detail": conflict.messages[0],
                    "current_revision": RevisionSerializer(conflict.current).data,
                },
                status=status.HTTP_409_CONFLICT,
            )
        return self._detail(page)

    @extend_schema(responses=RevisionSerializer(many=True))
    @action(detail=True, methods=["get"])
    def revisions(self, request, pk=None):
        """The page's versions, latest first (without their text)."""
        page = self.get_object()
        revisions = (
            PageRevision.objects.filter(page=page)
            .select_related("author", "restored_from")
            .defer("body", "restored_from__body")
            .order_by("-number")
        )
        rows = self.paginate_queryset(revisions)
        return self.get_paginated_response(RevisionSerializer(rows, many=True).data)


# --- time eaters ---------------------------------------------------------------------


class TimeEaterSerializer(serializers.ModelSerializer):
    category_label = serializers.CharField(source="get_category_display", read_only=True)
    concern_count = serializers.IntegerField(read_only=True)
    proposal_count = serializers.IntegerField(read_only=True)
    concerned = serializers.BooleanField(
        source="is_mine", read_only=True, help_text=_("L'utilisateur a dit « ça me concerne ».")
    )
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = TimeEater
        fields = [
            "id",
            "slug",
            "name",
            "category",
            "category_label",
            "description",
            "remedies",
            "concern_count",
            "proposal_count",
            "concerned",
            "created_at",
            "archived_at",
            "url",
        ]
        read_only_fields = fields


class TimeEaterFilters(serializers.Serializer):
    category = serializers.ChoiceField(choices=TimeEaterCategory.choices, required=False)
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text=_("Dans les noms.")
    )
    archived = serializers.BooleanField(default=False)


class TimeEaterViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """The catalogue of time eaters, the most shared first."""

    serializer_class = TimeEaterSerializer
    filter_serializer = TimeEaterFilters

    def get_abilities(self, obj):
        return permissions.time_eater_abilities(self.request.user, obj)

    def get_queryset(self):
        user = self.request.user
        if not (user and user.is_authenticated):
            return TimeEater.objects.none()
        eaters = TimeEater.objects.with_counts(user)
        if self.action == "list":
            params = self.filters()
            eaters = eaters.filter(archived_at__isnull=not params["archived"])
            if params.get("category"):
                eaters = eaters.filter(category=params["category"])
            if params.get("q"):
                eaters = eaters.filter(name__icontains=params["q"])
        return eaters.order_by("-concern_count", "name", "id")


def register(router):
    router.register("knowledge/pages", PageViewSet, basename="knowledge-page")
    router.register("knowledge/time-eaters", TimeEaterViewSet, basename="knowledge-time-eater")
