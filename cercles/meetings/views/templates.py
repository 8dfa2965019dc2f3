"""Admins' pages of meeting templates: the list, a new template, editing one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import services
from ..access import get_template_for_admin
from ..forms import TemplateForm
from ..models import MeetingTemplate
from ..services.templates import agenda_text, checklist_text
from .pages import _data, get_and_post, service_call


def _require_admin(request):
    if not request.user.is_admin:
        raise PermissionDenied


@login_required
def template_list(request):
    # Queries: session, user; the templates with their charter and their counts.
    _require_admin(request)
    templates = list(
        MeetingTemplate.objects.select_related("charter").annotate(
            agenda_count=Count("agenda_items", distinct=True),
            checklist_count=Count("checklist_items", distinct=True),
            meeting_count=Count("meetings", distinct=True),
        )
    )
    return render(request, "meetings/template_list.html", {"templates": templates})


def _save(request, form, template=None):
    with service_call(form) as call:
        template = services.template_save(by=request.user, template=template, **form.cleaned_data)
    if call.ok:
        messages.success(request, _("Le modèle « %(name)s » est enregistré.") % {"name": template})
        return redirect("meetings:template_list")
    return None


@login_required
@get_and_post
def template_create(request):
    _require_admin(request)
    form = TemplateForm(_data(request))
    if request.method == "POST" and form.is_valid():
        done = _save(request, form)
        if done:
            return done
    return render(request, "meetings/template_form.html", {"form": form, "template": None})


@login_required
@get_and_post
def template_update(request, pk):
    template = get_template_for_admin(request, pk)
    initial = {
        "name": template.name,
        "kind": template.kind,
        "description": template.description,
        "agenda": agenda_text(template),
        "checklist": checklist_text(template),
        "charter": template.charter,
        "is_active": template.is_active,
    }
    form = TemplateForm(_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        done = _save(request, form, template)
        if done:
            return done
    return render(request, "meetings/template_form.html", {"form": form, "template": template})
