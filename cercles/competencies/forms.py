"""Forms of the competencies module: they turn bad input into French messages; the
services keep the invariants."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cercles.accounts.models import Person
from cercles.core.forms import BoundedModelMultipleChoiceField
from cercles.organisation.models import Circle

from . import importers
from .models import (
    LEVEL_LABELS,
    LEVELS,
    CampaignAudience,
    Competency,
    CompetencyFamily,
    CompetencyKind,
)

MAX_IMPORT_BYTES = 5 * 1024 * 1024


def level_choices(empty_label):
    return [("", empty_label)] + [
        (str(level), f"{level} — {LEVEL_LABELS[level]}") for level in LEVELS
    ]


def _level(value):
    return int(value) if value not in (None, "") else None


class FamilyForm(forms.Form):
    name = forms.CharField(
        label=_("Nom de la famille"),
        max_length=200,
        error_messages={"required": _("Donnez un nom à la famille.")},
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    position = forms.IntegerField(
        label=_("Ordre d'affichage"),
        min_value=0,
        max_value=32767,
        initial=0,
        error_messages={
            "invalid": _("Écrivez un nombre entier."),
            "required": _("Écrivez un nombre entier."),
        },
    )


class FamilyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class CompetencyForm(forms.Form):
    family = FamilyChoiceField(
        label=_("Famille"),
        queryset=CompetencyFamily.objects.none(),
        error_messages={
            "required": _("Choisissez une famille."),
            "invalid_choice": _("Choisissez une famille de la liste."),
        },
    )
    name = forms.CharField(
        label=_("Nom de la compétence"),
        max_length=200,
        error_messages={
            "required": _("Donnez un nom à la compétence."),
            "max_length": _("Le nom compte au plus %(limit_value)d caractères."),
        },
    )
    kind = forms.ChoiceField(
        label=_("Nature"),
        choices=CompetencyKind.choices,
        error_messages={"invalid_choice": _("Choisissez « Technique » ou « Savoir-être ».")},
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    level_1 = forms.CharField(
        label=_("Niveau 1 — découverte"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    level_2 = forms.CharField(
        label=_("Niveau 2 — pratique"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    level_3 = forms.CharField(
        label=_("Niveau 3 — maîtrise"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    level_4 = forms.CharField(
        label=_("Niveau 4 — expertise, transmission"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["family"].queryset = CompetencyFamily.objects.live()


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier CSV ou XLSX"),
        help_text=_("5 Mo au plus."),
        error_messages={"required": _("Choisissez un fichier à importer.")},
    )
    layout = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[("", _("Reconnu d'après les colonnes"))] + list(importers.LAYOUTS.items()),
        error_messages={"invalid_choice": _("Choisissez un format de la liste.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Le fichier dépasse la taille maximale de 5 Mo."))
        return upload


class BoundedChoicesField(BoundedModelMultipleChoiceField):
    bad_id_message = None  # the field's own "not in the list" message
    bad_id_error = "invalid_pk_value"


class CompetencyMultipleChoiceField(BoundedChoicesField):
    def label_from_instance(self, obj):
        return f"{obj.family.name} — {obj.name}"


class CircleMultipleChoiceField(BoundedChoicesField):
    def label_from_instance(self, obj):
        return obj.name


class CampaignForm(forms.Form):
    name = forms.CharField(
        label=_("Nom de la campagne"),
        max_length=200,
        error_messages={"required": _("Donnez un nom à la campagne.")},
    )
    description = forms.CharField(
        label=_("Présentation"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    starts_on = forms.DateField(
        label=_("Ouverte du"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Indiquez la date d'ouverture."),
            "invalid": _("Écrivez une date, par exemple 2026-03-01."),
        },
    )
    ends_on = forms.DateField(
        label=_("Au"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Indiquez la date de clôture."),
            "invalid": _("Écrivez une date, par exemple 2026-03-31."),
        },
    )
    competencies = CompetencyMultipleChoiceField(
        label=_("Compétences évaluées"),
        queryset=Competency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choisissez au moins une compétence."),
            "invalid_choice": _("Choisissez des compétences de la liste."),
            "invalid_pk_value": _("Choisissez des compétences de la liste."),
        },
    )
    allow_work_axes = forms.BooleanField(
        label=_("Chacun peut ajouter ses propres axes de travail"), required=False, initial=True
    )
    audience = forms.ChoiceField(label=_("Public"), choices=CampaignAudience.choices)
    circles = CircleMultipleChoiceField(
        label=_("Cercles invités"),
        required=False,
        queryset=Circle.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Si la campagne s'adresse aux cercles choisis : leurs membres d'aujourd'hui."),
        error_messages={
            "invalid_choice": _("Choisissez des cercles de la liste."),
            "invalid_pk_value": _("Choisissez des cercles de la liste."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competencies"].queryset = Competency.objects.live().select_related("family")
        self.fields["circles"].queryset = Circle.objects.active().order_by("name", "id")

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("La fin de la campagne doit suivre son début."))
        if data.get("audience") == CampaignAudience.CIRCLES and not data.get("circles"):
            self.add_error(
                "circles", _("Choisissez au moins un cercle, ou ouvrez la campagne à tous.")
            )
        return data


class AssessmentForm(forms.Form):
    """One level (or "non évaluée") and a comment per competency of the campaign, then
    free work axes (title, level, comment) when the campaign allows them."""

    comment = forms.CharField(
        label=_("Commentaire général"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, competencies, allow_work_axes, axis_rows=3, **kwargs):
        super().__init__(*args, **kwargs)
        self.competencies = list(competencies)
        for competency in self.competencies:
            self.fields[f"level_{competency.pk}"] = forms.TypedChoiceField(
                label=competency.name,
                choices=level_choices(_("Non évaluée")),
                coerce=int,
                empty_value=None,
                required=False,
                error_messages={"invalid_choice": _("Choisissez un niveau de 1 à 4.")},
            )
            self.fields[f"comment_{competency.pk}"] = forms.CharField(
                label=_("Commentaire sur « %(name)s »") % {"name": competency.name},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.axis_rows = axis_rows if allow_work_axes else 0
        for n in range(self.axis_rows):
            self.fields[f"axis_title_{n}"] = forms.CharField(
                label=_("Axe de travail %(n)s") % {"n": n + 1}, required=False, max_length=200
            )
            self.fields[f"axis_level_{n}"] = forms.TypedChoiceField(
                label=_("Niveau de l'axe %(n)s") % {"n": n + 1},
                choices=level_choices(_("Non évalué")),
                coerce=int,
                empty_value=None,
                required=False,
                error_messages={"invalid_choice": _("Choisissez un niveau de 1 à 4.")},
            )
            self.fields[f"axis_comment_{n}"] = forms.CharField(
                label=_("Commentaire sur l'axe %(n)s") % {"n": n + 1},
                required=False,
                max_length=2000,
            )

    def clean(self):
        data = super().clean()
        for n in range(self.axis_rows):
            if data.get(f"axis_level_{n}") is not None and not data.get(f"axis_title_{n}"):
                self.add_error(f"axis_title_{n}", _("Nommez l'axe de travail que vous évaluez."))
        return data

    def rows(self):
        """(competency, level field, comment field) for the template."""
        return [(c, self[f"level_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.competencies]

    def axis_fields(self):
        return [
            (n + 1, self[f"axis_title_{n}"], self[f"axis_level_{n}"], self[f"axis_comment_{n}"])
            for n in range(self.axis_rows)
        ]

    def ratings(self) -> dict:
        return {
            c.pk: (
                self.cleaned_data.get(f"level_{c.pk}"),
                self.cleaned_data.get(f"comment_{c.pk}", ""),
            )
            for c in self.competencies
        }

    def work_axes(self) -> list:
        return [
            (
                self.cleaned_data.get(f"axis_title_{n}", ""),
                self.cleaned_data.get(f"axis_level_{n}"),
                self.cleaned_data.get(f"axis_comment_{n}", ""),
            )
            for n in range(self.axis_rows)
        ]

    @staticmethod
    def initial_for(assessment) -> dict:
        initial = {"comment": assessment.comment}
        for rating in assessment.ratings.all():
            initial[f"level_{rating.competency_id}"] = rating.level
            initial[f"comment_{rating.competency_id}"] = rating.comment
        for n, axis in enumerate(assessment.work_axes.all()):
            initial[f"axis_title_{n}"] = axis.title
            initial[f"axis_level_{n}"] = axis.level
            initial[f"axis_comment_{n}"] = axis.comment
        return initial


def _person_by_email(value):
    person = Person.objects.filter(email__iexact=value.strip(), is_active=True).first()
    if person is None:
        raise forms.ValidationError(
            _("Aucune personne active n'a l'adresse « %(email)s ».") % {"email": value.strip()}
        )
    return person


class ShareForm(forms.Form):
    SCOPE_THIS, SCOPE_ALL = "this", "all"
    suggested = forms.TypedChoiceField(
        label=_("Une personne proche de vous"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[],
        error_messages={"invalid_choice": _("Choisissez une personne de la liste.")},
    )
    email = forms.EmailField(
        label=_("Ou l'adresse e-mail d'une autre personne"),
        required=False,
        error_messages={"invalid": _("Écrivez une adresse e-mail valide.")},
    )
    scope = forms.ChoiceField(
        label=_("Ce que vous partagez"),
        choices=[
            (SCOPE_THIS, _("Cette auto-évaluation")),
            (SCOPE_ALL, _("Toutes mes auto-évaluations validées")),
        ],
        initial=SCOPE_THIS,
    )

    def __init__(self, *args, suggestions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.suggestions = {p.pk: p for p, _why in suggestions}
        self.fields["suggested"].choices = [("", _("— Choisir —"))] + [
            (p.pk, f"{p.full_name} ({why})") for p, why in suggestions
        ]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("email"):
            try:
                data["viewer"] = _person_by_email(data["email"])
            except forms.ValidationError as exc:
                self.add_error("email", exc)
        elif data.get("suggested"):
            data["viewer"] = self.suggestions[data["suggested"]]
        else:
            self.add_error("suggested", _("Choisissez avec qui partager."))
        return data


class FeedbackRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse e-mail du collègue"),
        error_messages={
            "required": _("Écrivez l'adresse e-mail du collègue."),
            "invalid": _("Écrivez une adresse e-mail valide."),
        },
    )
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_email(self):
        return _person_by_email(self.cleaned_data["email"])


class FeedbackAnswerForm(forms.Form):
    comment = forms.CharField(
        label=_("Votre commentaire"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, competencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.competencies = list(competencies)
        for competency in self.competencies:
            self.fields[f"level_{competency.pk}"] = forms.TypedChoiceField(
                label=competency.name,
                choices=level_choices(_("Je ne sais pas")),
                coerce=int,
                empty_value=None,
                required=False,
                error_messages={"invalid_choice": _("Choisissez un niveau de 1 à 4.")},
            )

    def ratings(self):
        return {c.pk: self.cleaned_data.get(f"level_{c.pk}") for c in self.competencies}


class PublicCompetencyForm(forms.Form):
    """His shown competencies: one level per competency, "" hides it."""

    def __init__(self, *args, competencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.competencies = list(competencies)
        for competency in self.competencies:
            self.fields[f"level_{competency.pk}"] = forms.TypedChoiceField(
                label=competency.name,
                choices=level_choices(_("Non affichée")),
                coerce=int,
                empty_value=None,
                required=False,
                error_messages={"invalid_choice": _("Choisissez un niveau de 1 à 4.")},
            )

    def levels(self):
        return {
            c.pk: self.cleaned_data[f"level_{c.pk}"]
            for c in self.competencies
            if self.cleaned_data.get(f"level_{c.pk}") is not None
        }
