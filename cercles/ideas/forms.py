"""Forms of the ideas pages: they turn what was typed into clean values; the services
write and enforce the rules (their ValidationError is shown on the form)."""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from cercles.core.forms import BoundedModelChoiceField, BoundedModelMultipleChoiceField
from cercles.organisation.models import Circle

from .models import (
    ANONYMOUS_ATTACHMENT_REFUSED,
    ATTACHMENT_EXTENSIONS,
    Campaign,
    IdeaStatus,
    Objective,
    ProjectStatus,
    facilitator_targets,
    validate_attachment_size,
)


def _objectives_field():
    return BoundedModelMultipleChoiceField(
        label=_("Objectifs"),
        queryset=Objective.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def _circle_field(label, help_text=""):
    return BoundedModelChoiceField(
        label=label,
        queryset=Circle.objects.active(),
        required=False,
        help_text=help_text,
        empty_label=_("— aucun —"),
    )


ANONYMOUS_HELP = _(
    "Votre nom n'est enregistré nulle part : ni sur l'idée, ni dans l'historique, ni dans "
    "les journaux. En contrepartie, vous ne pourrez ni la modifier, ni la garder en "
    "brouillon, ni y joindre un fichier (ses propriétés peuvent porter votre nom), et "
    "personne ne pourra vous prévenir des réponses : pour les lire, retrouvez-la dans la "
    "liste des idées."
)


class IdeaForm(forms.Form):
    title = forms.CharField(
        label=_("Titre"),
        max_length=200,
        error_messages={"required": _("Donnez un titre à votre idée.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    body = forms.CharField(
        label=_("Votre idée"),
        help_text=_("Le constat, ce que vous proposez, ce que cela changerait. Markdown accepté."),
        error_messages={"required": _("Décrivez votre idée.")},
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    objectives = _objectives_field()
    circle = _circle_field(_("Cercle concerné"), _("Facultatif : le service ou cercle visé."))
    attachment = forms.FileField(
        label=_("Pièce jointe"),
        required=False,
        # Lazy as a whole: the `%` must run in the reader's language, not at import.
        help_text=lazy(
            lambda: (
                _(
                    "Facultatif, 5 Mo au plus : %(ext)s. Pas de pièce jointe sur une idée anonyme : "
                    "les propriétés d'un document peuvent nommer son auteur."
                )
                % {"ext": ", ".join(ATTACHMENT_EXTENSIONS)}
            ),
            str,
        )(),
        validators=[validate_attachment_size],
    )
    anonymous = forms.BooleanField(
        label=_("Publier anonymement"), required=False, help_text=ANONYMOUS_HELP
    )

    FIELDS = ("title", "body", "objectives", "circle", "attachment")

    def __init__(self, *args, allow_anonymous=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not allow_anonymous:
            del self.fields["anonymous"]

    def clean(self):
        data = super().clean()
        if data.get("anonymous") and data.get("attachment"):
            self.add_error("attachment", ANONYMOUS_ATTACHMENT_REFUSED)
        return data

    def clean_attachment(self):
        file = self.cleaned_data.get("attachment")
        if file:
            ext = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
            if ext not in ATTACHMENT_EXTENSIONS:
                raise forms.ValidationError(
                    _("Type de fichier refusé. Formats acceptés : %(ext)s.")
                    % {"ext": ", ".join(ATTACHMENT_EXTENSIONS)}
                )
        return file

    def values(self) -> dict:
        data = {f: self.cleaned_data[f] for f in self.FIELDS if f in self.cleaned_data}
        if not data.get("attachment"):
            data.pop("attachment", None)
        return data

    @classmethod
    def initial_for(cls, idea) -> dict:
        return {
            "title": idea.title,
            "body": idea.body,
            "circle": idea.circle_id,
            "objectives": list(idea.objectives.values_list("pk", flat=True)),
        }


class SimilarForm(forms.Form):
    """What the idea form sends while typing, to look for similar ideas."""

    title = forms.CharField(required=False, max_length=200)
    body = forms.CharField(required=False, max_length=20000)


class AnswerForm(forms.Form):
    to = forms.ChoiceField(label=_("Nouvel état"))
    text = forms.CharField(
        label=_("Réponse publique"),
        help_text=_("Elle est lue par tous ; un refus doit toujours être motivé."),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Rédigez la réponse : elle accompagne chaque changement.")},
    )

    def __init__(self, *args, idea, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [
            (s, IdeaStatus(s).label) for s in facilitator_targets(idea.status)
        ]


class MergeForm(forms.Form):
    into = forms.IntegerField(
        label=_("Numéro de l'idée qui la reçoit"),
        min_value=1,
        max_value=2**63 - 1,
        help_text=_("Le numéro figure dans l'adresse de l'idée : /ideas/<numéro>/."),
        error_messages={"required": _("Indiquez l'idée qui reçoit celle-ci.")},
    )
    text = forms.CharField(
        label=_("Réponse publique"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Expliquez la fusion : cette réponse est publique.")},
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Commentaire"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Le commentaire est vide.")},
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Pourquoi ce commentaire pose-t-il problème ?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif du masquage"),
        max_length=2000,
        help_text=_("Affiché à la place du commentaire."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Indiquez pourquoi le commentaire est masqué.")},
    )


class CampaignForm(forms.Form):
    title = forms.CharField(
        label=_("Titre"),
        max_length=200,
        error_messages={"required": _("Donnez un titre à la campagne.")},
    )
    question = forms.CharField(
        label=_("Question posée"),
        max_length=500,
        error_messages={"required": _("Posez la question de la campagne.")},
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        help_text=_("Markdown accepté."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    starts_on = forms.DateField(
        label=_("Début"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Indiquez la date de début."),
            "invalid": _("Date invalide."),
        },
    )
    ends_on = forms.DateField(
        label=_("Fin"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Indiquez la date de fin."), "invalid": _("Date invalide.")},
    )
    objectives = _objectives_field()
    circle = _circle_field(_("Périmètre"), _("Vide : toute l'organisation."))
    answer_deadline_days = forms.IntegerField(
        label=_("Délai de réponse aux idées (jours)"),
        min_value=1,
        max_value=365,
        initial=30,
        error_messages={"required": _("Indiquez le délai de réponse.")},
    )

    FIELDS = (
        "title",
        "question",
        "description",
        "starts_on",
        "ends_on",
        "objectives",
        "circle",
        "answer_deadline_days",
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("La fin doit suivre le début."))
        return data

    def values(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.FIELDS}

    @classmethod
    def initial_for(cls, campaign: Campaign) -> dict:
        data = {f: getattr(campaign, f) for f in cls.FIELDS if f not in ("objectives", "circle")}
        data["circle"] = campaign.circle_id
        data["objectives"] = list(campaign.objectives.values_list("pk", flat=True))
        return data


# --- themes ----------------------------------------------------------------------------


class ThemeProposeForm(forms.Form):
    count = forms.IntegerField(
        label=_("Nombre de thèmes"),
        min_value=2,
        max_value=12,
        initial=5,
        help_text=_("De 2 à 12. Vous pourrez ensuite déplacer, renommer et fusionner."),
        error_messages={"required": _("Indiquez le nombre de thèmes.")},
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ThemeForm(forms.Form):
    name = forms.CharField(
        label=_("Nom du thème"),
        max_length=200,
        error_messages={"required": _("Donnez un nom au thème.")},
    )
    key_terms = forms.CharField(
        label=_("Termes clés"),
        required=False,
        max_length=500,
        help_text=_("Séparés par des virgules."),
    )


class ThemeMoveForm(forms.Form):
    """Move an idea of the campaign into one of its themes (or none)."""

    idea = forms.IntegerField(min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput)
    theme = forms.TypedChoiceField(label=_("Thème"), coerce=int, empty_value=None, required=False)

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("— aucun thème —"))] + [
            (t.pk, t.name) for t in themes
        ]


class ThemeMergeForm(forms.Form):
    into = forms.TypedChoiceField(
        label=_("Fusionner dans le thème"),
        coerce=int,
        error_messages={"required": _("Choisissez le thème qui reçoit celui-ci.")},
    )

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].choices = [(t.pk, t.name) for t in themes]


class ThemeProjectForm(forms.Form):
    title = forms.CharField(
        label=_("Titre du projet"),
        max_length=200,
        error_messages={"required": _("Donnez un titre au projet.")},
    )
    purpose = forms.CharField(
        label=_("Raison d'être"),
        help_text=_("Ce que le projet veut changer."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Dites ce que le projet veut changer.")},
    )
    text = forms.CharField(
        label=_("Réponse publique aux idées du thème"),
        help_text=_("Elle accompagne le passage des idées à l'état « En projet »."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Rédigez la réponse publique que recevront les idées du thème.")
        },
    )


# --- projects --------------------------------------------------------------------------


def _text_field(label, rows=4, help_text=""):
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ProjectForm(forms.Form):
    title = forms.CharField(
        label=_("Titre"),
        max_length=200,
        error_messages={"required": _("Donnez un titre au projet.")},
    )
    purpose = forms.CharField(
        label=_("Raison d'être"),
        help_text=_("Ce que le projet veut changer, en deux ou trois phrases."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Dites ce que le projet veut changer.")},
    )
    description = _text_field(_("Description"), 6, _("Markdown accepté."))
    status = forms.ChoiceField(label=_("État"), choices=ProjectStatus.choices)
    expected_results = _text_field(_("Résultats attendus"), 3)
    measured_results = _text_field(_("Résultats mesurés"), 3)
    governance = _text_field(
        _("Gouvernance"), 3, _("Fiche de reprise : qui décide, à quel rythme l'équipe se réunit.")
    )
    calendar = _text_field(_("Calendrier"), 3, _("Fiche de reprise : les grandes étapes."))
    first_actions = _text_field(_("Premières actions"), 3, _("Fiche de reprise."))

    FIELDS = (
        "title",
        "purpose",
        "description",
        "status",
        "expected_results",
        "measured_results",
        "governance",
        "calendar",
        "first_actions",
    )
    # Not asked when proposing: a new project is "proposed" and has measured nothing yet.
    CREATE_EXCLUDED = ("status", "measured_results")

    def __init__(self, *args, creating=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.creating = creating
        if creating:
            for name in self.CREATE_EXCLUDED:
                del self.fields[name]

    def values(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.FIELDS if f in self.fields}

    @classmethod
    def initial_for(cls, project) -> dict:
        return {f: getattr(project, f) for f in cls.FIELDS}


class HandOverForm(forms.Form):
    to = forms.TypedChoiceField(
        label=_("Nouveau porteur"),
        coerce=int,
        error_messages={"required": _("Choisissez le membre qui porte désormais le projet.")},
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(p.pk, p.full_name) for p in members]


class MilestoneForm(forms.Form):
    title = forms.CharField(
        label=_("Jalon"),
        max_length=200,
        error_messages={"required": _("Donnez un titre au jalon.")},
    )
    due_on = forms.DateField(
        label=_("Échéance"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Date invalide.")},
    )
    progress = forms.IntegerField(
        label=_("Avancement (%)"),
        min_value=0,
        max_value=100,
        initial=0,
        error_messages={"required": _("Indiquez l'avancement, de 0 à 100.")},
    )

    FIELDS = ("title", "due_on", "progress")

    def values(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.FIELDS}

    @classmethod
    def initial_for(cls, milestone) -> dict:
        return {f: getattr(milestone, f) for f in cls.FIELDS}


class MakeCircleForm(forms.Form):
    parent = forms.ModelChoiceField(
        label=_("Cercle parent"),
        queryset=Circle.objects.none(),
        required=False,
        empty_label=_("— aucun (cercle de premier niveau) —"),
        help_text=_("Le cercle dans lequel le projet prend place."),
    )

    def __init__(self, *args, parents=None, allow_top=False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["parent"]
        field.queryset = parents if parents is not None else Circle.objects.none()
        if not allow_top:
            field.required = True
            field.empty_label = None
            field.error_messages["required"] = _("Choisissez le cercle parent.")
