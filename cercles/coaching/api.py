"""REST API of coaching (/api/v1/coaching/…).

- coaches: the pool, read by everyone logged in (never whom a coach accompanies);
  `coaches/me/` reads and saves one's own coach profile.
- requests: one's own requests (coordinators: every one with `scope=all`); create,
  withdraw.
- matches: the caller's published matches (coordinators: all); accept, decline, close;
  coordinators drop or change a proposal under review.
- rounds: coordinators only (others see an empty list and get 403 on writes): run a
  round, read it with its proposals, publish it.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from cercles.api.viewsets import ApiViewSet, id_field, service_errors
from cercles.competencies.models import Competency
from cercles.organisation.api import AbilitiesField

from . import permissions, services
from .models import (
    Coach,
    CoachingRequest,
    Format,
    HalfDay,
    Match,
    MatchingRound,
    MatchStatus,
    PreviousCoach,
    RequestStatus,
)

# The request's format may be blank ("no preference"). Its labels say "wanted" so that
# drf-spectacular sees a choice set of its own (it hashes values and labels) and does not
# warn that the coaches' formats have two names.
FORMAT_OR_NONE = [
    ("", _("Sans préférence")),
    *((value, format_lazy("{} ({})", label, _("souhaité"))) for value, label in Format.choices),
]


def _competency_ids(**kwargs):
    return serializers.ListField(child=id_field(), required=False, max_length=100, **kwargs)


def _check_competencies(ids) -> list[int]:
    ids = list(dict.fromkeys(ids or []))
    found = set(Competency.objects.live().filter(pk__in=ids).values_list("pk", flat=True))
    missing = [pk for pk in ids if pk not in found]
    if missing:
        raise serializers.ValidationError(
            {"competencies": [_("Compétence inconnue : %(ids)s.") % {"ids": missing}]}
        )
    return ids


# --- coaches -------------------------------------------------------------------------


class CoachingCoachSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    competencies = serializers.SerializerMethodField()
    formats = serializers.ListField(
        child=serializers.ChoiceField(choices=Format.choices), read_only=True
    )
    half_days = serializers.ListField(
        child=serializers.ChoiceField(choices=HalfDay.choices), read_only=True
    )

    class Meta:
        model = Coach
        fields = [
            "id",
            "person",
            "person_name",
            "offer",
            "competencies",
            "formats",
            "capacity",
            "half_days",
            "availability_note",
            "site",
            "remote_ok",
            "active",
        ]
        read_only_fields = fields

    def get_competencies(self, coach) -> list[int]:
        return [c.pk for c in coach.competencies.all()]


class CoachingCoachWriteSerializer(serializers.Serializer):
    offer = serializers.CharField(max_length=4000, allow_blank=True, required=False)
    competencies = _competency_ids()
    formats = serializers.ListField(
        child=serializers.ChoiceField(choices=Format.choices), min_length=1, max_length=10
    )
    capacity = serializers.IntegerField(min_value=1, max_value=services.MAX_CAPACITY)
    half_days = serializers.ListField(
        child=serializers.ChoiceField(choices=HalfDay.choices), required=False, max_length=10
    )
    availability_note = serializers.CharField(max_length=300, allow_blank=True, required=False)
    site = serializers.CharField(max_length=200, allow_blank=True, required=False)
    remote_ok = serializers.BooleanField(required=False)
    active = serializers.BooleanField(required=False)


class CoachViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """The pool of volunteer coaches ("développeurs de talents")."""

    serializer_class = CoachingCoachSerializer

    def get_abilities(self, obj):
        return {"view": True}

    def get_queryset(self):
        return (
            Coach.objects.visible_to(self.request.user)
            .select_related("person")
            .prefetch_related("competencies")
            .order_by("person__last_name", "person__first_name", "id")
        )

    def get_object(self):
        if "pk" not in self.kwargs:  # `me`, also reached by OPTIONS (DRF's metadata)
            coach = self.get_queryset().filter(person=self.request.user).first()
            if coach is None:
                raise NotFound
            return coach
        return super().get_object()

    @extend_schema(
        methods=["get"],
        request=None,
        responses={
            200: CoachingCoachSerializer,
            404: OpenApiResponse(description=_("Vous n'êtes pas inscrit comme accompagnant.")),
        },
    )
    @extend_schema(
        methods=["put"], request=CoachingCoachWriteSerializer, responses=CoachingCoachSerializer
    )
    @action(detail=False, methods=["get", "put"])
    def me(self, request):
        """Read (404 if not registered) or save one's own coach profile."""
        if request.method == "PUT":
            if not permissions.can_register_coach(request.user):
                raise PermissionDenied
            data = dict(self.validated(CoachingCoachWriteSerializer))
            data["competencies"] = _check_competencies(data.get("competencies"))
            with service_errors():
                services.coach_save(person=request.user, **data)
        return Response(
            CoachingCoachSerializer(self.get_object(), context=self.get_serializer_context()).data
        )


# --- requests ------------------------------------------------------------------------


class CoachingRequestSerializer(serializers.ModelSerializer):
    requester_name = serializers.CharField(source="requester.full_name", read_only=True)
    competencies = serializers.SerializerMethodField()
    preferred_format = serializers.ChoiceField(
        source="format", choices=FORMAT_OR_NONE, read_only=True, allow_blank=True
    )
    half_days = serializers.ListField(
        child=serializers.ChoiceField(choices=HalfDay.choices), read_only=True
    )
    previous_coach = serializers.ChoiceField(choices=PreviousCoach.choices, read_only=True)
    status = serializers.ChoiceField(choices=RequestStatus.choices, read_only=True)
    abilities = AbilitiesField(permissions.request_abilities)

    class Meta:
        model = CoachingRequest
        fields = [
            "id",
            "requester",
            "requester_name",
            "need",
            "competencies",
            "preferred_format",
            "half_days",
            "availability_note",
            "site",
            "remote_ok",
            "allow_circle",
            "allow_line",
            "previous_coach",
            "status",
            "created_at",
            "closed_at",
            "abilities",
        ]
        read_only_fields = fields

    def get_competencies(self, request) -> list[int]:
        return [c.pk for c in request.competencies.all()]


class CoachingRequestWriteSerializer(serializers.Serializer):
    need = serializers.CharField(max_length=4000)
    competencies = _competency_ids()
    preferred_format = serializers.ChoiceField(
        choices=FORMAT_OR_NONE, allow_blank=True, required=False
    )
    half_days = serializers.ListField(
        child=serializers.ChoiceField(choices=HalfDay.choices), required=False, max_length=10
    )
    availability_note = serializers.CharField(max_length=300, allow_blank=True, required=False)
    site = serializers.CharField(max_length=200, allow_blank=True, required=False)
    remote_ok = serializers.BooleanField(required=False)
    allow_circle = serializers.BooleanField(required=False)
    allow_line = serializers.BooleanField(required=False)
    previous_coach = serializers.ChoiceField(choices=PreviousCoach.choices, required=False)


class CoachingRequestFilters(serializers.Serializer):
    scope = serializers.ChoiceField(
        choices=[("mine", "mine"), ("all", "all")],
        default="mine",
        help_text=_("all : toutes les demandes (coordination du coaching seulement)."),
    )
    status = serializers.ChoiceField(choices=RequestStatus.choices, required=False)


class RequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Requests for support: one's own; every one for the coaching coordinators."""

    serializer_class = CoachingRequestSerializer
    filter_serializer = CoachingRequestFilters
    ability_for_action = {"withdraw": "withdraw"}

    def get_abilities(self, obj):
        return permissions.request_abilities(self.request.user, obj)

    def get_queryset(self):
        user = self.request.user
        if not (user and user.is_authenticated):
            return CoachingRequest.objects.none()
        requests = CoachingRequest.objects.visible_to(user)
        if self.action == "list":
            params = self.filters()
            if params["scope"] != "all" or not permissions.can_coordinate(user):
                requests = requests.filter(requester=user)
            if params.get("status"):
                requests = requests.filter(status=params["status"])
        return (
            requests.select_related("requester")
            .prefetch_related("competencies")
            .order_by("-created_at", "-id")
        )

    @extend_schema(
        request=CoachingRequestWriteSerializer, responses={201: CoachingRequestSerializer}
    )
    def create(self, request):
        if not permissions.can_request(request.user):
            raise PermissionDenied
        data = dict(self.validated(CoachingRequestWriteSerializer))
        if "preferred_format" in data:
            data["format"] = data.pop("preferred_format")
        data["competencies"] = _check_competencies(data.get("competencies"))
        with service_errors():
            created = services.request_create(by=request.user, **data)
        return self.respond(self.get_queryset().get(pk=created.pk), status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=CoachingRequestSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        coaching_request = self.get_object()
        with service_errors():
            services.request_withdraw(request=coaching_request, by=request.user)
        return self.respond(self.get_queryset().get(pk=coaching_request.pk))


# --- matches -------------------------------------------------------------------------


class CoachingReasonSerializer(serializers.Serializer):
    label = serializers.CharField()
    points = serializers.IntegerField()


class CoachingMatchSerializer(serializers.ModelSerializer):
    requester = serializers.IntegerField(source="request.requester_id", read_only=True)
    requester_name = serializers.CharField(source="request.requester.full_name", read_only=True)
    coach_person = serializers.IntegerField(source="coach.person_id", read_only=True)
    coach_name = serializers.CharField(source="coach.person.full_name", read_only=True)
    reasons = CoachingReasonSerializer(many=True, read_only=True)
    status = serializers.ChoiceField(choices=MatchStatus.choices, read_only=True)
    decline_reason = serializers.SerializerMethodField()
    abilities = AbilitiesField(permissions.match_abilities)

    class Meta:
        model = Match
        fields = [
            "id",
            "round",
            "request",
            "requester",
            "requester_name",
            "coach",
            "coach_person",
            "coach_name",
            "score",
            "reasons",
            "status",
            "requester_accepted_at",
            "coach_accepted_at",
            "started_at",
            "closed_at",
            "decline_reason",
            "abilities",
        ]
        read_only_fields = fields

    def get_decline_reason(self, match) -> str:
        """Shown to the coordinators and to whoever declined."""
        user = self.context["request"].user
        if permissions.can_coordinate(user) or match.declined_by_id == user.pk:
            return match.decline_reason
        return ""


class CoachingDeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, allow_blank=True, required=False)


class CoachingCloseSerializer(serializers.Serializer):
    feedback = serializers.CharField(max_length=2000)


class CoachingReplaceSerializer(serializers.Serializer):
    coach = id_field()


class CoachingMatchFilters(serializers.Serializer):
    status = serializers.ChoiceField(choices=MatchStatus.choices, required=False)


class MatchViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Coaching relationships: confidential to the pair and the coordinators."""

    serializer_class = CoachingMatchSerializer
    filter_serializer = CoachingMatchFilters
    ability_for_action = {
        "accept": "accept",
        "decline": "decline",
        "close": "close",
        "drop": "drop",
        "replace": "replace",
    }

    def get_abilities(self, obj):
        return permissions.match_abilities(self.request.user, obj)

    def get_queryset(self):
        user = self.request.user
        if not (user and user.is_authenticated):
            return Match.objects.none()
        matches = Match.objects.visible_to(user).with_people()
        if self.action == "list":
            params = self.filters()
            if params.get("status"):
                matches = matches.filter(status=params["status"])
        return matches.order_by("-id")

    def _answer(self, match):
        return self.respond(self.get_queryset().get(pk=match.pk))

    @extend_schema(request=None, responses=CoachingMatchSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        match = self.get_object()
        with service_errors():
            services.match_accept(match=match, by=request.user)
        return self._answer(match)

    @extend_schema(request=CoachingDeclineSerializer, responses=CoachingMatchSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        match = self.get_object()
        data = self.validated(CoachingDeclineSerializer)
        with service_errors():
            services.match_decline(match=match, by=request.user, reason=data.get("reason", ""))
        return self._answer(match)

    @extend_schema(request=CoachingCloseSerializer, responses=CoachingMatchSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        match = self.get_object()
        data = self.validated(CoachingCloseSerializer)
        with service_errors():
            services.match_close(match=match, by=request.user, feedback=data["feedback"])
        return self._answer(match)

    @extend_schema(request=None, responses=CoachingMatchSerializer)
    @action(detail=True, methods=["post"])
    def drop(self, request, pk=None):
        match = self.get_object()
        with service_errors():
            services.match_drop(match=match, by=request.user)
        return self._answer(match)

    @extend_schema(request=CoachingReplaceSerializer, responses=CoachingMatchSerializer)
    @action(detail=True, methods=["post"])
    def replace(self, request, pk=None):
        match = self.get_object()
        data = self.validated(CoachingReplaceSerializer)
        coach = Coach.objects.filter(pk=data["coach"]).first()
        if coach is None:
            raise serializers.ValidationError({"coach": [_("Accompagnant inconnu.")]})
        with service_errors():
            services.match_replace(match=match, coach=coach, by=request.user)
        return self._answer(match)


# --- rounds --------------------------------------------------------------------------


class CoachingRoundSerializer(serializers.ModelSerializer):
    abilities = AbilitiesField(permissions.round_abilities)

    class Meta:
        model = MatchingRound
        fields = [
            "id",
            "created_at",
            "created_by",
            "published_at",
            "request_count",
            "coach_count",
            "seconds",
            "abilities",
        ]
        read_only_fields = fields


class CoachingRoundDetailSerializer(CoachingRoundSerializer):
    matches = serializers.SerializerMethodField()

    class Meta(CoachingRoundSerializer.Meta):
        fields = [*CoachingRoundSerializer.Meta.fields, "matches"]
        read_only_fields = fields

    @extend_schema_field(CoachingMatchSerializer(many=True))
    def get_matches(self, matching_round):
        matches = matching_round.matches.with_people().order_by("-score", "id")
        return CoachingMatchSerializer(matches, many=True, context=self.context).data


class RoundViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Matching rounds: the coaching coordinators' work (an empty list for others)."""

    serializer_class = CoachingRoundSerializer
    ability_for_action = {"publish": "publish"}

    def get_abilities(self, obj):
        return permissions.round_abilities(self.request.user, obj)

    def get_queryset(self):
        user = self.request.user
        if not (user and user.is_authenticated):
            return MatchingRound.objects.none()
        return MatchingRound.objects.visible_to(user).order_by("-created_at", "-id")

    def get_serializer_class(self):
        return CoachingRoundSerializer if self.action == "list" else CoachingRoundDetailSerializer

    def _detail(self, matching_round, code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=matching_round.pk)
        return Response(
            CoachingRoundDetailSerializer(fresh, context=self.get_serializer_context()).data, code
        )

    @extend_schema(request=None, responses={201: CoachingRoundDetailSerializer})
    def create(self, request):
        """Run a matching round over the open requests (replaces an unpublished one)."""
        if not permissions.can_coordinate(request.user):
            raise PermissionDenied
        matching_round = services.round_run(by=request.user)
        return self._detail(matching_round, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=CoachingRoundDetailSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        matching_round = self.get_object()
        with service_errors():
            services.round_publish(matching_round=matching_round, by=request.user)
        return self._detail(matching_round)


def register(router):
    router.register("coaching/coaches", CoachViewSet, basename="coaching-coach")
    router.register("coaching/requests", RequestViewSet, basename="coaching-request")
    router.register("coaching/matches", MatchViewSet, basename="coaching-match")
    router.register("coaching/rounds", RoundViewSet, basename="coaching-round")
