from django import forms
from django.utils.translation import gettext_lazy as _

from cercles.competencies.models import Competency
from cercles.core.forms import BoundedModelMultipleChoiceField

from .models import Coach, CoachingRequest, Format, HalfDay, PreviousCoach
from .services import MAX_CAPACITY


class CompetencyChoiceField(BoundedModelMultipleChoiceField):
    bad_id_message = _("« %(value)s » n'est pas une compétence proposée.")


def _competencies():
    return CompetencyChoiceField(
        queryset=Competency.objects.live().select_related("family"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def _half_days(label):
    return forms.MultipleChoiceField(
        label=label,
        choices=HalfDay.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class CoachForm(forms.Form):
    offer = forms.CharField(
        label=Coach._meta.get_field("offer").verbose_name,
        help_text=Coach._meta.get_field("offer").help_text,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )
    competencies = _competencies()
    formats = forms.MultipleChoiceField(
        label=_("formats proposés"),
        choices=Format.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choisissez au moins un format.")},
    )
    capacity = forms.IntegerField(
        label=_("nombre de personnes accompagnées en même temps"),
        min_value=1,
        max_value=MAX_CAPACITY,
        initial=1,
        error_messages={
            "min_value": _("Au moins une personne."),
            "max_value": _("Au plus %(limit_value)s personnes à la fois."),
            "invalid": _("Saisissez un nombre entier."),
        },
    )
    half_days = _half_days(_("demi-journées disponibles"))
    availability_note = forms.CharField(
        label=_("précisions sur mes disponibilités"), required=False, max_length=300
    )
    site = forms.CharField(label=_("site"), required=False, max_length=200)
    remote_ok = forms.BooleanField(label=_("à distance possible"), required=False, initial=True)
    active = forms.BooleanField(
        label=_("accepte de nouvelles personnes"),
        required=False,
        initial=True,
        help_text=Coach._meta.get_field("active").help_text,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competencies"].label = _("compétences transmises")


class RequestForm(forms.Form):
    need = forms.CharField(
        label=_("mon besoin"),
        help_text=CoachingRequest._meta.get_field("need").help_text,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={"required": _("Décrivez votre besoin en quelques mots.")},
    )
    competencies = _competencies()
    format = forms.ChoiceField(
        label=_("format souhaité"),
        choices=[("", _("Sans préférence")), *Format.choices],
        required=False,
    )
    half_days = _half_days(_("demi-journées disponibles"))
    availability_note = forms.CharField(
        label=_("précisions sur mes disponibilités"), required=False, max_length=300
    )
    site = forms.CharField(label=_("site"), required=False, max_length=200)
    remote_ok = forms.BooleanField(label=_("à distance possible"), required=False, initial=True)
    allow_circle = forms.BooleanField(
        label=CoachingRequest._meta.get_field("allow_circle").verbose_name,
        help_text=CoachingRequest._meta.get_field("allow_circle").help_text,
        required=False,
    )
    allow_line = forms.BooleanField(
        label=CoachingRequest._meta.get_field("allow_line").verbose_name,
        help_text=CoachingRequest._meta.get_field("allow_line").help_text,
        required=False,
    )
    previous_coach = forms.ChoiceField(
        label=_("un accompagnant que j'ai déjà eu"),
        choices=PreviousCoach.choices,
        initial=PreviousCoach.AVOID,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competencies"].label = _("compétences recherchées")


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("pourquoi ? (vu par la coordination seulement)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CloseForm(forms.Form):
    feedback = forms.CharField(
        label=_("un bilan en quelques mots"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Écrivez un court bilan.")},
    )


class ReplaceForm(forms.Form):
    coach = forms.ModelChoiceField(
        label=_("autre accompagnant"),
        queryset=Coach.objects.all(),
        error_messages={
            "required": _("Choisissez un accompagnant."),
            "invalid_choice": _("Accompagnant inconnu."),
        },
    )
