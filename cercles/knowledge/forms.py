"""Forms of the knowledge pages: they turn bad input into French messages; the services
keep the invariants."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cercles.organisation.models import Circle

from .models import PageKind, TimeEaterCategory
from .services import MAX_BODY, MAX_SUMMARY, MAX_TITLE, SLUG_LENGTH

MARKDOWN_HELP = _(
    "En Markdown : « ## Titre de section », « - élément de liste », « **gras** », "
    "« [lien](https://…) ». Les titres de section forment le sommaire."
)


def _title_field():
    return forms.CharField(
        label=_("Titre"),
        max_length=MAX_TITLE,
        error_messages={
            "required": _("Donnez un titre à la page."),
            "max_length": _("Le titre compte au plus %(limit_value)d caractères."),
        },
    )


def _body_field():
    return forms.CharField(
        label=_("Texte"),
        required=False,
        strip=False,
        max_length=MAX_BODY,
        help_text=MARKDOWN_HELP,
        widget=forms.Textarea(attrs={"rows": 24, "class": "page-editor"}),
        error_messages={"max_length": _("Le texte compte au plus %(limit_value)d caractères.")},
    )


def _summary_field():
    return forms.CharField(
        label=_("Résumé de la modification"),
        required=False,
        max_length=MAX_SUMMARY,
        help_text=_("Une phrase pour l'historique : ce que vous avez changé, et pourquoi."),
        error_messages={"max_length": _("Le résumé compte au plus %(limit_value)d caractères.")},
    )


class CircleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _circle_field():
    return CircleChoiceField(
        label=_("Cercle"),
        queryset=Circle.objects.none(),
        required=False,
        empty_label=_("Aucun (page de toute l'organisation)"),
        help_text=_(
            "Le cercle qui tient la page : son premier lien et son facilitateur en sont les garants."
        ),
        error_messages={"invalid_choice": _("Choisissez un cercle de la liste.")},
    )


def _settings_fields():
    return {
        "kind": forms.ChoiceField(label=_("Type de page"), choices=PageKind.choices),
        "circle": _circle_field(),
        "restricted": forms.BooleanField(
            label=_("Réservée aux membres du cercle"),
            required=False,
            help_text=_(
                "Seuls les membres du cercle, ceux qui le pilotent et les admins la lisent."
            ),
        ),
        "protected": forms.BooleanField(
            label=_("Protégée"),
            required=False,
            help_text=_(
                "Seuls les admins, le premier lien et le facilitateur du cercle la modifient. "
                "Sinon, chacun peut l'améliorer."
            ),
        ),
    }


class _CircleFormMixin:
    def _set_circles(self, current=None):
        qs = Circle.objects.active().only("id", "name").order_by("name", "id")
        if current is not None:
            qs = qs | Circle.objects.filter(pk=current.pk).only("id", "name")
        self.fields["circle"].queryset = qs


class PageCreateForm(_CircleFormMixin, forms.Form):
    title = _title_field()
    slug = forms.CharField(
        label=_("Adresse de la page"),
        required=False,
        max_length=SLUG_LENGTH,
        help_text=_(
            "Facultatif : la fin de l'adresse web (lettres sans accents, chiffres, tirets). "
            "Laissée vide, elle est formée à partir du titre."
        ),
        error_messages={"max_length": _("L'adresse compte au plus %(limit_value)d caractères.")},
    )
    body = _body_field()
    summary = _summary_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_settings_fields())
        self.order_fields(["title", "slug", "kind", "circle", "restricted", "protected"])
        self._set_circles()
        self.fields["summary"].initial = ""


class PageEditForm(forms.Form):
    title = _title_field()
    body = _body_field()
    summary = _summary_field()
    base_revision = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        min_value=1,
        error_messages={
            "invalid": _(
                "La version de départ est illisible : rechargez la page, puis modifiez-la."
            ),
            "min_value": _(
                "La version de départ est illisible : rechargez la page, puis modifiez-la."
            ),
        },
    )


class PageSettingsForm(_CircleFormMixin, forms.Form):
    def __init__(self, *args, page=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_settings_fields())
        self._set_circles(page.circle if page is not None else None)


class RestoreForm(forms.Form):
    summary = _summary_field()


class TimeEaterForm(forms.Form):
    name = forms.CharField(
        label=_("Nom"),
        max_length=200,
        help_text=_("Par exemple : « Réunions sans ordre du jour »."),
        error_messages={"required": _("Nommez le chronophage.")},
    )
    category = forms.ChoiceField(label=_("Catégorie"), choices=TimeEaterCategory.choices)
    description = forms.CharField(
        label=_("Description"),
        max_length=MAX_BODY // 5,
        help_text=_("En quoi fait-il perdre du temps ? À qui, quand ? (Markdown)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Décrivez le chronophage : en quoi fait-il perdre du temps ?")
        },
    )
    remedies = forms.CharField(
        label=_("Remèdes"),
        required=False,
        max_length=MAX_BODY // 5,
        help_text=_("Ce qui marche contre lui, une ligne « - … » par remède (Markdown)."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class RemedyForm(forms.Form):
    body = forms.CharField(
        label=_("Votre remède"),
        max_length=5000,
        help_text=_("Ce que vous faites, ou proposez, contre ce chronophage (Markdown)."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Écrivez le remède que vous proposez."),
            "max_length": _("Le remède compte au plus %(limit_value)d caractères."),
        },
    )
