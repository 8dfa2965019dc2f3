"""Forms of the meeting pages: they turn bad input into French messages; the services
keep the invariants."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cercles.accounts.models import Person
from cercles.organisation.models import Assignment, Circle

from .models import MeetingKind


def _circle_people(circle, *extra):
    """People holding a role in the circle today, and `extra` (the current choices)."""
    holders = (
        Assignment.objects.current()
        .filter(role__circle=circle, role__archived_at__isnull=True)
        .values("person_id")
    )
    ids = [p.pk for p in extra if p is not None]
    return Person.objects.filter(Q(pk__in=holders) | Q(pk__in=ids)).order_by(
        "last_name", "first_name", "id"
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


class MeetingForm(forms.Form):
    title = forms.CharField(
        label=_("Titre"),
        max_length=200,
        error_messages={"required": _("Donnez un titre à la réunion.")},
    )
    kind = forms.ChoiceField(label=_("Type"), choices=MeetingKind.choices)
    starts_at = forms.DateTimeField(
        label=_("Début"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": _("Indiquez la date et l'heure de début."),
            "invalid": _("Indiquez une date et une heure, par exemple 2025-03-14 09:30."),
        },
    )
    duration_minutes = forms.IntegerField(
        label=_("Durée (minutes)"),
        min_value=5,
        max_value=24 * 60,
        initial=60,
        error_messages={
            "min_value": _("Une réunion dure au moins 5 minutes."),
            "max_value": _("Une réunion dure au plus 24 heures."),
        },
    )
    place = forms.CharField(label=_("Lieu"), max_length=200, required=False)
    video_link = forms.URLField(
        label=_("Lien de visioconférence"),
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={"invalid": _("Indiquez une adresse web, par exemple https://…")},
    )
    facilitator = PersonChoiceField(
        label=_("Facilitateur"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Par défaut, le facilitateur du cercle."),
    )
    secretary = PersonChoiceField(
        label=_("Secrétaire"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Par défaut, le secrétaire du cercle."),
    )
    speaking_time_limit_seconds = forms.IntegerField(
        label=_("Temps de parole par intervention (secondes)"),
        min_value=10,
        max_value=3600,
        initial=120,
        error_messages={
            "min_value": _("Au moins 10 secondes."),
            "max_value": _("Au plus une heure."),
        },
    )
    allow_replies = forms.BooleanField(
        label=_("Les demandes de réponse passent avant les autres"), required=False, initial=True
    )
    other_circles = forms.ModelMultipleChoiceField(
        label=_("Autres cercles invités (rencontre inter-services)"),
        queryset=Circle.objects.none(),
        required=False,
        help_text=_("Leurs membres sont invités et voient la réunion."),
    )

    FIELDS = (
        "title",
        "kind",
        "starts_at",
        "duration_minutes",
        "place",
        "video_link",
        "facilitator",
        "secretary",
        "speaking_time_limit_seconds",
        "allow_replies",
    )

    def __init__(self, *args, circle, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = (meeting.facilitator, meeting.secretary) if meeting else ()
        people = _circle_people(circle, *current)
        self.fields["facilitator"].queryset = people
        self.fields["secretary"].queryset = people
        self.fields["other_circles"].queryset = Circle.objects.active().exclude(pk=circle.pk)
        if meeting is None:
            # The defaults are chosen by the service (the circle's core roles).
            self.fields["facilitator"].empty_label = _("Le facilitateur du cercle")
            self.fields["secretary"].empty_label = _("Le secrétaire du cercle")
        else:
            self.fields["facilitator"].help_text = ""
            self.fields["secretary"].help_text = ""

    def clean_starts_at(self):
        value = self.cleaned_data["starts_at"]
        if value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value)
        if value is not None and not 2000 <= value.year <= 2100:
            raise forms.ValidationError(_("Indiquez une date entre 2000 et 2100."))
        return value

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.FIELDS}


class AgendaItemForm(forms.Form):
    title = forms.CharField(
        label=_("Point"),
        max_length=200,
        error_messages={"required": _("Donnez un intitulé au point.")},
    )
    time_box_minutes = forms.IntegerField(
        label=_("Durée prévue (minutes)"),
        min_value=1,
        max_value=24 * 60,
        required=False,
        error_messages={"min_value": _("Au moins une minute.")},
    )
