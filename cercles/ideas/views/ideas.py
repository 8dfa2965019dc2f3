"""Pages of the ideas: the list, an idea, posting and editing, supports and follows.

Each view loads its object through the access helpers (404 / 403), validates input with
a form and writes through a service; a service's ValidationError is shown on the form,
which keeps what was typed.
"""

import os
from contextlib import contextmanager

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cercles.core.search import filter_by_search
from cercles.organisation.models import Circle

from .. import permissions, services
from ..access import get_campaign_for_user, get_idea_for_user
from ..forms import AnswerForm, CommentForm, IdeaForm, MergeForm, SimilarForm
from ..models import Campaign, Comment, Follow, Idea, IdeaStatus, Objective, Support

IDEAS_PER_PAGE = 30
SIMILAR_LIMIT = 5
get_and_post = require_http_methods(["GET", "POST"])


def _int(value):
    """A database id from a query parameter, or None (ids fit in 63 bits)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


def _options(pairs, selected) -> str:
    """<option>s built here, not in a template loop: an organisation may have thousands."""
    return mark_safe(  # each name is escaped
        "".join(
            f'<option value="{pk}"{" selected" if pk == selected else ""}>{escape(name)}</option>'
            for pk, name in pairs
        )
    )


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


# --- list ------------------------------------------------------------------------------


def comments_for_page(user, idea, abilities):
    """The idea's comments in one query, replies under their comment, with what the user
    may do on each."""
    from django.db.models import Count

    rows = list(
        Comment.objects.filter(idea=idea)
        .select_related("author")
        .annotate(report_count=Count("reports"))
        .order_by("created_at", "id")
    )
    top, replies = [], {}
    for comment in rows:
        comment.abilities = permissions.comment_abilities(user, comment, abilities)
        if comment.parent_id is None:
            top.append(comment)
        else:
            replies.setdefault(comment.parent_id, []).append(comment)
    for comment in top:
        comment.reply_list = replies.get(comment.pk, [])
    return top


@login_required
def idea_list(request):
    query = request.GET.get("q", "").strip()[:200]
    status = request.GET.get("status", "")
    if status not in IdeaStatus.values:
        status = ""
    sort = request.GET.get("sort", "recent")
    if sort not in ("recent", "supported"):
        sort = "recent"
    overdue = request.GET.get("overdue") == "1"
    today = timezone.localdate()
    # Queries: the campaigns, objectives and circles for the filters; the count; the
    # page of ideas with their author, campaign and circle.
    campaigns = list(Campaign.objects.visible_to(request.user).values_list("id", "title"))
    objectives = list(Objective.objects.filter(is_active=True).values_list("id", "name"))
    circles = list(Circle.objects.active().values_list("id", "name"))
    campaign_id = _int(request.GET.get("campaign"))
    objective_id = _int(request.GET.get("objective"))
    circle_id = _int(request.GET.get("circle"))
    ideas = Idea.objects.listing(
        request.user,
        campaign_id=campaign_id,
        status=status,
        objective_id=objective_id,
        circle_id=circle_id,
        overdue_on=today if overdue else None,
        sort=sort,
    )
    if query:
        ideas = filter_by_search(ideas, query, order=False)
    page = Paginator(ideas, IDEAS_PER_PAGE).get_page(request.GET.get("page"))
    for idea in page.object_list:
        idea.overdue = idea.is_overdue_on(today)
    context = {
        "query": query,
        "page": page,
        "status": status,
        "statuses": IdeaStatus.choices,
        "sort": sort,
        "overdue": overdue,
        "campaign_options": _options(campaigns, campaign_id),
        "objective_options": _options(objectives, objective_id),
        "circle_options": _options(circles, circle_id),
    }
    template = "ideas/idea_list.html#results" if request.htmx else "ideas/idea_list.html"
    return render(request, template, context)


# --- detail ----------------------------------------------------------------------------


def _detail_context(request, idea, abilities, *, comment_form=None, answer_form=None):
    user = request.user
    # Queries: the objectives; the public answers with who gave them; the ideas merged
    # into this one; the comments (with authors and report counts); whether the user
    # supports and follows it.
    answers = list(idea.answers.select_related("by"))
    merged_here = list(idea.merged_ideas.only("id", "title"))
    comments = comments_for_page(user, idea, abilities)
    supported = Support.objects.filter(idea=idea, person=user).exists()
    following = Follow.objects.filter(idea=idea, person=user).exists()
    return {
        "idea": idea,
        "abilities": abilities,
        "objectives": list(idea.objectives.all()),
        "answers": answers,
        "merged_here": merged_here,
        "comments": comments,
        "supported": supported,
        "following": following,
        "overdue": idea.is_overdue,
        "comment_form": comment_form or CommentForm(),
        "answer_form": answer_form or (AnswerForm(idea=idea) if abilities["answer"] else None),
        "merge_form": MergeForm() if abilities["merge"] else None,
    }


@login_required
def idea_detail(request, pk):
    idea, abilities = get_idea_for_user(request, pk)
    return render(request, "ideas/idea_detail.html", _detail_context(request, idea, abilities))


@login_required
def idea_attachment(request, pk):
    idea, _abilities = get_idea_for_user(request, pk)
    if not idea.attachment:
        raise Http404
    ext = os.path.splitext(idea.attachment.name)[1]
    return FileResponse(
        idea.attachment.open("rb"), as_attachment=True, filename=f"idee-{idea.pk}{ext}"
    )


# --- posting and editing ---------------------------------------------------------------


def _create(request, campaign=None):
    form = IdeaForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        anonymous = form.cleaned_data["anonymous"]
        draft = request.POST.get("action") == "draft"
        with service_call(form) as call:
            idea = services.idea_create(
                by=request.user,
                anonymous=anonymous,
                draft=draft,
                campaign=campaign,
                **form.values(),
            )
        if call.ok:
            if anonymous:
                # Back to the list, not to the idea's own address: the next request
                # would otherwise tie this session to the idea in the access logs.
                messages.success(
                    request, _("Votre idée anonyme est publiée. Elle ne porte pas votre nom.")
                )
                return redirect("ideas:idea_list")
            if draft:
                messages.success(request, _("Votre brouillon est enregistré."))
            else:
                messages.success(request, _("Votre idée est publiée. Merci !"))
            return redirect(idea)
    return render(
        request,
        "ideas/idea_form.html",
        {"form": form, "campaign": campaign, "idea": None},
    )


@login_required
@get_and_post
def idea_create(request):
    return _create(request)


@login_required
@get_and_post
def campaign_idea_create(request, pk):
    campaign, _abilities = get_campaign_for_user(request, pk, ability="post_idea")
    return _create(request, campaign=campaign)


@login_required
@get_and_post
def idea_update(request, pk):
    idea, _abilities = get_idea_for_user(request, pk, ability="update")
    form = IdeaForm(
        request.POST or None,
        request.FILES or None,
        initial=IdeaForm.initial_for(idea),
        allow_anonymous=False,
    )
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.idea_update(idea=idea, by=request.user, **form.values())
        if call.ok:
            if idea.is_draft and request.POST.get("action") == "submit":
                services.idea_submit(idea=idea, by=request.user)
                messages.success(request, _("Votre idée est publiée. Merci !"))
            else:
                messages.success(request, _("L'idée est modifiée."))
            return redirect(idea)
    return render(
        request, "ideas/idea_form.html", {"form": form, "campaign": idea.campaign, "idea": idea}
    )


@login_required
@require_POST
def idea_submit(request, pk):
    idea, _abilities = get_idea_for_user(request, pk, ability="submit")
    try:
        services.idea_submit(idea=idea, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Votre idée est publiée. Merci !"))
    return redirect(idea)


@login_required
@require_POST
def idea_similar(request):
    """The ideas most like what is being typed (the form's side panel, refreshed by htmx)."""
    form = SimilarForm(request.POST)
    results = []
    if form.is_valid():
        title, body = form.cleaned_data["title"], form.cleaned_data["body"]
        if len(f"{title} {body}".strip()) >= 3:
            from cercles.ideas.similarity import find_similar

            results = find_similar(
                Idea.objects.similar_candidates(request.user), title, body, limit=SIMILAR_LIMIT
            )
    return render(request, "ideas/idea_form.html#similar", {"similar": results})


# --- supports and follows -------------------------------------------------------------


def _support_fragment(request, idea, abilities):
    if request.htmx:
        return render(
            request,
            "ideas/idea_detail.html#support",
            {
                "idea": idea,
                "abilities": abilities,
                "supported": Support.objects.filter(idea=idea, person=request.user).exists(),
                "following": Follow.objects.filter(idea=idea, person=request.user).exists(),
            },
        )
    return redirect(idea)


@login_required
@require_POST
def idea_support(request, pk):
    idea, abilities = get_idea_for_user(request, pk)
    if not abilities["support"]:
        raise PermissionDenied
    services.idea_support(idea=idea, person=request.user)
    if not request.htmx:
        messages.success(request, _("Vous soutenez cette idée."))
    return _support_fragment(request, idea, abilities)


@login_required
@require_POST
def idea_unsupport(request, pk):
    idea, abilities = get_idea_for_user(request, pk, ability="view")
    services.idea_unsupport(idea=idea, person=request.user)
    return _support_fragment(request, idea, abilities)


@login_required
@require_POST
def idea_follow(request, pk):
    idea, abilities = get_idea_for_user(request, pk, ability="follow")
    services.idea_follow(idea=idea, person=request.user)
    return _support_fragment(request, idea, abilities)


@login_required
@require_POST
def idea_unfollow(request, pk):
    idea, abilities = get_idea_for_user(request, pk, ability="view")
    services.idea_unfollow(idea=idea, person=request.user)
    return _support_fragment(request, idea, abilities)


# --- answers and merges (moderators) ----------------------------------------------------


@login_required
@get_and_post
def idea_answer(request, pk):
    idea, abilities = get_idea_for_user(request, pk, ability="answer")
    form = AnswerForm(request.POST or None, idea=idea)
    if request.method == "POST" and form.is_valid():
        with service_call(form) as call:
            services.idea_transition(
                idea=idea,
                to=form.cleaned_data["to"],
                text=form.cleaned_data["text"],
                by=request.user,
            )
        if call.ok:
            messages.success(request, _("La réponse est publiée."))
            return redirect(idea)
    return render(request, "ideas/idea_answer.html", {"idea": idea, "form": form})


@login_required
@get_and_post
def idea_merge(request, pk):
    idea, abilities = get_idea_for_user(request, pk, ability="merge")
    form = MergeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        into = Idea.objects.visible_to(request.user).filter(pk=form.cleaned_data["into"]).first()
        if into is None:
            form.add_error("into", _("Aucune idée ne porte ce numéro."))
        else:
            with service_call(form) as call:
                services.idea_merge(
                    idea=idea, into=into, text=form.cleaned_data["text"], by=request.user
                )
            if call.ok:
                messages.success(
                    request,
                    _("L'idée est fusionnée dans « %(title)s ».") % {"title": into.title},
                )
                return redirect(into)
    return render(request, "ideas/idea_merge.html", {"idea": idea, "form": form})


# --- comments ----------------------------------------------------------------------------


@login_required
@require_POST
def comment_create(request, pk):
    idea, abilities = get_idea_for_user(request, pk, ability="comment")
    form = CommentForm(request.POST)
    if form.is_valid():
        parent = None
        parent_id = form.cleaned_data.get("parent")
        if parent_id:
            parent = Comment.objects.filter(idea=idea, pk=parent_id).first()
            if parent is None:
                form.add_error(None, _("Le commentaire auquel vous répondez n'existe plus."))
        if not form.errors:
            with service_call(form) as call:
                comment = services.comment_create(
                    idea=idea, author=request.user, body=form.cleaned_data["body"], parent=parent
                )
            if call.ok:
                return redirect(
                    f"{reverse('ideas:idea_detail', args=[idea.pk])}#comment-{comment.pk}"
                )
    context = _detail_context(request, idea, abilities, comment_form=form)
    return render(request, "ideas/idea_detail.html", context)
