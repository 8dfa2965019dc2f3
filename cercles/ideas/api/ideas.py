"""REST API of the ideas: campaigns, ideas, supports, answers, comments, similar ideas.

Lists are one prepared queryset (constant queries whatever the page holds); abilities
come from permissions.py; writes go through services.py, whose ValidationError becomes
a 400. An anonymous idea has no author in the database, so no answer can show one.
"""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from cercles.api.viewsets import ApiViewSet, id_field, service_errors
from cercles.core.search import filter_by_search
from cercles.organisation.api import AbilitiesField
from cercles.organisation.models import Circle

from .. import permissions, services
from ..models import (
    ANONYMOUS_ATTACHMENT_REFUSED,
    Campaign,
    Comment,
    Idea,
    IdeaAnswer,
    IdeaStatus,
    Objective,
)

SIMILAR_MAX = 20


def _active_circle(circle):
    if circle is not None and circle.is_archived:
        raise serializers.ValidationError(_("Ce cercle est archivé."))
    return circle


# --- Campaigns -----------------------------------------------------------------------


class CampaignSerializer(serializers.ModelSerializer):
    is_open = serializers.BooleanField(read_only=True)
    abilities = AbilitiesField(permissions.campaign_abilities)

    class Meta:
        model = Campaign
        fields = [
            "id",
            "title",
            "question",
            "description",
            "starts_on",
            "ends_on",
            "objectives",
            "circle",
            "answer_deadline_days",
            "is_open",
            "created_at",
            "abilities",
        ]
        read_only_fields = fields


class CampaignWriteSerializer(serializers.ModelSerializer):
    objectives = serializers.PrimaryKeyRelatedField(
        queryset=Objective.objects.filter(is_active=True), many=True, required=False
    )
    circle = serializers.PrimaryKeyRelatedField(
        queryset=Circle.objects.all(), allow_null=True, required=False
    )
    answer_deadline_days = serializers.IntegerField(min_value=1, max_value=365, required=False)

    class Meta:
        model = Campaign
        fields = [
            "title",
            "question",
            "description",
            "starts_on",
            "ends_on",
            "objectives",
            "circle",
            "answer_deadline_days",
        ]

    def validate_circle(self, circle):
        return _active_circle(circle)

    def validate(self, data):
        start = data.get("starts_on", getattr(self.instance, "starts_on", None))
        end = data.get("ends_on", getattr(self.instance, "ends_on", None))
        if start and end and end < start:
            raise serializers.ValidationError({"ends_on": _("La fin doit suivre le début.")})
        return data


class CampaignViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Campaigns (défis): anyone logged in reads them; admins and the circle's
    facilitators and lead links create and change them."""

    serializer_class = CampaignSerializer
    ability_for_action = {"partial_update": "update"}

    def get_abilities(self, obj):
        return permissions.campaign_abilities(self.request.user, obj)

    def get_queryset(self):
        return Campaign.objects.visible_to(self.request.user).prefetch_related("objectives")

    @extend_schema(request=CampaignWriteSerializer, responses={201: CampaignSerializer})
    def create(self, request):
        data = self.validated(CampaignWriteSerializer)
        if not permissions.can_create_campaign(request.user, data.get("circle")):
            raise PermissionDenied(_("Vous ne pouvez pas lancer de campagne pour ce périmètre."))
        with service_errors():
            campaign = services.campaign_create(by=request.user, **data)
        return self.respond(campaign, status.HTTP_201_CREATED)

    @extend_schema(request=CampaignWriteSerializer, responses=CampaignSerializer)
    def partial_update(self, request, pk=None):
        campaign = self.get_object()
        serializer = CampaignWriteSerializer(
            campaign, data=request.data, partial=True, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if "circle" in data and not permissions.can_create_campaign(request.user, data["circle"]):
            raise PermissionDenied(_("Vous ne pouvez pas lancer de campagne pour ce périmètre."))
        with service_errors():
            services.campaign_update(campaign=campaign, by=request.user, **data)
        return self.respond(campaign)


# --- Ideas ---------------------------------------------------------------------------


class IdeaAnswerSerializer(serializers.ModelSerializer):
    by_name = serializers.CharField(source="by.full_name", read_only=True, allow_null=True)

    class Meta:
        model = IdeaAnswer
        fields = ["id", "from_status", "to_status", "text", "by", "by_name", "at"]
        read_only_fields = fields


class IdeaSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    author_name = serializers.SerializerMethodField()
    abilities = AbilitiesField(permissions.idea_abilities)

    class Meta:
        model = Idea
        fields = [
            "id",
            "title",
            "body",
            "status",
            "status_label",
            "campaign",
            "circle",
            "objectives",
            "is_anonymous",
            "author",
            "author_name",
            "support_count",
            "submitted_at",
            "answer_due_on",
            "answered_at",
            "merged_into",
            "created_at",
            "abilities",
        ]
        read_only_fields = fields

    def get_author_name(self, idea) -> str | None:
        # An anonymous idea has no author row: nothing to show, whoever asks.
        return idea.author.full_name if idea.author_id else None


class IdeaDetailSerializer(IdeaSerializer):
    answers = IdeaAnswerSerializer(many=True, read_only=True)

    class Meta(IdeaSerializer.Meta):
        fields = [*IdeaSerializer.Meta.fields, "answers"]
        read_only_fields = fields


class IdeaCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=20000)
    anonymous = serializers.BooleanField(
        default=False, help_text=_("true : aucun lien avec vous n'est enregistré.")
    )
    draft = serializers.BooleanField(
        default=False, help_text=_("Brouillon (idées signées seulement).")
    )
    campaign = serializers.PrimaryKeyRelatedField(
        queryset=Campaign.objects.all(), allow_null=True, required=False
    )
    circle = serializers.PrimaryKeyRelatedField(
        queryset=Circle.objects.all(), allow_null=True, required=False
    )
    objectives = serializers.PrimaryKeyRelatedField(
        queryset=Objective.objects.filter(is_active=True), many=True, required=False
    )

    def validate_circle(self, circle):
        return _active_circle(circle)

    def validate(self, data):
        # The API takes no file; an anonymous idea carries none, say why rather than
        # drop it in silence.
        if data.get("anonymous") and "attachment" in self.initial_data:
            raise serializers.ValidationError({"attachment": [ANONYMOUS_ATTACHMENT_REFUSED]})
        return data


class IdeaFilters(serializers.Serializer):
    campaign = id_field(required=False)
    status = serializers.ChoiceField(choices=IdeaStatus.choices, required=False)
    objective = id_field(required=False)
    circle = id_field(required=False, help_text=_("Le cercle de l'idée, ou de sa campagne."))
    overdue = serializers.BooleanField(
        default=False, help_text=_("true : seulement les idées en retard de réponse.")
    )
    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    sort = serializers.ChoiceField(choices=["recent", "supported"], default="recent")


class TransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(
        choices=[c for c in IdeaStatus.choices if c[0] not in (IdeaStatus.DRAFT, IdeaStatus.MERGED)]
    )
    text = serializers.CharField(
        max_length=10000, allow_blank=True, help_text=_("La réponse publique, obligatoire.")
    )


class MergeSerializer(serializers.Serializer):
    into = id_field(help_text=_("L'idée qui reçoit celle-ci."))
    text = serializers.CharField(max_length=10000, allow_blank=True)


class SimilarSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")
    body = serializers.CharField(max_length=20000, allow_blank=True, required=False, default="")
    limit = serializers.IntegerField(min_value=1, max_value=SIMILAR_MAX, default=5)


SimilarResultsSerializer = inline_serializer(
    "SimilarIdeas",
    {
        "results": inline_serializer(
            "SimilarIdea",
            {
                "id": serializers.IntegerField(),
                "title": serializers.CharField(),
                "score": serializers.FloatField(),
            },
            many=True,
        )
    },
)


class CommentSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.full_name", read_only=True, allow_null=True)
    body = serializers.SerializerMethodField()
    hidden = serializers.BooleanField(source="is_hidden", read_only=True)

    class Meta:
        model = Comment
        fields = [
            "id",
            "parent",
            "author",
            "author_name",
            "body",
            "hidden",
            "hidden_reason",
            "created_at",
        ]
        read_only_fields = fields

    def get_body(self, comment) -> str:
        return "" if comment.is_hidden else comment.body


class CommentCreateSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=5000)
    parent = id_field(required=False, allow_null=True)


class IdeaViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Ideas: anyone logged in reads every idea but others' drafts, posts, supports and
    comments; the facilitators of the idea's circle (and admins) answer and merge."""

    serializer_class = IdeaSerializer
    filter_serializer = IdeaFilters
    ability_for_action = {
        "support": "support",
        "unsupport": "view",
        "transition": "answer",
        "merge": "merge",
        "comments": "view",
    }

    def get_abilities(self, obj):
        return permissions.idea_abilities(self.request.user, obj)

    def get_serializer_class(self):
        return IdeaDetailSerializer if self.action == "retrieve" else IdeaSerializer

    def get_queryset(self):
        user = self.request.user
        if self.action == "list":
            params = self.filters()
            qs = Idea.objects.listing(
                user,
                campaign_id=params.get("campaign"),
                status=params.get("status", ""),
                objective_id=params.get("objective"),
                circle_id=params.get("circle"),
                overdue_on=timezone.localdate() if params.get("overdue") else None,
                sort=params.get("sort", "recent"),
            )
            if params.get("q"):
                qs = filter_by_search(qs, params["q"], order=False)
            return qs.prefetch_related("objectives")
        qs = Idea.objects.visible_to(user).select_related("author", "campaign")
        if self.action == "retrieve":
            qs = qs.prefetch_related(
                "objectives",
                Prefetch("answers", queryset=IdeaAnswer.objects.select_related("by")),
            )
        return qs

    @extend_schema(request=IdeaCreateSerializer, responses={201: IdeaSerializer})
    def create(self, request):
        data = self.validated(IdeaCreateSerializer)
        campaign = data.get("campaign")
        if (
            campaign is not None
            and not permissions.campaign_abilities(request.user, campaign)["post_idea"]
        ):
            raise serializers.ValidationError(
                {"campaign": [_("Cette campagne n'est pas ouverte aux idées.")]}
            )
        with service_errors():
            idea = services.idea_create(by=request.user, **data)
        return self.respond(idea, status.HTTP_201_CREATED)

    @extend_schema(request=SimilarSerializer, responses=SimilarResultsSerializer)
    @action(detail=False, methods=["post"])
    def similar(self, request):
        """The ideas closest in meaning to a title and a text, best first, among those the
        caller may see."""
        data = self.validated(SimilarSerializer)
        results = []
        if f"{data['title']} {data['body']}".strip():
            from cercles.ideas.similarity import SUGGESTION_MIN_SCORE, find_similar

            # Weak matches are not worth suggesting (docs/similarity.md, "Minimum score").
            results = find_similar(
                Idea.objects.similar_candidates(request.user),
                data["title"],
                data["body"],
                limit=data["limit"],
                min_score=SUGGESTION_MIN_SCORE,
            )
        return Response(
            {
                "results": [
                    {"id": pk, "title": title, "score": round(float(score), 4)}
                    for pk, title, score in results
                ]
            }
        )

    @extend_schema(request=None, responses=IdeaSerializer)
    @action(detail=True, methods=["post"])
    def support(self, request, pk=None):
        idea = self.get_object()
        with service_errors():
            services.idea_support(idea=idea, person=request.user)
        return self.respond(idea)

    @extend_schema(request=None, responses=IdeaSerializer)
    @action(detail=True, methods=["post"])
    def unsupport(self, request, pk=None):
        idea = self.get_object()
        with service_errors():
            services.idea_unsupport(idea=idea, person=request.user)
        return self.respond(idea)

    @extend_schema(request=TransitionSerializer, responses=IdeaSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Change the idea's state with a public answer (a refusal needs its reason)."""
        idea = self.get_object()
        data = self.validated(TransitionSerializer)
        with service_errors():
            services.idea_transition(idea=idea, to=data["to"], text=data["text"], by=request.user)
        return self.respond(idea)

    @extend_schema(request=MergeSerializer, responses=IdeaSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        """Merge the idea into another one: supports and followers move over."""
        idea = self.get_object()
        data = self.validated(MergeSerializer)
        into = Idea.objects.visible_to(request.user).filter(pk=data["into"]).first()
        if into is None:
            raise serializers.ValidationError({"into": [_("Aucune idée ne porte ce numéro.")]})
        with service_errors():
            services.idea_merge(idea=idea, into=into, text=data["text"], by=request.user)
        return self.respond(idea)

    @extend_schema(methods=["GET"], request=None, responses=CommentSerializer(many=True))
    @extend_schema(
        methods=["POST"], request=CommentCreateSerializer, responses={201: CommentSerializer}
    )
    @action(detail=True, methods=["get", "post"])
    def comments(self, request, pk=None):
        """The idea's comments, oldest first (GET); comment or reply (POST)."""
        idea = self.get_object()
        if request.method == "POST":
            if not self.get_abilities(idea)["comment"]:
                raise PermissionDenied(_("Cette idée ne reçoit pas de commentaire."))
            data = self.validated(CommentCreateSerializer)
            parent = None
            if data.get("parent"):
                parent = Comment.objects.filter(idea=idea, pk=data["parent"]).first()
                if parent is None:
                    raise serializers.ValidationError(
                        {"parent": [_("Ce commentaire n'existe pas sur cette idée.")]}
                    )
            with service_errors():
                comment = services.comment_create(
                    idea=idea, author=request.user, body=data["body"], parent=parent
                )
            return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)
        comments = (
            Comment.objects.filter(idea=idea).select_related("author").order_by("created_at", "id")
        )
        page = self.paginate_queryset(comments)
        return self.get_paginated_response(CommentSerializer(page, many=True).data)


def register(router):
    router.register("campaigns", CampaignViewSet, basename="campaign")
    router.register("ideas", IdeaViewSet, basename="idea")
