"""REST API of elections: list and read them (who nominated whom only once revealed,
or for the election's facilitator), write one's nomination (or change it after the
reveal) and raise an objection. The other steps are the facilitator's, on the pages."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from cercles.accounts.models import Person
from cercles.api.viewsets import ApiViewSet, id_field, service_errors
from cercles.organisation.api import AbilitiesField
from cercles.organisation.permissions import forget

from . import permissions, services
from .models import (
    Election,
    ElectionStatus,
    Nomination,
    NominationChange,
    Objection,
    Proposal,
)


class ElectionSerializer(serializers.ModelSerializer):
    circle_name = serializers.CharField(source="circle.name", read_only=True)
    role_name = serializers.CharField(source="role.name", read_only=True)
    core_role = serializers.CharField(source="role.core_role", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    nomination_count = serializers.SerializerMethodField()
    abilities = AbilitiesField(permissions.election_abilities)

    class Meta:
        model = Election
        fields = [
            "id",
            "circle",
            "circle_name",
            "role",
            "role_name",
            "core_role",
            "meeting",
            "status",
            "status_label",
            "description",
            "term_start",
            "term_end",
            "share",
            "facilitator",
            "candidate",
            "elected",
            "assignment",
            "nomination_count",
            "revealed_at",
            "elected_at",
            "cancelled_at",
            "created_at",
            "abilities",
        ]
        read_only_fields = fields

    def get_nomination_count(self, election) -> int:
        if hasattr(election, "nomination_total"):
            return election.nomination_total
        return election.nominations.count()


class ChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = NominationChange
        fields = ["previous_candidate", "candidate", "reason", "at"]
        read_only_fields = fields


class NominationSerializer(serializers.ModelSerializer):
    nominator_name = serializers.CharField(source="nominator.full_name", read_only=True)
    candidate_name = serializers.CharField(source="candidate.full_name", read_only=True)
    changes = ChangeSerializer(many=True, read_only=True)

    class Meta:
        model = Nomination
        fields = [
            "nominator",
            "nominator_name",
            "candidate",
            "candidate_name",
            "reason",
            "created_at",
            "changes",
        ]
        read_only_fields = fields


class ObjectionSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = Objection
        fields = [
            "id",
            "person",
            "person_name",
            "reason",
            "raised_at",
            "resolution",
            "resolution_note",
            "resolved_at",
        ]
        read_only_fields = fields


class ProposalSerializer(serializers.ModelSerializer):
    candidate_name = serializers.CharField(source="candidate.full_name", read_only=True)
    objections = ObjectionSerializer(many=True, read_only=True)

    class Meta:
        model = Proposal
        fields = [
            "number",
            "candidate",
            "candidate_name",
            "reason",
            "status",
            "proposed_at",
            "accepted_at",
            "objections",
        ]
        read_only_fields = fields


class ElectionDetailSerializer(ElectionSerializer):
    nominations = serializers.SerializerMethodField(
        help_text=_(
            "Qui a nommé qui : null tant que les nominations ne sont pas révélées (sauf pour "
            "le facilitateur de l'élection)."
        )
    )
    my_nomination = serializers.SerializerMethodField()
    proposals = ProposalSerializer(many=True, read_only=True)

    class Meta(ElectionSerializer.Meta):
        fields = [*ElectionSerializer.Meta.fields, "nominations", "my_nomination", "proposals"]
        read_only_fields = fields

    def _all(self, election):
        return list(election.nominations.all())

    @extend_schema_field(NominationSerializer(many=True, allow_null=True))
    def get_nominations(self, election) -> list[dict] | None:
        user = self.context["request"].user
        if not permissions.election_abilities(user, election)["see_nominations"]:
            return None
        return NominationSerializer(self._all(election), many=True).data

    @extend_schema_field(NominationSerializer(allow_null=True))
    def get_my_nomination(self, election) -> dict | None:
        user = self.context["request"].user
        mine = next((n for n in self._all(election) if n.nominator_id == user.pk), None)
        return NominationSerializer(mine).data if mine else None


class NominateSerializer(serializers.Serializer):
    candidate = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.filter(is_active=True),
        help_text=_("La personne nommée (un membre du cercle)."),
    )
    reason = serializers.CharField(
        max_length=2000,
        allow_blank=True,
        required=False,
        default="",
        help_text=_("Pourquoi elle ; obligatoire pour changer sa nomination après la révélation."),
    )


class ObjectSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=2000, help_text=_("Ce que cette élection empêcherait ou abîmerait.")
    )


class ElectionFilters(serializers.Serializer):
    circle = id_field(required=False, help_text=_("Les élections de ce cercle."))
    status = serializers.ChoiceField(choices=ElectionStatus.choices, required=False)


class ElectionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Elections of the circles' elected roles (facilitator, secretary, rep link)."""

    serializer_class = ElectionSerializer
    filter_serializer = ElectionFilters
    # The services check each step precisely (who, at which step).
    ability_for_action = {"nominate": "view", "object": "answer"}

    def get_abilities(self, obj):
        return permissions.election_abilities(self.request.user, obj)

    def get_serializer_class(self):
        if self.action in ("retrieve", "nominate", "object"):
            return ElectionDetailSerializer
        return ElectionSerializer

    def get_queryset(self):
        user = self.request.user
        if not (user and user.is_authenticated):  # the schema generator's anonymous user
            return Election.objects.none()
        elections = Election.objects.visible_to(user).select_related("circle", "role")
        if self.action == "list":
            params = self.filters()
            if params.get("circle"):
                elections = elections.filter(circle_id=params["circle"])
            if params.get("status"):
                elections = elections.filter(status=params["status"])
            elections = elections.annotate(nomination_total=Count("nominations"))
        else:
            elections = elections.prefetch_related(
                Prefetch(
                    "nominations",
                    queryset=Nomination.objects.select_related(
                        "nominator", "candidate"
                    ).prefetch_related("changes"),
                ),
                Prefetch(
                    "proposals",
                    queryset=Proposal.objects.select_related("candidate").prefetch_related(
                        Prefetch("objections", queryset=Objection.objects.select_related("person"))
                    ),
                ),
            )
        return elections.order_by("-created_at", "-id")

    def _respond(self, election):
        """The election as `retrieve` shows it, read again after the step."""
        permissions.forget(self.request.user)
        forget(self.request.user)
        fresh = self.get_queryset().get(pk=election.pk)
        return Response(ElectionDetailSerializer(fresh, context=self.get_serializer_context()).data)

    @extend_schema(request=NominateSerializer, responses=ElectionDetailSerializer)
    @action(detail=True, methods=["post"])
    def nominate(self, request, pk=None):
        """Write one's nomination (secret until the reveal; rewritten until then), or,
        after the reveal, change it with a reason."""
        election = self.get_object()
        data = self.validated(NominateSerializer)
        changing = election.status == ElectionStatus.CHANGING
        with service_errors():
            try:
                if changing:
                    services.nomination_change(
                        election=election,
                        by=request.user,
                        candidate=data["candidate"],
                        reason=data["reason"],
                    )
                else:
                    services.nominate(
                        election=election,
                        by=request.user,
                        candidate=data["candidate"],
                        reason=data["reason"],
                    )
            except DjangoPermissionDenied as exc:
                raise PermissionDenied(str(exc) or None) from exc
        return self._respond(election)

    @extend_schema(request=ObjectSerializer, responses=ElectionDetailSerializer)
    @action(detail=True, methods=["post"])
    def object(self, request, pk=None):
        """Raise an objection to the proposal in progress, with its reason."""
        election = self.get_object()
        data = self.validated(ObjectSerializer)
        with service_errors():
            try:
                services.election_answer(
                    election=election, by=request.user, objection=True, reason=data["reason"]
                )
            except DjangoPermissionDenied as exc:
                raise PermissionDenied(str(exc) or None) from exc
        return self._respond(election)


def register(router):
    router.register("elections", ElectionViewSet, basename="election")
