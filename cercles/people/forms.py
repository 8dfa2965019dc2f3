"""Forms of the people pages: they turn bad input into French messages; the services
keep the invariants."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cercles.accounts.models import Person

from . import chooser
from .models import FormatKey, Function, ItemKind, PathItem
from .services import MAX_TEXT

MARKDOWN = _("En Markdown : « - élément de liste », « **gras** », « [lien](https://…) ».")


class PersonField(forms.CharField):
    """A person typed as his e-mail address or matricule (the browser suggests them)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 254)
        kwargs.setdefault(
            "help_text",
            _(
                "Son adresse e-mail ou son matricule. Des suggestions apparaissent pendant la saisie."
            ),
        )
        kwargs.setdefault(
            "error_messages",
            {"required": _("Indiquez l'adresse e-mail ou le matricule de la personne.")},
        )
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"autocomplete": "off", "list": "person-suggestions"}),
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
                    "Aucune personne active ne correspond à « %(value)s ». "
                    "Saisissez son adresse e-mail ou son matricule."
                ),
                params={"value": value},
            )
        return person


class FunctionGrantForm(forms.Form):
    person = PersonField(label=_("Personne"))
    function = forms.ChoiceField(
        label=_("Fonction"),
        choices=[("", _("Choisissez une fonction")), *Function.choices],
        error_messages={
            "required": _("Choisissez la fonction à confier."),
            "invalid_choice": _("Choisissez une fonction de la liste."),
        },
    )


class PathItemForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=ItemKind.choices,
        error_messages={"invalid_choice": _("Choisissez un type de la liste.")},
    )
    name = forms.CharField(
        label=_("Nom"),
        max_length=200,
        error_messages={
            "required": _("Donnez un nom à l'élément."),
            "max_length": _("Le nom compte au plus %(limit_value)d caractères."),
        },
    )
    summary = forms.CharField(
        label=_("En une phrase"),
        max_length=300,
        help_text=_("Ce qu'on lit dans le catalogue."),
        error_messages={
            "required": _("Dites en une phrase de quoi il s'agit."),
            "max_length": _("La phrase compte au plus %(limit_value)d caractères."),
        },
    )
    format = forms.ChoiceField(
        label=_("Module"),
        required=False,
        choices=[("", _("Aucun (point d'entrée ou outil de détection)")), *FormatKey.choices],
        help_text=_("Pour un format d'accompagnement : le module qui le propose."),
        error_messages={"invalid_choice": _("Choisissez un module de la liste.")},
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=MAX_TEXT,
        help_text=MARKDOWN,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    audience = forms.CharField(
        label=_("Pour qui, quand"),
        required=False,
        max_length=MAX_TEXT,
        help_text=MARKDOWN,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    getting_started = forms.CharField(
        label=_("Comment démarrer"),
        required=False,
        max_length=MAX_TEXT,
        help_text=MARKDOWN,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == ItemKind.FORMAT and not data.get("format"):
            self.add_error(
                "format",
                _("Pour un format d'accompagnement, choisissez le module qui le propose."),
            )
        return data


class ChooserForm(forms.Form):
    """The questionnaire: one set of radio buttons per question of `chooser.QUESTIONS`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in chooser.QUESTIONS:
            self.fields[question.key] = forms.ChoiceField(
                label=question.label,
                help_text=question.help,
                choices=question.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choisissez une réponse."),
                    "invalid_choice": _("Choisissez une des réponses proposées."),
                },
            )


class EntryForm(forms.Form):
    title = forms.CharField(
        label=_("Titre"),
        max_length=200,
        help_text=_("Par exemple : « Animer une réunion en intelligence collective »."),
        error_messages={
            "required": _("Donnez un titre à cette étape."),
            "max_length": _("Le titre compte au plus %(limit_value)d caractères."),
        },
    )
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Indiquez la date."),
            "invalid": _("Indiquez une date valide."),
        },
    )
    body = forms.CharField(
        label=_("Texte"),
        required=False,
        max_length=MAX_TEXT,
        help_text=MARKDOWN,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": _("Le texte compte au plus %(limit_value)d caractères.")},
    )
    private = forms.BooleanField(
        label=_("Privé : ne le montrer qu'à moi"),
        required=False,
        initial=True,
        help_text=_("Décoché, il est visible des personnes avec qui vous partagez votre parcours."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate


class GoalForm(EntryForm):
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=[("goal", _("Objectif")), ("note", _("Note"))],
        error_messages={"invalid_choice": _("Choisissez « objectif » ou « note ».")},
    )
    field_order = ["kind", "title", "date", "body", "private"]


class ShareForm(forms.Form):
    viewer = PersonField(label=_("Partager avec"))


class FormatChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class SuggestionForm(forms.Form):
    item = FormatChoiceField(
        label=_("Format d'accompagnement"),
        queryset=PathItem.objects.none(),
        empty_label=_("Choisissez un format"),
        error_messages={
            "required": _("Choisissez un format d'accompagnement."),
            "invalid_choice": _("Choisissez un format d'accompagnement de la liste."),
        },
    )
    message = forms.CharField(
        label=_("Votre message"),
        max_length=2000,
        help_text=_("Pourquoi ce format lui irait bien : ce que vous avez remarqué."),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Écrivez quelques mots : pourquoi ce format lui irait bien."),
            "max_length": _("Le message compte au plus %(limit_value)d caractères."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = (
            PathItem.objects.active().filter(kind=ItemKind.FORMAT).in_order()
        )
