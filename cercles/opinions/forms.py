"""Forms of the consultation pages: they turn bad input into French messages; the
services keep the invariants."""

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from cercles.meetings.models import Meeting, MeetingStatus

from . import services
from .models import STATEMENT_MAX_LENGTH, Audience, Moderation, ResultsVisibility


def _with_limit(message):
    """A help text naming the statements' length limit, translated when it is shown
    (formatting `_()` at import time would freeze it in French)."""
    return lazy(lambda: gettext(message) % {"n": STATEMENT_MAX_LENGTH}, str)()


DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_ERRORS = {
    "invalid": _("Indiquez une date et une heure, par exemple 2025-03-14 09:30."),
}
MAX_SEEDS = 100


def _aware_in_range(value):
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value is not None and not 2000 <= value.year <= 2100:
        raise forms.ValidationError(_("Indiquez une date entre 2000 et 2100."))
    return value


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} — {timezone.localtime(obj.starts_at):%d/%m/%Y %H:%M}"


class ConsultationForm(forms.Form):
    question = forms.CharField(
        label=_("Question"),
        max_length=300,
        help_text=_("Par exemple : « Comment organiser les horaires d'ouverture de l'accueil ? »"),
        error_messages={"required": _("Posez la question de la consultation.")},
    )
    description = forms.CharField(
        label=_("Contexte"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ce que les participants doivent savoir avant de voter (Markdown)."),
    )
    meeting = MeetingChoiceField(
        label=_("Réunion"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("Aucune"),
        help_text=_("La réunion qui décidera : la consultation y apparaît."),
        error_messages={"invalid_choice": _("Choisissez une réunion de ce cercle.")},
    )
    audience = forms.ChoiceField(
        label=_("Qui participe"),
        choices=Audience.choices,
        initial=Audience.CIRCLE,
        error_messages={"invalid_choice": _("Choisissez qui participe dans la liste.")},
    )
    anonymous = forms.BooleanField(
        label=_("Consultation anonyme"),
        required=False,
        help_text=_(
            "Aucun vote n'est relié à la personne qui l'a donné, pas même sur le serveur. "
            "Ne peut plus changer ensuite."
        ),
    )
    allow_statements = forms.BooleanField(
        label=_("Les participants peuvent ajouter des propositions"), required=False, initial=True
    )
    moderation = forms.ChoiceField(
        label=_("Modération des propositions des participants"),
        choices=Moderation.choices,
        initial=Moderation.AFTER,
        error_messages={"invalid_choice": _("Choisissez une modération dans la liste.")},
    )
    results_visibility = forms.ChoiceField(
        label=_("Carte des opinions visible par les participants"),
        choices=ResultsVisibility.choices,
        initial=ResultsVisibility.AFTER_VOTING,
        help_text=_("Les organisateurs la voient toujours."),
        error_messages={"invalid_choice": _("Choisissez quand la carte est visible.")},
    )
    min_votes = forms.IntegerField(
        label=_("Votes pour figurer sur la carte"),
        min_value=1,
        max_value=50,
        initial=7,
        help_text=_("Un participant est placé sur la carte une fois ce nombre de votes atteint."),
        error_messages={
            "required": _("Indiquez un nombre de votes."),
            "invalid": _("Indiquez un nombre entier."),
            "min_value": _("Au moins 1 vote."),
            "max_value": _("Au plus 50 votes."),
        },
    )
    opens_at = forms.DateTimeField(
        label=_("Ouverture"),
        required=False,
        widget=DATETIME_WIDGET,
        help_text=_("Laissez vide pour ouvrir tout de suite."),
        error_messages=DATETIME_ERRORS,
    )
    closes_at = forms.DateTimeField(
        label=_("Clôture prévue"),
        required=False,
        widget=DATETIME_WIDGET,
        help_text=_("Laissez vide pour la clore à la main."),
        error_messages=DATETIME_ERRORS,
    )
    seeds = forms.CharField(
        label=_("Propositions de départ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_with_limit(
            gettext_noop(
                "Une par ligne, %(n)d caractères au plus chacune : des affirmations courtes "
                "sur lesquelles on peut être d'accord ou non."
            )
        ),
    )

    UPDATE_FIELDS = (
        "question",
        "description",
        "meeting",
        "audience",
        "allow_statements",
        "moderation",
        "results_visibility",
        "min_votes",
        "opens_at",
        "closes_at",
    )

    def __init__(self, *args, circle, consultation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        meetings = Meeting.objects.filter(circle=circle).exclude(status=MeetingStatus.CLOSED)
        if consultation is not None and consultation.meeting_id:
            meetings = meetings | Meeting.objects.filter(pk=consultation.meeting_id)
        self.fields["meeting"].queryset = meetings.order_by("starts_at", "id")
        if consultation is not None:
            del self.fields["seeds"]
            del self.fields["anonymous"]

    def clean_opens_at(self):
        return _aware_in_range(self.cleaned_data["opens_at"])

    def clean_closes_at(self):
        return _aware_in_range(self.cleaned_data["closes_at"])

    def clean_seeds(self):
        lines = services.split_lines(self.cleaned_data.get("seeds", ""))
        if len(lines) > MAX_SEEDS:
            raise forms.ValidationError(
                _("Au plus %(n)d propositions de départ.") % {"n": MAX_SEEDS}
            )
        too_long = [i for i, line in enumerate(lines, 1) if len(line) > STATEMENT_MAX_LENGTH]
        if too_long:
            raise forms.ValidationError(
                _("Ligne %(line)d : une proposition tient en %(n)d caractères au plus.")
                % {"line": too_long[0], "n": STATEMENT_MAX_LENGTH}
            )
        return lines

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens is None and self.consultation is not None:
            opens = self.consultation.opens_at
        if closes is not None and closes <= (opens or timezone.now()):
            self.add_error(
                "closes_at",
                _("La clôture doit suivre l'ouverture.")
                if opens
                else _("La clôture doit être dans le futur."),
            )
        return data

    def values(self) -> dict:
        values = {name: self.cleaned_data[name] for name in self.UPDATE_FIELDS}
        if values["opens_at"] is None and self.consultation is not None:
            del values["opens_at"]  # left empty: unchanged
        if "anonymous" in self.fields:
            values["anonymous"] = self.cleaned_data["anonymous"]
            values["seeds"] = self.cleaned_data["seeds"]
        return values


class StatementForm(forms.Form):
    text = forms.CharField(
        label=_("Votre proposition"),
        max_length=STATEMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": STATEMENT_MAX_LENGTH}),
        help_text=_with_limit(
            gettext_noop(
                "Une affirmation courte (%(n)d caractères au plus), sur laquelle les autres "
                "peuvent être d'accord ou non. Elle compte comme votre vote « d'accord »."
            )
        ),
        error_messages={
            "required": _("Écrivez la proposition."),
            "max_length": _("Une proposition tient en %(limit_value)d caractères au plus."),
        },
    )


class SeedForm(forms.Form):
    seeds = forms.CharField(
        label=_("Ajouter des propositions"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_with_limit(gettext_noop("Une par ligne, %(n)d caractères au plus chacune.")),
        error_messages={"required": _("Écrivez au moins une proposition.")},
    )

    clean_seeds = ConsultationForm.clean_seeds


class ModerationForm(forms.Form):
    status = forms.ChoiceField(
        choices=[("accepted", _("Publier")), ("hidden", _("Masquer"))],
        error_messages={
            "required": _("Choisissez de publier ou de masquer."),
            "invalid_choice": _("Choisissez de publier ou de masquer."),
        },
    )
    reason = forms.CharField(
        label=_("Motif du masquage"),
        max_length=300,
        required=False,
        error_messages={"max_length": _("Le motif tient en 300 caractères au plus.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("status") == "hidden" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Donnez le motif du masquage."))
        return data


class ResumeForm(forms.Form):
    code = forms.CharField(
        label=_("Code de reprise"),
        max_length=100,
        error_messages={"required": _("Collez votre code de reprise.")},
    )
