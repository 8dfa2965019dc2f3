"""Pages of the ideas: the list, an idea, posting and editing, supports and follows.

Each view loads its object through the access helpers (404 / 403), validates input with
a form and writes through a service; a service's ValidationError is shown on the form,
which keeps what was typed.
"""

import hashlib
import os
from contextlib import contextmanager
from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, Q
from django.http import FileResponse, Http404
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from cercles.core import fragments
from cercles.core.search import filter_by_search
from cercles.lib.ids import storable_id
from cercles.organisation.views.pages import _circle_options as cached_circle_options

from .. import permissions, services
from ..access import get_campaign_for_user, get_idea_for_user
from ..forms import AnswerForm, CommentForm, IdeaForm, MergeForm, SimilarForm
from ..models import Campaign, Comment, Follow, Idea, IdeaStatus, Objective, Support

IDEAS_PER_PAGE = 30
SIMILAR_LIMIT = 5
get_and_post = require_http_methods(["GET", "POST"])


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


def _supports(count: int) -> str:
    # The same message as the templates' {% blocktranslate count %}.
    return ngettext("%(n)s soutien", "%(n)s soutiens", count) % {"n": count}


def _campaign_options() -> list:
    """(id, title) of every campaign (everyone logged in reads them all), per generation."""
    key = f"idea-campaigns:{fragments.generation(fragments.IDEAS)}"
    return fragments.cached_value(
        key, lambda: list(Campaign.objects.order_by("-starts_on", "-id").values_list("id", "title"))
    )


def _idea_count(request, ideas, filters: tuple, today) -> int:
    """The number of ideas the filters keep for this user, without counting them on each
    request: the posted ones are the same for everyone (cached per generation and
    filters); the user's own drafts are counted only when he has some."""
    gen = fragments.generation(fragments.IDEAS)
    digest = hashlib.sha256(repr(filters).encode()).hexdigest()[:32]
    keys = {
        "posted": f"idea-count:{gen}:{today}:{digest}",
        # Drafts are never anonymous: this key names a signed author, never another.
        "drafts": f"idea-drafts:{gen}:{request.user.pk}",
    }

    def compute(missing):
        values = {}
        if "posted" in missing:
            values["posted"] = ideas.exclude(status=IdeaStatus.DRAFT).count()
        if "drafts" in missing:
            values["drafts"] = Idea.objects.filter(
                author=request.user, status=IdeaStatus.DRAFT
            ).exists()
        return values

    values = fragments.cached_values(keys, compute)
    count = values["posted"]
    if values["drafts"]:
        count += ideas.filter(status=IdeaStatus.DRAFT).count()
    return count


def _idea_rows(ids: list[int], today) -> dict:
    """The list's cards of these ideas, by id: rendered once per state of the ideas and
    of the organisation (names), day (the overdue badge) and language. The support
    count changes too often to be part of them: the page adds it."""
    prefix = ":".join(
        [
            "idea-row",
            fragments.generation(fragments.IDEAS),
            fragments.generation(fragments.ORGANISATION),
            str(today),
            get_language() or "",
        ]
    )

    def render_rows(missing):
        # Queries (only for the cards not cached): the ideas with author, campaign, circle.
        ideas = list(Idea.objects.filter(pk__in=missing).for_list())
        for idea in ideas:
            idea.overdue = idea.is_overdue_on(today)
        return fragments.render_each(get_template("ideas/idea_list.html#row"), "idea", ideas)

    return fragments.cached_fragments({pk: f"{prefix}:{pk}" for pk in ids}, render_rows)


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
    # Queries: the objectives for their filter; the count, unless cached (see
    # _idea_count); the ids and support counts of the page's ideas; the cards not cached
    # yet. The campaigns' and circles' filters are cached per generation.
    campaigns = _campaign_options()
    objectives = list(Objective.objects.filter(is_active=True).values_list("id", "name"))
    circle_options, _circle_ids = cached_circle_options(request.user)
    campaign_id = storable_id(request.GET.get("campaign"))
    objective_id = storable_id(request.GET.get("objective"))
    circle_id = storable_id(request.GET.get("circle"))
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
    filters = (campaign_id, status, objective_id, circle_id, overdue, query)
    paginator = Paginator(ideas.values_list("pk", "support_count"), IDEAS_PER_PAGE)
    paginator.count = _idea_count(request, ideas, filters, today)
    page = paginator.get_page(request.GET.get("page"))
    found = list(page.object_list)
    cards = _idea_rows([pk for pk, _n in found], today)
    page.object_list = [{"card": cards[pk], "supports": _supports(n)} for pk, n in found]
    if circle_id:
        chosen = f'<option value="{circle_id}">'
        circle_options = circle_options.replace(chosen, f'<option value="{circle_id}" selected>')
    context = {
        "query": query,
        "page": page,
        "status": status,
        "statuses": IdeaStatus.choices,
        "sort": sort,
        "overdue": overdue,
        "campaign_options": _options(campaigns, campaign_id),
        "objective_options": _options(objectives, objective_id),
        "circle_options": mark_safe(circle_options),  # each name is escaped when built
    }
    template = "ideas/idea_list.html#results" if request.htmx else "ideas/idea_list.html"
    return render(request, template, context)


# --- detail ----------------------------------------------------------------------------

COMMENTS_PER_PAGE = 50
# Stands for the request's CSRF token in the cached comments, replaced on each page.
_CSRF_SLOT = "csrf-token-of-the-request"


def _sheet(idea, today) -> dict:
    """What the idea's page shows the same to every reader: its heading, its text, its
    public answers and the ideas merged into it. Rendered once per state of the ideas
    and of the organisation, day (the deadline) and language."""
    key = ":".join(
        [
            "idea-sheet",
            fragments.generation(fragments.IDEAS),
            fragments.generation(fragments.ORGANISATION),
            str(today),
            get_language() or "",
            str(idea.pk),
        ]
    )

    def render_sheet():
        # Queries (only when not cached): the objectives; the public answers with who
        # gave them; the ideas merged into this one.
        context = {
            "idea": idea,
            "overdue": idea.is_overdue_on(today),
            "objectives": list(idea.objectives.all()),
            "answers": list(idea.answers.select_related("by")),
            "merged_here": list(idea.merged_ideas.only("id", "title")),
        }
        return {
            part: get_template(f"ideas/idea_detail.html#{part}").render(context)
            for part in ("heading", "text", "answers", "merged")
        }

    sheet = fragments.cached_value(key, render_sheet)
    # Only HTML rendered by our templates is ever stored under this key.
    return {part: mark_safe(html) for part, html in sheet.items()}


def _thread_page(request, idea):
    """The page of comment threads asked for (oldest first, 50 first comments a page,
    each with all its replies) and their rows, as light objects: what the abilities and
    the cache keys need. Two queries: the count of threads; the threads' comments with
    their report counts."""
    from django.db.models import Count

    threads = (
        Comment.objects.filter(idea=idea, parent__isnull=True)
        .order_by("created_at", "id")
        .values_list("pk", flat=True)
    )
    page = Paginator(threads, COMMENTS_PER_PAGE).get_page(request.GET.get("page"))
    if not page.paginator.count:
        return page, []
    shown = page.object_list  # a sliced query, used as a subquery below
    # The idea's own filter keeps PostgreSQL on the index: with the OR alone it reads
    # every comment of every idea (7.7 ms at 40,000 comments, 0.5 ms with it).
    rows = (
        Comment.objects.filter(idea=idea)
        .filter(Q(pk__in=shown) | Q(parent_id__in=shown))
        .annotate(report_count=Count("reports"))
        .order_by("created_at", "id")
        .values_list("pk", "parent_id", "author_id", "updated_at", "hidden_at", "report_count")
    )
    comments = [
        SimpleNamespace(
            pk=pk,
            parent_id=parent_id,
            author_id=author_id,
            updated_at=updated_at,
            is_hidden=hidden_at is not None,
            report_count=reports,
        )
        for pk, parent_id, author_id, updated_at, hidden_at, reports in rows
    ]
    return page, comments


def _comments_html(request, idea, abilities, comments) -> str:
    """The threads' HTML. Each comment is rendered once per version of it (its last
    change), of the names (organisation) and of what the reader may do on it (reply,
    report, hide, and the report count for moderators); the CSRF token of the request
    is put in afterwards."""
    user = request.user
    prefix = ":".join(
        [
            "idea-comment",
            fragments.generation(fragments.ORGANISATION),
            get_language() or "",
        ]
    )
    keys = {}
    for comment in comments:
        comment.abilities = permissions.comment_abilities(user, comment, abilities)
        can = comment.abilities
        variant = "".join("1" if can[a] else "0" for a in ("reply", "report", "hide"))
        reports = comment.report_count if abilities["moderate"] else "-"
        stamp = comment.updated_at.timestamp()
        keys[comment.pk] = f"{prefix}:{comment.pk}:{stamp}:{variant}:{reports}"
    by_pk = {comment.pk: comment for comment in comments}

    def render_comments(missing):
        # Queries (only for the comments not cached): the comments with their authors.
        template = get_template("ideas/_comment.html")
        html = {}
        for comment in Comment.objects.filter(pk__in=missing).select_related("author"):
            light = by_pk[comment.pk]
            comment.abilities, comment.report_count = light.abilities, light.report_count
            context = {"comment": comment, "abilities": abilities, "csrf_token": _CSRF_SLOT}
            html[comment.pk] = template.render(context)
        return html

    rendered = fragments.cached_fragments(keys, render_comments)
    token = get_token(request)
    parts = []
    replies: dict[int, list[int]] = {}
    for comment in comments:
        if comment.parent_id is not None:
            replies.setdefault(comment.parent_id, []).append(comment.pk)
    for comment in comments:
        if comment.parent_id is not None:
            continue
        parts.append(f'<article class="comment card" id="comment-{comment.pk}">')
        parts.append(rendered[comment.pk])
        for pk in replies.get(comment.pk, ()):
            parts.append(f'<article class="comment reply card" id="comment-{pk}">')
            parts.append(rendered[pk])
            parts.append("</article>")
        parts.append("</article>")
    # The token is made of letters and digits: nothing to escape.
    return mark_safe("".join(parts).replace(_CSRF_SLOT, token))


def _detail_context(request, idea, abilities, *, comment_form=None, answer_form=None):
    user = request.user
    today = timezone.localdate()
    # Queries: the idea's sheet, unless cached (see _sheet); the count of comment
    # threads and the page's comments (see _thread_page); the comments not cached yet;
    # whether the user supports and follows the idea.
    sheet = _sheet(idea, today)
    comment_page, comments = _thread_page(request, idea)
    mine = Idea.objects.filter(pk=idea.pk).values_list(
        Exists(Support.objects.filter(idea=idea, person=user)),
        Exists(Follow.objects.filter(idea=idea, person=user)),
    )
    supported, following = mine[0]
    return {
        "idea": idea,
        "abilities": abilities,
        "sheet": sheet,
        "comment_page": comment_page,
        "comments_html": _comments_html(request, idea, abilities, comments),
        "supported": supported,
        "following": following,
        "comment_form": comment_form or CommentForm(),
        "answer_form": answer_form or (AnswerForm(idea=idea) if abilities["answer"] else None),
        "merge_form": MergeForm() if abilities["merge"] else None,
    }


@login_required
def idea_detail(request, pk):
    idea, abilities = get_idea_for_user(request, pk)
    return render(request, "ideas/idea_detail.html", _detail_context(request, idea, abilities))


def _comment_url(comment) -> str:
    """The address of a comment: on the page of its thread."""
    thread = comment.parent or comment
    before = Comment.objects.filter(idea_id=comment.idea_id, parent__isnull=True).filter(
        Q(created_at__lt=thread.created_at) | Q(created_at=thread.created_at, pk__lt=thread.pk)
    )
    number = before.count() // COMMENTS_PER_PAGE + 1
    query = f"?page={number}" if number > 1 else ""
    return f"{reverse('ideas:idea_detail', args=[comment.idea_id])}{query}#comment-{comment.pk}"


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
        # Edit and post in one transaction: a refused posting (closed campaign) saves
        # nothing and shows its reason on the form, with what was typed.
        submit = idea.is_draft and request.POST.get("action") == "submit"
        with service_call(form) as call:
            services.idea_update(idea=idea, by=request.user, submit=submit, **form.values())
        if call.ok:
            if submit:
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
            from cercles.ideas.similarity import SUGGESTION_MIN_SCORE, find_similar

            results = find_similar(
                Idea.objects.similar_candidates(request.user),
                title,
                body,
                limit=SIMILAR_LIMIT,
                min_score=SUGGESTION_MIN_SCORE,
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
    try:
        services.idea_support(idea=idea, person=request.user)
    except ValidationError as exc:
        # Answered or merged since the page was shown: say so rather than fail.
        for message in exc.messages:
            messages.error(request, message)
        # From htmx, the whole page is reloaded: it shows the message and the new state.
        if request.htmx:
            return HttpResponseClientRedirect(idea.get_absolute_url())
        return redirect(idea)
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
                return redirect(_comment_url(comment))
    context = _detail_context(request, idea, abilities, comment_form=form)
    return render(request, "ideas/idea_detail.html", context)
