"""Forms of the meeting pages: they turn bad input into French messages; the services
keep the invariants."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cercles.accounts.models import Person
from cercles.organisation.models import Assignment, Circle

from .models import MeetingKind, MeetingTemplate, Voice


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
    minutes_public = forms.BooleanField(
        label=_("Compte rendu publié visible de toutes les personnes connectées"),
        required=False,
        help_text=_("Sinon, seuls les membres du cercle et les participants le lisent."),
    )
    template = forms.ModelChoiceField(
        label=_("Modèle"),
        queryset=MeetingTemplate.objects.none(),
        required=False,
        empty_label=_("Aucun modèle"),
        help_text=_("Le modèle donne son ordre du jour, sa checklist et sa charte à la réunion."),
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
        "minutes_public",
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
            self.fields["template"].queryset = MeetingTemplate.objects.active()
            self.order_fields(["template", "title", "kind"])
        else:
            self.fields["facilitator"].help_text = ""
            self.fields["secretary"].help_text = ""
            del self.fields["template"]

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


def _year_in_range(value):
    if value is not None and not 2000 <= value.year <= 2100:
        raise forms.ValidationError(_("Indiquez une date entre 2000 et 2100."))
    return value


class ActionForm(forms.Form):
    title = forms.CharField(
        label=_("Action"),
        max_length=300,
        error_messages={"required": _("Décrivez l'action.")},
    )
    owner = PersonChoiceField(
        label=_("Responsable"), queryset=Person.objects.none(), required=False, empty_label="—"
    )
    due_on = forms.DateField(
        label=_("Échéance"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Indiquez une date, par exemple 2025-04-30.")},
    )
    agenda_item = forms.ModelChoiceField(
        label=_("Point de l'ordre du jour"),
        queryset=None,
        required=False,
        empty_label="—",
        error_messages={"invalid_choice": _("Ce point n'est pas à l'ordre du jour.")},
    )

    FIELDS = ("title", "owner", "due_on", "agenda_item")

    def __init__(self, *args, meeting, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        participants = meeting.participants.values("person_id")
        current = [action.owner_id] if action is not None and action.owner_id else []
        holders = (
            Assignment.objects.current()
            .filter(role__circle_id=meeting.circle_id, role__archived_at__isnull=True)
            .values("person_id")
        )
        self.fields["owner"].queryset = Person.objects.filter(
            Q(pk__in=participants) | Q(pk__in=holders) | Q(pk__in=current)
        ).order_by("last_name", "first_name", "id")
        self.fields["owner"].error_messages["invalid_choice"] = _(
            "Choisissez un participant ou un membre du cercle."
        )
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()

    def clean_due_on(self):
        return _year_in_range(self.cleaned_data["due_on"])

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.FIELDS}


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Votre note de la réunion (1 : très insatisfaisante, 5 : excellente)"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez une note de 1 à 5."),
            "invalid_choice": _("Choisissez une note de 1 à 5."),
        },
    )
    voice = forms.ChoiceField(
        label=_("Avez-vous pu dire ce que vous vouliez ?"),
        choices=Voice.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Dites si vous avez pu dire ce que vous vouliez."),
            "invalid_choice": _("Dites si vous avez pu dire ce que vous vouliez."),
        },
    )
    comment = forms.CharField(
        label=_("Commentaire (facultatif)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Le cercle lit les commentaires sans les noms de leurs auteurs."),
        error_messages={"max_length": _("Le commentaire dépasse 2000 caractères.")},
    )


class MinutesForm(forms.Form):
    text = forms.CharField(
        label=_("Texte du compte rendu (Markdown)"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 30, "class": "monospace"}),
        help_text=_(
            "Titres avec #, listes avec -, gras avec **texte**, tableaux avec des barres |."
        ),
    )
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={
            "required": _("La version du texte manque : rechargez la page, puis recommencez."),
            "invalid": _("La version du texte manque : rechargez la page, puis recommencez."),
            "min_value": _("La version du texte manque : rechargez la page, puis recommencez."),
        },
    )
    minutes_public = forms.BooleanField(
        label=_("Visible de toutes les personnes connectées une fois publié"),
        required=False,
        help_text=_("Sinon, seuls les membres du cercle et les participants le lisent."),
    )


class MinutesGenerateForm(forms.Form):
    replace_edits = forms.BooleanField(
        label=_(
            "Je confirme : le texte modifié à la main est remplacé (il reste dans l'historique)."
        ),
        required=False,
    )


class TensionForm(forms.Form):
    title = forms.CharField(
        label=_("Votre tension"),
        max_length=200,
        error_messages={"required": _("Décrivez la tension en quelques mots.")},
    )


class TemplateForm(forms.Form):
    name = forms.CharField(
        label=_("Nom"), max_length=200, error_messages={"required": _("Nommez le modèle.")}
    )
    kind = forms.ChoiceField(label=_("Type de réunion"), choices=MeetingKind.choices)
    description = forms.CharField(
        label=_("Description (Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    agenda = forms.CharField(
        label=_("Ordre du jour"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Un point par ligne : « titre | minutes ». Ajoutez « | triage » au point sous "
            "lequel les participants ajoutent leurs tensions en direct, par exemple "
            "« Triage des tensions | 20 | triage »."
        ),
    )
    checklist = forms.CharField(
        label=_("Checklist"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Un élément par ligne."),
    )
    charter = forms.ModelChoiceField(
        label=_("Charte de réunion"),
        queryset=None,
        required=False,
        empty_label=_("La charte de l'organisation"),
        help_text=_("Une page de la base de connaissances, lisible par tous."),
    )
    is_active = forms.BooleanField(
        label=_("Proposé quand on planifie une réunion"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        from cercles.knowledge.models import Page

        super().__init__(*args, **kwargs)
        self.fields["charter"].queryset = Page.objects.active().filter(restricted=False)
