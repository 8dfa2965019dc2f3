"""REST API of the themes (read) and of the innovation projects.

Lists are one prepared queryset (constant queries whatever the page holds); abilities
come from permissions.py; writes go through services.py, whose ValidationError becomes
a 400.
"""

from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from cercles.api.viewsets import ApiViewSet, id_field, service_errors
from cercles.organisation.api import AbilitiesField

from .. import permissions, services
from ..models import (
    Campaign,
    Idea,
    IdeaStatus,
    Milestone,
    Project,
    ProjectMember,
    ProjectStatus,
    Theme,
)

MAX_LINKED_IDEAS = 200


# --- Themes ----------------------------------------------------------------------------


class ThemeSerializer(serializers.ModelSerializer):
    key_terms = serializers.ListField(
        child=serializers.CharField(), source="key_term_list", read_only=True
    )
    ideas = serializers.SerializerMethodField()

    class Meta:
        model = Theme
        fields = ["id", "campaign", "name", "key_terms", "central_idea", "position", "ideas"]
        read_only_fields = fields

    def get_ideas(self, theme) -> list[int]:
        return [idea.pk for idea in theme.idea_rows]


class ThemeFilters(serializers.Serializer):
    campaign = id_field(required=False, help_text=_("Les thèmes de cette campagne."))


class ThemeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """The themes of the campaigns, each with the ids of its ideas (read only: the
    facilitators edit them on the themes page)."""

    serializer_class = ThemeSerializer
    filter_serializer = ThemeFilters

    def get_abilities(self, obj):
        return permissions.themes_abilities(self.request.user, obj.campaign)

    def get_queryset(self):
        themes = Theme.objects.visible_to(self.request.user).prefetch_related(
            Prefetch(
                "ideas",
                queryset=Idea.objects.exclude(status=IdeaStatus.DRAFT)
                .only("id", "theme_id")
                .order_by("id"),
                to_attr="idea_rows",
            )
        )
        if self.action == "list":
            campaign = self.filters().get("campaign")
            if campaign:
                themes = themes.filter(campaign_id=campaign)
        return themes.order_by("campaign_id", "position", "id")


# --- Projects --------------------------------------------------------------------------


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["id", "project", "title", "due_on", "progress", "done_at", "position"]
        read_only_fields = fields


class MilestoneWriteSerializer(serializers.ModelSerializer):
    title = serializers.CharField(max_length=200)
    progress = serializers.IntegerField(min_value=0, max_value=100, required=False)
    position = serializers.IntegerField(min_value=0, max_value=32767, required=False)

    class Meta:
        model = Milestone
        fields = ["title", "due_on", "progress", "position"]


class MemberSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = ProjectMember
        fields = ["person", "person_name", "joined_at", "role_label"]
        read_only_fields = fields


class ProjectSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    lead_name = serializers.CharField(source="lead.full_name", read_only=True)
    member_count = serializers.IntegerField(read_only=True)
    progress = serializers.SerializerMethodField(
        help_text=_("Avancement moyen des jalons, en %, ou null sans jalon.")
    )
    abilities = AbilitiesField(permissions.project_abilities)

    class Meta:
        model = Project
        fields = [
            "id",
            "title",
            "purpose",
            "description",
            "status",
            "status_label",
            "lead",
            "lead_name",
            "member_count",
            "progress",
            "circle",
            "theme",
            "campaign",
            "expected_results",
            "measured_results",
            "governance",
            "calendar",
            "first_actions",
            "created_at",
            "updated_at",
            "abilities",
        ]
        read_only_fields = fields

    def get_progress(self, project) -> int | None:
        value = getattr(project, "mean_progress", None)
        return None if value is None else round(value)


class ProjectDetailSerializer(ProjectSerializer):
    members = MemberSerializer(source="memberships", many=True, read_only=True)
    milestones = MilestoneSerializer(many=True, read_only=True)
    ideas = serializers.SerializerMethodField()

    class Meta(ProjectSerializer.Meta):
        fields = [*ProjectSerializer.Meta.fields, "members", "milestones", "ideas"]
        read_only_fields = fields

    def get_ideas(self, project) -> list[int]:
        return [idea.pk for idea in project.idea_rows]


class ProjectWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    purpose = serializers.CharField(max_length=5000)
    description = serializers.CharField(max_length=20000, allow_blank=True, required=False)
    status = serializers.ChoiceField(choices=ProjectStatus.choices, required=False)
    campaign = serializers.PrimaryKeyRelatedField(
        queryset=Campaign.objects.all(), allow_null=True, required=False
    )
    theme = serializers.PrimaryKeyRelatedField(
        queryset=Theme.objects.all(), allow_null=True, required=False
    )
    ideas = serializers.ListField(
        child=id_field(), max_length=MAX_LINKED_IDEAS, required=False, help_text=_("Ids d'idées.")
    )
    expected_results = serializers.CharField(max_length=10000, allow_blank=True, required=False)
    measured_results = serializers.CharField(max_length=10000, allow_blank=True, required=False)
    governance = serializers.CharField(max_length=10000, allow_blank=True, required=False)
    calendar = serializers.CharField(max_length=10000, allow_blank=True, required=False)
    first_actions = serializers.CharField(max_length=10000, allow_blank=True, required=False)

    def validate_ideas(self, ids):
        ids = list(dict.fromkeys(ids))
        ideas = list(
            Idea.objects.visible_to(self.context["request"].user)
            .exclude(status=IdeaStatus.DRAFT)
            .filter(pk__in=ids)
        )
        missing = sorted(set(ids) - {i.pk for i in ideas})
        if missing:
            raise serializers.ValidationError(
                _("Aucune idée publiée ne porte le numéro %(n)s.")
                % {"n": ", ".join(str(n) for n in missing)}
            )
        return ideas


class ProjectFilters(serializers.Serializer):
    status = serializers.ChoiceField(choices=ProjectStatus.choices, required=False)
    campaign = id_field(required=False)
    mine = serializers.BooleanField(
        default=False, help_text=_("true : seulement les projets dont je suis membre.")
    )


class ProjectViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Innovation projects: anyone logged in proposes one (and leads it), joins or leaves;
    the lead and admins edit it and its milestones."""

    serializer_class = ProjectSerializer
    filter_serializer = ProjectFilters
    ability_for_action = {
        "partial_update": "update",
        "join": "join",
        "leave": "leave",
        "milestones": "view",  # adding one is checked inside: the lead's and admins'
    }

    def get_abilities(self, obj):
        return permissions.project_abilities(self.request.user, obj)

    def get_serializer_class(self):
        return ProjectDetailSerializer if self.action == "retrieve" else ProjectSerializer

    def get_queryset(self):
        user = self.request.user
        if self.action == "list":
            params = self.filters()
            return Project.objects.listing(
                user,
                status=params.get("status", ""),
                campaign_id=params.get("campaign"),
                member=user if params.get("mine") else None,
            )
        qs = Project.objects.visible_to(user).for_list()
        if self.action == "retrieve":
            qs = qs.prefetch_related(
                Prefetch("memberships", queryset=ProjectMember.objects.select_related("person")),
                "milestones",
                Prefetch(
                    "ideas",
                    queryset=Idea.objects.visible_to(user).only("id").order_by("id"),
                    to_attr="idea_rows",
                ),
            )
        return qs

    def _fresh(self, project):
        permissions.forget_projects(self.request.user)
        return Project.objects.for_list().get(pk=project.pk)

    @extend_schema(request=ProjectWriteSerializer, responses={201: ProjectSerializer})
    def create(self, request):
        data = dict(self.validated(ProjectWriteSerializer))
        data.pop("measured_results", None)
        wanted = data.pop("status", None)
        # One transaction: a refused state leaves no half-created project behind.
        with service_errors(), transaction.atomic():
            project = services.project_create(by=request.user, **data)
            if wanted and wanted != project.status:
                services.project_update(project=project, by=request.user, status=wanted)
        return self.respond(self._fresh(project), status.HTTP_201_CREATED)

    @extend_schema(request=ProjectWriteSerializer, responses=ProjectSerializer)
    def partial_update(self, request, pk=None):
        project = self.get_object()
        data = dict(self.validated(ProjectWriteSerializer, partial=True))
        if "theme" in data:
            raise serializers.ValidationError(
                {"theme": [_("Le thème d'origine d'un projet ne change pas.")]}
            )
        with service_errors():
            services.project_update(project=project, by=request.user, **data)
        return self.respond(self._fresh(project))

    @extend_schema(request=None, responses=ProjectSerializer)
    @action(detail=True, methods=["post"])
    def join(self, request, pk=None):
        project = self.get_object()
        with service_errors():
            services.project_join(project=project, person=request.user)
        return self.respond(self._fresh(project))

    @extend_schema(request=None, responses=ProjectSerializer)
    @action(detail=True, methods=["post"])
    def leave(self, request, pk=None):
        project = self.get_object()
        with service_errors():
            services.project_leave(project=project, person=request.user)
        return self.respond(self._fresh(project))

    @extend_schema(methods=["GET"], request=None, responses=MilestoneSerializer(many=True))
    @extend_schema(
        methods=["POST"], request=MilestoneWriteSerializer, responses={201: MilestoneSerializer}
    )
    @action(detail=True, methods=["get", "post"])
    def milestones(self, request, pk=None):
        """The project's milestones (GET); add one (POST, the lead and admins)."""
        project = self.get_object()
        if request.method == "POST":
            if not self.get_abilities(project)["update"]:
                raise PermissionDenied(_("Seuls le porteur du projet et les administrateurs."))
            data = self.validated(MilestoneWriteSerializer)
            with service_errors():
                milestone = services.milestone_create(project=project, by=request.user, **data)
            return Response(MilestoneSerializer(milestone).data, status=status.HTTP_201_CREATED)
        page = self.paginate_queryset(project.milestones.all())
        return self.get_paginated_response(MilestoneSerializer(page, many=True).data)


class MilestoneViewSet(mixins.RetrieveModelMixin, ApiViewSet):
    """A milestone of a project: its lead and the admins change it."""

    serializer_class = MilestoneSerializer
    ability_for_action = {"partial_update": "update"}

    def get_abilities(self, obj):
        return permissions.milestone_abilities(self.request.user, obj)

    def get_queryset(self):
        return Milestone.objects.filter(
            project__in=Project.objects.visible_to(self.request.user)
        ).select_related("project", "project__circle")

    @extend_schema(request=MilestoneWriteSerializer, responses=MilestoneSerializer)
    def partial_update(self, request, pk=None):
        milestone = self.get_object()
        data = self.validated(MilestoneWriteSerializer, partial=True)
        with service_errors():
            services.milestone_update(milestone=milestone, by=request.user, **data)
        return self.respond(milestone)


def register(router):
    router.register("themes", ThemeViewSet, basename="theme")
    router.register("projects", ProjectViewSet, basename="project")
    router.register("milestones", MilestoneViewSet, basename="milestone")
