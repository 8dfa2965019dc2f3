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
    # session; user; the idea with author, campaign, circle and target; the circles the
    # user facilitates and leads (abilities); objectives; answers with their authors;
    # ideas merged into it; comments with authors and report counts; my support; my follow.
    with django_assert_num_queries(11):
        client.get(url("idea_detail", idea.pk))
    first = Comment.objects.first()
    for i in range(4):
        services.comment_create(
            idea=idea, author=PersonFactory(), body=f"Réponse {i}", parent=first
        )
    services.idea_transition(idea=idea, to=IdeaStatus.ACCEPTED, text="Oui.", by=facilitator)
    with django_assert_num_queries(11):
        body = client.get(url("idea_detail", idea.pk)).content.decode()
    assert body.count('class="comment reply card"') == 4


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
