"""An idea's page: what it shows, support and follow (htmx), answers, merge, comments."""

import pytest
from django.urls import reverse

from cercles.ideas import services
from cercles.ideas.models import Comment, Idea, IdeaStatus, Support
from tests.factories import PersonFactory

from .factories import IdeaFactory


def url(name, pk):
    return reverse(f"ideas:{name}", args=[pk])


def test_anonymous_is_sent_to_login(client, idea):
    response = client.get(url("idea_detail", idea.pk))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_others_drafts_are_404(login, agent, author):
    draft = IdeaFactory(by=author, draft=True)
    assert login(agent).get(url("idea_detail", draft.pk)).status_code == 404
    assert login(agent).post(url("idea_support", draft.pk)).status_code == 404
    assert login(author).get(url("idea_detail", draft.pk)).status_code == 200


def test_page_shows_the_idea(login, agent, idea, facilitator):
    services.idea_transition(
        idea=idea, to=IdeaStatus.UNDER_STUDY, text="Nous regardons.", by=facilitator
    )
    body = login(agent).get(url("idea_detail", idea.pk)).content.decode()
    assert "<p>Les nouveaux agents courent entre <strong>cinq</strong> services.</p>" in body
    assert "Proposée par Paul Porteur" in body
    assert "À l&#x27;étude" in body
    assert "Déposée → À l&#x27;étude" in body and "Nous regardons." in body
    assert "Soutenir cette idée" in body
    # No facilitator action for an agent.
    assert url("idea_answer", idea.pk) not in body


def test_markdown_is_sanitised(login, agent, author):
    idea = IdeaFactory(by=author, body="<script>alert(1)</script> [x](javascript:alert(2))")
    body = login(agent).get(url("idea_detail", idea.pk)).content.decode()
    assert "<script>alert(1)" not in body and 'href="javascript' not in body


def test_anonymous_idea_shows_no_author(login, agent, author):
    idea = IdeaFactory(by=author, anonymous=True)
    body = login(agent).get(url("idea_detail", idea.pk)).content.decode()
    assert "Idée anonyme" in body and "Paul Porteur" not in body


def test_support_with_htmx_and_without(login, agent, idea):
    client = login(agent)
    response = client.post(url("idea_support", idea.pk), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert "1 soutien" in body and "Retirer mon soutien" in body
    response = client.post(url("idea_unsupport", idea.pk))
    assert response.status_code == 302 and response.url == url("idea_detail", idea.pk)
    assert Idea.objects.get(pk=idea.pk).support_count == 0
    client.post(url("idea_follow", idea.pk))
    assert "Ne plus suivre" in client.get(url("idea_detail", idea.pk)).content.decode()


def test_author_cannot_support_his_idea(login, author, idea):
    assert login(author).post(url("idea_support", idea.pk)).status_code == 403
    assert not Support.objects.exists()


def test_merged_idea_points_to_its_target(login, agent, author, facilitator, org):
    target = IdeaFactory(by=PersonFactory(), title="La cible", circle=org["rh"])
    dup = IdeaFactory(by=author, circle=org["rh"])
    services.idea_merge(idea=dup, into=target, text="Doublon.", by=facilitator)
    body = login(agent).get(url("idea_detail", dup.pk)).content.decode()
    assert "Cette idée a été fusionnée dans" in body
    assert f'<a href="{url("idea_detail", target.pk)}">« La cible »</a>' in body


@pytest.mark.parametrize("name", ["idea_answer", "idea_merge"])
def test_facilitator_actions_are_403_for_others(login, agent, member, idea, name):
    assert login(agent).get(url(name, idea.pk)).status_code == 403
    assert (
        login(member).post(url(name, idea.pk), {"to": "accepted", "text": "x"}).status_code == 403
    )


def test_facilitator_answers(login, facilitator, idea):
    client = login(facilitator)
    assert url("idea_answer", idea.pk) in client.get(url("idea_detail", idea.pk)).content.decode()
    response = client.post(url("idea_answer", idea.pk), {"to": "refused", "text": "Hors budget."})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.REFUSED


def test_answer_form_bad_input(login, facilitator, idea):
    client = login(facilitator)
    response = client.post(url("idea_answer", idea.pk), {"to": "refused", "text": ""})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Rédigez la réponse : elle accompagne chaque changement." in body
    response = client.post(url("idea_answer", idea.pk), {"to": "implemented", "text": "Fait"})
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.SUBMITTED


def test_merge_form(login, facilitator, idea, org, author):
    target = IdeaFactory(by=PersonFactory(), circle=org["rh"])
    client = login(facilitator)
    response = client.post(url("idea_merge", idea.pk), {"into": 999999, "text": "Doublon"})
    assert "Aucune idée ne porte ce numéro." in response.content.decode()
    response = client.post(url("idea_merge", idea.pk), {"into": idea.pk, "text": "Doublon"})
    assert "dans elle-même" in response.content.decode()
    assert ">\nDoublon</textarea>" in response.content.decode()  # what was typed is kept
    response = client.post(url("idea_merge", idea.pk), {"into": target.pk, "text": "Doublon"})
    assert response.status_code == 302 and response.url == url("idea_detail", target.pk)


def test_comment_reply_report_hide(login, agent, member, facilitator, idea):
    client = login(agent)
    response = client.post(url("comment_create", idea.pk), {"body": "Bonne idée !"})
    first = Comment.objects.get()
    assert response.url == f"{url('idea_detail', idea.pk)}#comment-{first.pk}"
    login(member).post(url("comment_create", idea.pk), {"body": "D'accord.", "parent": first.pk})
    assert Comment.objects.get(body="D'accord.").parent == first
    # Report (not one's own comment), then hide by the facilitator.
    assert login(agent).get(reverse("ideas:comment_report", args=[first.pk])).status_code == 403
    assert (
        login(member)
        .post(reverse("ideas:comment_report", args=[first.pk]), {"reason": "Bof"})
        .status_code
        == 302
    )
    assert login(member).get(reverse("ideas:comment_hide", args=[first.pk])).status_code == 403
    client = login(facilitator)
    body = client.get(url("idea_detail", idea.pk)).content.decode()
    assert "1 signalement" in body
    response = client.post(reverse("ideas:comment_hide", args=[first.pk]), {"reason": ""})
    assert "Indiquez pourquoi le commentaire est masqué." in response.content.decode()
    client.post(reverse("ideas:comment_hide", args=[first.pk]), {"reason": "Hors sujet"})
    body = login(agent).get(url("idea_detail", idea.pk)).content.decode()
    assert "Commentaire masqué par la modération : Hors sujet" in body
    assert "Bonne idée !" not in body


def test_empty_comment_keeps_the_page(login, agent, idea):
    response = login(agent).post(url("comment_create", idea.pk), {"body": "  "})
    assert response.status_code == 200
    assert "Le commentaire est vide." in response.content.decode()
    assert not Comment.objects.exists()


def test_detail_queries_do_not_grow(login, agent, idea, facilitator, django_assert_num_queries):
    for i in range(3):
        services.comment_create(idea=idea, author=PersonFactory(), body=f"Commentaire {i}")
    services.idea_transition(idea=idea, to=IdeaStatus.UNDER_STUDY, text="Vu.", by=facilitator)
    client = login(agent)
    page = url("idea_detail", idea.pk)
    # Nothing cached: session; user; the idea with author, campaign, circle and target;
    # the circles the user facilitates and leads (abilities); the sheet's objectives,
    # answers with their authors and ideas merged into it; the count of comment threads;
    # the page's comments with their report counts; the comments to render, with their
    # authors; my support and follow (one query).
    with django_assert_num_queries(12):
        client.get(page)
    # Cached sheet and comments: session; user; the idea; abilities (2); the threads'
    # count; the page's comments; my support and follow.
    with django_assert_num_queries(8):
        client.get(page)
    first = Comment.objects.first()
    for i in range(4):
        services.comment_create(
            idea=idea, author=PersonFactory(), body=f"Réponse {i}", parent=first
        )
    services.idea_transition(idea=idea, to=IdeaStatus.ACCEPTED, text="Oui.", by=facilitator)
    with django_assert_num_queries(12):
        client.get(page)
    with django_assert_num_queries(8):
        body = client.get(page).content.decode()
    assert body.count('class="comment reply card"') == 4
    assert body.count('class="comment card"') == 3


def test_cached_page_follows_supports_answers_and_comments(login, agent, member, idea, facilitator):
    """The sheet and the comments are cached (cercles.core.fragments): the support count
    is read on each request, an answer makes the sheet stale, a hidden comment is a new
    version of it, and a renamed author shows everywhere."""
    from cercles.accounts import services as account_services

    client = login(agent)
    page = url("idea_detail", idea.pk)
    comment = services.comment_create(idea=idea, author=member, body="Bien vu.")
    body = client.get(page).content.decode()
    assert "0 soutien</p>" in body and 'status-submitted">Déposée' in body
    assert "Bien vu." in body and member.full_name in body
    services.idea_support(idea=idea, person=member)
    assert "1 soutien</p>" in client.get(page).content.decode()
    services.idea_transition(
        idea=idea, to=IdeaStatus.ACCEPTED, text="Retenue, merci.", by=facilitator
    )
    body = client.get(page).content.decode()
    assert 'status-accepted">Retenue' in body and "Retenue, merci." in body
    services.comment_hide(comment=comment, by=facilitator, reason="Hors sujet.")
    body = client.get(page).content.decode()
    assert "Bien vu." not in body and "Hors sujet." in body
    account_services.person_update(person=member, last_name="Renommé")
    assert "Renommé" in client.get(page).content.decode()


def test_cached_comments_keep_each_reader_s_actions(login, agent, member, facilitator, idea):
    comment = services.comment_create(idea=idea, author=member, body="Bien vu.")
    hide = url("comment_hide", comment.pk)
    report = url("comment_report", comment.pk)
    page = url("idea_detail", idea.pk)
    as_member = login(member).get(page).content.decode()
    assert report not in as_member and hide not in as_member
    as_agent = login(agent).get(page).content.decode()
    assert report in as_agent and hide not in as_agent
    services.comment_report(comment=comment, by=agent, reason="Nominatif.")
    as_facilitator = login(facilitator).get(page).content.decode()
    assert hide in as_facilitator and "1 signalement" in as_facilitator
    # The reply forms carry this request's CSRF token, never a cached one.
    assert "csrf-token-of-the-request" not in as_facilitator
    assert 'name="csrfmiddlewaretoken" value="' in as_facilitator


def test_comments_are_paginated_by_thread(login, agent, member, idea):
    from cercles.ideas.views.ideas import COMMENTS_PER_PAGE

    first = services.comment_create(idea=idea, author=member, body="Premier fil.")
    for i in range(COMMENTS_PER_PAGE):
        services.comment_create(idea=idea, author=member, body=f"Fil {i}")
    client = login(agent)
    page = url("idea_detail", idea.pk)
    body = client.get(page).content.decode()
    assert body.count('class="comment card"') == COMMENTS_PER_PAGE
    assert "Premier fil." in body and f"Fil {COMMENTS_PER_PAGE - 1}<" not in body
    assert 'href="?page=2"' in body
    second = client.get(page + "?page=2").content.decode()
    assert second.count('class="comment card"') == 1 and f"Fil {COMMENTS_PER_PAGE - 1}<" in second
    # A reply goes with its thread, on the thread's page; posting leads there.
    response = client.post(
        url("comment_create", idea.pk), {"body": "Je réponds.", "parent": first.pk}
    )
    reply = Comment.objects.get(body="Je réponds.")
    assert response.url == f"{page}#comment-{reply.pk}"
    response = client.post(url("comment_create", idea.pk), {"body": "Un fil de plus."})
    last = Comment.objects.get(body="Un fil de plus.")
    assert response.url == f"{page}?page=2#comment-{last.pk}"
    assert "Je réponds." in client.get(page).content.decode()


def test_facilitator_sees_the_answer_form_on_the_page(login, facilitator, idea):
    body = login(facilitator).get(url("idea_detail", idea.pk)).content.decode()
    assert f'action="{url("idea_answer", idea.pk)}"' in body
    assert '<option value="refused">Non retenue</option>' in body


def test_author_submits_his_draft(login, author, agent):
    draft = IdeaFactory(by=author, draft=True)
    assert login(agent).post(url("idea_submit", draft.pk)).status_code == 404
    response = login(author).post(url("idea_submit", draft.pk))
    assert response.status_code == 302
    assert Idea.objects.get(pk=draft.pk).status == IdeaStatus.SUBMITTED
    # Once posted, submitting again is refused (403: no longer a draft).
    assert login(author).post(url("idea_submit", draft.pk)).status_code == 403


def test_page_offers_to_launch_a_project_from_the_idea(login, agent, author, facilitator, idea):
    link = f"{reverse('ideas:project_create')}?idea={idea.pk}"
    client = login(agent)
    body = client.get(url("idea_detail", idea.pk)).content.decode()
    assert f'href="{link}">Lancer un projet à partir de cette idée</a>' in body
    # The link opens the project form with the idea already linked.
    assert f'value="{idea.pk}"' in client.get(link).content.decode()
    # Not from a draft (nobody else may link it), nor from an idea merged into another.
    draft = IdeaFactory(by=author, draft=True)
    body = login(author).get(url("idea_detail", draft.pk)).content.decode()
    assert "Lancer un projet à partir de cette idée" not in body
    target = IdeaFactory(by=PersonFactory())
    services.idea_merge(idea=idea, into=target, text="Doublon.", by=facilitator)
    body = login(agent).get(url("idea_detail", idea.pk)).content.decode()
    assert "Lancer un projet à partir de cette idée" not in body
