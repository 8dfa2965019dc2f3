"""REST API of meetings: list and read what one may see (with the live queue, read
only), plan a meeting for a circle one organises; the ratings' summary of a meeting;
the actions of meetings (list, create, change, tick, delete); one's own ratings (list,
rate). The live room itself is driven through the websocket (consumers.py) or the
pages."""

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from cercles.api.viewsets import ApiViewSet, id_field, service_errors
from cercles.organisation.api import AbilitiesField
from cercles.organisation.models import Circle

from . import live, permissions, ratings, services
from .models import (
    AgendaItem,
    Meeting,
    MeetingAction,
    MeetingKind,
    MeetingRating,
    MeetingStatus,
    MeetingTemplate,
    Participant,
    Voice,
)

Person = get_user_model()


class MeetingSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    other_circles = serializers.SerializerMethodField()
    # A plain string: empty when there is no video link (an empty string is no URI).
    video_link = serializers.CharField(read_only=True)
    abilities = AbilitiesField(permissions.meeting_abilities)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "circle",
            "other_circles",
            "kind",
            "kind_label",
            "title",
            "starts_at",
            "duration_minutes",
            "place",
            "video_link",
            "facilitator",
            "secretary",
            "status",
            "status_label",
            "speaking_time_limit_seconds",
            "allow_replies",
            "minutes_public",
            "template",
            "charter",
            "sequence",
            "created_at",
            "abilities",
        ]
        read_only_fields = fields

    def get_other_circles(self, meeting) -> list[int]:
        return [c.pk for c in meeting.other_circles.all()]


class QueueEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    person = serializers.IntegerField(source="person_id")
    person_name = serializers.CharField(source="person.full_name")
    kind = serializers.CharField()
    requested_at = serializers.DateTimeField()
    manual_position = serializers.IntegerField(allow_null=True)


class SpeakerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    person = serializers.IntegerField(source="person_id")
    person_name = serializers.CharField(source="person.full_name")
    kind = serializers.CharField()
    granted_at = serializers.DateTimeField()


class SpeakingTimeSerializer(serializers.Serializer):
    person = serializers.IntegerField(source="person.pk")
    person_name = serializers.CharField(source="person.full_name")
    present = serializers.BooleanField()
    turns = serializers.IntegerField()
    seconds = serializers.FloatField()


class RoomSerializer(serializers.Serializer):
    """The live room as it stands (read only)."""

    queue = QueueEntrySerializer(many=True, help_text=_("Les demandes en attente, dans l'ordre."))
    speaker = SpeakerSerializer(allow_null=True)
    speaker_ends_at = serializers.DateTimeField(allow_null=True)
    speaking_times = SpeakingTimeSerializer(source="rows", many=True)
    equity = serializers.FloatField(
        allow_null=True, help_text=_("1 − Gini des temps de parole des présents, entre 0 et 1.")
    )


class MeetingDetailSerializer(MeetingSerializer):
    room = serializers.SerializerMethodField()

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "room"]
        read_only_fields = fields

    @extend_schema(responses=RoomSerializer)
    def get_room(self, meeting) -> dict:
        return RoomSerializer(live.room_state(meeting)).data


class MeetingWriteSerializer(serializers.Serializer):
    circle = serializers.PrimaryKeyRelatedField(queryset=Circle.objects.active())
    title = serializers.CharField(max_length=200)
    starts_at = serializers.DateTimeField()
    kind = serializers.ChoiceField(choices=MeetingKind.choices, required=False)
    duration_minutes = serializers.IntegerField(min_value=5, max_value=24 * 60, required=False)
    place = serializers.CharField(max_length=200, allow_blank=True, required=False)
    video_link = serializers.URLField(max_length=200, allow_blank=True, required=False)
    speaking_time_limit_seconds = serializers.IntegerField(
        min_value=10, max_value=3600, required=False
    )
    allow_replies = serializers.BooleanField(required=False)
    minutes_public = serializers.BooleanField(
        required=False,
        help_text=_("Le compte rendu publié est lu par toutes les personnes connectées."),
    )
    template = serializers.PrimaryKeyRelatedField(
        queryset=MeetingTemplate.objects.active(),
        required=False,
        allow_null=True,
        help_text=_(
            "Le modèle dont la réunion reprend l'ordre du jour, la checklist et la charte."
        ),
    )

    def validate_starts_at(self, value):
        if not 2000 <= value.year <= 2100:
            raise serializers.ValidationError(_("Indiquez une date entre 2000 et 2100."))
        return value


# --- ratings' summary -----------------------------------------------------------------


class ScoreShareSerializer(serializers.Serializer):
    score = serializers.IntegerField()
    count = serializers.IntegerField()
    share = serializers.IntegerField(help_text=_("Part des évaluations, en %."))


class VoiceShareSerializer(serializers.Serializer):
    value = serializers.ChoiceField(choices=Voice.choices)
    label = serializers.CharField()
    count = serializers.IntegerField()
    share = serializers.IntegerField(help_text=_("Part des évaluations, en %."))


class RatingSummarySerializer(serializers.Serializer):
    """What the circle sees of the ratings: never who gave which."""

    count = serializers.IntegerField()
    mean = serializers.FloatField(allow_null=True)
    distribution = ScoreShareSerializer(many=True)
    voices = VoiceShareSerializer(many=True)
    share_yes = serializers.IntegerField(allow_null=True)
    comments = serializers.ListField(
        child=serializers.CharField(), help_text=_("Sans les noms, dans l'ordre alphabétique.")
    )

    def to_representation(self, summary):
        return {
            "count": summary.count,
            "mean": summary.mean,
            "distribution": [
                {"score": score, "count": n, "share": share}
                for score, n, share in summary.distribution
            ],
            "voices": [
                {"value": value, "label": str(label), "count": n, "share": share}
                for value, label, n, share in summary.voices
            ],
            "share_yes": summary.share_yes,
            "comments": summary.comments,
        }


class MeetingFilters(serializers.Serializer):
    circle = id_field(required=False, help_text=_("Les réunions de ce cercle."))
    status = serializers.ChoiceField(choices=MeetingStatus.choices, required=False)


class MeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Meetings one may see: those of one's circles and those one takes part in."""

    serializer_class = MeetingSerializer
    filter_serializer = MeetingFilters

    def get_abilities(self, obj):
        return permissions.meeting_abilities(self.request.user, obj)

    def get_serializer_class(self):
        return MeetingDetailSerializer if self.action == "retrieve" else MeetingSerializer

    def get_queryset(self):
        user = self.request.user
        if not (user and user.is_authenticated):  # the schema generator's anonymous user
            return Meeting.objects.none()
        meetings = Meeting.objects.visible_to(user).with_mine(user)
        if self.action == "list":
            params = self.filters()
            if params.get("circle"):
                meetings = meetings.filter(circle_id=params["circle"])
            if params.get("status"):
                meetings = meetings.filter(status=params["status"])
        return meetings.order_by("-starts_at", "-id")

    @extend_schema(request=MeetingWriteSerializer, responses={201: MeetingSerializer})
    def create(self, request):
        data = dict(self.validated(MeetingWriteSerializer))
        if not permissions.can_create_meeting(request.user, data["circle"]):
            raise PermissionDenied(
                _("Seuls le facilitateur, le secrétaire et le premier lien du cercle.")
            )
        with service_errors():
            meeting = services.meeting_create(by=request.user, **data)
        permissions.forget(request.user)
        fresh = Meeting.objects.with_mine(request.user).get(pk=meeting.pk)
        return self.respond(fresh, status.HTTP_201_CREATED)

    @extend_schema(responses=RatingSummarySerializer)
    @action(detail=True, methods=["get"])
    def ratings(self, request, pk=None):
        """The participants' ratings of the meeting, summed up for whoever sees it."""
        meeting = self.get_object()
        summary, _mine = ratings.meeting_ratings(meeting, request.user)
        return Response(RatingSummarySerializer(summary).data)


# --- actions ---------------------------------------------------------------------------


class MeetingActionSerializer(serializers.ModelSerializer):
    owner_name = serializers.SerializerMethodField()
    meeting_title = serializers.CharField(source="meeting.title", read_only=True)
    abilities = AbilitiesField(permissions.action_abilities)

    class Meta:
        model = MeetingAction
        fields = [
            "id",
            "meeting",
            "meeting_title",
            "agenda_item",
            "title",
            "owner",
            "owner_name",
            "due_on",
            "done",
            "done_at",
            "created_at",
            "abilities",
        ]
        read_only_fields = fields

    def get_owner_name(self, obj) -> str:
        return obj.owner.full_name if obj.owner else ""


class MeetingActionWriteSerializer(serializers.Serializer):
    meeting = id_field(help_text=_("La réunion (à la création seulement)."))
    title = serializers.CharField(max_length=300)
    owner = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.filter(is_active=True), allow_null=True, required=False
    )
    due_on = serializers.DateField(allow_null=True, required=False)
    agenda_item = serializers.PrimaryKeyRelatedField(
        queryset=AgendaItem.objects.all(), allow_null=True, required=False
    )

    def validate_due_on(self, value):
        if value is not None and not 2000 <= value.year <= 2100:
            raise serializers.ValidationError(_("Indiquez une date entre 2000 et 2100."))
        return value


class ActionDoneSerializer(serializers.Serializer):
    done = serializers.BooleanField()


class MeetingActionFilters(serializers.Serializer):
    meeting = id_field(required=False, help_text=_("Les actions de cette réunion."))
    owner = id_field(required=False, help_text=_("Les actions de cette personne."))
    done = serializers.BooleanField(required=False, allow_null=True, default=None)


class MeetingActionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Actions of the meetings one may see. Organisers of a meeting create, change and
    delete its actions; the owner ticks his own."""

    serializer_class = MeetingActionSerializer
    filter_serializer = MeetingActionFilters
    ability_for_action = {"partial_update": "update", "destroy": "update", "done": "tick"}

    def get_abilities(self, obj):
        return permissions.action_abilities(self.request.user, obj)

    def get_queryset(self):
        user = self.request.user
        if not (user and user.is_authenticated):
            return MeetingAction.objects.none()
        actions = (
            MeetingAction.objects.visible_to(user)
            .select_related("meeting", "owner")
            .prefetch_related(
                "meeting__other_circles",
                Prefetch(
                    "meeting__participants",
                    queryset=Participant.objects.filter(person=user),
                    to_attr="my_participation",
                ),
            )
        )
        if self.action == "list":
            params = self.filters()
            if params.get("meeting"):
                actions = actions.filter(meeting_id=params["meeting"])
            if params.get("owner"):
                actions = actions.filter(owner_id=params["owner"])
            if params.get("done") is not None:
                actions = actions.filter(done=params["done"])
        return actions.order_by("done", "due_on", "id")

    def _fresh(self, pk):
        return self.get_queryset().get(pk=pk)

    @extend_schema(request=MeetingActionWriteSerializer, responses={201: MeetingActionSerializer})
    def create(self, request):
        data = dict(self.validated(MeetingActionWriteSerializer))
        meeting = Meeting.objects.visible_to(request.user).filter(pk=data.pop("meeting")).first()
        if meeting is None:
            raise serializers.ValidationError({"meeting": [_("Réunion introuvable.")]})
        if not permissions.meeting_abilities(request.user, meeting)["organise"]:
            raise PermissionDenied(_("Seuls ceux qui organisent la réunion ajoutent une action."))
        with service_errors():
            created = services.action_create(meeting=meeting, by=request.user, **data)
        return self.respond(self._fresh(created.pk), status.HTTP_201_CREATED)

    @extend_schema(request=MeetingActionWriteSerializer, responses=MeetingActionSerializer)
    def partial_update(self, request, pk=None):
        current = self.get_object()
        data = dict(self.validated(MeetingActionWriteSerializer, partial=True))
        if "meeting" in data:
            raise serializers.ValidationError(
                {"meeting": [_("Une action ne change pas de réunion.")]}
            )
        with service_errors():
            services.action_update(action=current, by=request.user, **data)
        return self.respond(self._fresh(current.pk))

    @extend_schema(responses={204: None})
    def destroy(self, request, pk=None):
        current = self.get_object()
        services.action_delete(action=current, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=ActionDoneSerializer, responses=MeetingActionSerializer)
    @action(detail=True, methods=["post"])
    def done(self, request, pk=None):
        current = self.get_object()
        data = self.validated(ActionDoneSerializer)
        services.action_set_done(action=current, by=request.user, done=data["done"])
        return self.respond(self._fresh(current.pk))


# --- one's own ratings -----------------------------------------------------------------


class MeetingRatingSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingRating
        fields = ["id", "meeting", "score", "voice", "comment", "created_at", "updated_at"]
        read_only_fields = fields


class MeetingRatingWriteSerializer(serializers.Serializer):
    meeting = id_field()
    score = serializers.IntegerField(min_value=1, max_value=5)
    voice = serializers.ChoiceField(choices=Voice.choices)
    comment = serializers.CharField(max_length=2000, allow_blank=True, required=False)


class MeetingRatingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """One's own ratings of meetings (nobody else's: the circle sees the summary,
    `/meetings/{id}/ratings/`). Posting rates a meeting, or changes one's rating."""

    serializer_class = MeetingRatingSerializer

    def get_abilities(self, obj):
        return {"view": obj.person_id == self.request.user.pk}

    def get_queryset(self):
        user = self.request.user
        if not (user and user.is_authenticated):
            return MeetingRating.objects.none()
        return MeetingRating.objects.filter(person=user).order_by("-updated_at", "-id")

    @extend_schema(request=MeetingRatingWriteSerializer, responses={201: MeetingRatingSerializer})
    def create(self, request):
        data = dict(self.validated(MeetingRatingWriteSerializer))
        meeting = Meeting.objects.visible_to(request.user).filter(pk=data.pop("meeting")).first()
        if meeting is None:
            raise serializers.ValidationError({"meeting": [_("Réunion introuvable.")]})
        with service_errors():
            rating = services.rating_save(meeting=meeting, person=request.user, **data)
        return self.respond(rating, status.HTTP_201_CREATED)


def register(router):
    router.register("meetings", MeetingViewSet, basename="meeting")
    router.register("meeting-actions", MeetingActionViewSet, basename="meeting-action")
    router.register("meeting-ratings", MeetingRatingViewSet, basename="meeting-rating")
