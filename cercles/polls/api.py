"""REST API of polls: list and read the polls one may see, create one, vote, and read
the results under the same rules as the pages: a hidden result is not in any answer
(no counts either, only the turnout), and an anonymous poll's answers never name a
voter — there is nothing to name him with.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from cercles.api.viewsets import ApiViewSet, id_field, service_errors
from cercles.meetings.models import Meeting
from cercles.organisation.api import AbilitiesField
from cercles.organisation.models import Circle
from cercles.organisation.permissions import forget

from . import permissions, services
from .models import (
    ANONYMOUS_MIN_RESPONDENTS,
    DOTS_MAX,
    OPTIONS_MAX,
    SCORE_MAX,
    Ballot,
    Poll,
    PollKind,
    PollOption,
    PollStatus,
    QuorumKind,
    RankingMethod,
    ResultsVisibility,
)
from .results import poll_results


class OptionSerializer(serializers.ModelSerializer):
    display = serializers.CharField(read_only=True)

    class Meta:
        model = PollOption
        fields = ["id", "position", "label", "starts_at", "display"]
        read_only_fields = fields


class PollSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    has_voted = serializers.SerializerMethodField()
    is_elector = serializers.SerializerMethodField()
    quorum_needed = serializers.IntegerField(read_only=True, allow_null=True)
    # Blank unless the poll is a ranking (declared: read-only model fields lose allow_blank).
    ranking_method = serializers.ChoiceField(
        choices=RankingMethod.choices, allow_blank=True, read_only=True
    )
    abilities = AbilitiesField(permissions.poll_abilities)

    class Meta:
        model = Poll
        fields = [
            "id",
            "circle",
            "meeting",
            "kind",
            "kind_label",
            "question",
            "description",
            "is_anonymous",
            "results_visibility",
            "min_respondents",
            "ranking_method",
            "dots_total",
            "dots_max_per_option",
            "score_max",
            "status",
            "status_label",
            "opened_at",
            "closes_at",
            "closed_at",
            "quorum_kind",
            "quorum_value",
            "quorum_needed",
            "quorum_reached",
            "electorate_size",
            "voter_count",
            "outcome",
            "created_at",
            "has_voted",
            "is_elector",
            "abilities",
        ]
        read_only_fields = fields

    def get_has_voted(self, poll) -> bool:
        return permissions.has_voted(self.context["request"].user, poll)

    def get_is_elector(self, poll) -> bool:
        return permissions.is_elector(self.context["request"].user, poll)


class PollDetailSerializer(PollSerializer):
    options = OptionSerializer(many=True, read_only=True)
    my_ballot = serializers.SerializerMethodField(
        allow_null=True,
        help_text=_(
            "Votre bulletin dans un sondage nominatif ; toujours vide dans un sondage "
            "anonyme, où rien ne relie un bulletin à son votant."
        ),
    )

    class Meta(PollSerializer.Meta):
        fields = [*PollSerializer.Meta.fields, "options", "my_ballot"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_my_ballot(self, poll) -> dict | None:
        if poll.is_anonymous:
            return None
        user = self.context["request"].user
        ballot = Ballot.objects.filter(poll=poll, person=user).only("answer", "comment").first()
        if ballot is None:
            return None
        return {"answer": ballot.answer, "comment": ballot.comment}


class OptionWriteSerializer(serializers.Serializer):
    label = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")
    starts_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class PollWriteSerializer(serializers.Serializer):
    circle = serializers.PrimaryKeyRelatedField(
        queryset=Circle.objects.active(),
        required=False,
        help_text=_("Le cercle du sondage (ou donnez la réunion)."),
    )
    meeting = id_field(required=False, help_text=_("La réunion du sondage, le cas échéant."))
    kind = serializers.ChoiceField(choices=PollKind.choices)
    question = serializers.CharField(max_length=300)
    description = serializers.CharField(allow_blank=True, required=False, default="")
    options = OptionWriteSerializer(many=True, required=False, max_length=OPTIONS_MAX)
    is_anonymous = serializers.BooleanField(required=False, default=False)
    results_visibility = serializers.ChoiceField(
        choices=ResultsVisibility.choices,
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Par défaut : après avoir voté ; à la clôture pour un sondage anonyme."),
    )
    min_respondents = serializers.IntegerField(
        min_value=ANONYMOUS_MIN_RESPONDENTS, max_value=10000, required=False, default=5
    )
    ranking_method = serializers.ChoiceField(
        choices=RankingMethod.choices, required=False, allow_blank=True, default=""
    )
    dots_total = serializers.IntegerField(
        min_value=1, max_value=DOTS_MAX, required=False, allow_null=True, default=None
    )
    dots_max_per_option = serializers.IntegerField(
        min_value=1, max_value=DOTS_MAX, required=False, allow_null=True, default=None
    )
    score_max = serializers.IntegerField(
        min_value=1, max_value=SCORE_MAX, required=False, allow_null=True, default=None
    )
    closes_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    quorum_kind = serializers.ChoiceField(
        choices=QuorumKind.choices, required=False, default=QuorumKind.NONE
    )
    quorum_value = serializers.IntegerField(
        min_value=1, max_value=100000, required=False, allow_null=True, default=None
    )
    open_now = serializers.BooleanField(required=False, default=True)

    def validate_closes_at(self, value):
        if value is not None and not 2000 <= value.year <= 2100:
            raise serializers.ValidationError(_("Indiquez une date entre 2000 et 2100."))
        return value

    def validate(self, data):
        if not data.get("circle") and not data.get("meeting"):
            raise serializers.ValidationError({"circle": [_("Indiquez le cercle ou la réunion.")]})
        return data


class VoteSerializer(serializers.Serializer):
    answer = serializers.JSONField(
        help_text=_(
            'Selon le type : {"position": "agree"|"concerns"|"object"} ; '
            '{"choice": "yes"|"no"|"abstain"} ; {"dots": {"<option>": n}} ; '
            '{"scores": {"<option>": n}} ; {"ranking": [options…]} ; '
            '{"slots": {"<option>": "yes"|"maybe"|"no"}}.'
        )
    )
    comment = serializers.CharField(allow_blank=True, required=False, default="", max_length=2000)


class ResultsSerializer(serializers.Serializer):
    visible = serializers.BooleanField(
        help_text=_("Faux tant que les règles du sondage cachent les résultats à l'appelant.")
    )
    reason = serializers.CharField(allow_blank=True)
    voter_count = serializers.IntegerField()
    electorate_size = serializers.IntegerField()
    results = serializers.JSONField(
        allow_null=True,
        help_text=_(
            "Le résumé, les tableaux (les mêmes que la page) et les commentaires ; "
            "vide quand les résultats sont cachés."
        ),
    )


class PollFilters(serializers.Serializer):
    circle = id_field(required=False, help_text=_("Les sondages de ce cercle."))
    meeting = id_field(required=False, help_text=_("Les sondages de cette réunion."))
    status = serializers.ChoiceField(choices=PollStatus.choices, required=False)


class PollViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Polls one may see: those of one's circles and meetings, those one is asked to vote in."""

    serializer_class = PollSerializer
    filter_serializer = PollFilters
    # Whoever sees the poll may try; the service says who votes (electors, while open).
    ability_for_action = {"vote": "view"}

    def get_abilities(self, obj):
        return permissions.poll_abilities(self.request.user, obj)

    def get_serializer_class(self):
        if self.action in ("retrieve", "vote", "create"):
            return PollDetailSerializer
        return PollSerializer

    def get_queryset(self):
        user = self.request.user
        if not (user and user.is_authenticated):  # the schema generator's anonymous user
            return Poll.objects.none()
        polls = Poll.objects.visible_to(user).with_mine(user).select_related("meeting")
        if self.action == "list":
            params = self.filters()
            if params.get("circle"):
                polls = polls.filter(circle_id=params["circle"])
            if params.get("meeting"):
                polls = polls.filter(meeting_id=params["meeting"])
            if params.get("status"):
                polls = polls.filter(status=params["status"])
        elif self.action in ("retrieve", "vote"):
            polls = polls.prefetch_related("options")
        return polls.order_by("-created_at", "-id")

    def _fresh(self, pk):
        return (
            Poll.objects.with_mine(self.request.user)
            .select_related("meeting")
            .prefetch_related("options")
            .get(pk=pk)
        )

    @extend_schema(request=PollWriteSerializer, responses={201: PollDetailSerializer})
    def create(self, request):
        data = dict(self.validated(PollWriteSerializer))
        meeting = None
        meeting_id = data.pop("meeting", None)
        if meeting_id:
            meeting = Meeting.objects.visible_to(request.user).filter(pk=meeting_id).first()
            if meeting is None:
                raise serializers.ValidationError({"meeting": [_("Réunion introuvable.")]})
        circle = meeting.circle if meeting is not None else data.pop("circle")
        data.pop("circle", None)
        if not permissions.can_create_poll(request.user, circle, meeting):
            raise PermissionDenied(_("Vous ne pouvez pas créer de sondage ici."))
        with service_errors():
            poll = services.poll_create(by=request.user, circle=circle, meeting=meeting, **data)
        return self.respond(self._fresh(poll.pk), status.HTTP_201_CREATED)

    def respond(self, obj, code=status.HTTP_200_OK):
        # Writes answer with the poll in detail (the base class uses `serializer_class`).
        forget(self.request.user)
        return Response(PollDetailSerializer(obj, context=self.get_serializer_context()).data, code)

    @extend_schema(request=VoteSerializer, responses=PollDetailSerializer)
    @action(detail=True, methods=["post"])
    def vote(self, request, pk=None):
        """Cast one's ballot (or change it, in an open poll). In an anonymous poll the
        answer says only that one has voted: the ballot is no longer one's own."""
        poll = self.get_object()
        data = self.validated(VoteSerializer)
        with service_errors():
            services.poll_vote(
                poll=poll, person=request.user, answer=data["answer"], comment=data["comment"]
            )
        return self.respond(self._fresh(poll.pk))

    @extend_schema(request=None, responses=ResultsSerializer)
    @action(detail=True, methods=["get"])
    def results(self, request, pk=None):
        """The results if the poll's rules show them to the caller now; otherwise
        `visible` is false and there is no number at all but the turnout."""
        poll = self.get_object()
        shown = permissions.results_shown(request.user, poll)
        return Response(
            {
                "visible": shown,
                "reason": "" if shown else permissions.hidden_reason(request.user, poll),
                "voter_count": poll.voter_count,
                "electorate_size": poll.electorate_size,
                "results": poll_results(poll).as_data() if shown else None,
            }
        )


def register(router):
    router.register("polls", PollViewSet, basename="poll")
