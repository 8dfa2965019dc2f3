"""Forms of the trainings module: they turn bad input into French messages; the services
keep the invariants."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cercles.accounts.models import Person
from cercles.competencies.models import Competency
from cercles.core.forms import BoundedModelMultipleChoiceField

from .models import DEFAULT_DURATION

MAX_TRAINERS = 10


class CompetencyChoiceField(BoundedModelMultipleChoiceField):
    bad_id_message = None  # its "invalid_choice" message, like any other bad choice

    def label_from_instance(self, obj):
        return obj.name


def _duration_field(label):
    return forms.IntegerField(
        label=label,
        min_value=15,
        max_value=8 * 60,
        initial=DEFAULT_DURATION,
        error_messages={
            "required": _("Indiquez la durée en minutes."),
            "invalid": _("Indiquez la durée en minutes, par exemple 120."),
            "min_value": _("Une formation dure au moins 15 minutes."),
            "max_value": _("Une formation dure au plus 8 heures (480 minutes)."),
        },
    )


class TrainingForm(forms.Form):
    title = forms.CharField(
        label=_("Titre"),
        max_length=200,
        error_messages={
            "required": _("Donnez un titre à la formation."),
            "max_length": _("Le titre compte au plus %(limit_value)d caractères."),
        },
    )
    summary = forms.CharField(
        label=_("En bref"),
        max_length=500,
        required=False,
        help_text=_("Une ou deux phrases pour le catalogue."),
        error_messages={"max_length": _("Le résumé compte au plus %(limit_value)d caractères.")},
    )
    programme = forms.CharField(
        label=_("Programme"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Le déroulé de la séance : ce qu'on y apprend, ce qu'on y pratique."),
        error_messages={"max_length": _("Le programme compte au plus %(limit_value)d caractères.")},
    )
    audience = forms.CharField(
        label=_("Public"),
        max_length=300,
        required=False,
        help_text=_("À qui elle s'adresse, et les prérequis éventuels."),
        error_messages={"max_length": _("Le public compte au plus %(limit_value)d caractères.")},
    )
    duration_minutes = _duration_field(_("Durée habituelle (minutes)"))
    competencies = CompetencyChoiceField(
        label=_("Compétences développées"),
        queryset=Competency.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Maintenez Ctrl (ou Cmd) pour en choisir plusieurs."),
        error_messages={"invalid_choice": _("Cette compétence n'existe pas ou plus.")},
    )
    co_trainers = forms.CharField(
        label=_("Autres formateurs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Leurs adresses e-mail, une par ligne."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competencies"].queryset = Competency.objects.live().select_related("family")

    def clean_co_trainers(self):
        emails = [e.strip().lower() for e in self.cleaned_data["co_trainers"].split() if e]
        emails = list(dict.fromkeys(emails))
        if len(emails) > MAX_TRAINERS:
            raise forms.ValidationError(
                _("Au plus %(n)d formateurs.") % {"n": MAX_TRAINERS}, code="too_many"
            )
        match = Q()
        for email in emails:
            match |= Q(email__iexact=email)
        people = (
            {p.email.lower(): p for p in Person.objects.filter(match, is_active=True)}
            if emails
            else {}
        )
        unknown = [e for e in emails if e not in people]
        if unknown:
            raise forms.ValidationError(
                _("Personne d'active ne porte ces adresses : %(emails)s.")
                % {"emails": ", ".join(unknown)},
                code="unknown",
            )
        return [people[e] for e in emails]

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("co_trainers")
        return data


class SessionForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Début"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Heure de Paris."),
        error_messages={
            "required": _("Indiquez la date et l'heure de début."),
            "invalid": _("Indiquez une date et une heure, par exemple 2026-03-14 09:30."),
        },
    )
    duration_minutes = _duration_field(_("Durée (minutes)"))
    capacity = forms.IntegerField(
        label=_("Nombre de places"),
        min_value=1,
        max_value=500,
        initial=12,
        error_messages={
            "required": _("Indiquez le nombre de places."),
            "invalid": _("Indiquez un nombre de places, par exemple 12."),
            "min_value": _("Une session a au moins une place."),
            "max_value": _("Une session a au plus 500 places."),
        },
    )
    place = forms.CharField(
        label=_("Lieu"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Le lieu compte au plus %(limit_value)d caractères.")},
    )
    online_link = forms.URLField(
        label=_("Lien de visioconférence"),
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={
            "invalid": _(
                "Indiquez une adresse web complète, par exemple https://visio.exemple.fr/salle."
            ),
            "max_length": _("Le lien compte au plus %(limit_value)d caractères."),
        },
    )

    FIELDS = ("starts_at", "duration_minutes", "capacity", "place", "online_link")

    def clean_starts_at(self):
        value = self.cleaned_data["starts_at"]
        if value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value)
        if value is not None and not 2000 <= value.year <= 2100:
            raise forms.ValidationError(_("Indiquez une date entre 2000 et 2100."))
        return value

    def clean(self):
        data = super().clean()
        nowhere = (
            not (data.get("place") or "").strip() and not (data.get("online_link") or "").strip()
        )
        if nowhere and "place" not in self.errors and "online_link" not in self.errors:
            self.add_error(
                "place", _("Indiquez un lieu ou un lien de visioconférence (ou les deux).")
            )
        return data

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.FIELDS}


RATINGS = [
    (1, _("1 — pas utile")),
    (2, _("2 — peu utile")),
    (3, _("3 — utile")),
    (4, _("4 — très utile")),
    (5, _("5 — excellente")),
]


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Votre note"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez une note de 1 à 5."),
            "invalid_choice": _("Choisissez une note de 1 à 5."),
        },
    )
    comment = forms.CharField(
        label=_("Commentaire"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Les formateurs et les RH le lisent sans votre nom. N'y mettez rien qui vous "
            "désigne si vous tenez à rester anonyme."
        ),
        error_messages={
            "max_length": _("Le commentaire compte au plus %(limit_value)d caractères.")
        },
    )
