"""Pages of a campaign's themes: the grouping with its ideas, proposing a new one, and
the facilitator's edits (move an idea, rename, merge, delete, create, make a project).

Every edit is a plain POST form that redirects back to the themes; moving an idea is
also sent by htmx, which swaps the themes in place. A service's ValidationError is
shown on the form, which keeps what was typed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..access import get_theme_for_user, get_themes_campaign_for_user
from ..forms import (
    ThemeForm,
    ThemeMergeForm,
    ThemeMoveForm,
    ThemeProjectForm,
    ThemeProposeForm,
)
from ..models import Idea, Theme
from .ideas import get_and_post, service_call


def _themes_url(campaign_id) -> str:
    return reverse("ideas:theme_list", args=[campaign_id])


def _move_options(themes, selected) -> str:
    """The <option>s of one idea's "move to" list (built here: one list per idea)."""
    options = [f'<option value="">{escape(_("— aucun thème —"))}</option>']
    for theme in themes:
        chosen = " selected" if theme.pk == selected else ""
        options.append(f'<option value="{theme.pk}"{chosen}>{escape(theme.name)}</option>')
    return mark_safe("".join(options))  # names escaped above


def _grouping(campaign, manage: bool):
    """The campaign's themes, each with its ideas, and the ideas in no theme.

    Queries: the themes with their central idea; the ideas of the grouping.
    """
    themes = list(
        Theme.objects.filter(campaign=campaign)
        .select_related("central_idea")
        .order_by("position", "id")
    )
    ideas = list(
        services.theme_ideas(campaign)
        .only("id", "title", "status", "support_count", "theme_id", "campaign_id")
        .order_by("-support_count", "id")
    )
    by_theme = {theme.pk: [] for theme in themes}
    loose = []
    for idea in ideas:
        if manage:
            idea.move_options = _move_options(themes, idea.theme_id)
        by_theme.get(idea.theme_id, loose).append(idea)
    for theme in themes:
        theme.idea_list = by_theme[theme.pk]
        theme.merge_targets = [t for t in themes if t.pk != theme.pk]
    return themes, loose


def _list_context(request, campaign, abilities, **forms):
    themes, loose = _grouping(campaign, abilities["manage"])
    return {
        "campaign": campaign,
        "abilities": abilities,
        "themes": themes,
        "loose": loose,
        "idea_total": sum(len(t.idea_list) for t in themes) + len(loose),
        "propose_form": forms.get("propose_form") or ThemeProposeForm(),
        "create_form": forms.get("create_form") or ThemeForm(prefix="new"),
        "move_error": forms.get("move_error"),
    }


@login_required
def theme_list(request, pk):
    campaign, abilities = get_themes_campaign_for_user(request, pk)
    return render(request, "ideas/theme_list.html", _list_context(request, campaign, abilities))


@login_required
@get_and_post
def theme_propose(request, pk):
    """Propose a grouping; when the campaign already has themes, ask to confirm first."""
    campaign, abilities = get_themes_campaign_for_user(request, pk, ability="manage")
    form = ThemeProposeForm(request.POST or None)
    existing = Theme.objects.filter(campaign=campaign).count()
    if request.method == "POST" and form.is_valid():
        if existing and not form.cleaned_data["confirm"]:
            confirm = ThemeProposeForm(
                initial={"count": form.cleaned_data["count"], "confirm": True}
            )
            return render(
                request,
                "ideas/theme_propose.html",
                {"campaign": campaign, "form": confirm, "existing": existing, "confirming": True},
            )
        with service_call(form) as call:
            themes = services.propose_themes(
                campaign=campaign, count=form.cleaned_data["count"], by=request.user
            )
        if call.ok:
            messages.success(
                request,
                _("%(n)s thèmes sont proposés : relisez-les, puis ajustez-les.")
                % {"n": len(themes)},
            )
            return redirect(_themes_url(campaign.pk))
    return render(
        request,
        "ideas/theme_propose.html",
        {"campaign": campaign, "form": form, "existing": existing, "confirming": False},
    )


@login_required
@require_POST
def theme_create(request, pk):
    campaign, abilities = get_themes_campaign_for_user(request, pk, ability="manage")
    form = ThemeForm(request.POST, prefix="new")
    if form.is_valid():
        with service_call(form) as call:
            services.theme_create(
                campaign=campaign,
                name=form.cleaned_data["name"],
                key_terms=form.cleaned_data["key_terms"],
                by=request.user,
            )
        if call.ok:
            messages.success(request, _("Le thème est créé."))
            return redirect(_themes_url(campaign.pk))
    context = _list_context(request, campaign, abilities, create_form=form)
    return render(request, "ideas/theme_list.html", context)


@login_required
@require_POST
def theme_move(request, pk):
    """Move one idea of the campaign into a theme (or none)."""
    campaign, abilities = get_themes_campaign_for_user(request, pk, ability="manage")
    themes = list(Theme.objects.filter(campaign=campaign))
    form = ThemeMoveForm(request.POST, themes=themes)
    error = None
    if form.is_valid():
        idea = (
            Idea.objects.visible_to(request.user)
            .filter(pk=form.cleaned_data["idea"], campaign=campaign)
            .first()
        )
        theme = next((t for t in themes if t.pk == form.cleaned_data["theme"]), None)
        if idea is None:
            error = _("Cette idée n'appartient pas à la campagne.")
        else:
            try:
                services.theme_move_idea(idea=idea, theme=theme, by=request.user)
            except ValidationError as exc:
                error = " ".join(exc.messages)
    else:
        error = _("Choisissez un thème de la liste.")
    if request.htmx:
        context = _list_context(request, campaign, abilities, move_error=error)
        return render(request, "ideas/theme_list.html#themes", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("L'idée est déplacée."))
    return redirect(_themes_url(campaign.pk))


@login_required
@get_and_post
def theme_update(request, pk):
    theme, _abilities = get_theme_for_user(request, pk, ability="manage")
    form = ThemeForm(
        request.POST or None, initial={"name": theme.name, "key_terms": theme.key_terms}
    )
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.theme_update(
                theme=theme,
                by=request.user,
                name=form.cleaned_data["name"],
                key_terms=form.cleaned_data["key_terms"],
            )
        if call.ok:
            messages.success(request, _("Le thème est modifié."))
            return redirect(theme)
    return render(request, "ideas/theme_form.html", {"theme": theme, "form": form})


@login_required
@get_and_post
def theme_merge(request, pk):
    theme, _abilities = get_theme_for_user(request, pk, ability="manage")
    others = list(Theme.objects.filter(campaign_id=theme.campaign_id).exclude(pk=theme.pk))
    form = ThemeMergeForm(request.POST or None, themes=others)
    if request.method == "POST" and form.is_valid():
        into = next(t for t in others if t.pk == form.cleaned_data["into"])
        with service_call(form) as call:
            services.theme_merge(theme=theme, into=into, by=request.user)
        if call.ok:
            messages.success(
                request, _("Le thème est fusionné dans « %(name)s ».") % {"name": into.name}
            )
            return redirect(into)
    return render(
        request, "ideas/theme_merge.html", {"theme": theme, "form": form, "others": others}
    )


@login_required
@require_POST
def theme_delete(request, pk):
    theme, _abilities = get_theme_for_user(request, pk, ability="manage")
    try:
        services.theme_delete(theme=theme, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Le thème est supprimé."))
    return redirect(_themes_url(theme.campaign_id))


@login_required
@get_and_post
def theme_project(request, pk):
    """Turn the theme into a project: says which ideas will go "in a project" and which
    will not (their state does not allow it, or the user does not answer their circle)."""
    theme, _abilities = get_theme_for_user(request, pk, ability="manage")
    form = ThemeProjectForm(
        request.POST or None,
        initial={
            "title": theme.name,
            "text": _("Cette idée rejoint le projet né du thème « %(name)s ».")
            % {"name": theme.name},
        },
    )
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            project = services.theme_make_project(theme=theme, by=request.user, **form.cleaned_data)
        if call.ok:
            messages.success(request, _("Le projet est créé ; vous le portez."))
            return redirect(project)
    ready, others = services.theme_project_split(theme, by=request.user)
    return render(
        request,
        "ideas/theme_project.html",
        {"theme": theme, "form": form, "ready": ready, "others": others},
    )
