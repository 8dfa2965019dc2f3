"""REST API of trainings: the catalogue (read; propose a training), sessions (read with
their seats; register, leave), and one's own registrations.

Feedback is not exposed: its comments are read on the session page by trainers and HR.
"""

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from cercles.accounts.models import Person
from cercles.api.viewsets import ApiViewSet, id_field, service_errors
from cercles.competencies.models import Competency
from cercles.organisation.api import AbilitiesField

from . import permissions, services
from .models import (
    DEFAULT_DURATION,
    Registration,
    RegistrationStatus,
    Session,
    SessionStatus,
    Training,
    TrainingStatus,
)

# --- trainings -------------------------------------------------------------------------


def _status_field(choices):
    # A plain string, its values listed: an enum here would collide with the other apps'
    # "status" enums in the schema's component names.
    return serializers.CharField(
        read_only=True, help_text=" | ".join(value for value, _label in choices)
    )


class TrainingSerializer(serializers.ModelSerializer):
    status = _status_field(TrainingStatus.choices)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    trainers = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    competencies = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    upcoming_sessions = serializers.IntegerField(source="upcoming_count", read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    abilities = AbilitiesField(permissions.training_abilities)

    class Meta:
        model = Training
        fields = [
            "id",
            "title",
            "summary",
            "programme",
            "audience",
            "duration_minutes",
            "status",
            "status_label",
            "trainers",
            "competencies",
            "upcoming_sessions",
            "published_at",
            "created_at",
            "url",
            "abilities",
        ]
        read_only_fields = fields


class TrainingProposeSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=services.MAX_TITLE)
    summary = serializers.CharField(max_length=500, allow_blank=True, required=False)
    programme = serializers.CharField(max_length=20000, allow_blank=True, required=False)
    audience = serializers.CharField(max_length=300, allow_blank=True, required=False)
    duration_minutes = serializers.IntegerField(
        min_value=15, max_value=8 * 60, default=DEFAULT_DURATION
    )
    competencies = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Competency.objects.live(), required=False
    )


class TrainingFilters(serializers.Serializer):
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text=_("Dans les titres.")
    )
    competency = id_field(required=False, help_text=_("Les formations qui la développent."))
    status = serializers.ChoiceField(choices=TrainingStatus.choices, required=False)
    upcoming = serializers.BooleanField(
        default=False, help_text=_("true : seulement celles qui ont une session à venir.")
    )


def _people():
    return Person.objects.order_by("last_name", "first_name", "id").only("id")


class TrainingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """The catalogue: published trainings for everyone, proposed ones for their authors,
    trainers and HR. Anyone proposes a training he would give."""

    serializer_class = TrainingSerializer
    filter_serializer = TrainingFilters

    def get_abilities(self, obj):
        return permissions.training_abilities(self.request.user, obj)

    def get_queryset(self):
        user = self.request.user
        if not (user and user.is_authenticated):  # the schema generator's anonymous user
            return Training.objects.none()
        trainings = (
            Training.objects.visible_to(user)
            .with_upcoming()
            .prefetch_related(
                Prefetch("trainers", queryset=_people()),
                Prefetch("competencies", queryset=Competency.objects.only("id")),
            )
        )
        if self.action == "list":
            params = self.filters()
            if params.get("q"):
                trainings = trainings.filter(title__icontains=params["q"])
            if params.get("competency"):
                trainings = trainings.filter(competencies=params["competency"])
            if params.get("status"):
                trainings = trainings.filter(status=params["status"])
            if params["upcoming"]:
                trainings = trainings.filter(upcoming_count__gt=0)
        return trainings.order_by("title", "id")

    @extend_schema(request=TrainingProposeSerializer, responses={201: TrainingSerializer})
    def create(self, request):
        """Propose a training one would give (one is its trainer; HR publish it)."""
        if not permissions.can_propose(request.user):
            raise PermissionDenied
        data = self.validated(TrainingProposeSerializer)
        with service_errors():
            training = services.training_propose(by=request.user, **data)
        return self.respond(self.get_queryset().get(pk=training.pk), status.HTTP_201_CREATED)


# --- sessions --------------------------------------------------------------------------


class TrainingSessionSerializer(serializers.ModelSerializer):
    status = _status_field(SessionStatus.choices)
    training_title = serializers.CharField(source="training.title", read_only=True)
    ends_at = serializers.DateTimeField(read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    trainers = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    registered_count = serializers.IntegerField(read_only=True)
    waiting_count = serializers.IntegerField(read_only=True)
    my_status = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text=_("Votre inscription : registered | waiting, ou null si vous n'en avez pas."),
    )
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Session
        fields = [
            "id",
            "training",
            "training_title",
            "starts_at",
            "ends_at",
            "duration_minutes",
            "place",
            "online_link",
            "capacity",
            "status",
            "status_label",
            "trainers",
            "registered_count",
            "waiting_count",
            "my_status",
            "url",
        ]
        read_only_fields = fields


class TrainingSessionFilters(serializers.Serializer):
    training = id_field(required=False, help_text=_("Les sessions de cette formation."))
    upcoming = serializers.BooleanField(
        default=True, help_text=_("true (défaut) : les sessions à venir ; false : toutes.")
    )
    status = serializers.ChoiceField(choices=SessionStatus.choices, required=False)


class TrainingRegistrationSerializer(serializers.ModelSerializer):
    status = _status_field(RegistrationStatus.choices)
    training_title = serializers.CharField(source="session.training.title", read_only=True)
    starts_at = serializers.DateTimeField(source="session.starts_at", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    feedback_given = serializers.SerializerMethodField()

    class Meta:
        model = Registration
        fields = [
            "id",
            "session",
            "training_title",
            "starts_at",
            "status",
            "status_label",
            "queued_at",
            "attended",
            "feedback_given",
        ]
        read_only_fields = fields

    def get_feedback_given(self, obj) -> bool:
        return obj.feedback_given_at is not None


class TrainingSessionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Sessions of the trainings one sees, with their seats; register or leave."""

    serializer_class = TrainingSessionSerializer
    filter_serializer = TrainingSessionFilters
    # Whoever sees the session may try; the service says who may (seats, dates, once).
    ability_for_action = {"register": "view", "unregister": "view"}

    def get_abilities(self, obj):
        return permissions.session_abilities(
            self.request.user, obj, registration=None, trainer_ids=set()
        )

    def get_queryset(self):
        user = self.request.user
        if not (user and user.is_authenticated):
            return Session.objects.none()
        mine = Registration.objects.filter(session=OuterRef("pk"), person=user).exclude(
            status=RegistrationStatus.CANCELLED
        )
        sessions = (
            Session.objects.visible_to(user)
            .select_related("training")
            .with_counts()
            .annotate(my_status=Subquery(mine.values("status")[:1]))
            .prefetch_related(Prefetch("trainers", queryset=_people()))
        )
        if self.action == "list":
            params = self.filters()
            if params.get("training"):
                sessions = sessions.filter(training_id=params["training"])
            if params.get("status"):
                sessions = sessions.filter(status=params["status"])
            if params["upcoming"]:
                sessions = sessions.filter(starts_at__gte=timezone.now())
        return sessions.order_by("starts_at", "id")

    def _registration_answer(self, registration, code=status.HTTP_200_OK):
        fresh = Registration.objects.select_related("session", "session__training").get(
            pk=registration.pk
        )
        return Response(TrainingRegistrationSerializer(fresh).data, code)

    @extend_schema(request=None, responses=TrainingRegistrationSerializer)
    @action(detail=True, methods=["post"])
    def register(self, request, pk=None):
        """Register (or join the waiting list when the session is full)."""
        session = self.get_object()
        with service_errors():
            registration = services.registration_create(session=session, person=request.user)
        return self._registration_answer(registration)

    @extend_schema(request=None, responses=TrainingRegistrationSerializer)
    @action(detail=True, methods=["post"])
    def unregister(self, request, pk=None):
        """Leave the session (or its waiting list); the first person waiting takes the seat."""
        session = self.get_object()
        with service_errors():
            registration = services.registration_cancel(session=session, person=request.user)
        return self._registration_answer(registration)


class TrainingRegistrationFilters(serializers.Serializer):
    status = serializers.ChoiceField(choices=RegistrationStatus.choices, required=False)


class TrainingRegistrationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """One's own registrations, the latest sessions first."""

    serializer_class = TrainingRegistrationSerializer
    filter_serializer = TrainingRegistrationFilters

    def get_abilities(self, obj):
        return {"view": obj.person_id == self.request.user.pk}

    def get_queryset(self):
        user = self.request.user
        if not (user and user.is_authenticated):
            return Registration.objects.none()
        registrations = Registration.objects.filter(person=user).select_related(
            "session", "session__training"
        )
        if self.action == "list":
            params = self.filters()
            if params.get("status"):
                registrations = registrations.filter(status=params["status"])
        return registrations.order_by("-session__starts_at", "-id")


def register(router):
    router.register("trainings/trainings", TrainingViewSet, basename="trainings-training")
    router.register("trainings/sessions", TrainingSessionViewSet, basename="trainings-session")
    router.register(
        "trainings/registrations", TrainingRegistrationViewSet, basename="trainings-registration"
    )
