"""Public competencies: what a person shows on his profile, and the directory that
finds people by competency and minimum level among what people made public."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cercles.lib.ids import storable_id

from .. import services
from ..forms import PublicCompetencyForm
from ..models import LEVEL_LABELS, LEVELS, Competency, PublicCompetency
from .common import data, get_and_post, service_call

PER_PAGE = 50


@login_required
@get_and_post
def public_competencies(request):
    user = request.user
    competencies = Competency.objects.live().select_related("family")
    shown = {p.competency_id: p.level for p in PublicCompetency.objects.filter(person=user)}
    form = PublicCompetencyForm(
        data(request),
        competencies=competencies,
        initial={f"level_{cid}": level for cid, level in shown.items()},
    )
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            count = services.public_competencies_set(person=user, levels=form.levels())
        if call.ok:
            messages.success(
                request,
                _("Votre profil affiche %(n)s compétence(s).") % {"n": count},
            )
            return redirect("competencies:public_competencies")
    return render(request, "competencies/public_competencies.html", {"form": form})


@login_required
def directory(request):
    competency_id = storable_id(request.GET.get("competency"))
    min_level = storable_id(request.GET.get("level")) or 1
    if min_level not in LEVELS:
        min_level = 1
    # Queries: the live competencies (the filter); then, a competency chosen, the count
    # and the page of people showing it at that level or above.
    competencies = list(Competency.objects.live().select_related("family"))
    chosen = next((c for c in competencies if c.pk == competency_id), None)
    page = None
    if chosen is not None:
        rows = (
            PublicCompetency.objects.filter(
                competency=chosen, level__gte=min_level, person__is_active=True
            )
            .select_related("person")
            .order_by("-level", "person__last_name", "person__first_name", "person_id")
        )
        page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "competencies": competencies,
        "chosen": chosen,
        "min_level": min_level,
        "levels": [(level, LEVEL_LABELS[level]) for level in LEVELS],
        "page": page,
    }
    template = "competencies/directory.html"
    return render(request, f"{template}#results" if request.htmx else template, context)
