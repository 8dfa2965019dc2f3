"""Forms of the poll pages: they turn bad input into French messages; the services keep
the invariants (and check everything again, for the API).

`PollForm` and `OptionFormSet` create and edit a poll (the options are a plain formset:
empty rows are ignored, a button adds rows without JavaScript). `vote_form(poll,
options)` builds the vote form of the poll's kind: radios for positions, choices and
availabilities, number inputs for dots and scores, one select per rank for a ranked
choice (no drag and drop).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .ballots import clean_answer
from .counting import AVAILABILITY, CHOICES, POSITIONS
from .models import (
    ANONYMOUS_MIN_RESPONDENTS,
    DOTS_MAX,
    OPTIONS_MAX,
    SCORE_MAX,
    PollKind,
    QuorumKind,
    RankingMethod,
    ResultsVisibility,
)
from .results import availability_labels, choice_labels, position_labels

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_ERRORS = {"invalid": _("Indiquez une date et une heure, par exemple 2025-03-14 09:30.")}
EXTRA_OPTION_ROWS = 4


def _aware(value):
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value is not None and not 2000 <= value.year <= 2100:
        raise forms.ValidationError(_("Indiquez une date entre 2000 et 2100."))
    return value


class PollForm(forms.Form):
    question = forms.CharField(
        label=_("Question"),
        max_length=300,
        error_messages={"required": _("Posez la question.")},
    )
    description = forms.CharField(
        label=_("Contexte"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ce qu'il faut savoir pour répondre (Markdown)."),
    )
    kind = forms.ChoiceField(
        label=_("Type de sondage"),
        choices=PollKind.choices,
        error_messages={"invalid_choice": _("Choisissez un type de sondage de la liste.")},
    )
    is_anonymous = forms.BooleanField(
        label=_("Vote anonyme"),
        required=False,
        help_text=_(
            "Aucun lien n'est gardé entre un bulletin et son votant. Les résultats "
            "s'affichent alors à la clôture seulement, et à partir d'un nombre minimum de "
            "réponses. Un sondage anonyme ne pourra jamais redevenir nominatif."
        ),
    )
    results_visibility = forms.ChoiceField(
        label=_("Résultats"),
        choices=ResultsVisibility.choices,
        initial=ResultsVisibility.AFTER_VOTE,
        widget=forms.RadioSelect,
        help_text=_("Personne, ni l'auteur ni un administrateur, ne les voit plus tôt."),
    )
    min_respondents = forms.IntegerField(
        label=_("Réponses minimum avant d'afficher un résultat (vote anonyme)"),
        min_value=ANONYMOUS_MIN_RESPONDENTS,
        max_value=10000,
        initial=ANONYMOUS_MIN_RESPONDENTS,
        error_messages={
            "min_value": _(
                "Au moins %(limit_value)s réponses : en dessous, on devine qui a voté quoi."
            ),
            "required": _("Indiquez un nombre de réponses."),
        },
    )
    ranking_method = forms.ChoiceField(
        label=_("Dépouillement (classement)"),
        choices=RankingMethod.choices,
        required=False,
        widget=forms.RadioSelect,
        initial=RankingMethod.IRV,
    )
    dots_total = forms.IntegerField(
        label=_("Points par votant (vote par points)"),
        min_value=1,
        max_value=DOTS_MAX,
        required=False,
        initial=10,
        error_messages={"min_value": _("Au moins un point.")},
    )
    dots_max_per_option = forms.IntegerField(
        label=_("Points au plus sur une même option (vote par points)"),
        min_value=1,
        max_value=DOTS_MAX,
        required=False,
        help_text=_("Laissez vide pour ne pas limiter."),
        error_messages={"min_value": _("Au moins un point.")},
    )
    score_max = forms.IntegerField(
        label=_("Note maximale (notes)"),
        min_value=1,
        max_value=SCORE_MAX,
        required=False,
        initial=5,
        help_text=_("Chaque option est notée de 0 à cette note."),
        error_messages={"min_value": _("Une note maximale d'au moins 1.")},
    )
    closes_at = forms.DateTimeField(
        label=_("Échéance"),
        required=False,
        widget=DATETIME_WIDGET,
        error_messages=DATETIME_ERRORS,
        help_text=_(
            "Le sondage se clôt seul à cette date ; les votants qui n'ont pas répondu "
            "sont relancés 24 heures avant. Sans échéance, il se clôt à la main."
        ),
    )
    quorum_kind = forms.ChoiceField(
        label=_("Quorum"), choices=QuorumKind.choices, initial=QuorumKind.NONE
    )
    quorum_value = forms.IntegerField(
        label=_("Valeur du quorum"),
        min_value=1,
        required=False,
        help_text=_(
            "Un nombre de votants, ou un pourcentage du corps électoral (les membres du "
            "cercle, ou les participants de la réunion, à l'ouverture)."
        ),
        error_messages={"min_value": _("Un quorum d'au moins 1.")},
    )
    open_now = forms.BooleanField(
        label=_("Ouvrir le vote dès maintenant"),
        required=False,
        initial=True,
        help_text=_("Sinon, le sondage reste un brouillon à ouvrir plus tard."),
    )

    FIELDS = (
        "question",
        "description",
        "is_anonymous",
        "results_visibility",
        "min_respondents",
        "ranking_method",
        "dots_total",
        "dots_max_per_option",
        "score_max",
        "closes_at",
        "quorum_kind",
        "quorum_value",
    )

    def __init__(self, *args, poll=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.poll = poll
        if poll is not None:
            del self.fields["open_now"]
            self.fields["kind"].disabled = True
            self.fields["kind"].help_text = _("Le type ne change plus une fois le sondage créé.")
            if poll.is_anonymous:
                # Shown ticked and locked: an anonymous poll stays anonymous.
                self.fields["is_anonymous"].disabled = True
            if poll.voter_count:
                for name in self.FIELDS:
                    if name not in ("description", "closes_at", "is_anonymous"):
                        self.fields[name].disabled = True
                self.fields["is_anonymous"].disabled = True

    def clean_closes_at(self):
        return _aware(self.cleaned_data.get("closes_at"))

    def clean(self):
        data = super().clean()
        if data.get("is_anonymous"):
            # The rule of anonymous polls (see the help text), applied rather than refused.
            data["results_visibility"] = ResultsVisibility.AFTER_CLOSE
        if data.get("kind") == PollKind.RANKED and not data.get("ranking_method"):
            self.add_error(
                "ranking_method",
                _("Choisissez la méthode de dépouillement : vote alternatif ou Borda."),
            )
        if data.get("kind") == PollKind.DOTS and not data.get("dots_total"):
            self.add_error("dots_total", _("Indiquez combien de points chacun répartit."))
        if data.get("kind") == PollKind.SCORE and not data.get("score_max"):
            self.add_error("score_max", _("Indiquez la note maximale."))
        if data.get("quorum_kind", QuorumKind.NONE) != QuorumKind.NONE:
            value = data.get("quorum_value")
            if not value:
                self.add_error("quorum_value", _("Indiquez la valeur du quorum."))
            elif data["quorum_kind"] == QuorumKind.PERCENT and value > 100:
                self.add_error("quorum_value", _("Un quorum en pourcentage va de 1 à 100."))
        return data

    def values(self) -> dict:
        values = {name: self.cleaned_data.get(name) for name in self.FIELDS}
        values["ranking_method"] = values["ranking_method"] or ""
        return values


class OptionForm(forms.Form):
    label = forms.CharField(label=_("Intitulé"), max_length=200, required=False)
    starts_at = forms.DateTimeField(
        label=_("Créneau (date et heure)"),
        required=False,
        widget=DATETIME_WIDGET,
        error_messages=DATETIME_ERRORS,
    )

    def clean_starts_at(self):
        return _aware(self.cleaned_data.get("starts_at"))


OptionFormSet = forms.formset_factory(
    OptionForm, extra=0, max_num=OPTIONS_MAX, absolute_max=OPTIONS_MAX, validate_max=True
)


def option_formset(data=None, *, options=(), extra=EXTRA_OPTION_ROWS, initial=None):
    """The options' formset: the poll's options (or `initial` rows), then `extra` empty
    rows."""
    if data is not None:
        # Bound: every typed row counts as a change (with initial rows, an unchanged
        # extra row would be skipped by the formset and its option lost).
        initial = []
    elif initial is None:
        initial = [{"label": o.label, "starts_at": o.starts_at} for o in options]
    initial = initial[:OPTIONS_MAX]
    formset = forms.formset_factory(
        OptionForm,
        extra=max(0, min(extra, OPTIONS_MAX - len(initial))),
        max_num=OPTIONS_MAX,
        absolute_max=OPTIONS_MAX,
        validate_max=True,
    )
    return formset(data, initial=initial, prefix="options")


def rows_from_data(data) -> list[dict]:
    """The option rows typed in a form that was not validated (to add rows)."""
    try:
        total = min(int(data.get("options-TOTAL_FORMS", 0)), OPTIONS_MAX)
    except (TypeError, ValueError):
        total = 0
    rows = []
    for i in range(total):
        label = data.get(f"options-{i}-label", "")
        starts_at = data.get(f"options-{i}-starts_at", "")
        if label or starts_at:
            rows.append({"label": label, "starts_at": starts_at})
    return rows


def options_from_formset(formset) -> list[dict]:
    return [
        {"label": f.cleaned_data.get("label", ""), "starts_at": f.cleaned_data.get("starts_at")}
        for f in formset.forms
        if f.cleaned_data
    ]


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("Conclusion"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_(
            "Ce que le cercle retient de ce sondage : la décision prise, la suite donnée, "
            "les réserves et objections dont il faut tenir compte."
        ),
        error_messages={
            "required": _("Écrivez la conclusion : ce que le cercle retient de ce sondage.")
        },
    )


# --- voting --------------------------------------------------------------------------


class VoteForm(forms.Form):
    """The fields are added by `vote_form` for the poll's kind; `answer` is the checked
    answer in its stored shape once the form is valid."""

    comment = forms.CharField(
        label=_("Commentaire"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, poll, options, **kwargs):
        super().__init__(*args, **kwargs)
        self.poll = poll
        self.options = list(options)
        self.answer = None
        kind = poll.kind
        field_order = []
        if kind in (PollKind.CONSENT, PollKind.ADVICE):
            labels = position_labels(kind)
            self.fields["position"] = forms.ChoiceField(
                label=_("Votre position"),
                choices=[(p, labels[p]) for p in POSITIONS],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choisissez votre position.")},
            )
            field_order.append("position")
            self.fields["comment"].help_text = _(
                "Obligatoire avec des réserves ou une objection : dites ce qui les fonde."
            )
        elif kind == PollKind.YES_NO:
            labels = choice_labels()
            self.fields["choice"] = forms.ChoiceField(
                label=_("Votre vote"),
                choices=[(c, labels[c]) for c in CHOICES],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choisissez oui, non ou abstention.")},
            )
            field_order.append("choice")
            self.fields["comment"].help_text = _("Facultatif.")
        elif kind == PollKind.DOTS:
            ceiling = poll.dots_max_per_option or poll.dots_total
            for option in self.options:
                name = f"dots_{option.pk}"
                self.fields[name] = forms.IntegerField(
                    label=option.display,
                    min_value=0,
                    max_value=ceiling,
                    required=False,
                    widget=forms.NumberInput(
                        attrs={
                            "min": 0,
                            "max": ceiling,
                            "step": 1,
                            "data-dots": "",
                            "inputmode": "numeric",
                        }
                    ),
                    error_messages={
                        "min_value": _("Pas de points négatifs."),
                        "max_value": _("Au plus %(limit_value)s points sur une même option."),
                        "invalid": _("Indiquez un nombre entier de points."),
                    },
                )
                field_order.append(name)
            self.fields["comment"].help_text = _("Facultatif.")
        elif kind == PollKind.SCORE:
            for option in self.options:
                name = f"score_{option.pk}"
                self.fields[name] = forms.IntegerField(
                    label=option.display,
                    min_value=0,
                    max_value=poll.score_max,
                    widget=forms.NumberInput(
                        attrs={"min": 0, "max": poll.score_max, "step": 1, "inputmode": "numeric"}
                    ),
                    error_messages={
                        "required": _("Donnez une note à cette option."),
                        "min_value": _("Les notes vont de 0 à %(max)s.") % {"max": poll.score_max},
                        "max_value": _("Les notes vont de 0 à %(max)s.") % {"max": poll.score_max},
                        "invalid": _("Indiquez une note entière."),
                    },
                )
                field_order.append(name)
            self.fields["comment"].help_text = _("Facultatif.")
        elif kind == PollKind.RANKED:
            choices = [("", _("— (pas de choix)"))] + [(str(o.pk), o.display) for o in self.options]
            for rank in range(1, len(self.options) + 1):
                name = f"rank_{rank}"
                self.fields[name] = forms.ChoiceField(
                    label=_("Choix n° %(n)s") % {"n": rank},
                    choices=choices,
                    required=rank == 1,
                    error_messages={
                        "required": _("Choisissez au moins votre premier choix."),
                        "invalid_choice": _("Cette option n'existe pas dans ce sondage."),
                    },
                )
                field_order.append(name)
            self.fields["comment"].help_text = _("Facultatif.")
        elif kind == PollKind.TIME_SLOT:
            labels = availability_labels()
            for option in self.options:
                name = f"slot_{option.pk}"
                self.fields[name] = forms.ChoiceField(
                    label=option.display,
                    choices=[(a, labels[a]) for a in AVAILABILITY],
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Indiquez votre disponibilité.")},
                )
                field_order.append(name)
            self.fields["comment"].help_text = _("Facultatif.")
        self.order_fields([*field_order, "comment"])

    @property
    def choice_fields(self):
        return [self[name] for name in self.fields if name != "comment"]

    def _raw_answer(self, data) -> dict:
        kind = self.poll.kind
        if kind in (PollKind.CONSENT, PollKind.ADVICE):
            return {"position": data.get("position")}
        if kind == PollKind.YES_NO:
            return {"choice": data.get("choice")}
        if kind == PollKind.DOTS:
            return {"dots": {str(o.pk): data.get(f"dots_{o.pk}") or 0 for o in self.options}}
        if kind == PollKind.SCORE:
            return {"scores": {str(o.pk): data.get(f"score_{o.pk}") for o in self.options}}
        if kind == PollKind.RANKED:
            picks = [data.get(f"rank_{r}") or "" for r in range(1, len(self.options) + 1)]
            # A gap (a 3rd choice without a 2nd) is a slip worth pointing out.
            last = max((i for i, p in enumerate(picks) if p), default=-1)
            if any(not p for p in picks[: last + 1]):
                raise ValidationError(
                    _("Remplissez les choix dans l'ordre, sans en laisser un vide avant un autre.")
                )
            return {"ranking": [p for p in picks if p]}
        return {"slots": {str(o.pk): data.get(f"slot_{o.pk}") for o in self.options}}

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            raw = self._raw_answer(data)
            ids = [o.pk for o in self.options]
            self.answer, data["comment"] = clean_answer(self.poll, ids, raw, data.get("comment"))
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    self.add_error("comment" if field == "comment" else None, errors)
            else:
                self.add_error(None, exc)
        return data


def vote_initial(poll, answer: dict, comment: str) -> dict:
    """A stored answer as the vote form's initial values (to change one's open vote)."""
    initial = {"comment": comment}
    if "position" in answer:
        initial["position"] = answer["position"]
    elif "choice" in answer:
        initial["choice"] = answer["choice"]
    elif "dots" in answer:
        initial.update({f"dots_{k}": v for k, v in answer["dots"].items()})
    elif "scores" in answer:
        initial.update({f"score_{k}": v for k, v in answer["scores"].items()})
    elif "ranking" in answer:
        initial.update({f"rank_{i}": str(o) for i, o in enumerate(answer["ranking"], start=1)})
    elif "slots" in answer:
        initial.update({f"slot_{k}": v for k, v in answer["slots"].items()})
    return initial
