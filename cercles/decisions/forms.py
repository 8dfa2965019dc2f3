"""Forms of the proposal and decision pages: they turn bad input into French messages;
the services keep the rules (their ValidationError is attached to the form by the view)."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cercles.accounts.models import Person
from cercles.meetings.models import AgendaItem, Meeting, MeetingStatus
from cercles.organisation.forms import LinesField, focus_field, share_field
from cercles.organisation.models import Assignment, CoreRole, Role

from .models import CRITERIA, ChangeKind, ObjectionStatus, Process, ProposalKind
from .services.common import NOTE_MAX, TEXT_MAX

K = ChangeKind


def _text(label, *, required=True, rows=4, max_length=NOTE_MAX, message=None, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": message or _("Ce champ est obligatoire."),
            "max_length": _("Au plus %(limit_value)d caractères (vous en avez %(show_value)d)."),
        },
    )


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{timezone.localtime(obj.starts_at):%d/%m/%Y %H:%M} — {obj.title}"


class AgendaItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.meeting.title} — {obj.title}"


class ProposalForm(forms.Form):
    title = forms.CharField(
        label=_("Titre"),
        max_length=200,
        error_messages={"required": _("Donnez un titre à la proposition.")},
    )
    tension = _text(
        _("Tension"),
        rows=3,
        message=_("Décrivez la tension à laquelle la proposition répond."),
        help_text=_("Ce qui manque ou gêne aujourd'hui, concrètement."),
    )
    text = _text(
        _("Proposition"),
        rows=8,
        max_length=TEXT_MAX,
        message=_("Écrivez la proposition."),
        help_text=_("Markdown accepté : **gras**, *italique*, listes avec « - »."),
    )
    kind = forms.ChoiceField(
        label=_("Nature"),
        choices=ProposalKind.choices,
        help_text=_(
            "Une proposition de gouvernance change les rôles, les sous-cercles ou les "
            "affectations du cercle : vous ajouterez ces changements ensuite."
        ),
    )
    process = forms.ChoiceField(
        label=_("Processus de décision"),
        choices=Process.choices,
        help_text=_(
            "Consentement : réactions, objections, intégration. Décision intégrative : "
            "présentation, questions de clarification, réactions, amendement, objections, "
            "intégration."
        ),
    )
    meeting = MeetingChoiceField(
        label=_("Réunion"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("Aucune pour l'instant"),
    )
    agenda_item = AgendaItemChoiceField(
        label=_("Point de l'ordre du jour"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("Aucun"),
    )

    FIELDS = ("title", "tension", "text", "kind", "process", "meeting", "agenda_item")

    def __init__(self, *args, circle, current_meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        meetings = Meeting.objects.filter(circle=circle).exclude(status=MeetingStatus.CLOSED)
        if current_meeting is not None:
            meetings = meetings | Meeting.objects.filter(pk=current_meeting.pk)
        meetings = meetings.order_by("starts_at", "id")
        self.fields["meeting"].queryset = meetings
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(
            meeting__in=meetings
        ).select_related("meeting")

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.FIELDS}


class ConsultForm(forms.Form):
    closes_at = forms.DateTimeField(
        label=_("Clôture de la consultation"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Entre 24 heures et 60 jours à partir de maintenant."),
        error_messages={
            "required": _("Indiquez la date de clôture."),
            "invalid": _("Indiquez une date et une heure, par exemple 2025-03-14 18:00."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default = timezone.localtime() + datetime.timedelta(days=7)
        self.fields["closes_at"].initial = default.replace(second=0, microsecond=0)

    def clean_closes_at(self):
        value = self.cleaned_data["closes_at"]
        if value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value


class ReactionForm(forms.Form):
    text = _text(_("Votre réaction"), rows=3, message=_("Écrivez votre réaction."))

    def __init__(self, *args, **kwargs):
        # Several small forms share the proposal page: ids of their own.
        kwargs.setdefault("auto_id", "reaction-%s")
        super().__init__(*args, **kwargs)


class QuestionForm(forms.Form):
    text = _text(_("Votre question"), rows=2, message=_("Écrivez votre question."))

    def __init__(self, *args, **kwargs):
        # Several small forms share the proposal page: ids of their own.
        kwargs.setdefault("auto_id", "question-%s")
        super().__init__(*args, **kwargs)


class AnswerForm(forms.Form):
    answer = _text(_("Réponse"), rows=2, message=_("Écrivez la réponse."))


class ObjectionForm(forms.Form):
    reason = _text(
        _("Votre objection"),
        rows=3,
        message=_("Dites en quoi la proposition ferait du tort : une objection a une raison."),
        help_text=_(
            "En quoi adopter cette proposition ferait-il du tort au cercle ou à l'un de vos rôles ?"
        ),
    )

    def __init__(self, *args, **kwargs):
        # Several small forms share the proposal page: ids of their own.
        kwargs.setdefault("auto_id", "objection-%s")
        super().__init__(*args, **kwargs)


class MeetingRequestForm(forms.Form):
    reason = _text(_("Pourquoi en parler en réunion ? (facultatif)"), required=False, rows=2)

    def __init__(self, *args, **kwargs):
        # Several small forms share the proposal page: ids of their own.
        kwargs.setdefault("auto_id", "meeting-request-%s")
        super().__init__(*args, **kwargs)


class OutcomeForm(forms.Form):
    reason = _text(_("Motif"), required=False, rows=2)

    def __init__(self, *args, **kwargs):
        # Several small forms share the proposal page: ids of their own.
        kwargs.setdefault("auto_id", "outcome-%s")
        super().__init__(*args, **kwargs)


class AmendForm(forms.Form):
    title = forms.CharField(
        label=_("Titre"),
        max_length=200,
        error_messages={"required": _("Donnez un titre à la proposition.")},
    )
    text = _text(
        _("Proposition amendée"),
        rows=8,
        max_length=TEXT_MAX,
        message=_("Écrivez la proposition amendée."),
        help_text=_("Markdown accepté."),
    )
    note = _text(_("Ce qui change"), required=False, rows=2)
    integrates = forms.ModelMultipleChoiceField(
        label=_("Objections intégrées par cet amendement"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    integration_note = _text(
        _("Comment l'amendement intègre ces objections"),
        required=False,
        rows=3,
        help_text=_("Obligatoire si vous cochez une objection ; il figure dans la décision."),
    )

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["integrates"]
        field.queryset = proposal.objections.filter(status=ObjectionStatus.VALID).select_related(
            "author"
        )
        field.label_from_instance = lambda o: (
            f"{o.author.full_name if o.author else '?'} : {o.reason}"
        )

    def clean(self):
        data = super().clean()
        if data.get("integrates") and not (data.get("integration_note") or "").strip():
            self.add_error(
                "integration_note", _("Dites comment la proposition amendée intègre l'objection.")
            )
        return data


class ObjectionTestForm(forms.Form):
    reason = _text(
        _("Motif du test"),
        rows=3,
        message=_("Donnez le motif du test : ce que l'objecteur a répondu aux questions."),
        help_text=_("Ce que l'objecteur a répondu aux questions, et pourquoi vous concluez ainsi."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = {}
        for name, label in CRITERIA:
            fields[name] = forms.BooleanField(label=label, required=False)
        fields["reason"] = self.fields["reason"]
        self.fields = fields

    def criteria(self):
        return [self[name] for name, _label in CRITERIA]


class DissentForm(forms.Form):
    text = _text(
        _("Votre opinion minoritaire"),
        rows=5,
        message=_("Écrivez votre opinion minoritaire."),
        help_text=_("Ce que vous pensez de la décision et que vous voulez voir gardé avec elle."),
    )


# --- governance changes ------------------------------------------------------------


class PersonField(forms.CharField):
    """A person by e-mail address or matricule (the directory may hold thousands)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Personne"))
        kwargs.setdefault("max_length", 254)
        kwargs.setdefault("help_text", _("Son adresse e-mail ou son matricule."))
        kwargs.setdefault(
            "error_messages",
            {"required": _("Indiquez l'adresse e-mail ou le matricule de la personne.")},
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value).strip()
        people = Person.objects.filter(is_active=True)
        if "@" in value:
            person = people.filter(email__iexact=value).first()
        else:
            person = people.filter(matricule__iexact=value).exclude(matricule="").first()
        if person is None:
            raise forms.ValidationError(
                _(
                    "Aucune personne active ne correspond à « %(value)s ». Saisissez son adresse e-mail ou son matricule."
                ),
                params={"value": value},
            )
        return person


class RoleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class AssignmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.person.full_name} — {obj.role.name} ({obj.share} %)"


class ChangeForm(forms.Form):
    """The fields of one kind of change (`FIELDS`), with choices from the circle."""

    FIELDS = {
        K.ROLE_CREATE: ("name", "purpose", "accountabilities", "domains"),
        K.ROLE_UPDATE: ("role", "name", "purpose", "accountabilities", "domains"),
        K.ROLE_ARCHIVE: ("role",),
        K.CIRCLE_CREATE: ("name", "purpose", "accountabilities", "domains"),
        K.CIRCLE_UPDATE: ("target_circle", "purpose", "accountabilities", "domains"),
        K.ASSIGNMENT_CREATE: ("role", "person", "share", "focus"),
        K.ASSIGNMENT_END: ("assignment",),
    }

    def __init__(self, *args, kind, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.proposal = proposal
        circle = proposal.circle
        roles = Role.objects.filter(circle=circle, archived_at__isnull=True).order_by("name")
        available = {
            "name": forms.CharField(
                label=_("Nom"),
                max_length=200,
                error_messages={"required": _("Donnez un nom.")},
            ),
            "purpose": forms.CharField(
                label=_("Raison d'être"),
                required=False,
                max_length=NOTE_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
            ),
            "accountabilities": LinesField(
                label=_("Redevabilités"), help_text=_("Une redevabilité par ligne.")
            ),
            "domains": LinesField(label=_("Domaines"), help_text=_("Un domaine par ligne.")),
            "target_circle": forms.ModelChoiceField(
                label=_("Sous-cercle"),
                queryset=circle.children.filter(archived_at__isnull=True).order_by("name"),
                error_messages={
                    "required": _("Choisissez un sous-cercle."),
                    "invalid_choice": _("Choisissez un sous-cercle du cercle."),
                },
            ),
            "person": PersonField(),
            "share": share_field(),
            "focus": focus_field(),
            "assignment": AssignmentChoiceField(
                label=_("Affectation"),
                queryset=Assignment.objects.current()
                .filter(role__in=roles)
                .exclude(role__core_role=CoreRole.LEAD_LINK)
                .select_related("person", "role")
                .order_by("role__name", "person__last_name"),
                error_messages={
                    "required": _("Choisissez une affectation."),
                    "invalid_choice": _("Choisissez une affectation en cours du cercle."),
                },
            ),
        }
        if kind == K.ASSIGNMENT_CREATE:
            choices = [("", "—")]
            choices += [
                (f"role:{r.pk}", r.name) for r in roles if r.core_role != CoreRole.LEAD_LINK
            ]
            choices += [
                (f"new:{item.pk}", _("%(name)s (créé par cette proposition)") % {"name": item.name})
                for item in proposal.changes.filter(kind=K.ROLE_CREATE)
            ]
            available["role"] = forms.ChoiceField(
                label=_("Rôle"),
                choices=choices,
                error_messages={
                    "required": _("Choisissez un rôle."),
                    "invalid_choice": _("Choisissez un rôle du cercle."),
                },
            )
        else:
            available["role"] = RoleChoiceField(
                label=_("Rôle"),
                queryset=roles.filter(core_role=""),
                error_messages={
                    "required": _("Choisissez un rôle."),
                    "invalid_choice": _("Choisissez un rôle du cercle (hors rôles structurels)."),
                },
            )
        self.fields = {name: available[name] for name in self.FIELDS[kind]}

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        if self.kind == K.ASSIGNMENT_CREATE:
            prefix, _sep, pk = data.pop("role").partition(":")
            if prefix == "new":
                data["new_role"] = self.proposal.changes.get(pk=int(pk))
            else:
                data["role"] = Role.objects.get(pk=int(pk))
        return data
