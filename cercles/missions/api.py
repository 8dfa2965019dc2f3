"""REST API of the missions marketplace.

Missions: list the open ones (or, with `status`, those one may see), read one, post one
(whoever manages the circle), change it, publish, close, apply. Applications: list and
read those one may see (one's own, those of the circles one manages, those one was
informed of as a lead link); withdraw, select, decline, accept, give one's opinion.
"""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from cercles.api.viewsets import ApiViewSet, id_field, service_errors
from cercles.competencies.models import Competency
from cercles.organisation.api import AbilitiesField
from cercles.organisation.models import Circle, Role

from . import permissions, services
from .models import (
    MAX_PLACES,
    MAX_TEXT,
    MAX_TITLE,
    Application,
    ApplicationLeadLink,
    ApplicationStatus,
    Mission,
    MissionKind,
    MissionStatus,
)


def choice_field(choices, **kwargs):
    """A ChoiceField for what one writes, shown in the schema as a plain string (its
    values are in the description): the read serializers already name the enum, and the
    same choice set in several components makes drf-spectacular's enum names collide."""
    field_class = extend_schema_field(
        {"type": "string", "description": ", ".join(value for value, _label in choices)}
    )(type("PlainChoiceField", (serializers.ChoiceField,), {}))
    return field_class(choices=choices, **kwargs)


# --- missions --------------------------------------------------------------------------


class MissionSerializer(serializers.ModelSerializer):
    circle_name = serializers.CharField(source="circle.name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    role_name = serializers.CharField(
        source="role.name", read_only=True, allow_null=True, default=None
    )
    days_per_week = serializers.FloatField(
        read_only=True, help_text=_("La part du temps en jours d'une semaine de cinq jours.")
    )
    applied = serializers.BooleanField(
        source="my_live",
        read_only=True,
        default=False,
        help_text=_("L'utilisateur a une candidature en cours à cette mission."),
    )
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    abilities = AbilitiesField(permissions.mission_abilities)

    class Meta:
        model = Mission
        fields = [
            "id",
            "circle",
            "circle_name",
            "kind",
            "kind_label",
            "role",
            "role_name",
            "new_role_name",
            "title",
            "description",
            "share",
            "days_per_week",
            "start_date",
            "end_date",
            "skills",
            "places",
            "deadline",
            "status",
            "status_label",
            "published_at",
            "closed_at",
            "applied",
            "url",
            "abilities",
        ]
        read_only_fields = fields


class MissionFieldsSerializer(serializers.Serializer):
    """What a poster writes (all optional for a change)."""

    kind = choice_field(MissionKind.choices, required=False)
    role = serializers.PrimaryKeyRelatedField(
        queryset=Role.objects.active(), allow_null=True, required=False
    )
    new_role_name = serializers.CharField(max_length=200, allow_blank=True, required=False)
    title = serializers.CharField(max_length=MAX_TITLE)
    description = serializers.CharField(max_length=MAX_TEXT, allow_blank=True, required=False)
    share = serializers.IntegerField(min_value=1, max_value=100)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    skills = serializers.PrimaryKeyRelatedField(
        queryset=Competency.objects.live(), many=True, required=False
    )
    places = serializers.IntegerField(min_value=1, max_value=MAX_PLACES, required=False)
    deadline = serializers.DateField(allow_null=True, required=False)


class MissionCreateSerializer(MissionFieldsSerializer):
    circle = serializers.PrimaryKeyRelatedField(queryset=Circle.objects.active())
    publish = serializers.BooleanField(
        default=False, help_text=_("true : publier tout de suite ; false : un brouillon.")
    )


class MissionCloseSerializer(serializers.Serializer):
    message = serializers.CharField(max_length=MAX_TEXT, allow_blank=True, required=False)


class MissionApplySerializer(serializers.Serializer):
    message = serializers.CharField(max_length=MAX_TEXT)


class MissionFilters(serializers.Serializer):
    status = choice_field(
        MissionStatus.choices,
        required=False,
        help_text=_("Par défaut : les missions ouvertes aux candidatures."),
    )
    circle = id_field(required=False)
    competency = id_field(required=False, help_text=_("Les missions qui recherchent celle-ci."))
    share_max = serializers.IntegerField(required=False, min_value=1, max_value=100)
    kind = choice_field(MissionKind.choices, required=False)


# --- applications ----------------------------------------------------------------------


def _applications():
    return Application.objects.select_related("mission", "person").prefetch_related(
        Prefetch("lead_links", queryset=ApplicationLeadLink.objects.order_by("id"))
    )


class MissionApplicationSerializer(serializers.ModelSerializer):
    mission_title = serializers.CharField(source="mission.title", read_only=True)
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    lead_links = serializers.SerializerMethodField(
        help_text=_("Les premiers liens du candidat informés de sa sélection.")
    )
    warning = serializers.CharField(
        read_only=True,
        default="",
        help_text=_("Après une candidature : l'avertissement si la mission dépasse 100 %."),
    )
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    abilities = AbilitiesField(permissions.application_abilities)

    class Meta:
        model = Application
        fields = [
            "id",
            "mission",
            "mission_title",
            "person",
            "person_name",
            "message",
            "status",
            "status_label",
            "decline_reason",
            "selected_at",
            "decided_at",
            "assignment",
            "lead_links",
            "warning",
            "created_at",
            "url",
            "abilities",
        ]
        read_only_fields = fields

    def get_lead_links(self, obj) -> list[int]:
        return [row.person_id for row in obj.lead_links.all()]


class MissionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Missions of the marketplace: a share of time in a circle, for a period."""

    serializer_class = MissionSerializer
    filter_serializer = MissionFilters
    ability_for_action = {
        "partial_update": "update",
        "publish": "publish",
        "close": "close",
        "apply": "apply",
    }

    def get_abilities(self, obj):
        return permissions.mission_abilities(self.request.user, obj)

    def get_queryset(self):
        user = self.request.user
        if not (user and user.is_authenticated):  # the schema generator's anonymous user
            return Mission.objects.none()
        missions = (
            Mission.objects.visible_to(user)
            .with_mine(user)
            .select_related("circle", "role")
            .prefetch_related(Prefetch("skills", queryset=Competency.objects.only("id")))
        )
        if self.action == "list":
            params = self.filters()
            if params.get("status"):
                missions = missions.filter(status=params["status"])
            else:
                missions = missions.accepting(timezone.localdate())
            if params.get("circle"):
                missions = missions.filter(circle_id=params["circle"])
            if params.get("competency"):
                missions = missions.filter(skills__id=params["competency"])
            if params.get("share_max"):
                missions = missions.filter(share__lte=params["share_max"])
            if params.get("kind"):
                missions = missions.filter(kind=params["kind"])
        return missions.order_by("-published_at", "-id")

    def _answer(self, mission, code=status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=mission.pk)
        return self.respond(fresh, code)

    @extend_schema(request=MissionCreateSerializer, responses={201: MissionSerializer})
    def create(self, request):
        data = self.validated(MissionCreateSerializer)
        if not permissions.can_post(request.user, data["circle"]):
            raise PermissionDenied
        with service_errors():
            mission = services.mission_create(by=request.user, **data)
        return self._answer(mission, status.HTTP_201_CREATED)

    @extend_schema(request=MissionFieldsSerializer, responses=MissionSerializer)
    def partial_update(self, request, pk=None):
        mission = self.get_object()
        data = dict(self.validated(MissionFieldsSerializer, partial=True))
        skills = data.pop("skills", None)
        with service_errors():
            services.mission_update(mission=mission, by=request.user, skills=skills, **data)
        return self._answer(mission)

    @extend_schema(request=None, responses=MissionSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        mission = self.get_object()
        with service_errors():
            services.mission_publish(mission=mission, by=request.user)
        return self._answer(mission)

    @extend_schema(request=MissionCloseSerializer, responses=MissionSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        mission = self.get_object()
        data = self.validated(MissionCloseSerializer)
        with service_errors():
            services.mission_close(
                mission=mission, by=request.user, message=data.get("message", "")
            )
        return self._answer(mission)

    @extend_schema(request=MissionApplySerializer, responses={201: MissionApplicationSerializer})
    @action(detail=True, methods=["post"])
    def apply(self, request, pk=None):
        """Apply with a message; `warning` says when the mission would take the
        applicant's time above 100 % (he may apply, not be selected)."""
        mission = self.get_object()
        data = self.validated(MissionApplySerializer)
        with service_errors():
            application, warning = services.application_create(
                mission=mission, person=request.user, message=data["message"]
            )
        application = _applications().get(pk=application.pk)
        application.warning = warning
        return Response(
            MissionApplicationSerializer(application, context=self.get_serializer_context()).data,
            status.HTTP_201_CREATED,
        )


class MissionDeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=MAX_TEXT)


class MissionAnswerSerializer(serializers.Serializer):
    agree = serializers.BooleanField()


class MissionApplicationFilters(serializers.Serializer):
    mission = id_field(required=False)
    status = choice_field(ApplicationStatus.choices, required=False)
    mine = serializers.BooleanField(
        default=False, help_text=_("true : seulement mes propres candidatures.")
    )


class ApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Applications to missions, seen by the applicant, by whoever manages the mission's
    circle, and by the applicant's lead links once informed of his selection."""

    serializer_class = MissionApplicationSerializer
    filter_serializer = MissionApplicationFilters
    ability_for_action = {
        "withdraw": "withdraw",
        "select": "select",
        "decline": "decline",
        "accept": "accept",
        "answer": "answer",
    }

    def get_abilities(self, obj):
        return permissions.application_abilities(self.request.user, obj)

    def get_queryset(self):
        user = self.request.user
        if not (user and user.is_authenticated):
            return Application.objects.none()
        applications = _applications().filter(
            pk__in=Application.objects.visible_to(user).values("pk")
        )
        if self.action == "list":
            params = self.filters()
            if params.get("mission"):
                applications = applications.filter(mission_id=params["mission"])
            if params.get("status"):
                applications = applications.filter(status=params["status"])
            if params["mine"]:
                applications = applications.filter(person=user)
        return applications.order_by("-created_at", "-id")

    def _answer(self, application) -> Response:
        return self.respond(self.get_queryset().get(pk=application.pk))

    @extend_schema(request=None, responses=MissionApplicationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        application = self.get_object()
        with service_errors():
            services.application_withdraw(application=application, by=request.user)
        return self._answer(application)

    @extend_schema(request=None, responses=MissionApplicationSerializer)
    @action(detail=True, methods=["post"])
    def select(self, request, pk=None):
        """Select the applicant (refused above 100 % of his time); his lead links are
        informed."""
        application = self.get_object()
        with service_errors():
            services.application_select(application=application, by=request.user)
        return self._answer(application)

    @extend_schema(request=MissionDeclineSerializer, responses=MissionApplicationSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        application = self.get_object()
        data = self.validated(MissionDeclineSerializer)
        with service_errors():
            services.application_decline(
                application=application, by=request.user, reason=data["reason"]
            )
        return self._answer(application)

    @extend_schema(request=None, responses=MissionApplicationSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """The selected applicant confirms: the role assignment is created."""
        application = self.get_object()
        with service_errors():
            services.application_accept(application=application, by=request.user)
        return self._answer(application)

    @extend_schema(request=MissionAnswerSerializer, responses=MissionApplicationSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        """With CERCLES_MISSIONS_LEAD_LINK_VETO: a lead link informed agrees or refuses."""
        application = self.get_object()
        data = self.validated(MissionAnswerSerializer)
        with service_errors():
            services.lead_link_answer(application=application, by=request.user, agree=data["agree"])
        return self._answer(application)


def register(router):
    # The applications first: "missions/applications/" must not be read as a mission id.
    router.register("missions/applications", ApplicationViewSet, basename="mission-application")
    router.register("missions", MissionViewSet, basename="mission")
