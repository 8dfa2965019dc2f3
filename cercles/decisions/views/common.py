"""Helpers shared by the decisions views."""

from contextlib import contextmanager

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.views.decorators.http import require_http_methods

from cercles.meetings import permissions as meeting_permissions
from cercles.organisation import permissions as org_permissions

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


@contextmanager
def flash_errors(request):
    """Run a service whose errors become a message on the next page (plain buttons)."""
    call = _Call()
    try:
        yield call
    except (ValidationError, PermissionDenied) as exc:
        call.ok = False
        for text in getattr(exc, "messages", None) or [str(exc)]:
            messages.error(request, text)


def data(request):
    return request.POST if request.method == "POST" else None


def forget(user) -> None:
    """A governance change may have changed the user's roles: drop his cached facts."""
    org_permissions.forget(user)
    meeting_permissions.forget(user)
