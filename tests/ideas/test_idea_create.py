"""Posting an idea: drafts, anonymity, the answer's due date, the embedding task."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cercles.ideas import services
from cercles.ideas.models import Follow, Idea, IdeaStatus

from .factories import CampaignFactory, IdeaFactory


def test_signed_idea_is_submitted_followed_and_due_in_30_days(author, org):
    idea = services.idea_create(by=author, title="  Titre  ", body="Le texte.", circle=org["rh"])
    idea.refresh_from_db()
    assert idea.title == "Titre"
    assert idea.status == IdeaStatus.SUBMITTED
    assert idea.author == author and not idea.is_anonymous
    assert idea.answer_due_on == timezone.localdate(idea.submitted_at) + datetime.timedelta(30)
    assert idea.search_text == "titre le texte."
    assert Follow.objects.filter(idea=idea, person=author).exists()


def test_campaign_deadline_sets_the_due_date(author):
    campaign = CampaignFactory(answer_deadline_days=10)
    idea = IdeaFactory(by=author, campaign=campaign)
    assert idea.answer_due_on == timezone.localdate() + datetime.timedelta(days=10)


def test_closed_campaign_refuses_ideas(author):
    campaign = CampaignFactory(
        starts_on=timezone.localdate() - datetime.timedelta(days=30),
        ends_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as exc:
        IdeaFactory(by=author, campaign=campaign)
    assert exc.value.message_dict == {"campaign": ["Cette campagne n'est pas ouverte aux idées."]}


def test_draft_is_not_due_until_submitted(author):
    idea = IdeaFactory(by=author, draft=True)
    assert idea.status == IdeaStatus.DRAFT and idea.answer_due_on is None
    assert idea.submitted_at is None
    services.idea_submit(idea=idea, by=author)
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.SUBMITTED
    assert idea.answer_due_on == timezone.localdate() + datetime.timedelta(days=30)
    with pytest.raises(ValidationError, match="déjà déposée"):
        services.idea_submit(idea=idea, by=author)


def test_anonymous_idea_keeps_no_author_and_day_precision(author):
    idea = IdeaFactory(by=author, anonymous=True)
    idea.refresh_from_db()
    assert idea.author_id is None and idea.is_anonymous
    for moment in (idea.created_at, idea.updated_at, idea.submitted_at):
        assert (moment.hour, moment.minute, moment.second, moment.microsecond) == (0, 0, 0, 0)
    assert not Follow.objects.filter(idea=idea).exists()


def test_anonymous_idea_cannot_be_a_draft(author):
    with pytest.raises(
        ValidationError, match="anonyme ne peut pas être enregistrée comme brouillon"
    ):
        IdeaFactory(by=author, anonymous=True, draft=True)
    assert Idea.objects.count() == 0


def test_title_and_body_are_required(author):
    with pytest.raises(ValidationError) as exc:
        services.idea_create(by=author, title=" ", body="")
    assert set(exc.value.message_dict) == {"title", "body"}


def test_attachment_extension_and_size(author):
    exe = SimpleUploadedFile("virus.exe", b"MZ")
    with pytest.raises(ValidationError) as exc:
        IdeaFactory(by=author, attachment=exe)
    assert "attachment" in exc.value.message_dict
    big = SimpleUploadedFile("gros.pdf", b"0" * (5 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError) as exc:
        IdeaFactory(by=author, attachment=big)
    assert exc.value.message_dict["attachment"] == ["La pièce jointe dépasse 5 Mo."]


def test_attachment_gets_a_random_name(author, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    idea = IdeaFactory(by=author, attachment=SimpleUploadedFile("note_porteur.pdf", b"%PDF"))
    assert idea.attachment.name.startswith("ideas/")
    assert idea.attachment.name.endswith(".pdf")
    assert "porteur" not in idea.attachment.name


def test_embedding_is_scheduled_after_commit(author, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        IdeaFactory(by=author)
    # The embedding task (the similarity engine's) and the renewal of the ideas' cached
    # fragments (cercles.core.fragments.bump); nothing else runs on creation.
    assert len(callbacks) == 2


def test_anonymous_idea_refuses_an_attachment(author):
    with pytest.raises(ValidationError) as exc:
        IdeaFactory(by=author, anonymous=True, attachment=SimpleUploadedFile("note.pdf", b"%PDF"))
    assert "ne peut pas porter de pièce jointe" in exc.value.message_dict["attachment"][0]
    assert not Idea.objects.exists()


@pytest.mark.parametrize(
    ("moment", "anonymous", "due"),
    [
        # 00:30 in Paris on 10 March is 23:30 UTC on 9 March: the anonymous idea keeps
        # 9 March, and its due date follows that day, not the Paris date.
        (datetime.datetime(2026, 3, 9, 23, 30, tzinfo=datetime.UTC), True, "2026-04-08"),
        (datetime.datetime(2026, 3, 9, 23, 30, tzinfo=datetime.UTC), False, "2026-04-09"),
        # Summer: 01:59 in Paris is 23:59 UTC the day before.
        (datetime.datetime(2026, 7, 1, 23, 59, tzinfo=datetime.UTC), True, "2026-07-31"),
        (datetime.datetime(2026, 7, 2, 10, 0, tzinfo=datetime.UTC), True, "2026-08-01"),
    ],
)
def test_anonymous_due_date_follows_the_day_it_keeps(author, moment, anonymous, due):
    """A due date one day later than the kept day would tell it was posted between
    00:00 and 02:00 in Paris."""
    idea = IdeaFactory(by=author, anonymous=anonymous, at=moment)
    idea.refresh_from_db()
    assert idea.answer_due_on == datetime.date.fromisoformat(due)
    if anonymous:
        kept = idea.created_at.astimezone(datetime.UTC).date()
        assert idea.answer_due_on == kept + datetime.timedelta(days=30)


def test_a_failing_embedding_neither_breaks_the_post_nor_logs_the_idea(
    author, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    """The task runs eagerly and propagates its errors: the post is saved all the same,
    and the log says what failed without the idea's id or text (with the record's
    time, they would date an anonymous idea)."""
    from cercles.ideas import tasks

    def broken(idea_id):
        raise RuntimeError(f"modèle introuvable pour l'idée {idea_id} « Garderie »")

    monkeypatch.setattr(tasks.embed_idea, "delay", broken)
    with django_capture_on_commit_callbacks(execute=True):
        idea = IdeaFactory(by=author, anonymous=True, title="Garderie le samedi")
    assert Idea.objects.filter(pk=idea.pk, embedding__isnull=True).exists()
    failures = [r for r in caplog.records if "embedding" in r.getMessage()]
    assert len(failures) == 1 and failures[0].levelname == "ERROR"
    text = failures[0].getMessage() + repr(failures[0].exc_info)
    assert "RuntimeError" in text
    assert str(idea.pk) not in text and "Garderie" not in text


def test_author_edits_until_the_first_answer(idea, author, agent, facilitator):
    services.idea_update(idea=idea, by=author, title="Guichet unique d'accueil")
    assert Idea.objects.get(pk=idea.pk).title == "Guichet unique d'accueil"
    with pytest.raises(ValidationError, match="Seul l'auteur"):
        services.idea_update(idea=idea, by=agent, title="Autre")
    services.idea_transition(
        idea=idea, to=IdeaStatus.UNDER_STUDY, text="On regarde.", by=facilitator
    )
    with pytest.raises(ValidationError, match="a reçu une réponse"):
        services.idea_update(idea=idea, by=author, title="Trop tard")


def test_edit_and_submit_are_one_transaction(author):
    campaign = CampaignFactory()
    draft = IdeaFactory(by=author, campaign=campaign, draft=True, title="Avant")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    services.campaign_update(
        campaign=campaign,
        by=None,
        starts_on=yesterday - datetime.timedelta(days=5),
        ends_on=yesterday,
    )
    draft.campaign = campaign
    with pytest.raises(ValidationError, match="campagne de cette idée est close"):
        services.idea_update(idea=draft, by=author, submit=True, title="Après")
    assert Idea.objects.filter(pk=draft.pk, title="Avant", status=IdeaStatus.DRAFT).exists()
    other = IdeaFactory(by=author, draft=True)
    services.idea_update(idea=other, by=author, submit=True, title="Prête")
    other.refresh_from_db()
    assert other.title == "Prête" and other.status == IdeaStatus.SUBMITTED


def test_anonymous_idea_cannot_be_edited(author):
    idea = IdeaFactory(by=author, anonymous=True)
    with pytest.raises(ValidationError, match="Seul l'auteur d'une idée signée"):
        services.idea_update(idea=idea, by=author, title="Autre")
