"""REST API of the organisation: circles, roles, people, assignments and their history.

Every list is one prepared queryset (a constant number of queries, whatever the page
holds); abilities come from permissions.py, whose per-user facts are cached on the user.
Writes go through services.py: their ValidationError becomes a 400 with their message.
"""

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied

from cercles.api.serializers import CachedListSerializer
from cercles.api.viewsets import ApiViewSet, id_field, service_errors
from cercles.core import fragments
from cercles.core.search import filter_by_search

from . import permissions, services
from .models import (
    Assignment,
    ChangeAction,
    Circle,
    CircleKind,
    CoreRole,
    GovernanceChange,
    Role,
)

Person = get_user_model()


def _current_assignments(*related):
    """Prefetch of the assignments held today, as `current_assignments`."""
    return Prefetch(
        "assignments",
        queryset=Assignment.objects.current().select_related(*related),
        to_attr="current_assignments",
    )


def _may_hold_subcircles(user, parent: Circle | None) -> bool:
    if parent is None:
        return permissions.can_create_top_level_circle(user)
    return permissions.circle_abilities(user, parent)["create_subcircle"]


def _active_circle(circle: Circle | None) -> Circle | None:
    if circle is not None and circle.is_archived:
        raise serializers.ValidationError(_("Ce cercle est archivé."))
    return circle


# --- Shared fields -------------------------------------------------------------------


@extend_schema_field(serializers.DictField(child=serializers.BooleanField()))
class AbilitiesField(serializers.Field):
    """What the requesting user may do on the object (La Suite's `abilities`)."""

    def __init__(self, abilities, **kwargs):
        self.abilities = abilities
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return self.abilities(self.context["request"].user, obj)


class HolderSerializer(serializers.ModelSerializer):
    """A current assignment seen from its role: who holds it, how much."""

    person_name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = Assignment
        fields = ["id", "person", "person_name", "focus", "share", "start_date", "end_date"]
        read_only_fields = fields


# --- Circles -------------------------------------------------------------------------


class CircleSerializer(serializers.ModelSerializer):
    abilities = AbilitiesField(permissions.circle_abilities)

    class Meta:
        model = Circle
        fields = [
            "id",
            "name",
            "purpose",
            "domains",
            "accountabilities",
            "kind",
            "colour",
            "parent",
            "archived_at",
            "created_at",
            "updated_at",
            "abilities",
        ]
        read_only_fields = fields
        # Lists: each circle serialized once per state of the organisation.
        list_serializer_class = CachedListSerializer
        cache_generation = fragments.ORGANISATION
        per_user_fields = ["abilities"]


def _core_role_field():
    # Declared: read-only model fields lose `allow_blank`, and most roles have no core role.
    return serializers.ChoiceField(choices=CoreRole.choices, allow_blank=True, read_only=True)


class CircleRoleSerializer(serializers.ModelSerializer):
    core_role = _core_role_field()
    holders = HolderSerializer(source="current_assignments", many=True, read_only=True)

    class Meta:
        model = Role
        fields = ["id", "name", "core_role", "holders"]
        read_only_fields = fields


class CircleDetailSerializer(CircleSerializer):
    roles = CircleRoleSerializer(source="active_roles", many=True, read_only=True)

    class Meta(CircleSerializer.Meta):
        fields = [*CircleSerializer.Meta.fields, "roles"]
        read_only_fields = fields


class CircleCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Circle
        fields = ["name", "purpose", "domains", "accountabilities", "kind", "colour", "parent"]

    def validate_parent(self, parent):
        return _active_circle(parent)


class CircleUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Circle
        fields = ["name", "purpose", "domains", "accountabilities", "kind", "colour"]


class CircleMoveSerializer(serializers.Serializer):
    parent = serializers.PrimaryKeyRelatedField(
        queryset=Circle.objects.all(),
        allow_null=True,
        help_text=_("Nouveau cercle parent ; null pour le premier niveau."),
    )

    def validate_parent(self, parent):
        return _active_circle(parent)


class CircleFilters(serializers.Serializer):
    parent = id_field(required=False, help_text=_("Sous-cercles de ce cercle."))
    kind = serializers.ChoiceField(choices=CircleKind.choices, required=False)
    archived = serializers.BooleanField(
        default=False, help_text=_("true : les cercles archivés ; false (défaut) : les actifs.")
    )
    q = serializers.CharField(required=False, allow_blank=True, max_length=200)


class CircleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Circles: anyone logged in reads them; managers change them."""

    serializer_class = CircleSerializer
    filter_serializer = CircleFilters
    count_generation = fragments.ORGANISATION
    ability_for_action = {"partial_update": "update", "move": "move", "archive": "archive"}

    def get_abilities(self, obj):
        return permissions.circle_abilities(self.request.user, obj)

    def get_serializer_class(self):
        return CircleDetailSerializer if self.action == "retrieve" else CircleSerializer

    def get_queryset(self):
        qs = Circle.objects.visible_to(self.request.user)
        if self.action == "retrieve":
            roles = Role.objects.active().prefetch_related(_current_assignments("person"))
            qs = qs.prefetch_related(Prefetch("roles", queryset=roles, to_attr="active_roles"))
        if self.action == "list":
            # What the abilities need; the rest comes from the cache (CachedListSerializer).
            qs = qs.only("id", "parent_id", "archived_at")
            params = self.filters()
            qs = qs.filter(archived_at__isnull=not params["archived"])
            if "parent" in params:
                qs = qs.filter(parent_id=params["parent"])
            if "kind" in params:
                qs = qs.filter(kind=params["kind"])
            if "q" in params:
                qs = filter_by_search(qs, params["q"])
        return qs

    @extend_schema(request=CircleCreateSerializer, responses={201: CircleSerializer})
    def create(self, request):
        data = self.validated(CircleCreateSerializer)
        if not _may_hold_subcircles(request.user, data.get("parent")):
            raise PermissionDenied(_("Vous ne pouvez pas créer de cercle à cet endroit."))
        with service_errors():
            circle = services.circle_create(by=request.user, **data)
        return self.respond(circle, status.HTTP_201_CREATED)

    @extend_schema(request=CircleUpdateSerializer, responses=CircleSerializer)
    def partial_update(self, request, pk=None):
        circle = self.get_object()
        data = self.validated(CircleUpdateSerializer, partial=True)
        with service_errors():
            services.circle_update(circle=circle, by=request.user, **data)
        return self.respond(circle)

    @extend_schema(request=CircleMoveSerializer, responses=CircleSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        """Place the circle under another one; the user must also manage the destination."""
        circle = self.get_object()
        parent = self.validated(CircleMoveSerializer)["parent"]
        if not _may_hold_subcircles(request.user, parent):
            raise PermissionDenied(_("Vous ne gérez pas le cercle de destination."))
        with service_errors():
            services.circle_move(circle=circle, new_parent=parent, by=request.user)
        return self.respond(circle)

    @extend_schema(request=None, responses=CircleSerializer)
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        """Archive the circle, its roles, and end their assignments."""
        circle = self.get_object()
        with service_errors():
            services.circle_archive(circle=circle, by=request.user)
        return self.respond(circle)


# --- Roles ---------------------------------------------------------------------------


class RoleSerializer(serializers.ModelSerializer):
    core_role = _core_role_field()
    circle_name = serializers.CharField(source="circle.name", read_only=True)
    abilities = AbilitiesField(permissions.role_abilities)

    class Meta:
        model = Role
        fields = [
            "id",
            "circle",
            "circle_name",
            "name",
            "purpose",
            "domains",
            "accountabilities",
            "core_role",
            "archived_at",
            "created_at",
            "updated_at",
            "abilities",
        ]
        read_only_fields = fields


class RoleDetailSerializer(RoleSerializer):
    holders = HolderSerializer(source="current_assignments", many=True, read_only=True)

    class Meta(RoleSerializer.Meta):
        fields = [*RoleSerializer.Meta.fields, "holders"]
        read_only_fields = fields


class RoleCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Role
        fields = ["circle", "name", "purpose", "domains", "accountabilities"]

    def validate_circle(self, circle):
        return _active_circle(circle)


class RoleUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Role
        fields = ["name", "purpose", "domains", "accountabilities"]


class RoleFilters(serializers.Serializer):
    circle = id_field(required=False)
    core_role = serializers.ChoiceField(choices=CoreRole.choices, required=False)
    archived = serializers.BooleanField(default=False)


class RoleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = RoleSerializer
    filter_serializer = RoleFilters
    ability_for_action = {"partial_update": "update", "archive": "archive"}

    def get_abilities(self, obj):
        return permissions.role_abilities(self.request.user, obj)

    def get_serializer_class(self):
        return RoleDetailSerializer if self.action == "retrieve" else RoleSerializer

    def get_queryset(self):
        qs = Role.objects.visible_to(self.request.user).select_related("circle")
        if self.action == "retrieve":
            qs = qs.prefetch_related(_current_assignments("person"))
        if self.action == "list":
            params = self.filters()
            qs = qs.filter(archived_at__isnull=not params["archived"])
            if "circle" in params:
                qs = qs.filter(circle_id=params["circle"])
            if "core_role" in params:
                qs = qs.filter(core_role=params["core_role"])
        return qs

    @extend_schema(request=RoleCreateSerializer, responses={201: RoleSerializer})
    def create(self, request):
        data = self.validated(RoleCreateSerializer)
        if not permissions.circle_abilities(request.user, data["circle"])["create_role"]:
            raise PermissionDenied(_("Vous ne pouvez pas créer de rôle dans ce cercle."))
        with service_errors():
            role = services.role_create(by=request.user, **data)
        return self.respond(role, status.HTTP_201_CREATED)

    @extend_schema(request=RoleUpdateSerializer, responses=RoleSerializer)
    def partial_update(self, request, pk=None):
        role = self.get_object()
        data = self.validated(RoleUpdateSerializer, partial=True)
        with service_errors():
            services.role_update(role=role, by=request.user, **data)
        return self.respond(role)

    @extend_schema(request=None, responses=RoleSerializer)
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        """Archive the role and end its assignments (core roles cannot be archived)."""
        role = self.get_object()
        with service_errors():
            services.role_archive(role=role, by=request.user)
        return self.respond(role)


# --- People --------------------------------------------------------------------------


class PersonSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "email",
            "first_name",
            "last_name",
            "full_name",
            "job_title",
            "unit",
            "site",
        ]
        read_only_fields = fields
        # Lists: each person serialized once per state of the organisation.
        list_serializer_class = CachedListSerializer
        cache_generation = fragments.ORGANISATION


class PersonAssignmentSerializer(serializers.ModelSerializer):
    role_name = serializers.CharField(source="role.name", read_only=True)
    circle = serializers.IntegerField(source="role.circle_id", read_only=True)
    circle_name = serializers.CharField(source="role.circle.name", read_only=True)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "role",
            "role_name",
            "circle",
            "circle_name",
            "focus",
            "share",
            "start_date",
            "end_date",
        ]
        read_only_fields = fields


class PersonDetailSerializer(PersonSerializer):
    assignments = PersonAssignmentSerializer(
        source="current_assignments", many=True, read_only=True
    )
    total_share = serializers.SerializerMethodField(
        help_text=_("Somme des parts de temps des rôles tenus aujourd'hui (%).")
    )

    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "assignments", "total_share"]
        read_only_fields = fields

    def get_total_share(self, person) -> int:
        return sum(a.share for a in person.current_assignments)


class PersonFilters(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    circle = id_field(required=False, help_text=_("Personnes tenant un rôle dans ce cercle."))
    role = id_field(required=False, help_text=_("Personnes tenant ce rôle."))


class PersonViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """The directory, read-only: people are managed by imports and the admin."""

    serializer_class = PersonSerializer
    filter_serializer = PersonFilters
    count_generation = fragments.ORGANISATION

    def get_serializer_class(self):
        return PersonDetailSerializer if self.action == "retrieve" else PersonSerializer

    def get_queryset(self):
        qs = Person.objects.visible_to(self.request.user)
        if self.action == "retrieve":
            qs = qs.prefetch_related(_current_assignments("role", "role__circle"))
        if self.action == "list":
            qs = qs.only("id")  # the rest comes from the cache (CachedListSerializer)
            params = self.filters()
            held = Assignment.objects.current()
            if "circle" in params:
                qs = qs.filter(
                    pk__in=held.filter(role__circle_id=params["circle"]).values("person")
                )
            if "role" in params:
                qs = qs.filter(pk__in=held.filter(role_id=params["role"]).values("person"))
            if "q" in params:
                qs = filter_by_search(qs, params["q"])
        return qs


# --- Assignments ---------------------------------------------------------------------


class AssignmentSerializer(serializers.ModelSerializer):
    role_name = serializers.CharField(source="role.name", read_only=True)
    circle = serializers.IntegerField(source="role.circle_id", read_only=True)
    circle_name = serializers.CharField(source="role.circle.name", read_only=True)
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    is_current = serializers.BooleanField(read_only=True)
    abilities = AbilitiesField(permissions.assignment_abilities)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "role",
            "role_name",
            "circle",
            "circle_name",
            "person",
            "person_name",
            "focus",
            "share",
            "start_date",
            "end_date",
            "is_current",
            "abilities",
        ]
        read_only_fields = fields


class AssignmentCreateSerializer(serializers.Serializer):
    role = serializers.PrimaryKeyRelatedField(queryset=Role.objects.select_related("circle"))
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())
    share = serializers.IntegerField(min_value=0, max_value=100, default=0)
    focus = serializers.CharField(max_length=300, allow_blank=True, default="")
    start_date = serializers.DateField(required=False, help_text=_("Aujourd'hui par défaut."))
    end_date = serializers.DateField(
        required=False, allow_null=True, help_text=_("Premier jour où le rôle n'est plus tenu.")
    )

    def validate_role(self, role):
        if role.is_archived:
            raise serializers.ValidationError(_("Ce rôle est archivé."))
        return role

    def validate(self, data):
        start = data.get("start_date") or timezone.localdate()
        end = data.get("end_date")
        if end is not None and end <= start:
            raise serializers.ValidationError(
                {"end_date": _("La fin doit être postérieure au début de l'affectation.")}
            )
        return data


class AssignmentUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Assignment
        fields = ["focus", "share"]


class AssignmentEndSerializer(serializers.Serializer):
    end_date = serializers.DateField(
        required=False,
        allow_null=True,
        help_text=_("Premier jour où le rôle n'est plus tenu ; aujourd'hui par défaut."),
    )


class AssignmentFilters(serializers.Serializer):
    person = id_field(required=False)
    role = id_field(required=False)
    circle = id_field(required=False)
    current = serializers.BooleanField(
        default=True,
        help_text=_("true (défaut) : les affectations en cours ; false : toutes."),
    )
    date = serializers.DateField(
        required=False, help_text=_("Les affectations en cours à cette date (AAAA-MM-JJ).")
    )


class AssignmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = AssignmentSerializer
    filter_serializer = AssignmentFilters
    ability_for_action = {"partial_update": "update", "end": "end"}

    def get_abilities(self, obj):
        return permissions.assignment_abilities(self.request.user, obj)

    def get_queryset(self):
        qs = Assignment.objects.visible_to(self.request.user).select_related(
            "role", "role__circle", "person"
        )
        if self.action == "list":
            params = self.filters()
            if "date" in params:
                qs = qs.current(params["date"])
            elif params["current"]:
                qs = qs.current()
            for key, lookup in (("person", "person_id"), ("role", "role_id")):
                if key in params:
                    qs = qs.filter(**{lookup: params[key]})
            if "circle" in params:
                qs = qs.filter(role__circle_id=params["circle"])
        return qs

    @extend_schema(request=AssignmentCreateSerializer, responses={201: AssignmentSerializer})
    def create(self, request):
        data = self.validated(AssignmentCreateSerializer)
        if not permissions.role_abilities(request.user, data["role"])["assign"]:
            raise PermissionDenied(_("Vous ne pouvez pas affecter quelqu'un à ce rôle."))
        with service_errors():
            assignment = services.assignment_create(by=request.user, **data)
        return self.respond(assignment, status.HTTP_201_CREATED)

    @extend_schema(request=AssignmentUpdateSerializer, responses=AssignmentSerializer)
    def partial_update(self, request, pk=None):
        assignment = self.get_object()
        data = self.validated(AssignmentUpdateSerializer, partial=True)
        with service_errors():
            services.assignment_update(assignment=assignment, by=request.user, **data)
        return self.respond(assignment)

    @extend_schema(request=AssignmentEndSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        """End the assignment: from `end_date` (today by default) the role is no longer held."""
        assignment = self.get_object()
        end_date = self.validated(AssignmentEndSerializer).get("end_date")
        with service_errors():
            services.assignment_end(assignment=assignment, by=request.user, end_date=end_date)
        return self.respond(assignment)


# --- History -------------------------------------------------------------------------


class GovernanceChangeSerializer(serializers.ModelSerializer):
    action_label = serializers.CharField(source="get_action_display", read_only=True)
    by_name = serializers.CharField(source="by.full_name", read_only=True, allow_null=True)
    circle_name = serializers.CharField(source="circle.name", read_only=True)

    class Meta:
        model = GovernanceChange
        fields = [
            "id",
            "at",
            "action",
            "action_label",
            "by",
            "by_name",
            "circle",
            "circle_name",
            "role",
            "assignment",
            "before",
            "after",
            "note",
        ]
        read_only_fields = fields


class HistoryFilters(serializers.Serializer):
    circle = id_field(required=False)
    action = serializers.ChoiceField(choices=ChangeAction.choices, required=False)
    since = serializers.DateField(required=False, help_text=_("À partir de ce jour inclus."))
    until = serializers.DateField(required=False, help_text=_("Jusqu'à ce jour inclus."))


class HistoryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Every recorded governance change, most recent first."""

    serializer_class = GovernanceChangeSerializer
    filter_serializer = HistoryFilters

    def get_queryset(self):
        qs = GovernanceChange.objects.visible_to(self.request.user).select_related("by", "circle")
        if self.action == "list":
            params = self.filters()
            if "circle" in params:
                qs = qs.filter(circle_id=params["circle"])
            if "action" in params:
                qs = qs.filter(action=params["action"])
            # Days are read in the site's time zone (Europe/Paris), as people see them.
            if "since" in params:
                qs = qs.filter(at__date__gte=params["since"])
            if "until" in params:
                qs = qs.filter(at__date__lte=params["until"])
        return qs


def register(router):
    router.register("circles", CircleViewSet, basename="circle")
    router.register("roles", RoleViewSet, basename="role")
    router.register("people", PersonViewSet, basename="person")
    router.register("assignments", AssignmentViewSet, basename="assignment")
    router.register("history", HistoryViewSet, basename="governance-change")
