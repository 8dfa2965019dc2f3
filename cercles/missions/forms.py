"""Forms of the missions marketplace. The services check everything again; the forms
turn bad input into messages beside the fields and keep what was typed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cercles.competencies.models import Competency
from cercles.core.forms import BoundedModelChoiceField, BoundedModelMultipleChoiceField
from cercles.organisation.models import Role

from .models import MAX_PLACES, MAX_TEXT, MAX_TITLE, MissionKind

SHARE_ERROR = _("La part du temps est un pourcentage entre 1 et 100.")
PLACES_ERROR = _("Indiquez un nombre de places entre 1 et %(n)s.") % {"n": MAX_PLACES}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MissionForm(forms.Form):
    title = forms.CharField(
        label=_("Titre"),
        max_length=MAX_TITLE,
        error_messages={"required": _("Donnez un titre à la mission.")},
    )
    kind = forms.ChoiceField(label=_("Nature"), choices=MissionKind.choices)
    role = BoundedModelChoiceField(
        label=_("Rôle existant du cercle"),
        queryset=Role.objects.none(),
        required=False,
        empty_label=_("— un nouveau rôle —"),
    )
    new_role_name = forms.CharField(
        label=_("Ou nom du nouveau rôle"),
        max_length=200,
        required=False,
        help_text=_("Créé dans le cercle à la publication de la mission."),
    )
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_TEXT,
        required=False,
        help_text=_("Ce que la personne fera, avec qui, ce qu'elle y apprendra."),
    )
    share = forms.IntegerField(
        label=_("Part du temps (%)"),
        min_value=1,
        max_value=100,
        help_text=_("20 % = un jour par semaine, 40 % = deux jours par semaine."),
        error_messages={
            "required": SHARE_ERROR,
            "invalid": SHARE_ERROR,
            "min_value": SHARE_ERROR,
            "max_value": SHARE_ERROR,
        },
    )
    start_date = forms.DateField(
        label=_("Début"),
        widget=DateInput(),
        error_messages={"required": _("Indiquez le premier jour de la mission.")},
    )
    end_date = forms.DateField(
        label=_("Fin"),
        widget=DateInput(),
        help_text=_("Premier jour où la mission n'est plus tenue."),
        error_messages={"required": _("Indiquez quand la mission se termine.")},
    )
    skills = BoundedModelMultipleChoiceField(
        label=_("Compétences recherchées"),
        queryset=Competency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    places = forms.IntegerField(
        label=_("Places"),
        initial=1,
        min_value=1,
        max_value=MAX_PLACES,
        error_messages={
            "required": PLACES_ERROR,
            "invalid": PLACES_ERROR,
            "min_value": PLACES_ERROR,
            "max_value": PLACES_ERROR,
        },
    )
    deadline = forms.DateField(
        label=_("Date limite de candidature"), widget=DateInput(), required=False
    )

    def __init__(self, *args, circle, mission=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = (
            Role.objects.active().filter(circle=circle, core_role="").order_by("name")
        )
        self.fields["skills"].queryset = (
            Competency.objects.live().select_related("family").order_by("family__position", "name")
        )
        if mission is not None and not mission.is_draft:
            for name in ("kind", "role", "new_role_name"):
                self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end <= start:
            self.add_error("end_date", _("La fin doit venir après le début de la mission."))
        return data

    def values(self) -> dict:
        data = self.cleaned_data
        values = {
            key: data[key]
            for key in (
                "title",
                "description",
                "share",
                "start_date",
                "end_date",
                "places",
                "deadline",
            )
        }
        if not self.fields["kind"].disabled:
            values.update(kind=data["kind"], role=data["role"], new_role_name=data["new_role_name"])
        return values


class ApplyForm(forms.Form):
    message = forms.CharField(
        label=_("Votre message"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_TEXT,
        help_text=_("Pourquoi cette mission, ce que vous y apportez, vos disponibilités."),
        error_messages={"required": _("Dites en quelques mots pourquoi vous candidatez.")},
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_TEXT,
        help_text=_("Le candidat le lira : soyez clair et bienveillant."),
        error_messages={"required": _("Expliquez au candidat pourquoi il n'est pas retenu.")},
    )


class CloseForm(forms.Form):
    message = forms.CharField(
        label=_("Message aux candidats en attente"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_TEXT,
        required=False,
        help_text=_("Facultatif : leur candidature sera déclinée avec ce message."),
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Votre message"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_TEXT,
        error_messages={"required": _("Écrivez votre message.")},
    )
