"""Forms of onboarding: they turn bad input into French messages; the services keep
the invariants."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cercles.accounts.models import Person
from cercles.knowledge.models import Page, PageKind
from cercles.organisation.forms import date_widget
from cercles.organisation.models import Circle, Role

from .models import AssigneeKind, Phase, PlanTemplate
from .services import MAX_NAME, MAX_TEXT

MARKDOWN_HELP = _("En Markdown : « - élément de liste », « **gras** », « [lien](https://…) ».")


class PersonField(forms.CharField):
    """A person typed as his e-mail address or his matricule (the directory's keys)."""

    def __init__(self, *, datalist: str = "", **kwargs):
        kwargs.setdefault("max_length", 254)
        attrs = {"autocomplete": "off"}
        if datalist:
            attrs["list"] = datalist
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value).strip()
        if not value:
            return None
        people = Person.objects.filter(is_active=True)
        if "@" in value:
            person = people.filter(email__iexact=value).first()
        else:
            person = people.filter(matricule__iexact=value).exclude(matricule="").first()
        if person is None:
            raise forms.ValidationError(
                _(
                    "Aucune personne active ne correspond à « %(value)s » : saisissez son "
                    "adresse e-mail ou son matricule."
                ),
                params={"value": value},
            )
        return person


class NamedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


def _start_date_field():
    return forms.DateField(
        label=_("Date d'arrivée"),
        widget=date_widget(),
        error_messages={
            "required": _("Indiquez la date d'arrivée."),
            "invalid": _("Indiquez une date valide, par exemple 02/03/2026."),
        },
    )


def _people_fields(user):
    return {
        "buddy": PersonField(
            label=_("Parrain ou marraine"),
            required=False,
            datalist="buddy-suggestions",
            help_text=_(
                "Son adresse e-mail ou son matricule : un collègue du même cercle ou du même "
                "site, qui répond aux questions du quotidien (voir les suggestions)."
            ),
        ),
        "lead_link": PersonField(
            label=_("Premier lien"),
            required=False,
            help_text=_("Adresse e-mail ou matricule. Par défaut : le premier lien du cercle."),
        ),
        "hr_contact": PersonField(
            label=_("Contact RH"),
            required=False,
            help_text=_("Adresse e-mail ou matricule. Par défaut : vous, si vous êtes aux RH."),
        ),
        "booklet": NamedChoiceField(
            label=_("Livret d'accueil"),
            # Only the booklets the user reads: a restricted page's title stays hidden.
            queryset=Page.objects.visible_to(user)
            .active()
            .filter(kind=PageKind.BOOKLET)
            .order_by("title"),
            required=False,
            empty_label=_("Le livret d'accueil de l'organisation"),
            error_messages={"invalid_choice": _("Choisissez un livret de la liste.")},
        ),
    }


class OnboardingForm(forms.Form):
    newcomer = PersonField(
        label=_("Nouvel arrivant"),
        help_text=_("Son adresse e-mail ou son matricule (son compte existe déjà)."),
        error_messages={"required": _("Indiquez l'adresse e-mail ou le matricule de l'arrivant.")},
    )
    start_date = _start_date_field()
    circle = NamedChoiceField(
        label=_("Cercle rejoint"),
        queryset=Circle.objects.none(),
        required=False,
        empty_label=_("Aucun en particulier"),
        error_messages={"invalid_choice": _("Choisissez un cercle de la liste.")},
    )
    role = NamedChoiceField(
        label=_("Rôle"),
        queryset=Role.objects.none(),
        required=False,
        empty_label=_("Aucun en particulier"),
        help_text=_("Les rôles du cercle choisi."),
        error_messages={"invalid_choice": _("Choisissez un rôle du cercle choisi.")},
    )
    template = NamedChoiceField(
        label=_("Modèle de parcours"),
        queryset=PlanTemplate.objects.active().order_by("name", "id"),
        required=False,
        empty_label=_("Aucun (parcours vide)"),
        help_text=_("Ses tâches sont copiées avec leur échéance, à partir de la date d'arrivée."),
        error_messages={"invalid_choice": _("Choisissez un modèle de la liste.")},
    )

    def __init__(self, *args, user, circles, circle_id=None, hr=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_people_fields(user))
        self.fields["circle"].queryset = circles
        if not hr:
            self.fields["circle"].required = True
            self.fields["circle"].empty_label = None
            self.fields["circle"].error_messages["required"] = _(
                "Choisissez le cercle que la personne rejoint."
            )
        if circle_id:
            self.fields["role"].queryset = Role.objects.filter(
                circle_id=circle_id, archived_at__isnull=True
            ).order_by("name")

    def clean(self):
        data = super().clean()
        newcomer, buddy = data.get("newcomer"), data.get("buddy")
        if newcomer and buddy and newcomer.pk == buddy.pk:
            self.add_error(
                "buddy", _("Le parrain ou la marraine ne peut pas être le nouvel arrivant.")
            )
        return data


class OnboardingUpdateForm(forms.Form):
    start_date = _start_date_field()

    def __init__(self, *args, user, booklet_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_people_fields(user))
        self.fields["booklet"].empty_label = _("Aucun")
        if booklet_id is not None:
            # The booklet HR chose stays selectable for a lead link who cannot read it,
            # or saving his edit would drop it.
            booklet = self.fields["booklet"]
            booklet.queryset = Page.objects.filter(
                Q(pk__in=booklet.queryset.values("pk")) | Q(pk=booklet_id)
            ).order_by("title")


class ReassignForm(forms.Form):
    assignee = PersonField(
        label=_("Confier la tâche à"),
        help_text=_("Son adresse e-mail ou son matricule."),
        error_messages={"required": _("Indiquez à qui confier la tâche.")},
    )


class TemplateForm(forms.Form):
    name = forms.CharField(
        label=_("Nom"),
        max_length=MAX_NAME,
        error_messages={
            "required": _("Donnez un nom au modèle."),
            "max_length": _("Le nom compte au plus %(limit_value)d caractères."),
        },
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=MAX_TEXT,
        help_text=MARKDOWN_HELP,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _("La description compte au plus %(limit_value)d caractères.")
        },
    )


class TemplateTaskForm(forms.Form):
    phase = forms.ChoiceField(
        label=_("Étape"),
        choices=Phase.choices,
        error_messages={
            "required": _("Choisissez une étape."),
            "invalid_choice": _("Choisissez une étape de la liste."),
        },
    )
    day_offset = forms.IntegerField(
        label=_("Échéance (jours après l'arrivée)"),
        required=False,
        min_value=-60,
        max_value=62,
        help_text=_(
            "Facultatif. Par défaut : -7 avant l'arrivée, 0 le premier jour, 4 la première "
            "semaine, 30 le premier mois."
        ),
        error_messages={
            "invalid": _("Indiquez un nombre entier de jours, par exemple -7 ou 30."),
            "min_value": _("Au plus 60 jours avant l'arrivée."),
            "max_value": _("Au plus 62 jours après l'arrivée."),
        },
    )
    title = forms.CharField(
        label=_("Intitulé"),
        max_length=MAX_NAME,
        error_messages={
            "required": _("Donnez un intitulé à la tâche."),
            "max_length": _("L'intitulé compte au plus %(limit_value)d caractères."),
        },
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=MAX_TEXT,
        help_text=MARKDOWN_HELP,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _("La description compte au plus %(limit_value)d caractères.")
        },
    )
    assignee_kind = forms.ChoiceField(
        label=_("Qui s'en charge"),
        choices=AssigneeKind.choices,
        error_messages={
            "required": _("Choisissez qui s'en charge."),
            "invalid_choice": _("Choisissez qui s'en charge dans la liste."),
        },
    )
    link = forms.URLField(
        label=_("Lien"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Facultatif : une page, un formulaire ou une procédure utile."),
        error_messages={"invalid": _("Indiquez une adresse web complète, par exemple https://…")},
    )


class OnboardingTaskForm(TemplateTaskForm):
    """A one-off task of one onboarding: a due date rather than a day offset."""

    day_offset = None
    due_date = forms.DateField(
        label=_("Échéance"),
        required=False,
        widget=date_widget(),
        help_text=_(
            "Facultatif. Par défaut, selon l'étape : 7 jours avant l'arrivée, le jour "
            "d'arrivée, 4 jours après ou 30 jours après."
        ),
        error_messages={"invalid": _("Indiquez une date valide, par exemple 02/03/2026.")},
    )
    field_order = ["phase", "due_date", "title", "description", "assignee_kind", "link"]


class OnboardingFilters(forms.Form):
    """The filters of HR's list (bad values are ignored, not errors)."""

    STATUS = (("open", _("En cours")), ("closed", _("Terminées")), ("all", _("Toutes")))
    q = forms.CharField(label=_("Nom de l'arrivant"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("État"), choices=STATUS, required=False)
    circle = forms.IntegerField(label=_("Cercle"), required=False, min_value=1, max_value=2**62)
    overdue = forms.BooleanField(label=_("Seulement celles en retard"), required=False)


def people_search(queryset, q: str):
    for word in q.split()[:4]:
        queryset = queryset.filter(
            Q(newcomer__first_name__icontains=word) | Q(newcomer__last_name__icontains=word)
        )
    return queryset
