"""REST API of the competencies module.

- Framework: families and competencies, read by everyone logged in, written by HR.
- Campaigns: read (HR see them all, others those that invite them).
- Assessments: read only, and only one's own and those their authors shared with the
  caller. A private self-assessment is never in any answer to anyone else.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status
from rest_framework.exceptions import PermissionDenied

from cercles.api.viewsets import ApiViewSet, id_field, service_errors
from cercles.organisation.api import AbilitiesField

from . import permissions, services
from .access import assessment_queryset
from .models import (
    Assessment,
    AssessmentCampaign,
    AssessmentRating,
    AssessmentStatus,
    Competency,
    CompetencyFamily,
    CompetencyKind,
    WorkAxis,
)
from .views.campaigns import campaigns_for


@extend_schema_field(
    {
        "type": "string",
        "description": "« technical » (technique) ou « behavioural » (savoir-être).",
    }
)
class KindField(serializers.ChoiceField):
    """The nature of a competency, a plain string in the schema: "kind" is a field name
    many apps use, and drf-spectacular's enum components of the same name collide
    (the lead may instead add CompetencyKindEnum to ENUM_NAME_OVERRIDES)."""

    def __init__(self, **kwargs):
        super().__init__(choices=CompetencyKind.choices, **kwargs)


# --- Framework -----------------------------------------------------------------------


class FamilySerializer(serializers.ModelSerializer):
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True)
    position = serializers.IntegerField(min_value=0, max_value=32767, required=False)

    class Meta:
        model = CompetencyFamily
        fields = ["id", "name", "description", "position", "archived_at"]
        read_only_fields = ["id", "archived_at"]


class FamilyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Competency families: everyone reads them; HR create and rename them."""

    serializer_class = FamilySerializer
    ability_for_action = {"partial_update": "update"}

    def get_abilities(self, obj):
        return {"update": permissions.can_manage_framework(self.request.user)}

    def get_queryset(self):
        return CompetencyFamily.objects.live().order_by("position", "name", "id")

    @extend_schema(request=FamilySerializer, responses={201: FamilySerializer})
    def create(self, request):
        if not permissions.can_manage_framework(request.user):
            raise PermissionDenied
        data = self.validated(FamilySerializer)
        with service_errors():
            family = services.family_create(by=request.user, **data)
        return self.respond(family, status.HTTP_201_CREATED)

    @extend_schema(request=FamilySerializer, responses={200: FamilySerializer})
    def partial_update(self, request, pk=None):
        family = self.get_object()
        data = self.validated(FamilySerializer, partial=True)
        with service_errors():
            services.family_update(family=family, by=request.user, **data)
        return self.respond(family)


class CompetencySerializer(serializers.ModelSerializer):
    family_name = serializers.CharField(source="family.name", read_only=True)
    kind = KindField(read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    source_label = serializers.CharField(source="get_source_display", read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    abilities = AbilitiesField(permissions.competency_abilities)

    class Meta:
        model = Competency
        fields = [
            "id",
            "family",
            "family_name",
            "name",
            "kind",
            "kind_label",
            "description",
            "level_1",
            "level_2",
            "level_3",
            "level_4",
            "source",
            "source_label",
            "external_id",
            "archived_at",
            "url",
            "abilities",
        ]
        read_only_fields = fields


class CompetencyWriteSerializer(serializers.Serializer):
    family = serializers.PrimaryKeyRelatedField(queryset=CompetencyFamily.objects.live())
    name = serializers.CharField(max_length=200)
    kind = KindField(required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    level_1 = serializers.CharField(required=False, allow_blank=True)
    level_2 = serializers.CharField(required=False, allow_blank=True)
    level_3 = serializers.CharField(required=False, allow_blank=True)
    level_4 = serializers.CharField(required=False, allow_blank=True)


class CompetencyFilters(serializers.Serializer):
    kind = KindField(required=False)
    family = id_field(required=False, help_text=_("Les compétences de cette famille."))
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text=_("Dans les noms.")
    )
    archived = serializers.BooleanField(
        default=False,
        help_text=_("true : les compétences archivées ; false (défaut) : les autres."),
    )


class CompetencyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """The competency framework: everyone logged in reads it; HR write it."""

    serializer_class = CompetencySerializer
    filter_serializer = CompetencyFilters
    ability_for_action = {"partial_update": "update"}

    def get_abilities(self, obj):
        return permissions.competency_abilities(self.request.user, obj)

    def get_queryset(self):
        competencies = Competency.objects.select_related("family")
        if self.action == "list":
            params = self.filters()
            competencies = competencies.filter(archived_at__isnull=not params["archived"])
            if params.get("kind"):
                competencies = competencies.filter(kind=params["kind"])
            if params.get("family"):
                competencies = competencies.filter(family_id=params["family"])
            if params.get("q"):
                competencies = competencies.filter(name__icontains=params["q"])
        return competencies

    @extend_schema(request=CompetencyWriteSerializer, responses={201: CompetencySerializer})
    def create(self, request):
        if not permissions.can_manage_framework(request.user):
            raise PermissionDenied
        data = self.validated(CompetencyWriteSerializer)
        with service_errors():
            competency = services.competency_create(by=request.user, **data)
        return self.respond(competency, status.HTTP_201_CREATED)

    @extend_schema(request=CompetencyWriteSerializer, responses={200: CompetencySerializer})
    def partial_update(self, request, pk=None):
        competency = self.get_object()
        data = self.validated(CompetencyWriteSerializer, partial=True)
        with service_errors():
            services.competency_update(competency=competency, by=request.user, **data)
        return self.respond(competency)


# --- Campaigns -----------------------------------------------------------------------


class AssessmentCampaignSerializer(serializers.ModelSerializer):
    audience_label = serializers.CharField(source="get_audience_display", read_only=True)
    is_open = serializers.SerializerMethodField()
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = AssessmentCampaign
        fields = [
            "id",
            "name",
            "description",
            "starts_on",
            "ends_on",
            "competencies",
            "allow_work_axes",
            "audience",
            "audience_label",
            "circles",
            "is_open",
            "archived_at",
            "url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.BooleanField())
    def get_is_open(self, campaign) -> bool:
        return campaign.is_open()


class CampaignViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Self-assessment campaigns: HR see them all, others those that invite them."""

    serializer_class = AssessmentCampaignSerializer

    def get_queryset(self):
        user = self.request.user
        if not (user and user.is_authenticated):
            return AssessmentCampaign.objects.none()
        campaigns = (
            AssessmentCampaign.objects.all()
            if permissions.can_manage_campaigns(user)
            else campaigns_for(user)
        )
        return campaigns.prefetch_related("competencies", "circles").order_by("-starts_on", "-id")


# --- Assessments ---------------------------------------------------------------------


class RatingSerializer(serializers.ModelSerializer):
    competency_name = serializers.CharField(source="competency.name", read_only=True)

    class Meta:
        model = AssessmentRating
        fields = ["competency", "competency_name", "level", "comment"]
        read_only_fields = fields


class WorkAxisSerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkAxis
        fields = ["title", "level", "comment"]
        read_only_fields = fields


class AssessmentSerializer(serializers.ModelSerializer):
    campaign_name = serializers.CharField(source="campaign.name", read_only=True)
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    ratings = RatingSerializer(many=True, read_only=True)
    work_axes = WorkAxisSerializer(many=True, read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "campaign",
            "campaign_name",
            "person",
            "person_name",
            "status",
            "submitted_at",
            "comment",
            "ratings",
            "work_axes",
            "url",
        ]
        read_only_fields = fields


class AssessmentFilters(serializers.Serializer):
    mine = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("true : les miennes ; false : celles que d'autres m'ont partagées."),
    )
    campaign = id_field(required=False, help_text=_("Celles de cette campagne."))
    status = serializers.ChoiceField(choices=AssessmentStatus.choices, required=False)


class AssessmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Self-assessments: the caller's own, and those their authors shared with him."""

    serializer_class = AssessmentSerializer
    filter_serializer = AssessmentFilters

    def get_queryset(self):
        user = self.request.user
        if not (user and user.is_authenticated):
            return Assessment.objects.none()
        assessments = assessment_queryset().visible_to(user)
        if self.action == "list":
            params = self.filters()
            if params.get("mine") is True:
                assessments = assessments.filter(person=user)
            elif params.get("mine") is False:
                assessments = assessments.exclude(person=user)
            if params.get("campaign"):
                assessments = assessments.filter(campaign_id=params["campaign"])
            if params.get("status"):
                assessments = assessments.filter(status=params["status"])
        return assessments.order_by("-id")


def register(router):
    router.register("competencies/families", FamilyViewSet, basename="competency-family")
    router.register("competencies/campaigns", CampaignViewSet, basename="competency-campaign")
    router.register("competencies/assessments", AssessmentViewSet, basename="competency-assessment")
    router.register("competencies/framework", CompetencyViewSet, basename="competency")
