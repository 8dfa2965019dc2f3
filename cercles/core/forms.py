"""Form fields shared by the apps."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cercles.lib.ids import storable_id


class BoundedIdsMixin:
    """Refuses a choice that is not an id in 1..MAX_ID before the database lookup, which
    would crash on it (cercles.lib.ids) instead of finding a bad choice.

    The message is `bad_id_message` (with %(value)s), or, when a field sets it to None,
    its own `error_messages[bad_id_error]`, so each form keeps the wording it gives to
    any other bad choice."""

    bad_id_message = _("« %(value)s » n'est pas un choix possible.")
    bad_id_error = "invalid_choice"

    def _check_ids(self, values) -> None:
        for value in values:
            if storable_id(value) is None:
                shown = str(value)[:30]
                raise forms.ValidationError(
                    self.bad_id_message or self.error_messages[self.bad_id_error],
                    code=self.bad_id_error,
                    params={"value": shown, "pk": shown},
                )


class BoundedModelChoiceField(BoundedIdsMixin, forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values:
            self._check_ids([value])
        return super().to_python(value)


class BoundedModelMultipleChoiceField(BoundedIdsMixin, forms.ModelMultipleChoiceField):
    def clean(self, value):
        if isinstance(value, list | tuple):
            self._check_ids(value)
        return super().clean(value)
