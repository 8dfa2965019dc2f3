"""Forms of the election pages: they turn bad input into French messages; the services
keep the rules (who may be nominated, the term, the 100 % share)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cercles.accounts.models import Person
from cercles.organisation.models import CoreRole

from .models import DEFAULT_SHARE, DEFAULT_TERM_MONTHS, ELECTED_ROLES, Resolution, add_months
from .services import MAX_TERM_MONTHS, lead_link_message

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {
    "invalid": _("Indiquez une date, par exemple 2025-09-01."),
}


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


def _date_field(label, *, required, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        widget=DATE_WIDGET,
        help_text=help_text,
        error_messages={**DATE_ERRORS, "required": _("Indiquez une date.")},
    )


def _share_field():
    return forms.IntegerField(
        label=_("Part du temps (%)"),
        min_value=0,
        max_value=100,
        initial=DEFAULT_SHARE,
        help_text=_("La part du temps de travail que le rôle demande, 5 % par défaut."),
        error_messages={
            "required": _("Indiquez la part du temps, entre 0 et 100 %."),
            "invalid": _("Indiquez un nombre entier, entre 0 et 100."),
            # These two are formatted with the limit: "%%" shows "%".
            "min_value": _("La part du temps va de 0 à 100 %%."),
            "max_value": _("La part du temps va de 0 à 100 %%."),
        },
    )


def _check_year(value):
    if value is not None and not 2000 <= value.year <= 2100:
        raise forms.ValidationError(_("Indiquez une date entre 2000 et 2100."))
    return value


class TermMixin:
    """The term: a start, then an end date or a length in months (12 by default)."""

    def clean_term_start(self):
        return _check_year(self.cleaned_data.get("term_start"))

    def clean_term_end(self):
        return _check_year(self.cleaned_data.get("term_end"))

    def term_values(self) -> dict:
        data = self.cleaned_data
        return {"term_start": data["term_start"], "term_end": data["term_end"]}

    def _clean_term(self):
        data = self.cleaned_data
        start, end = data.get("term_start"), data.get("term_end")
        if start is None:
            return
        if end is None and "term_months" in self.fields and "term_months" not in self.errors:
            data["term_end"] = add_months(start, data.get("term_months") or DEFAULT_TERM_MONTHS)
        elif end is not None and end <= start:
            self.add_error("term_end", _("La fin du mandat doit venir après son début."))


class ElectionForm(TermMixin, forms.Form):
    role = forms.CharField(
        label=_("Rôle à élire"),
        widget=forms.Select,
        error_messages={"required": _("Choisissez le rôle à élire.")},
    )
    description = forms.CharField(
        label=_("Description du rôle"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Raison d'être et redevabilités du rôle, lues à tous avant les nominations. "
            "Laissée vide, elle reprend celles du rôle."
        ),
    )
    term_start = _date_field(_("Début du mandat"), required=True)
    term_months = forms.IntegerField(
        label=_("Durée du mandat (mois)"),
        min_value=1,
        max_value=MAX_TERM_MONTHS,
        required=False,
        initial=DEFAULT_TERM_MONTHS,
        error_messages={
            "invalid": _("Indiquez un nombre de mois."),
            "min_value": _("Un mandat dure au moins un mois."),
            "max_value": _("Un mandat dure au plus %(limit_value)s mois."),
        },
    )
    term_end = _date_field(
        _("Ou fin du mandat"),
        required=False,
        help_text=_(
            "Premier jour où le rôle n'est plus tenu. Indiquée, elle l'emporte sur la durée."
        ),
    )
    share = _share_field()
    meeting = forms.TypedChoiceField(
        label=_("Réunion"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("L'élection peut se tenir pendant une réunion du cercle."),
        error_messages={"invalid_choice": _("Choisissez une réunion du cercle.")},
    )

    def __init__(self, *args, circle=None, roles=(), meetings=None, election=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.election = election
        if election is not None:
            # Once described, the role and the meeting stay.
            del self.fields["role"]
            del self.fields["meeting"]
            months = election.term_months
            self.fields["term_months"].initial = None
            self.initial.setdefault("description", election.description)
            self.initial.setdefault("term_start", election.term_start)
            self.initial.setdefault("term_end", None if months else election.term_end)
            self.initial.setdefault("term_months", months)
            self.initial.setdefault("share", election.share)
            return
        self.roles = {role.core_role: role for role in roles}
        self.fields["role"].widget.choices = [("", _("— choisissez —"))] + [
            (core, self.roles[core].name) for core in ELECTED_ROLES if core in self.roles
        ]
        if meetings is None:
            del self.fields["meeting"]
        else:
            self.fields["meeting"].choices = [("", _("Aucune (élection hors réunion)"))] + [
                (m.pk, f"{m.title} — {timezone.localtime(m.starts_at):%d/%m/%Y %H:%M}")
                for m in meetings
            ]

    def clean_role(self):
        value = self.cleaned_data["role"]
        if value == CoreRole.LEAD_LINK:
            raise forms.ValidationError(lead_link_message())
        if value not in self.roles:
            raise forms.ValidationError(
                _("Choisissez le rôle à élire : facilitateur, secrétaire ou second lien.")
            )
        return self.roles[value]

    def clean(self):
        data = super().clean()
        self._clean_term()
        return data


class NominationForm(forms.Form):
    candidate = PersonChoiceField(
        label=_("Personne que vous nommez"),
        queryset=Person.objects.none(),
        empty_label=_("— choisissez —"),
        error_messages={
            "required": _("Choisissez la personne que vous nommez."),
            "invalid_choice": _(
                "Cette personne ne peut pas être nommée : choisissez un membre du cercle."
            ),
        },
    )
    reason = forms.CharField(
        label=_("Pourquoi elle ?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, people, change=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = people
        if change:
            self.fields["candidate"].label = _("Nouvelle nomination")
            self.fields["reason"].label = _("Pourquoi changez-vous ?")
            self.fields["reason"].required = True
            self.fields["reason"].error_messages["required"] = _(
                "Dites pourquoi vous changez votre nomination."
            )


class ProposalForm(TermMixin, forms.Form):
    candidate = PersonChoiceField(
        label=_("Candidat proposé"),
        queryset=Person.objects.none(),
        empty_label=_("— choisissez —"),
        error_messages={
            "required": _("Choisissez le candidat."),
            "invalid_choice": _(
                "Cette personne ne peut pas être proposée : choisissez un membre du cercle."
            ),
        },
    )
    reason = forms.CharField(
        label=_("Raison de la proposition"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Par exemple : le plus nommé, et les raisons entendues."),
        error_messages={"required": _("Donnez la raison de cette proposition.")},
    )
    term_start = _date_field(_("Début du mandat"), required=True)
    term_end = _date_field(
        _("Fin du mandat"),
        required=True,
        help_text=_("Premier jour où le rôle n'est plus tenu."),
    )
    share = _share_field()

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = people

    def clean(self):
        data = super().clean()
        self._clean_term()
        return data


class AnswerForm(forms.Form):
    """The objection round: an objection needs its reason (checked by the service)."""

    reason = forms.CharField(
        label=_("Votre objection et sa raison"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Une objection dit ce que cette élection empêcherait ou abîmerait. "
            "Sans objection, laissez vide."
        ),
    )


class ResolveForm(TermMixin, forms.Form):
    resolution = forms.ChoiceField(
        label=_("Comment l'objection est traitée"),
        widget=forms.RadioSelect,
        choices=[
            (Resolution.TERM, _("Intégrée en ajustant le mandat (dates ou part du temps)")),
            (Resolution.WITHDRAWN, _("Retirée par son auteur")),
            (Resolution.INVALID, _("Non retenue après vérification")),
        ],
        error_messages={
            "required": _("Choisissez comment l'objection est traitée."),
            "invalid_choice": _("Choisissez comment l'objection est traitée."),
        },
    )
    note = forms.CharField(
        label=_("Ce qui a été dit ou décidé"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Dites comment l'objection a été traitée.")},
    )
    term_start = _date_field(_("Début du mandat"), required=False)
    term_end = _date_field(
        _("Fin du mandat"), required=False, help_text=_("Premier jour où le rôle n'est plus tenu.")
    )
    share = _share_field()

    def clean(self):
        data = super().clean()
        if data.get("resolution") == Resolution.TERM:
            for name in ("term_start", "term_end"):
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, _("Indiquez le mandat ajusté."))
        self._clean_term()
        return data


class ConfirmForm(forms.Form):
    share = _share_field()


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif de l'annulation"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Dites pourquoi l'élection est annulée.")},
    )
