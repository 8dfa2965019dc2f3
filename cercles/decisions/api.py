"""REST API of proposals and decisions: read what one may see (lists cost a constant
number of queries), write a proposal (with its governance changes), object, and attach
a dissent note. The steps a facilitator drives stay on the pages; every write goes
through the services, whose ValidationError becomes a 400 and PermissionDenied a 403."""

from contextlib import contextmanager

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from cercles.accounts.models import Person
from cercles.api.viewsets import ApiViewSet, id_field, service_errors
from cercles.meetings.models import AgendaItem, Meeting, Participant
from cercles.organisation.api import AbilitiesField
from cercles.organisation.models import Assignment, Circle, Role

from . import permissions, services
from .models import (
    ChangeKind,
    Decision,
    DecisionOutcome,
    DissentNote,
    Objection,
    ObjectionStatus,
    Process,
    Proposal,
    ProposalKind,
    ProposalStatus,
    Step,
)
from .views.common import forget as permissions_forget
from .views.decisions import with_counts


def _with_my_participation(queryset, user, prefix="meeting"):
    """The user's participant row and the other circles of each meeting, prefetched:
    the abilities of a page cost no query per row."""
    return queryset.prefetch_related(
        f"{prefix}__other_circles",
        Prefetch(
            f"{prefix}__participants",
            queryset=Participant.objects.filter(person=user),
            to_attr="my_participation",
        ),
    )


@contextmanager
def service_call():
    """A service's ValidationError is a 400, its PermissionDenied a 403."""
    try:
        with service_errors():
            yield
    except DjangoPermissionDenied as exc:
        raise PermissionDenied(str(exc) or None) from exc


# --- read ------------------------------------------------------------------------------


class ProposalVersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    text = serializers.CharField()
    note = serializers.CharField()
    author = serializers.IntegerField(source="author_id", allow_null=True)
    created_at = serializers.DateTimeField()


class GovernanceChangeItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    title = serializers.SerializerMethodField()
    rows = serializers.SerializerMethodField(
        help_text=_("[champ, avant, après] pour chaque champ changé.")
    )
    applied_at = serializers.DateTimeField(allow_null=True)

    def get_title(self, item) -> str:
        return services.describe(item)["title"]

    def get_rows(self, item) -> list[list[str]]:
        return [list(row) for row in services.describe(item)["rows"]]


class ProposalObjectionSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.full_name", default=None, read_only=True)
    version = serializers.IntegerField(source="version.number", read_only=True)
    integrated_in = serializers.IntegerField(
        source="integrated_in.number", default=None, read_only=True
    )
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Objection
        fields = [
            "id",
            "proposal",
            "version",
            "author",
            "author_name",
            "reason",
            "created_at",
            "during_consultation",
            "status",
            "status_label",
            "harm",
            "caused",
            "known",
            "limits",
            "test_reason",
            "tested_by",
            "tested_at",
            "integrated_in",
            "integration_note",
        ]
        read_only_fields = fields


class ProposalSummarySerializer(serializers.ModelSerializer):
    proposer_name = serializers.CharField(source="proposer.full_name", default=None, read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    process_label = serializers.CharField(source="get_process_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    # Declared so that the schema allows the blank step (read-only model fields lose
    # allow_blank, and drf-spectacular then leaves "" out of the enum).
    step = serializers.ChoiceField(choices=Step.choices, allow_blank=True, read_only=True)
    step_label = serializers.CharField(source="get_step_display", read_only=True)
    decision = serializers.SerializerMethodField()
    abilities = AbilitiesField(permissions.proposal_abilities)

    class Meta:
        model = Proposal
        fields = [
            "id",
            "circle",
            "meeting",
            "agenda_item",
            "proposer",
            "proposer_name",
            "title",
            "kind",
            "kind_label",
            "process",
            "process_label",
            "status",
            "status_label",
            "step",
            "step_label",
            "closes_at",
            "decided_at",
            "decision",
            "created_at",
            "abilities",
        ]
        read_only_fields = fields

    def get_decision(self, proposal) -> int | None:
        decision = getattr(proposal, "decision", None) if proposal.is_final else None
        return decision.pk if decision else None


class ProposalDetailSerializer(ProposalSummarySerializer):
    versions = ProposalVersionSerializer(many=True, read_only=True)
    changes = serializers.SerializerMethodField()
    objections = ProposalObjectionSerializer(many=True, read_only=True)

    class Meta(ProposalSummarySerializer.Meta):
        fields = [
            *ProposalSummarySerializer.Meta.fields,
            "tension",
            "text",
            "versions",
            "changes",
            "objections",
        ]
        read_only_fields = fields

    @extend_schema(responses=GovernanceChangeItemSerializer(many=True))
    def get_changes(self, proposal) -> list[dict]:
        return GovernanceChangeItemSerializer(services.items_for_display(proposal), many=True).data


class DissentNoteSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.full_name", read_only=True)
    abilities = serializers.SerializerMethodField()

    class Meta:
        model = DissentNote
        fields = [
            "id",
            "decision",
            "author",
            "author_name",
            "text",
            "created_at",
            "updated_at",
            "abilities",
        ]
        read_only_fields = fields

    def get_abilities(self, note) -> dict[str, bool]:
        return _note_abilities(self.context["request"].user, note)


class DecisionSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    process_label = serializers.CharField(source="get_process_display", read_only=True)
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)
    objection_count = serializers.IntegerField(read_only=True)
    dissent_count = serializers.IntegerField(read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    abilities = AbilitiesField(permissions.decision_abilities)

    class Meta:
        model = Decision
        fields = [
            "id",
            "proposal",
            "circle",
            "meeting",
            "title",
            "kind",
            "kind_label",
            "process",
            "process_label",
            "outcome",
            "outcome_label",
            "asynchronous",
            "decided_at",
            "objection_count",
            "dissent_count",
            "url",
            "abilities",
        ]
        read_only_fields = fields


class DecisionDetailSerializer(DecisionSerializer):
    version = serializers.IntegerField(source="version.number", read_only=True)
    objections = serializers.SerializerMethodField()
    dissent_notes = DissentNoteSerializer(many=True, read_only=True)
    changes = serializers.SerializerMethodField()

    class Meta(DecisionSerializer.Meta):
        fields = [
            *DecisionSerializer.Meta.fields,
            "tension",
            "text",
            "reason",
            "version",
            "proposer",
            "decided_by",
            "objections",
            "dissent_notes",
            "changes",
        ]
        read_only_fields = fields

    @extend_schema(responses=ProposalObjectionSerializer(many=True))
    def get_objections(self, decision) -> list[dict]:
        objections = Objection.objects.filter(proposal_id=decision.proposal_id).select_related(
            "author", "version", "integrated_in"
        )
        return ProposalObjectionSerializer(objections, many=True).data

    @extend_schema(responses=GovernanceChangeItemSerializer(many=True))
    def get_changes(self, decision) -> list[dict]:
        if decision.kind != ProposalKind.GOVERNANCE:
            return []
        return GovernanceChangeItemSerializer(
            services.items_for_display(decision.proposal), many=True
        ).data


# --- write -----------------------------------------------------------------------------


class ChangeWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ChangeKind.choices)
    role = serializers.PrimaryKeyRelatedField(queryset=Role.objects.all(), required=False)
    new_role_index = serializers.IntegerField(
        min_value=0,
        required=False,
        help_text=_("Pour une affectation : l'indice, dans cette liste, du rôle qu'elle crée."),
    )
    target_circle = serializers.PrimaryKeyRelatedField(
        queryset=Circle.objects.all(), required=False
    )
    person = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.filter(is_active=True), required=False
    )
    assignment = serializers.PrimaryKeyRelatedField(
        queryset=Assignment.objects.all(), required=False
    )
    name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    purpose = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    accountabilities = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    domains = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    share = serializers.IntegerField(min_value=0, max_value=100, required=False)
    focus = serializers.CharField(max_length=300, required=False, allow_blank=True)


class ProposalWriteSerializer(serializers.Serializer):
    circle = serializers.PrimaryKeyRelatedField(queryset=Circle.objects.active())
    meeting = serializers.PrimaryKeyRelatedField(
        queryset=Meeting.objects.all(), required=False, allow_null=True
    )
    agenda_item = serializers.PrimaryKeyRelatedField(
        queryset=AgendaItem.objects.all(), required=False, allow_null=True
    )
    title = serializers.CharField(max_length=200)
    tension = serializers.CharField(max_length=20000)
    text = serializers.CharField(max_length=20000)
    kind = serializers.ChoiceField(choices=ProposalKind.choices, required=False)
    process = serializers.ChoiceField(choices=Process.choices, required=False)
    changes = ChangeWriteSerializer(many=True, required=False)
    submit = serializers.BooleanField(
        default=False, help_text=_("true : déposée tout de suite ; false : un brouillon.")
    )

    def validate(self, data):
        changes = data.get("changes") or []
        if changes and data.get("kind") != ProposalKind.GOVERNANCE:
            raise serializers.ValidationError(
                {"changes": _("Seule une proposition de gouvernance porte des changements.")}
            )
        for index, change in enumerate(changes):
            ref = change.get("new_role_index")
            if ref is not None and (ref >= index or changes[ref]["kind"] != ChangeKind.ROLE_CREATE):
                raise serializers.ValidationError(
                    {"changes": _("new_role_index désigne un rôle créé plus haut dans la liste.")}
                )
        return data


class ObjectionWriteSerializer(serializers.Serializer):
    proposal = id_field()
    reason = serializers.CharField(max_length=5000)


class DissentNoteWriteSerializer(serializers.Serializer):
    decision = id_field()
    text = serializers.CharField(max_length=5000)


class DissentNoteUpdateSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=5000)


# --- viewsets --------------------------------------------------------------------------


class ProposalFilters(serializers.Serializer):
    circle = id_field(required=False, help_text=_("Les propositions de ce cercle."))
    meeting = id_field(required=False, help_text=_("Les propositions de cette réunion."))
    status = serializers.ChoiceField(choices=ProposalStatus.choices, required=False)
    kind = serializers.ChoiceField(choices=ProposalKind.choices, required=False)


class ProposalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Proposals one may see (of one's circles and meetings; drafts: one's own)."""

    serializer_class = ProposalSummarySerializer
    filter_serializer = ProposalFilters

    def get_abilities(self, obj):
        return permissions.proposal_abilities(self.request.user, obj)

    def get_serializer_class(self):
        return ProposalDetailSerializer if self.action == "retrieve" else ProposalSummarySerializer

    def get_queryset(self):
        user = self.request.user
        if not (user and user.is_authenticated):  # the schema generator's anonymous user
            return Proposal.objects.none()
        proposals = _with_my_participation(
            Proposal.objects.visible_to(user).select_related("proposer", "meeting", "decision"),
            user,
        )
        if self.action == "retrieve":
            return proposals.prefetch_related(
                "versions",
                Prefetch(
                    "objections",
                    queryset=Objection.objects.select_related("author", "version", "integrated_in"),
                ),
            )
        params = self.filters()
        for field in ("circle", "meeting"):
            if params.get(field):
                proposals = proposals.filter(**{f"{field}_id": params[field]})
        for field in ("status", "kind"):
            if params.get(field):
                proposals = proposals.filter(**{field: params[field]})
        return proposals.order_by("-created_at", "-id")

    @extend_schema(request=ProposalWriteSerializer, responses={201: ProposalDetailSerializer})
    def create(self, request):
        data = dict(self.validated(ProposalWriteSerializer))
        changes = data.pop("changes", None) or []
        submit = data.pop("submit")
        with service_call(), transaction.atomic():
            proposal = services.proposal_create(by=request.user, **data)
            created = []
            for change in changes:
                change = dict(change)
                ref = change.pop("new_role_index", None)
                if ref is not None:
                    change["new_role"] = created[ref]
                kind = change.pop("kind")
                created.append(
                    services.change_add(proposal=proposal, by=request.user, kind=kind, **change)
                )
            if submit:
                services.proposal_submit(proposal=proposal, by=request.user)
        fresh = self.get_queryset().filter(pk=proposal.pk).first() or proposal
        permissions_forget(request.user)
        return Response(
            ProposalDetailSerializer(fresh, context=self.get_serializer_context()).data,
            status.HTTP_201_CREATED,
        )


class DecisionFilters(serializers.Serializer):
    circle = id_field(required=False, help_text=_("Les décisions de ce cercle."))
    meeting = id_field(required=False, help_text=_("Les décisions prises dans cette réunion."))
    outcome = serializers.ChoiceField(choices=DecisionOutcome.choices, required=False)
    kind = serializers.ChoiceField(choices=ProposalKind.choices, required=False)


class DecisionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Decisions one may see, with their objections and dissent notes."""

    serializer_class = DecisionSerializer
    filter_serializer = DecisionFilters

    def get_abilities(self, obj):
        return permissions.decision_abilities(self.request.user, obj)

    def get_serializer_class(self):
        return DecisionDetailSerializer if self.action == "retrieve" else DecisionSerializer

    def get_queryset(self):
        user = self.request.user
        if not (user and user.is_authenticated):
            return Decision.objects.none()
        decisions = _with_my_participation(
            with_counts(Decision.objects.visible_to(user)).select_related("meeting"), user
        )
        if self.action == "retrieve":
            return decisions.select_related("version", "proposal").prefetch_related(
                Prefetch("dissent_notes", queryset=DissentNote.objects.select_related("author"))
            )
        params = self.filters()
        for field in ("circle", "meeting"):
            if params.get(field):
                decisions = decisions.filter(**{f"{field}_id": params[field]})
        for field in ("outcome", "kind"):
            if params.get(field):
                decisions = decisions.filter(**{field: params[field]})
        return decisions.order_by("-decided_at", "-id")


class ObjectionFilters(serializers.Serializer):
    proposal = id_field(required=False, help_text=_("Les objections à cette proposition."))
    status = serializers.ChoiceField(choices=ObjectionStatus.choices, required=False)


class ObjectionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ApiViewSet
):
    """Objections to the proposals (and decisions) one may see; raise one on a proposal
    in its objection round or under consultation."""

    serializer_class = ProposalObjectionSerializer
    filter_serializer = ObjectionFilters

    def get_queryset(self):
        user = self.request.user
        if not (user and user.is_authenticated):
            return Objection.objects.none()
        objections = Objection.objects.filter(
            Q(proposal__in=Proposal.objects.visible_to(user).values("pk"))
            | Q(proposal__decision__in=Decision.objects.visible_to(user).values("pk"))
        ).select_related("author", "version", "integrated_in")
        if self.action == "list":
            params = self.filters()
            if params.get("proposal"):
                objections = objections.filter(proposal_id=params["proposal"])
            if params.get("status"):
                objections = objections.filter(status=params["status"])
        return objections.order_by("created_at", "id")

    @extend_schema(request=ObjectionWriteSerializer, responses={201: ProposalObjectionSerializer})
    def create(self, request):
        data = self.validated(ObjectionWriteSerializer)
        proposal = Proposal.objects.visible_to(request.user).filter(pk=data["proposal"]).first()
        if proposal is None:
            raise serializers.ValidationError({"proposal": [_("Cette proposition n'existe pas.")]})
        with service_call():
            objection = services.objection_raise(
                proposal=proposal, by=request.user, reason=data["reason"]
            )
        return self.respond(objection, status.HTTP_201_CREATED)


def _note_abilities(user, note) -> dict[str, bool]:
    mine = bool(user and user.is_authenticated and note.author_id == user.pk)
    return {"update": mine, "delete": mine}


class DissentNoteFilters(serializers.Serializer):
    decision = id_field(required=False, help_text=_("Les opinions jointes à cette décision."))


class DissentNoteViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    ApiViewSet,
):
    """Minority opinions on the decisions one may see; write (or rewrite) one's own on
    an adopted decision one took part in, change it, remove it."""

    serializer_class = DissentNoteSerializer
    filter_serializer = DissentNoteFilters
    ability_for_action = {"partial_update": "update", "destroy": "delete"}

    def get_abilities(self, obj):
        return _note_abilities(self.request.user, obj)

    def get_queryset(self):
        user = self.request.user
        if not (user and user.is_authenticated):
            return DissentNote.objects.none()
        notes = DissentNote.objects.filter(
            decision__in=Decision.objects.visible_to(user).values("pk")
        ).select_related("author")
        if self.action == "list":
            params = self.filters()
            if params.get("decision"):
                notes = notes.filter(decision_id=params["decision"])
        return notes.order_by("created_at", "id")

    @extend_schema(request=DissentNoteWriteSerializer, responses={201: DissentNoteSerializer})
    def create(self, request):
        data = self.validated(DissentNoteWriteSerializer)
        decision = Decision.objects.visible_to(request.user).filter(pk=data["decision"]).first()
        if decision is None:
            raise serializers.ValidationError({"decision": [_("Cette décision n'existe pas.")]})
        with service_call():
            note = services.dissent_note_save(decision=decision, by=request.user, text=data["text"])
        return self.respond(note, status.HTTP_201_CREATED)

    @extend_schema(request=DissentNoteUpdateSerializer, responses=DissentNoteSerializer)
    def partial_update(self, request, pk=None):
        note = self.get_object()
        data = self.validated(DissentNoteUpdateSerializer)
        with service_call():
            note = services.dissent_note_save(
                decision=note.decision, by=request.user, text=data["text"]
            )
        return self.respond(note)

    def perform_destroy(self, instance):
        with service_call():
            services.dissent_note_delete(note=instance, by=self.request.user)


def register(router):
    router.register("proposals", ProposalViewSet, basename="proposal")
    router.register("decisions", DecisionViewSet, basename="decision")
    router.register("objections", ObjectionViewSet, basename="objection")
    router.register("dissent-notes", DissentNoteViewSet, basename="dissent-note")
