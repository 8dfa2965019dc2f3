"""Forms of the pages that change the structure.

They only turn what was typed into clean values; the services in `services.py` do
the writing and enforce the rules (a ValidationError from a service is attached to
the form by the view).
"""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cercles.accounts.models import Person
from cercles.lib.text import tokens

from . import permissions
from .models import Circle, CircleKind, colour_validator

TOP_LEVEL = "top"
SUGGESTION_LIMIT = 50


class LinesField(forms.CharField):
    """A textarea holding one item per line: line endings unified, blank lines dropped."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 4}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        lines = [line.strip() for line in value.splitlines()]
        return "\n".join(line for line in lines if line)


def note_field():
    return forms.CharField(
        label=_("Motif du changement"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Facultatif : pourquoi ce changement (décision, réunion…). Il figure dans l'historique."
        ),
    )


def date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CircleForm(forms.Form):
    name = forms.CharField(
        label=_("Nom"),
        max_length=200,
        error_messages={"required": _("Indiquez le nom du cercle.")},
    )
    purpose = forms.CharField(
        label=_("Raison d'être"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    domains = LinesField(label=_("Domaines"), help_text=_("Un domaine par ligne."))
    accountabilities = LinesField(
        label=_("Redevabilités"), help_text=_("Une redevabilité par ligne.")
    )
    kind = forms.ChoiceField(label=_("Type"), choices=CircleKind.choices, initial=CircleKind.CIRCLE)
    colour = forms.CharField(
        label=_("Couleur"),
        required=False,
        max_length=7,
        validators=[colour_validator],
        widget=forms.TextInput(
            attrs={"pattern": "#[0-9a-fA-F]{6}", "placeholder": "#2a6f97", "size": 8}
        ),
        help_text=_(
            "Format #RRGGBB, par exemple #2a6f97. Laissez vide pour la couleur par défaut."
        ),
    )
    note = note_field()

    FIELDS = ("name", "purpose", "domains", "accountabilities", "kind", "colour")

    @classmethod
    def initial_for(cls, circle: Circle) -> dict:
        return {f: getattr(circle, f) for f in cls.FIELDS}

    def values(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.FIELDS}


class RoleForm(forms.Form):
    name = forms.CharField(
        label=_("Nom"),
        max_length=200,
        error_messages={"required": _("Indiquez le nom du rôle.")},
    )
    purpose = forms.CharField(
        label=_("Raison d'être"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    domains = LinesField(label=_("Domaines"), help_text=_("Un domaine par ligne."))
    accountabilities = LinesField(
        label=_("Redevabilités"), help_text=_("Une redevabilité par ligne.")
    )
    note = note_field()

    FIELDS = ("name", "purpose", "domains", "accountabilities")

    @classmethod
    def initial_for(cls, role) -> dict:
        return {f: getattr(role, f) for f in cls.FIELDS}

    def values(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.FIELDS}


class ConfirmForm(forms.Form):
    """Archiving: nothing to choose, only an optional reason."""

    note = note_field()


def circle_tree(circle: Circle, user):
    """Where `circle` may be moved, in tree order: [(id, depth, name)].

    One query reads every active circle (id, parent, name); the circle itself and
    its descendants are left out (a circle cannot go inside itself), and so are
    circles the user does not manage, unless he is an admin.
    """
    rows = list(Circle.objects.active().values_list("id", "parent_id", "name"))
    ids = {pk for pk, _parent, _name in rows}
    children: dict[int | None, list[tuple[int, str]]] = {}
    for pk, parent_id, name in rows:
        key = parent_id if parent_id in ids else None
        children.setdefault(key, []).append((pk, name))
    for siblings in children.values():
        siblings.sort(key=lambda item: (item[1].casefold(), item[0]))

    excluded = {circle.pk}
    stack = [circle.pk]
    while stack:
        for child_id, _name in children.get(stack.pop(), []):
            if child_id not in excluded:
                excluded.add(child_id)
                stack.append(child_id)

    admin = permissions.is_admin(user)
    ordered = []
    stack = [(pk, name, 0) for pk, name in reversed(children.get(None, []))]
    while stack:
        pk, name, depth = stack.pop()
        if pk in excluded:
            continue
        if admin or permissions.manages(user, pk):
            ordered.append((pk, depth, name))
        stack.extend((cid, cname, depth + 1) for cid, cname in reversed(children.get(pk, [])))
    return ordered, ids, excluded


class CircleMoveForm(forms.Form):
    parent = forms.CharField(
        label=_("Nouveau cercle parent"),
        widget=forms.Select,
        error_messages={"required": _("Choisissez le nouveau cercle parent.")},
    )
    note = note_field()

    def __init__(self, *args, circle: Circle, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.circle = circle
        self.user = user
        self.allowed, self.active_ids, self.excluded = circle_tree(circle, user)
        self.allowed_ids = {pk for pk, _depth, _name in self.allowed}
        choices = []
        if permissions.can_create_top_level_circle(user):
            choices.append((TOP_LEVEL, gettext("Premier niveau (aucun cercle parent)")))
        # Non-breaking spaces show the depth; screen readers skip them.
        choices += [
            (str(pk), "\u00a0\u00a0\u00a0" * depth + name) for pk, depth, name in self.allowed
        ]
        self.fields["parent"].widget.choices = choices
        self.fields["parent"].initial = str(circle.parent_id) if circle.parent_id else TOP_LEVEL

    def clean_parent(self):
        value = self.cleaned_data["parent"]
        if value == TOP_LEVEL:
            if not permissions.can_create_top_level_circle(self.user):
                raise forms.ValidationError(
                    _("Seul un administrateur peut placer un cercle au premier niveau.")
                )
            return None
        try:
            pk = int(value)
        except ValueError:
            raise forms.ValidationError(_("Choisissez un cercle de la liste.")) from None
        if pk in self.excluded:
            raise forms.ValidationError(
                _(
                    "Un cercle ne peut pas être placé dans lui-même ou dans l'un de ses sous-cercles."
                )
            )
        if pk not in self.active_ids:
            raise forms.ValidationError(_("Ce cercle n'existe pas ou est archivé."))
        if pk not in self.allowed_ids:
            raise forms.ValidationError(
                _("Vous ne gérez pas ce cercle : vous ne pouvez pas y placer un cercle.")
            )
        return Circle.objects.get(pk=pk)


def find_people(user, query: str, limit: int = SUGGESTION_LIMIT):
    """People whose name, e-mail or job title contain every word typed, or whose matricule is it."""
    query = (query or "").strip()
    words = tokens(query)[:6]
    if not words:
        return []
    cond = Q()
    for word in words:
        cond &= Q(search_text__contains=word)
    cond |= Q(matricule__iexact=query)
    return list(
        Person.objects.visible_to(user)
        .filter(cond)
        .only("id", "email", "first_name", "last_name", "matricule", "job_title")[:limit]
    )


def focus_field():
    return forms.CharField(
        label=_("Focus"),
        required=False,
        max_length=300,
        help_text=_("Facultatif : sur quoi la personne se concentre dans ce rôle."),
    )


def share_field():
    # Django formats these two messages with the limit: hence the doubled percent sign.
    out_of_range = _("La part du temps doit être comprise entre 0 et 100 %%.")
    return forms.IntegerField(
        label=_("Part du temps (%)"),
        min_value=0,
        max_value=100,
        initial=0,
        error_messages={
            "required": _("Indiquez la part du temps, entre 0 et 100 %."),
            "invalid": _("Indiquez un nombre entier entre 0 et 100."),
            "min_value": out_of_range,
            "max_value": out_of_range,
        },
    )


class AssignmentForm(forms.Form):
    person = forms.CharField(
        label=_("Personne"),
        max_length=254,
        help_text=_(
            "Son adresse e-mail ou son matricule. Des suggestions apparaissent pendant la saisie."
        ),
        error_messages={"required": _("Indiquez l'adresse e-mail ou le matricule de la personne.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "list": "person-suggestions"}),
    )
    focus = focus_field()
    share = share_field()
    start_date = forms.DateField(
        label=_("Début"),
        widget=date_widget(),
        error_messages={
            "required": _("Indiquez la date de début."),
            "invalid": _("Indiquez une date valide."),
        },
    )
    end_date = forms.DateField(
        label=_("Fin"),
        required=False,
        widget=date_widget(),
        help_text=_("Facultatif : premier jour où le rôle n'est plus tenu."),
        error_messages={"invalid": _("Indiquez une date valide.")},
    )
    note = note_field()

    def __init__(self, *args, user, suggestions_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["start_date"].initial = timezone.localdate
        if suggestions_url:
            # The input sends its own value (`person=`) to the suggestions partial.
            self.fields["person"].widget.attrs.update(
                {
                    "hx-get": suggestions_url,
                    "hx-trigger": "input changed delay:300ms",
                    "hx-target": "#person-suggestions",
                    "hx-swap": "outerHTML",
                }
            )

    def clean_person(self):
        value = self.cleaned_data["person"].strip()
        people = Person.objects.visible_to(self.user)
        if "@" in value:
            person = people.filter(email__iexact=value).first()
        else:
            person = people.filter(matricule__iexact=value).exclude(matricule="").first()
        if person is None:
            raise forms.ValidationError(
                _(
                    "Aucune personne active ne correspond à « %(value)s ». Saisissez son adresse e-mail ou son matricule."
                ),
                params={"value": value},
            )
        return person

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("La fin ne peut pas précéder le début de l'affectation."))
        return data


class AssignmentUpdateForm(forms.Form):
    focus = focus_field()
    share = share_field()
    note = note_field()


class AssignmentEndForm(forms.Form):
    end_date = forms.DateField(
        label=_("Fin"),
        widget=date_widget(),
        help_text=_("Premier jour où le rôle n'est plus tenu."),
        error_messages={
            "required": _("Indiquez la date de fin."),
            "invalid": _("Indiquez une date valide."),
        },
    )
    note = note_field()

    def __init__(self, *args, assignment, **kwargs):
        super().__init__(*args, **kwargs)
        self.assignment = assignment
        # An assignment not yet begun is cancelled by ending it on its first day.
        self.fields["end_date"].initial = max(timezone.localdate(), assignment.start_date)

    def clean_end_date(self):
        end = self.cleaned_data["end_date"]
        current_end = self.assignment.end_date
        if current_end is not None and end >= current_end:
            raise forms.ValidationError(
                _(
                    "Cette affectation se termine déjà le %(date)s : choisissez une date antérieure."
                ),
                params={"date": date_format(current_end, "SHORT_DATE_FORMAT")},
            )
        return end
