"""REST API of the people app: the talent path catalogue (read) and my own path entries
(read and write: goals and notes; the questionnaire's results and the accepted
suggestions are written by the pages). Nobody reads another person's entries here."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.response import Response

from cercles.api.viewsets import ApiViewSet, service_errors
from cercles.organisation.api import AbilitiesField

from . import permissions, services
from .models import EntryKind, FormatKey, ItemKind, PathEntry, PathItem
from .modules import module_link


class InlineChoiceField(serializers.ChoiceField):
    """A choice documented as an inline enum: fields named "kind" or "format" exist
    with other choices in other apps, and a shared enum component would collide."""


class InlineChoiceFieldExtension(OpenApiSerializerFieldExtension):
    target_class = InlineChoiceField

    def map_serializer_field(self, auto_schema, direction):
        values = list(self.target.choices)
        if getattr(self.target, "allow_blank", False) and "" not in values:
            values.append("")
        return {"type": "string", "enum": values}


# --- the catalogue ---------------------------------------------------------------------


class PathItemSerializer(serializers.ModelSerializer):
    kind = InlineChoiceField(choices=ItemKind.choices, read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    format = InlineChoiceField(
        choices=FormatKey.choices,
        read_only=True,
        allow_blank=True,
        help_text=_("Pour un format d'accompagnement : le module qui le propose."),
    )
    module_url = serializers.SerializerMethodField(help_text=_("L'adresse du module, s'il existe."))
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    abilities = AbilitiesField(permissions.item_abilities)

    class Meta:
        model = PathItem
        fields = [
            "id",
            "slug",
            "kind",
            "kind_label",
            "name",
            "summary",
            "description",
            "audience",
            "getting_started",
            "format",
            "module_url",
            "position",
            "archived_at",
            "url",
            "abilities",
        ]
        read_only_fields = fields

    def get_module_url(self, obj) -> str:
        link = module_link(obj.format)
        return link[0] if link else ""


class PathItemFilters(serializers.Serializer):
    kind = InlineChoiceField(choices=ItemKind.choices, required=False)
    archived = serializers.BooleanField(
        default=False,
        help_text=_("true : les éléments archivés (RH seulement) ; false (défaut) : les autres."),
    )


class PathItemViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """The talent path catalogue: entry points, detection tools and accompaniment
    formats, in the catalogue's order. HR also read the archived ones."""

    serializer_class = PathItemSerializer
    filter_serializer = PathItemFilters

    def get_abilities(self, obj):
        return permissions.item_abilities(self.request.user, obj)

    def get_queryset(self):
        user = self.request.user
        if not (user and user.is_authenticated):
            return PathItem.objects.none()
        items = PathItem.objects.all()
        if not permissions.can_manage_catalogue(user):
            items = items.active()
        if self.action == "list":
            params = self.filters()
            items = items.filter(archived_at__isnull=not params["archived"])
            if params.get("kind"):
                items = items.filter(kind=params["kind"])
        return items.in_order()


# --- my path entries -------------------------------------------------------------------


class PathEntrySerializer(serializers.ModelSerializer):
    kind = InlineChoiceField(choices=EntryKind.choices, read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = PathEntry
        fields = [
            "id",
            "kind",
            "kind_label",
            "date",
            "title",
            "body",
            "private",
            "item",
            "data",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class PathEntryCreateSerializer(serializers.Serializer):
    kind = InlineChoiceField(
        choices=[(EntryKind.GOAL, EntryKind.GOAL.label), (EntryKind.NOTE, EntryKind.NOTE.label)],
        required=False,
        default=EntryKind.GOAL,
    )
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=services.MAX_TEXT, allow_blank=True, required=False)
    date = serializers.DateField(required=False, help_text=_("Aujourd'hui par défaut."))
    private = serializers.BooleanField(required=False, default=True)


class PathEntryUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False)
    body = serializers.CharField(max_length=services.MAX_TEXT, allow_blank=True, required=False)
    date = serializers.DateField(required=False)
    private = serializers.BooleanField(required=False)


class PathEntryFilters(serializers.Serializer):
    kind = InlineChoiceField(choices=EntryKind.choices, required=False)


class PathEntryViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, ApiViewSet
):
    """My own path entries (goals, notes, saved questionnaire results, accepted
    suggestions), the latest first. Only mine: nobody reads another's here."""

    serializer_class = PathEntrySerializer
    filter_serializer = PathEntryFilters
    ability_for_action = {"partial_update": "update", "destroy": "delete"}

    def get_abilities(self, obj):
        return permissions.entry_abilities(self.request.user, obj)

    def get_queryset(self):
        user = self.request.user
        if not (user and user.is_authenticated):
            return PathEntry.objects.none()
        entries = PathEntry.objects.filter(person=user)
        if self.action == "list":
            params = self.filters()
            if params.get("kind"):
                entries = entries.filter(kind=params["kind"])
        return entries.order_by("-date", "-id")

    @extend_schema(request=PathEntryCreateSerializer, responses={201: PathEntrySerializer})
    def create(self, request):
        data = self.validated(PathEntryCreateSerializer)
        with service_errors():
            entry = services.entry_create(person=request.user, **data)
        return self.respond(entry, status.HTTP_201_CREATED)

    @extend_schema(request=PathEntryUpdateSerializer, responses={200: PathEntrySerializer})
    def partial_update(self, request, pk=None):
        entry = self.get_object()
        data = self.validated(PathEntryUpdateSerializer, partial=True)
        with service_errors():
            services.entry_update(
                entry=entry,
                by=request.user,
                title=data.get("title", entry.title),
                body=data.get("body", entry.body),
                date=data.get("date", entry.date),
                private=data.get("private", entry.private),
            )
        return self.respond(entry)

    def destroy(self, request, pk=None):
        entry = self.get_object()
        services.entry_delete(entry=entry, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def register(router):
    router.register("development/catalogue", PathItemViewSet, basename="development-item")
    router.register("development/path-entries", PathEntryViewSet, basename="development-entry")
