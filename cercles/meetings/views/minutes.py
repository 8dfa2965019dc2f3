"""Pages of a meeting's minutes: read, generate (or regenerate), edit, publish, and
download as Markdown or PDF.

Who reads and writes is said by `permissions.minutes_abilities` through
`access.get_minutes_meeting_for_user`: published minutes of a meeting marked
`minutes_public` are read by everyone logged in, drafts only by those who write them.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cercles.lib.urls import cached_reverse

from .. import pdf, services
from ..access import get_minutes_meeting_for_user
from ..forms import MinutesForm, MinutesGenerateForm
from .pages import _data, get_and_post, service_call

REVISIONS_SHOWN = 20


def _minutes_url(meeting) -> str:
    return cached_reverse("meetings:minutes_detail", meeting.pk)


@login_required
def minutes_detail(request, pk):
    # Queries: session, user; his roles and led circles; the meeting with circle,
    # facilitator, secretary and minutes; his participant row; for those who write,
    # the last revisions with their authors.
    meeting, minutes, abilities, minutes_abilities = get_minutes_meeting_for_user(request, pk)
    revisions = []
    if minutes is not None and minutes_abilities["edit"]:
        revisions = list(minutes.revisions.select_related("saved_by")[:REVISIONS_SHOWN])
    return render(
        request,
        "meetings/minutes_detail.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "abilities": abilities,
            "minutes_abilities": minutes_abilities,
            "revisions": revisions,
        },
    )


@login_required
@get_and_post
def minutes_generate(request, pk):
    """Generate the minutes; over a text edited by hand, only with the confirmation."""
    meeting, minutes, _abilities, _m = get_minutes_meeting_for_user(request, pk, "edit")
    form = MinutesGenerateForm(_data(request))
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.minutes_generate(
                meeting=meeting, by=request.user, replace_edits=form.cleaned_data["replace_edits"]
            )
        if call.ok:
            messages.success(
                request,
                _("Le compte rendu est généré : relisez-le, complétez-le puis publiez-le."),
            )
            return redirect(_minutes_url(meeting))
    return render(
        request,
        "meetings/minutes_generate.html",
        {"form": form, "meeting": meeting, "minutes": minutes},
    )


@login_required
@get_and_post
def minutes_edit(request, pk):
    meeting, minutes, _abilities, _m = get_minutes_meeting_for_user(request, pk, "edit")
    if minutes is None:
        return redirect("meetings:minutes_generate", meeting.pk)
    initial = {
        "text": minutes.text,
        "version": minutes.version,
        "minutes_public": meeting.minutes_public,
    }
    form = MinutesForm(_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.minutes_save(minutes=minutes, by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, _("Le compte rendu est enregistré."))
            return redirect(_minutes_url(meeting))
    return render(
        request,
        "meetings/minutes_form.html",
        {"form": form, "meeting": meeting, "minutes": minutes},
    )


@login_required
@require_POST
def minutes_publish(request, pk):
    meeting, minutes, _abilities, _m = get_minutes_meeting_for_user(request, pk, "edit")
    if minutes is None:
        messages.error(request, _("Générez d'abord le compte rendu."))
    elif request.POST.get("published") not in ("0", "1"):
        messages.error(request, _("Action inconnue."))
    else:
        published = request.POST["published"] == "1"
        services.minutes_publish(minutes=minutes, by=request.user, published=published)
        messages.success(
            request,
            _("Le compte rendu est publié.")
            if published
            else _("Le compte rendu est repassé en brouillon."),
        )
    return redirect(_minutes_url(meeting))


def _filename(meeting, extension: str) -> str:
    day = meeting.starts_at.strftime("%Y-%m-%d")
    return f"compte-rendu-{day}-{slugify(meeting.title)[:60] or meeting.pk}.{extension}"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _readable(request, pk) -> tuple:
    meeting, minutes, _abilities, _m = get_minutes_meeting_for_user(request, pk, "export")
    return meeting, minutes


@login_required
def minutes_markdown(request, pk):
    meeting, minutes = _readable(request, pk)
    return _download(
        minutes.text.encode(), "text/markdown; charset=utf-8", _filename(meeting, "md")
    )


@login_required
def minutes_pdf(request, pk):
    meeting, minutes = _readable(request, pk)
    content = pdf.minutes_pdf(
        title=_("Compte rendu — %(title)s") % {"title": meeting.title}, text=minutes.text
    )
    return _download(content, "application/pdf", _filename(meeting, "pdf"))
