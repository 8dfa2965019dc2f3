"""Helpers shared by the knowledge views."""

from contextlib import contextmanager

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.views.decorators.http import require_http_methods

get_and_post = require_http_methods(["GET", "POST"])


class _Call:
    ok = True


@contextmanager
def service_call(form):
    """Run a service; its ValidationError goes onto the form and `call.ok` turns False."""
    call = _Call()
    try:
        yield call
    except ValidationError as exc:
        call.ok = False
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                target = field if field in form.fields and field != NON_FIELD_ERRORS else None
                form.add_error(target, errors)
        else:
            form.add_error(None, exc)


def data(request):
    return request.POST if request.method == "POST" else None
