"""Posting and editing an idea through the page, and the similar-ideas panel."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cercles.ideas.models import Campaign, Idea, IdeaStatus

from .factories import CampaignFactory, IdeaFactory

NEW = reverse("ideas:idea_create")
SIMILAR = reverse("ideas:idea_similar")


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(NEW)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_form_explains_anonymity_and_has_the_similar_panel(login, agent):
    body = login(agent).get(NEW).content.decode()
    assert "Votre nom n&#x27;est enregistré nulle part" in body
    assert 'hx-post="/ideas/similar/"' in body
    assert "keyup changed delay:400ms from:#id_title" in body
    assert 'enctype="multipart/form-data"' in body


def test_post_signed_idea(login, agent, org):
    response = login(agent).post(
        NEW,
        {"title": "Des salles de réunion réservables", "body": "En ligne.", "circle": org["rh"].pk},
    )
    idea = Idea.objects.get()
    assert response.status_code == 302 and response.url == idea.get_absolute_url()
    assert idea.author == agent and idea.status == IdeaStatus.SUBMITTED and idea.circle == org["rh"]


def test_save_a_draft_then_submit_it(login, agent):
    client = login(agent)
    client.post(NEW, {"title": "Brouillon", "body": "À finir.", "action": "draft"})
    idea = Idea.objects.get()
    assert idea.status == IdeaStatus.DRAFT
    edit = reverse("ideas:idea_update", args=[idea.pk])
    client.post(edit, {"title": "Prête", "body": "Finie.", "action": "submit"})
    idea.refresh_from_db()
    assert idea.title == "Prête" and idea.status == IdeaStatus.SUBMITTED


def test_anonymous_post_goes_back_to_the_list(login, agent):
    response = login(agent).post(NEW, {"title": "Secret", "body": "Sans nom.", "anonymous": "on"})
    assert response.status_code == 302 and response.url == reverse("ideas:idea_list")
    idea = Idea.objects.get()
    assert idea.is_anonymous and idea.author is None


def test_anonymous_draft_is_refused_with_what_was_typed_kept(login, agent):
    response = login(agent).post(
        NEW, {"title": "Secret", "body": "Sans nom.", "anonymous": "on", "action": "draft"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Une idée anonyme ne peut pas être enregistrée comme brouillon" in body
    assert 'value="Secret"' in body and ">\nSans nom.</textarea>" in body
    assert not Idea.objects.exists()


def test_bad_input_keeps_what_was_typed(login, agent):
    response = login(agent).post(
        NEW,
        {
            "title": "",
            "body": "Un texte.",
            "attachment": SimpleUploadedFile("outil.exe", b"MZ"),
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Donnez un titre à votre idée." in body
    assert "Type de fichier refusé" in body
    assert ">\nUn texte.</textarea>" in body
    assert not Idea.objects.exists()


def test_anonymous_idea_cannot_carry_an_attachment(login, agent):
    """A file keeps its time on disk and its own metadata (a PDF's /Author): refused,
    with the reason, and what was typed kept."""
    client = login(agent)
    assert "Pas de pièce jointe sur une idée anonyme" in client.get(NEW).content.decode()
    response = client.post(
        NEW,
        {
            "title": "Secret",
            "body": "Sans nom.",
            "anonymous": "on",
            "attachment": SimpleUploadedFile("note.pdf", b"%PDF-1.4 /Author (Zoe)"),
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Une idée anonyme ne peut pas porter de pièce jointe" in body
    assert "nom de son auteur dans ses propriétés" in body
    assert 'value="Secret"' in body
    assert not Idea.objects.exists()


def test_anonymity_help_does_not_advise_to_follow_the_idea(login, agent):
    """Following would store a row naming him, with its exact time."""
    body = login(agent).get(NEW).content.decode()
    assert "suivez-la" not in body
    assert "personne ne pourra vous prévenir des réponses" in body
    assert "retrouvez-la dans la liste des idées" in body


def test_out_of_range_ids_are_a_french_error_not_a_crash(login, agent):
    client = login(agent)
    for extra in (
        {"objectives": ["99999999999999999999"]},
        {"objectives": ["-3"]},
        {"circle": "99999999999999999999"},
    ):
        response = client.post(NEW, {"title": "Titre", "body": "Texte.", **extra})
        assert response.status_code == 200, extra
        assert "n&#x27;est pas un choix possible" in response.content.decode(), extra
    assert not Idea.objects.exists()


def test_submitting_a_draft_into_a_closed_campaign_saves_nothing(login, author):
    """Edit and post are one transaction: the refusal is shown on the form, with what
    was typed, and the draft is as it was."""
    campaign = CampaignFactory()
    draft = IdeaFactory(by=author, campaign=campaign, draft=True, title="Avant")
    Campaign.objects.filter(pk=campaign.pk).update(
        ends_on=timezone.localdate() - datetime.timedelta(days=1),
        starts_on=timezone.localdate() - datetime.timedelta(days=10),
    )
    edit = reverse("ideas:idea_update", args=[draft.pk])
    response = login(author).post(edit, {"title": "Après", "body": "Texte.", "action": "submit"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "La campagne de cette idée est close" in body
    assert 'value="Après"' in body
    draft.refresh_from_db()
    assert draft.title == "Avant" and draft.status == IdeaStatus.DRAFT


def test_campaign_form_posts_into_the_campaign(login, agent):
    campaign = CampaignFactory(answer_deadline_days=15)
    url = reverse("ideas:campaign_idea_create", args=[campaign.pk])
    assert campaign.question in login(agent).get(url).content.decode()
    login(agent).post(url, {"title": "Pour le défi", "body": "Texte."})
    idea = Idea.objects.get()
    assert idea.campaign == campaign
    assert idea.answer_due_on == timezone.localdate() + datetime.timedelta(days=15)


def test_closed_campaign_form_is_403(login, agent):
    campaign = CampaignFactory(
        starts_on=timezone.localdate() - datetime.timedelta(days=10),
        ends_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert (
        login(agent).get(reverse("ideas:campaign_idea_create", args=[campaign.pk])).status_code
        == 403
    )


def test_only_the_author_edits_before_the_answer(login, agent, author, idea):
    edit = reverse("ideas:idea_update", args=[idea.pk])
    assert login(agent).get(edit).status_code == 403
    body = login(author).get(edit).content.decode()
    assert 'value="Un guichet unique pour les arrivées"' in body
    assert "Publier anonymement" not in body
    response = login(author).post(edit, {"title": "", "body": "Texte"})
    assert "Donnez un titre à votre idée." in response.content.decode()
    response = login(author).post(edit, {"title": "Nouveau titre", "body": "Texte"})
    assert response.status_code == 302
    assert Idea.objects.get(pk=idea.pk).title == "Nouveau titre"


def test_others_draft_edit_is_404(login, agent, author):
    draft = IdeaFactory(by=author, draft=True)
    assert login(agent).get(reverse("ideas:idea_update", args=[draft.pk])).status_code == 404


def test_similar_panel_lists_close_ideas_with_a_support_button(login, agent, author):
    close = IdeaFactory(
        by=author,
        title="Covoiturage entre collègues",
        body="Partager la voiture pour venir au travail.",
    )
    IdeaFactory(by=author, title="Cantine bio", body="Des repas bio à la cantine.")
    response = login(agent).post(
        SIMILAR,
        {"title": "Covoiturage", "body": "Venir au travail en partageant sa voiture."},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert (
        body.index("Covoiturage entre collègues") < body.find("Cantine bio")
        or "Cantine bio" not in body
    )
    assert f'action="{reverse("ideas:idea_support", args=[close.pk])}"' in body
    assert "Soutenir celle-ci plutôt" in body


def test_similar_panel_with_too_little_text_is_empty(login, agent):
    response = login(agent).post(SIMILAR, {"title": "a", "body": ""})
    assert response.status_code == 200
    assert "Commencez à écrire" in response.content.decode()


def test_similar_needs_post_and_login(client, agent):
    assert client.post(SIMILAR, {"title": "x"}).status_code == 302
    client.force_login(agent)
    assert client.get(SIMILAR).status_code == 405


def test_the_form_speaks_the_readers_language(client, agent):
    from django.urls import reverse

    client.force_login(agent)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("ideas:idea_create")).content.decode()
    assert "Optional" in body and "Facultatif, 5 Mo" not in body
