"""Pages that change the structure: circles, roles and assignments.

Each view loads its object through the access helpers (404 / 403), validates the
input with a form and writes through a service. A ValidationError raised by the
service is attached to the form, which is shown again (status 200) with what was
typed.
"""

from contextlib import contextmanager
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import permissions, services
from ..access import get_assignment_for_user, get_circle_for_user, get_role_for_user
from ..forms import (
    AssignmentEndForm,
    AssignmentForm,
    AssignmentUpdateForm,
    CircleForm,
    CircleMoveForm,
    ConfirmForm,
    RoleForm,
    find_people,
)
from ..models import Assignment

get_and_post = require_http_methods(["GET", "POST"])


def _data(request):
    # An empty POST (no note typed, no CSRF field in tests) must still bind the form.
    return request.POST if request.method == "POST" else None


def _add_service_error(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            if field == NON_FIELD_ERRORS:
                target = None
            form.add_error(target, errors)
    else:
        form.add_error(None, exc)


class _ServiceCall:
    ok = True


@contextmanager
def _service_call(form, stale=None):
    """Run a service: a ValidationError it raises goes onto the form (and `stale`, which
    the service may have changed in memory before refusing, is read again).
    `call.ok` tells whether it went through."""
    call = _ServiceCall()
    try:
        yield call
    except ValidationError as exc:
        call.ok = False
        if stale is not None:
            stale.refresh_from_db()
        _add_service_error(form, exc)


def _warn_if_overbooked(request, person, on) -> None:
    total = services.person_total_share(person, on=on)
    if total > 100:
        messages.warning(
            request,
            _("%(person)s dépasse 100 %% de son temps (%(total)s %%).")
            % {"person": person.full_name, "total": total},
        )


# Circles


def _circle_form_page(request, *, form, circle=None, parent=None, status=200):
    return render(
        request,
        "organisation/circle_form.html",
        {"form": form, "circle": circle, "parent": parent},
        status=status,
    )


def _create_circle(request, parent):
    form = CircleForm(_data(request))
    if request.method == "POST" and form.is_valid():
        with _service_call(form) as call:
            circle = services.circle_create(
                by=request.user, parent=parent, note=form.cleaned_data["note"], **form.values()
            )
        if call.ok:
            messages.success(request, _("Le cercle « %(name)s » a été créé.") % {"name": circle})
            return redirect(circle)
    return _circle_form_page(request, form=form, parent=parent)


@login_required
@get_and_post
def circle_create(request):
    if not permissions.can_create_top_level_circle(request.user):
        raise PermissionDenied
    return _create_circle(request, parent=None)


@login_required
@get_and_post
def subcircle_create(request, pk):
    parent, _abilities = get_circle_for_user(request, pk, ability="create_subcircle")
    return _create_circle(request, parent=parent)


def _update_charter(request, form, obj, update, done_message):
    """POST of a circle's or role's form: `update` (the service, bound to `obj`), then
    what the person is told.

    Returns the redirect, or None when the service refused (the error is on the form).
    """
    before = obj.snapshot()
    with _service_call(form, stale=obj) as call:
        update(by=request.user, note=form.cleaned_data["note"], **form.values())
    if not call.ok:
        return None
    if obj.snapshot() == before:
        messages.info(request, _("Aucune modification à enregistrer."))
    else:
        messages.success(request, done_message % {"name": obj})
    return redirect(obj)


@login_required
@get_and_post
def circle_update(request, pk):
    circle, _abilities = get_circle_for_user(request, pk, ability="update")
    form = CircleForm(_data(request), initial=CircleForm.initial_for(circle))
    if request.method == "POST" and form.is_valid():
        done = _update_charter(
            request,
            form,
            circle,
            partial(services.circle_update, circle=circle),
            _("Le cercle « %(name)s » a été modifié."),
        )
        if done:
            return done
    return _circle_form_page(request, form=form, circle=circle, parent=circle.parent)


@login_required
@get_and_post
def circle_move(request, pk):
    circle, _abilities = get_circle_for_user(request, pk, ability="move")
    form = CircleMoveForm(_data(request), circle=circle, user=request.user)
    if request.method == "POST" and form.is_valid():
        new_parent = form.cleaned_data["parent"]
        if circle.parent_id == (new_parent.pk if new_parent else None):
            messages.info(request, _("Le cercle est déjà à cet endroit."))
            return redirect(circle)
        with _service_call(form, stale=circle) as call:
            services.circle_move(
                circle=circle,
                new_parent=new_parent,
                by=request.user,
                note=form.cleaned_data["note"],
            )
        if call.ok:
            if new_parent is None:
                text = _("Le cercle « %(name)s » est maintenant au premier niveau.") % {
                    "name": circle
                }
            else:
                text = _("Le cercle « %(name)s » a été placé dans « %(parent)s ».") % {
                    "name": circle,
                    "parent": new_parent,
                }
            messages.success(request, text)
            return redirect(circle)
    return render(request, "organisation/circle_move.html", {"form": form, "circle": circle})


@login_required
@get_and_post
def circle_archive(request, pk):
    circle, _abilities = get_circle_for_user(request, pk, ability="archive")
    form = ConfirmForm(_data(request))
    if request.method == "POST" and form.is_valid():
        with _service_call(form, stale=circle) as call:
            services.circle_archive(circle=circle, by=request.user, note=form.cleaned_data["note"])
        if call.ok:
            messages.success(request, _("Le cercle « %(name)s » a été archivé.") % {"name": circle})
            if circle.parent_id:
                return redirect(circle.parent)
            return redirect("organisation:chart")
    context = {
        "form": form,
        "circle": circle,
        "active_children": list(circle.children.active().only("id", "name")),
        "role_count": circle.roles.active().count(),
        "assignment_count": Assignment.objects.current()
        .filter(role__circle=circle, role__archived_at__isnull=True)
        .count(),
    }
    return render(request, "organisation/circle_archive.html", context)


# Roles


@login_required
@get_and_post
def role_create(request, pk):
    circle, _abilities = get_circle_for_user(request, pk, ability="create_role")
    form = RoleForm(_data(request))
    if request.method == "POST" and form.is_valid():
        with _service_call(form) as call:
            role = services.role_create(
                by=request.user, circle=circle, note=form.cleaned_data["note"], **form.values()
            )
        if call.ok:
            messages.success(request, _("Le rôle « %(name)s » a été créé.") % {"name": role})
            return redirect(role)
    return render(
        request, "organisation/role_form.html", {"form": form, "circle": circle, "role": None}
    )


@login_required
@get_and_post
def role_update(request, pk):
    role, _abilities = get_role_for_user(request, pk, ability="update")
    form = RoleForm(_data(request), initial=RoleForm.initial_for(role))
    if request.method == "POST" and form.is_valid():
        done = _update_charter(
            request,
            form,
            role,
            partial(services.role_update, role=role),
            _("Le rôle « %(name)s » a été modifié."),
        )
        if done:
            return done
    return render(
        request, "organisation/role_form.html", {"form": form, "circle": role.circle, "role": role}
    )


@login_required
@get_and_post
def role_archive(request, pk):
    # Core roles cannot be archived, yet whoever may edit the role gets the page and
    # its explanation rather than a bare 403.
    role, abilities = get_role_for_user(request, pk, ability="update")
    form = ConfirmForm(_data(request))
    if request.method == "POST" and form.is_valid():
        with _service_call(form, stale=role) as call:
            services.role_archive(role=role, by=request.user, note=form.cleaned_data["note"])
        if call.ok:
            messages.success(request, _("Le rôle « %(name)s » a été archivé.") % {"name": role})
            return redirect(role.circle)
    context = {
        "form": form,
        "role": role,
        "abilities": abilities,
        "holders": list(role.assignments.current().select_related("person")),
    }
    return render(request, "organisation/role_archive.html", context)


# Assignments


@login_required
@get_and_post
def assignment_create(request, pk):
    role, _abilities = get_role_for_user(request, pk, ability="assign")
    url = reverse("organisation:assignment_create", args=[role.pk])
    query = request.GET.get("q", request.GET.get("person", "")) if request.method == "GET" else ""
    if request.htmx and request.method == "GET":
        # The suggestion list, asked for while the person's name is typed.
        return render(
            request,
            "organisation/assignment_form.html#suggestions",
            {"suggestions": find_people(request.user, query)},
        )
    form = AssignmentForm(
        _data(request),
        user=request.user,
        suggestions_url=url,
        initial={"person": query} if query else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = data["person"]
        with _service_call(form) as call:
            assignment = services.assignment_create(
                role=role,
                person=person,
                by=request.user,
                share=data["share"],
                focus=data["focus"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                note=data["note"],
            )
        if call.ok:
            messages.success(
                request,
                _("%(person)s est affecté·e au rôle « %(role)s ».")
                % {"person": person.full_name, "role": role},
            )
            _warn_if_overbooked(request, person, assignment.start_date)
            return redirect(role)
    context = {
        "form": form,
        "role": role,
        # Without JavaScript, `?q=` fills the browser's own suggestion list.
        "suggestions": find_people(request.user, query) if query else [],
    }
    return render(request, "organisation/assignment_form.html", context)


@login_required
@get_and_post
def assignment_update(request, pk):
    assignment, _abilities = get_assignment_for_user(request, pk, ability="update")
    form = AssignmentUpdateForm(
        _data(request), initial={"focus": assignment.focus, "share": assignment.share}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with _service_call(form, stale=assignment) as call:
            services.assignment_update(
                assignment=assignment,
                by=request.user,
                note=data["note"],
                focus=data["focus"],
                share=data["share"],
            )
        if call.ok:
            messages.success(
                request,
                _("L'affectation de %(person)s au rôle « %(role)s » a été modifiée.")
                % {"person": assignment.person.full_name, "role": assignment.role},
            )
            _warn_if_overbooked(request, assignment.person, None)
            return redirect(assignment.role)
    return render(
        request,
        "organisation/assignment_form.html",
        {"form": form, "assignment": assignment, "role": assignment.role},
    )


@login_required
@get_and_post
def assignment_end(request, pk):
    assignment, _abilities = get_assignment_for_user(request, pk, ability="end")
    form = AssignmentEndForm(_data(request), assignment=assignment)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with _service_call(form, stale=assignment) as call:
            services.assignment_end(
                assignment=assignment,
                by=request.user,
                end_date=data["end_date"],
                note=data["note"],
            )
        if call.ok:
            messages.success(
                request,
                _("À partir du %(date)s, %(person)s ne tient plus le rôle « %(role)s ».")
                % {
                    "date": date_format(data["end_date"], "DATE_FORMAT"),
                    "person": assignment.person.full_name,
                    "role": assignment.role,
                },
            )
            return redirect(assignment.role)
    return render(
        request, "organisation/assignment_end.html", {"form": form, "assignment": assignment}
    )
