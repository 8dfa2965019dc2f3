"""REST API of onboarding.

Onboardings: list and read those one may see (with their progress), create one (HR,
or the lead link of the circle), close one. Tasks: list and read those of the
onboardings one sees, check or uncheck one, give one to someone else. Templates: HR
read the plan templates with their tasks.
"""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied

from cercles.accounts.models import Person
from cercles.api.viewsets import ApiViewSet, id_field, service_errors
from cercles.knowledge.models import Page, PageKind
from cercles.organisation.api import AbilitiesField
from cercles.organisation.models import Circle, Role

from . import permissions, services
from .models import AssigneeKind, Onboarding, OnboardingTask, Phase, PlanTemplate, TemplateTask

# --- onboardings ---------------------------------------------------------------------


class OnboardingSerializer(serializers.ModelSerializer):
    newcomer_name = serializers.CharField(source="newcomer.full_name", read_only=True)
    buddy_name = serializers.CharField(
        source="buddy.full_name", read_only=True, allow_null=True, default=None
    )
    lead_link_name = serializers.CharField(
        source="lead_link.full_name", read_only=True, allow_null=True, default=None
    )
    hr_contact_name = serializers.CharField(
        source="hr_contact.full_name", read_only=True, allow_null=True, default=None
    )
    task_count = serializers.IntegerField(read_only=True)
    done_count = serializers.IntegerField(read_only=True)
    overdue_count = serializers.IntegerField(
        read_only=True, help_text=_("Tâches à faire dont l'échéance est passée.")
    )
    percent_done = serializers.IntegerField(read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    abilities = AbilitiesField(permissions.onboarding_abilities)

    class Meta:
        model = Onboarding
        fields = [
            "id",
            "newcomer",
            "newcomer_name",
            "start_date",
            "circle",
            "role",
            "buddy",
            "buddy_name",
            "lead_link",
            "lead_link_name",
            "hr_contact",
            "hr_contact_name",
            "booklet",
            "template",
            "created_at",
            "closed_at",
            "task_count",
            "done_count",
            "overdue_count",
            "percent_done",
            "url",
            "abilities",
        ]
        read_only_fields = fields


def _people():
    return Person.objects.filter(is_active=True)


class OnboardingCreateSerializer(serializers.Serializer):
    newcomer = serializers.PrimaryKeyRelatedField(queryset=_people())
    start_date = serializers.DateField()
    circle = serializers.PrimaryKeyRelatedField(
        queryset=Circle.objects.active(), allow_null=True, required=False
    )
    role = serializers.PrimaryKeyRelatedField(
        queryset=Role.objects.select_related("circle"), allow_null=True, required=False
    )
    buddy = serializers.PrimaryKeyRelatedField(queryset=_people(), allow_null=True, required=False)
    lead_link = serializers.PrimaryKeyRelatedField(
        queryset=_people(),
        allow_null=True,
        required=False,
        help_text=_("Par défaut : le premier lien du cercle."),
    )
    hr_contact = serializers.PrimaryKeyRelatedField(
        queryset=_people(),
        allow_null=True,
        required=False,
        help_text=_("Par défaut : l'auteur, s'il est aux RH."),
    )
    booklet = serializers.PrimaryKeyRelatedField(
        queryset=Page.objects.active().filter(kind=PageKind.BOOKLET),
        allow_null=True,
        required=False,
        help_text=_("Par défaut : le livret d'accueil de l'organisation."),
    )
    template = serializers.PrimaryKeyRelatedField(
        queryset=PlanTemplate.objects.active(),
        allow_null=True,
        required=False,
        help_text=_("Un modèle en service (non archivé)."),
    )


class OnboardingFilters(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[("open", _("En cours")), ("closed", _("Terminées")), ("all", _("Toutes"))],
        default="open",
    )
    circle = id_field(required=False, help_text=_("Les intégrations dans ce cercle."))
    newcomer = id_field(required=False, help_text=_("Les intégrations de cette personne."))


class OnboardingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Newcomers' onboardings: seen by the newcomer, the people who welcome him and HR."""

    serializer_class = OnboardingSerializer
    filter_serializer = OnboardingFilters
    ability_for_action = {"close": "close"}

    def get_abilities(self, obj):
        return permissions.onboarding_abilities(self.request.user, obj)

    def get_queryset(self):
        user = self.request.user
        if not (user and user.is_authenticated):
            return Onboarding.objects.none()
        rows = (
            Onboarding.objects.visible_to(user)
            .with_progress()
            .select_related("newcomer", "buddy", "lead_link", "hr_contact")
            .annotate(
                is_assignee=Exists(
                    OnboardingTask.objects.filter(onboarding_id=OuterRef("pk"), assignee=user)
                )
            )
        )
        if self.action == "list":
            params = self.filters()
            if params["status"] == "open":
                rows = rows.filter(closed_at__isnull=True)
            elif params["status"] == "closed":
                rows = rows.filter(closed_at__isnull=False)
            if params.get("circle"):
                rows = rows.filter(circle_id=params["circle"])
            if params.get("newcomer"):
                rows = rows.filter(newcomer_id=params["newcomer"])
        return rows.order_by("-start_date", "-id")

    def _fresh(self, onboarding, code=status.HTTP_200_OK):
        permissions.forget(self.request.user)
        return self.respond(self.get_queryset().get(pk=onboarding.pk), code)

    @extend_schema(request=OnboardingCreateSerializer, responses={201: OnboardingSerializer})
    def create(self, request):
        if not permissions.can_create_onboarding(request.user):
            raise PermissionDenied
        data = self.validated(OnboardingCreateSerializer)
        with service_errors():
            onboarding = services.onboarding_create(by=request.user, **data)
        return self._fresh(onboarding, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=OnboardingSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close the onboarding (the tasks left stay undone)."""
        onboarding = self.get_object()
        with service_errors():
            services.onboarding_close(onboarding=onboarding, by=request.user)
        return self._fresh(onboarding)


# --- tasks ---------------------------------------------------------------------------


class OnboardingTaskSerializer(serializers.ModelSerializer):
    phase_label = serializers.CharField(source="get_phase_display", read_only=True)
    assignee_kind_label = serializers.CharField(source="get_assignee_kind_display", read_only=True)
    assignee_name = serializers.CharField(
        source="assignee.full_name", read_only=True, allow_null=True, default=None
    )
    done = serializers.BooleanField(source="is_done", read_only=True)
    abilities = serializers.SerializerMethodField()

    class Meta:
        model = OnboardingTask
        fields = [
            "id",
            "onboarding",
            "position",
            "phase",
            "phase_label",
            "due_date",
            "title",
            "description",
            "assignee_kind",
            "assignee_kind_label",
            "assignee",
            "assignee_name",
            "link",
            "done",
            "done_at",
            "abilities",
        ]
        read_only_fields = fields

    def get_abilities(self, task) -> dict[str, bool]:
        return permissions.task_abilities(self.context["request"].user, task, task.onboarding)


class OnboardingTaskCreateSerializer(serializers.Serializer):
    onboarding = serializers.PrimaryKeyRelatedField(
        queryset=Onboarding.objects.none(),
        help_text=_("L'intégration, que l'utilisateur pilote."),
    )
    phase = serializers.ChoiceField(choices=Phase.choices)
    title = serializers.CharField(max_length=200)
    assignee_kind = serializers.ChoiceField(choices=AssigneeKind.choices)
    due_date = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Par défaut : le jour de son étape."),
    )
    description = serializers.CharField(
        required=False, allow_blank=True, max_length=20_000, default=""
    )
    link = serializers.URLField(required=False, allow_blank=True, max_length=500, default="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the onboardings he sees: the others do not exist for him (400, not 403).
        request = self.context.get("request")  # none when the schema is generated
        if request is not None:
            self.fields["onboarding"].queryset = Onboarding.objects.visible_to(request.user)


class OnboardingTaskCheckSerializer(serializers.Serializer):
    done = serializers.BooleanField(help_text=_("true : faite ; false : à faire."))


class OnboardingTaskReassignSerializer(serializers.Serializer):
    assignee = serializers.PrimaryKeyRelatedField(queryset=_people())


class OnboardingTaskFilters(serializers.Serializer):
    onboarding = id_field(required=False, help_text=_("Les tâches de cette intégration."))
    mine = serializers.BooleanField(
        default=False, help_text=_("true : seulement les tâches confiées à l'utilisateur.")
    )
    pending = serializers.BooleanField(
        default=False, help_text=_("true : seulement les tâches à faire.")
    )


class TaskViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """The tasks of the onboardings one sees, by due date; those who run an onboarding
    add one-off tasks to it."""

    serializer_class = OnboardingTaskSerializer
    filter_serializer = OnboardingTaskFilters
    ability_for_action = {"check": "check", "reassign": "reassign"}

    def get_abilities(self, obj):
        return permissions.task_abilities(self.request.user, obj, obj.onboarding)

    def get_queryset(self):
        user = self.request.user
        if not (user and user.is_authenticated):
            return OnboardingTask.objects.none()
        visible = Onboarding.objects.visible_to(user).values("pk")
        tasks = OnboardingTask.objects.filter(onboarding__in=visible).select_related(
            "assignee", "onboarding__newcomer"
        )
        if self.action == "list":
            params = self.filters()
            if params.get("onboarding"):
                tasks = tasks.filter(onboarding_id=params["onboarding"])
            if params["mine"]:
                tasks = tasks.filter(assignee=user)
            if params["pending"]:
                tasks = tasks.filter(done_at__isnull=True)
        return tasks.order_by("due_date", "position", "id")

    @extend_schema(
        request=OnboardingTaskCreateSerializer, responses={201: OnboardingTaskSerializer}
    )
    def create(self, request):
        """Add a one-off task to an onboarding one runs (its template is unchanged)."""
        data = self.validated(OnboardingTaskCreateSerializer)
        onboarding = data.pop("onboarding")
        if not permissions.onboarding_abilities(request.user, onboarding)["update"]:
            raise PermissionDenied
        with service_errors():
            task = services.task_create(onboarding=onboarding, by=request.user, **data)
        return self.respond(self.get_queryset().get(pk=task.pk), status.HTTP_201_CREATED)

    @extend_schema(request=OnboardingTaskCheckSerializer, responses=OnboardingTaskSerializer)
    @action(detail=True, methods=["post"])
    def check(self, request, pk=None):
        """Check or uncheck the task; the last one checked closes the onboarding."""
        task = self.get_object()
        data = self.validated(OnboardingTaskCheckSerializer)
        with service_errors():
            services.task_set_done(task=task, by=request.user, done=data["done"])
        return self.respond(self.get_queryset().get(pk=task.pk))

    @extend_schema(request=OnboardingTaskReassignSerializer, responses=OnboardingTaskSerializer)
    @action(detail=True, methods=["post"])
    def reassign(self, request, pk=None):
        task = self.get_object()
        data = self.validated(OnboardingTaskReassignSerializer)
        with service_errors():
            services.task_reassign(task=task, by=request.user, assignee=data["assignee"])
        return self.respond(self.get_queryset().get(pk=task.pk))


# --- templates -----------------------------------------------------------------------


class PlanTemplateTaskSerializer(serializers.ModelSerializer):
    phase = serializers.ChoiceField(choices=Phase.choices, read_only=True)
    assignee_kind = serializers.ChoiceField(choices=AssigneeKind.choices, read_only=True)

    class Meta:
        model = TemplateTask
        fields = [
            "id",
            "position",
            "phase",
            "day_offset",
            "title",
            "description",
            "assignee_kind",
            "link",
        ]
        read_only_fields = fields


class PlanTemplateSerializer(serializers.ModelSerializer):
    tasks = PlanTemplateTaskSerializer(many=True, read_only=True)

    class Meta:
        model = PlanTemplate
        fields = ["id", "name", "description", "created_at", "updated_at", "archived_at", "tasks"]
        read_only_fields = fields


class TemplateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """The plan templates, with their tasks in order (HR only: others see none)."""

    serializer_class = PlanTemplateSerializer

    def get_queryset(self):
        user = self.request.user
        if not permissions.can_manage_templates(user):
            return PlanTemplate.objects.none()
        from django.db.models import Prefetch

        return PlanTemplate.objects.prefetch_related(
            Prefetch("tasks", queryset=TemplateTask.objects.order_by("position", "id"))
        ).order_by("name", "id")


def register(router):
    router.register("onboarding/onboardings", OnboardingViewSet, basename="onboarding-onboarding")
    router.register("onboarding/tasks", TaskViewSet, basename="onboarding-task")
    router.register("onboarding/templates", TemplateViewSet, basename="onboarding-template")
