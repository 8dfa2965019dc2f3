"""Reporting and hiding comments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import services
from ..access import get_comment_for_user
from ..forms import HideForm, ReportForm
from .ideas import get_and_post, service_call


def _back(comment):
    return redirect(f"{comment.idea.get_absolute_url()}#comment-{comment.pk}")


@login_required
@get_and_post
def comment_report(request, pk):
    comment, _abilities = get_comment_for_user(request, pk, ability="report")
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.comment_report(comment=comment, by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, _("Merci : le commentaire est signalé aux modérateurs."))
            return _back(comment)
    return render(
        request, "ideas/comment_action.html", {"comment": comment, "form": form, "mode": "report"}
    )


@login_required
@get_and_post
def comment_hide(request, pk):
    comment, _abilities = get_comment_for_user(request, pk, ability="hide")
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.comment_hide(comment=comment, by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, _("Le commentaire est masqué."))
            return _back(comment)
    return render(
        request, "ideas/comment_action.html", {"comment": comment, "form": form, "mode": "hide"}
    )
