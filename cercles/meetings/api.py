"""REST API of meetings: list and read what one may see (with the live queue, read
only), plan a meeting for a circle one organises. The live room itself is driven
through the websocket (consumers.py) or the pages."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.exceptions import PermissionDenied

from cercles.api.viewsets import ApiViewSet, id_field, service_errors
from cercles.organisation.api import AbilitiesField
from cercles.organisation.models import Circle

from . import live, permissions, services
from .models import Meeting, MeetingKind, MeetingStatus


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

    def validate_starts_at(self, value):
        if not 2000 <= value.year <= 2100:
            raise serializers.ValidationError(_("Indiquez une date entre 2000 et 2100."))
        return value


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


def register(router):
    router.register("meetings", MeetingViewSet, basename="meeting")
