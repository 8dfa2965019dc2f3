"""REST API of consultations: list and read the ones one may see, their statements,
take part and vote, and read the opinion map's analysis.

Anonymous consultations: the API never shows who voted what, nor who wrote a
participant's statement. A client takes part with `POST …/participate/` (or its first
vote), which answers a `participant_key`; it sends it back in the `X-Participant-Key`
header of each later call. The server keeps only the key's hash, with no person: a
lost key is a lost participation. In a named consultation the key is not used.
"""

from contextlib import contextmanager

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from cercles.api.viewsets import ApiViewSet, id_field, service_errors
from cercles.organisation.api import AbilitiesField

from . import permissions, results, services, voting
from .models import (
    CHOICE_NAMES,
    STATEMENT_MAX_LENGTH,
    Audience,
    Choice,
    Consultation,
    ConsultationState,
    Moderation,
    ResultsVisibility,
    Statement,
    StatementStatus,
    VoteChoice,
)

KEY_HEADER = "X-Participant-Key"
KEY_PARAMETER = OpenApiParameter(
    KEY_HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description=gettext_lazy(
        "Consultation anonyme : la clé de participation reçue à la première participation."
    ),
)
CHOICE_VALUES = {value: name for name, value in CHOICE_NAMES.items()}


@contextmanager
def refusals():
    """A service's refusal (django PermissionDenied) as DRF's 403, keeping its message."""
    try:
        yield
    except DjangoPermissionDenied as exc:
        raise PermissionDenied(str(exc) or None) from exc


# --- serializers -----------------------------------------------------------------------


class ConsultationSerializer(serializers.ModelSerializer):
    state = serializers.ChoiceField(choices=ConsultationState.choices, read_only=True)
    state_label = serializers.CharField(read_only=True)
    audience = serializers.ChoiceField(choices=Audience.choices, read_only=True)
    moderation = serializers.ChoiceField(choices=Moderation.choices, read_only=True)
    results_visibility = serializers.ChoiceField(choices=ResultsVisibility.choices, read_only=True)
    statement_count = serializers.IntegerField(read_only=True)
    participant_count = serializers.IntegerField(read_only=True)
    abilities = AbilitiesField(permissions.consultation_abilities)

    class Meta:
        model = Consultation
        fields = [
            "id",
            "circle",
            "meeting",
            "question",
            "description",
            "audience",
            "anonymous",
            "allow_statements",
            "moderation",
            "results_visibility",
            "min_votes",
            "opens_at",
            "closes_at",
            "closed_at",
            "state",
            "state_label",
            "statement_count",
            "participant_count",
            "created_by",
            "created_at",
            "abilities",
        ]
        read_only_fields = fields


class ConsultationStatementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    is_seed = serializers.BooleanField()
    status = serializers.ChoiceField(choices=StatementStatus.choices)
    moderation_reason = serializers.CharField(
        help_text=gettext_lazy("Le motif d'une proposition masquée.")
    )
    author = serializers.IntegerField(
        allow_null=True,
        help_text=gettext_lazy("Toujours vide pour un participant d'une consultation anonyme."),
    )
    author_name = serializers.CharField(allow_null=True)
    agree_count = serializers.IntegerField(
        allow_null=True,
        help_text=gettext_lazy(
            "Vide dans une consultation anonyme tant que la proposition a moins de 5 votes."
        ),
    )
    disagree_count = serializers.IntegerField(allow_null=True)
    pass_count = serializers.IntegerField(allow_null=True)
    my_vote = serializers.ChoiceField(
        choices=VoteChoice.choices, allow_null=True, help_text=gettext_lazy("Votre vote.")
    )


def statement_data(consultation: Consultation, statement: Statement) -> dict:
    shown = results.numbers_shown(consultation, statement.vote_count)
    signed = statement.author if (statement.is_seed or not consultation.anonymous) else None
    my_vote = getattr(statement, "my_vote", None)
    return {
        "id": statement.pk,
        "text": statement.text,
        "is_seed": statement.is_seed,
        "status": statement.status,
        "moderation_reason": statement.moderation_reason,
        "author": signed.pk if signed else None,
        "author_name": signed.full_name if signed else None,
        "agree_count": statement.agree_count if shown else None,
        "disagree_count": statement.disagree_count if shown else None,
        "pass_count": statement.pass_count if shown else None,
        "my_vote": None if my_vote is None else CHOICE_VALUES[my_vote],
    }


class ConsultationStatementCreateSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=STATEMENT_MAX_LENGTH)


class ConsultationVoteSerializer(serializers.Serializer):
    statement = id_field()
    choice = serializers.ChoiceField(choices=VoteChoice.choices)


class ConsultationParticipationSerializer(serializers.Serializer):
    participant_key = serializers.CharField(
        allow_null=True,
        help_text=gettext_lazy(
            "Consultation anonyme : la clé à renvoyer dans l'en-tête X-Participant-Key "
            "(donnée une seule fois). Vide pour une consultation nominative."
        ),
    )
    votes_cast = serializers.IntegerField()
    total = serializers.IntegerField(help_text=gettext_lazy("Propositions publiées."))
    next = ConsultationStatementSerializer(
        allow_null=True, help_text=gettext_lazy("La prochaine proposition.")
    )


class OpinionStatementSerializer(serializers.Serializer):
    statement = serializers.IntegerField()
    text = serializers.CharField()


class OpinionRepresentativeSerializer(OpinionStatementSerializer):
    direction = serializers.ChoiceField(choices=["agree", "disagree"])
    in_group_percent = serializers.IntegerField(allow_null=True)
    others_percent = serializers.IntegerField(allow_null=True)
    significant = serializers.BooleanField()
    repness = serializers.FloatField()
    repness_test = serializers.FloatField()


class OpinionGroupSerializer(serializers.Serializer):
    label = serializers.CharField()
    size = serializers.IntegerField()
    center = serializers.ListField(child=serializers.FloatField())
    distinguishing = OpinionRepresentativeSerializer(many=True)


class OpinionConsensusSerializer(OpinionStatementSerializer):
    direction = serializers.ChoiceField(choices=["agree", "disagree"])
    score = serializers.FloatField(help_text=gettext_lazy("Π (A_g + 1)/(S_g + 2) sur les groupes."))
    percent = serializers.IntegerField(allow_null=True)


class OpinionDivisiveGroupSerializer(serializers.Serializer):
    label = serializers.CharField()
    agree_percent = serializers.IntegerField(allow_null=True)
    disagree_percent = serializers.IntegerField(allow_null=True)


class OpinionDivisiveSerializer(OpinionStatementSerializer):
    score = serializers.FloatField()
    groups = OpinionDivisiveGroupSerializer(many=True)


class OpinionPointSerializer(serializers.Serializer):
    x = serializers.FloatField()
    y = serializers.FloatField()
    group = serializers.CharField()


class OpinionAnalysisSerializer(serializers.Serializer):
    participants = serializers.IntegerField(help_text=gettext_lazy("Qui a voté au moins une fois."))
    placed = serializers.IntegerField(help_text=gettext_lazy("Qui a voté assez pour la carte."))
    min_votes = serializers.IntegerField()
    confidence = serializers.ChoiceField(choices=["none", "no_groups", "low", "clear"])
    silhouette = serializers.FloatField(allow_null=True)
    explained_variance = serializers.ListField(child=serializers.FloatField())
    points = OpinionPointSerializer(
        many=True, help_text=gettext_lazy("Les participants placés, sans identifiant.")
    )
    me = OpinionPointSerializer(
        allow_null=True, help_text=gettext_lazy("Votre place, si vous y êtes.")
    )
    groups = OpinionGroupSerializer(many=True)
    consensus = OpinionConsensusSerializer(many=True)
    consensus_against = OpinionConsensusSerializer(many=True)
    divisive = OpinionDivisiveSerializer(many=True)


def analysis_data(view: results.MapView, me: int | None) -> dict:
    analysis = view.analysis
    labels = {g.index: g.label for g in analysis.groups}
    mine = next((p for p in analysis.points if me is not None and p.participant_id == me), None)

    def point(p):
        return {"x": round(p.x, 4), "y": round(p.y, 4), "group": labels[p.group]}

    def consensus(items):
        return [
            {
                "statement": c.statement.pk,
                "text": c.statement.text,
                "direction": c.item.direction,
                "score": c.item.score,
                "percent": c.overall_percent,
            }
            for c in items
        ]

    return {
        "participants": analysis.participants,
        "placed": analysis.placed,
        "min_votes": analysis.min_votes,
        "confidence": analysis.confidence,
        "silhouette": analysis.silhouette,
        "explained_variance": list(analysis.explained_variance),
        "points": [point(p) for p in analysis.points],
        "me": point(mine) if mine else None,
        "groups": [
            {
                "label": g.label,
                "size": g.group.size,
                "center": [round(c, 4) for c in g.group.center],
                "distinguishing": [
                    {
                        "statement": r.statement.pk,
                        "text": r.statement.text,
                        "direction": r.rep.direction,
                        "in_group_percent": r.rep.in_group_percent if g.show_numbers else None,
                        "others_percent": r.rep.others_percent if g.show_numbers else None,
                        "significant": r.rep.significant,
                        "repness": r.rep.repness,
                        "repness_test": r.rep.repness_test,
                    }
                    for r in g.representative
                ],
            }
            for g in view.groups
        ]
        if analysis.has_map
        else [],
        "consensus": consensus(view.consensus),
        "consensus_against": consensus(view.consensus_against),
        "divisive": [
            {
                "statement": d.statement.pk,
                "text": d.statement.text,
                "score": d.item.score,
                "groups": [
                    {"label": label, "agree_percent": a, "disagree_percent": dis}
                    for label, a, dis in d.group_shares
                ],
            }
            for d in view.divisive
        ],
    }


class ConsultationFilters(serializers.Serializer):
    circle = id_field(required=False, help_text=gettext_lazy("Les consultations de ce cercle."))
    meeting = id_field(required=False, help_text=gettext_lazy("Celles de cette réunion."))
    open = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text=gettext_lazy("Ouvertes seulement.")
    )


# --- the viewset -----------------------------------------------------------------------


class ConsultationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Consultations one may see: those of one's circles, those open to the whole
    organisation, those of the meetings one takes part in."""

    serializer_class = ConsultationSerializer
    filter_serializer = ConsultationFilters
    # Seeing the consultation lets one call these; the services check the rest (open,
    # statements allowed…) and answer 403 with their reason.
    ability_for_action = {"statements": "view", "participate": "view", "vote": "view"}

    def get_abilities(self, obj):
        return permissions.consultation_abilities(self.request.user, obj)

    def get_queryset(self):
        user = self.request.user
        if not (user and user.is_authenticated):  # the schema generator's anonymous user
            return Consultation.objects.none()
        consultations = (
            Consultation.objects.visible_to(user)
            .with_meeting_part(user)
            .with_counts()
            .select_related("circle", "meeting")
        )
        if self.action == "list":
            params = self.filters()
            if params.get("circle"):
                consultations = consultations.filter(circle_id=params["circle"])
            if params.get("meeting"):
                consultations = consultations.filter(meeting_id=params["meeting"])
            if params.get("open"):
                consultations = consultations.open_now()
        return consultations.order_by("-opens_at", "-id")

    # The requesting participant: by person (named) or by the key header (anonymous).
    def participant(self, consultation):
        if not consultation.anonymous:
            return services.participant_find(consultation=consultation, person=self.request.user)
        key = self.request.headers.get(KEY_HEADER, "").strip()
        if not key:
            return None
        participant = services.participant_find(consultation=consultation, key=key)
        if participant is None:
            raise serializers.ValidationError(
                {"participant_key": [_("Cette clé ne correspond à aucune participation.")]}
            )
        return participant

    def participation(self, consultation, participant, key=None) -> dict:
        ballot = voting.ballot(consultation, participant, viewer_id=self.request.user.pk)
        return {
            "participant_key": key,
            "votes_cast": ballot.votes_cast,
            "total": ballot.total,
            "next": statement_data(consultation, ballot.next) if ballot.next else None,
        }

    @extend_schema(
        methods=["GET"],
        parameters=[KEY_PARAMETER],
        request=None,
        responses=ConsultationStatementSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        parameters=[KEY_PARAMETER],
        request=ConsultationStatementCreateSerializer,
        responses={201: ConsultationStatementSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def statements(self, request, pk=None):
        """The published statements with your vote (organisers: every statement, with its
        state); POST: add your own statement, which counts as your agree vote."""
        consultation = self.get_object()
        participant = self.participant(consultation)
        if request.method == "POST":
            data = self.validated(ConsultationStatementCreateSerializer)
            with service_errors(), refusals():
                statement, _participant, key = services.statement_propose(
                    consultation=consultation,
                    by=request.user,
                    participant=participant,
                    text=data["text"],
                )
            body = statement_data(consultation, statement)
            headers = {KEY_HEADER: key} if key else {}
            return Response(body, status=status.HTTP_201_CREATED, headers=headers)
        ballot = voting.ballot(consultation, participant, viewer_id=request.user.pk)
        rows = list(ballot.published) + list(ballot.own_unpublished)
        if self.get_abilities(consultation)["moderate"]:
            voted = {s.pk: s.my_vote for s in rows}
            rows = list(
                consultation.statements.select_related("author").order_by("created_at", "id")
            )
            for statement in rows:
                statement.my_vote = voted.get(statement.pk)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response([statement_data(consultation, s) for s in page])

    @extend_schema(request=None, responses={201: ConsultationParticipationSerializer})
    @action(detail=True, methods=["post"])
    def participate(self, request, pk=None):
        """Take part. Anonymous consultation: a new participant each call, whose key is
        given once; keep it. Named one: your participation (the same each time)."""
        consultation = self.get_object()
        with refusals():
            participant, key = services.participant_join(consultation=consultation, by=request.user)
        return Response(
            self.participation(consultation, participant, key), status=status.HTTP_201_CREATED
        )

    @extend_schema(
        parameters=[KEY_PARAMETER], request=None, responses=ConsultationParticipationSerializer
    )
    @action(detail=True, methods=["get"], url_path="next-statement", url_name="next-statement")
    def next_statement(self, request, pk=None):
        """Your next statement to vote on (fewer votes first, with some chance)."""
        consultation = self.get_object()
        return Response(self.participation(consultation, self.participant(consultation)))

    @extend_schema(
        parameters=[KEY_PARAMETER],
        request=ConsultationVoteSerializer,
        responses=ConsultationParticipationSerializer,
    )
    @action(detail=True, methods=["post"])
    def vote(self, request, pk=None):
        """Vote on a statement (or change your vote). Anonymous consultation without a
        key: you join, and the answer gives your new key."""
        consultation = self.get_object()
        participant = self.participant(consultation)
        data = self.validated(ConsultationVoteSerializer)
        statement = consultation.statements.filter(pk=data["statement"]).first()
        if statement is None:
            raise serializers.ValidationError(
                {"statement": [_("Cette proposition n'est pas soumise au vote.")]}
            )
        with service_errors(), refusals():
            _vote, participant, key = services.vote_as(
                consultation=consultation,
                by=request.user,
                participant=participant,
                statement=statement,
                value=Choice(CHOICE_NAMES[data["choice"]]),
            )
        return Response(self.participation(consultation, participant, key))

    @extend_schema(parameters=[KEY_PARAMETER], request=None, responses=OpinionAnalysisSerializer)
    @action(detail=True, methods=["get"])
    def analysis(self, request, pk=None):
        """The opinion map: groups and what distinguishes each, consensus, divisive
        statements. Never who is where: points carry no identifier."""
        consultation = self.get_object()
        participant = self.participant(consultation)
        ballot = voting.ballot(consultation, participant, viewer_id=request.user.pk)
        abilities = self.get_abilities(consultation)
        if not permissions.results_visible(
            consultation, abilities, votes_cast=ballot.votes_cast, statement_count=ballot.total
        ):
            raise PermissionDenied(_("La carte n'est pas encore visible pour vous."))
        analysis = results.analysis_for(consultation, [s.pk for s in ballot.published])
        me = participant.pk if participant is not None else None
        view = results.map_view(consultation, analysis, ballot.published, me=me, with_svg=False)
        return Response(analysis_data(view, me))


def register(router):
    router.register("consultations", ConsultationViewSet, basename="consultation")
