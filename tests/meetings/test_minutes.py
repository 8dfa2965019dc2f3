"""Minutes: generated from the meeting, edited by the secretary, regenerated with a
confirmation, published to the circle (or to everyone), exported as Markdown and PDF."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pypdf import PdfReader

from cercles.core import panels
from cercles.meetings import services
from cercles.meetings.minutes import generate_text, md_escape
from cercles.meetings.models import MeetingMinutes, MinutesRevision
from cercles.meetings.pdf import minutes_pdf


def url(name, meeting):
    return reverse(f"meetings:{name}", args=[meeting.pk])


@pytest.fixture
def minutes(closed_meeting, facilitator):
    return services.minutes_generate(meeting=closed_meeting, by=facilitator)


@pytest.fixture
def published(minutes, facilitator):
    return services.minutes_publish(minutes=minutes, by=facilitator, published=True)


# --- the generated text ----------------------------------------------------------------


def test_generated_text_holds_the_meeting(closed_meeting, facilitator, member, admin):
    item = closed_meeting.agenda_items.create(title="Budget *formation*", done=True, position=0)
    services.action_create(
        meeting=closed_meeting, by=facilitator, title="Chiffrer", owner=member, agenda_item=item
    )
    text = generate_text(closed_meeting)
    assert text.startswith("# Compte rendu — Réunion tactique de mars\n")
    assert "- **Cercle** : Ressources humaines" in text
    assert "- **Facilitateur** : Fabien Facilitateur" in text
    assert "- **Présents (2)** : Bruno Bavard, Marc Membre" in text
    assert "- **Excusés (1)** : Claire Calme" in text
    assert "- **Absents (2)** : Fabien Facilitateur, Léa Lien" in text
    # People's text is escaped: a title cannot turn into emphasis.
    assert "1. Budget \\*formation\\* — traité" in text
    assert "| Marc Membre | 1 | 1 min 00 s |" in text
    assert "Équité du temps de parole : 50 %" in text
    assert "| Chiffrer (Budget \\*formation\\*) | Marc Membre | — | à faire |" in text


def test_other_modules_add_their_sections(closed_meeting, monkeypatch):
    monkeypatch.setattr(panels, "_PANELS", {})

    @panels.register("meeting_minutes")
    def decisions(*, meeting):
        return f"## Décisions\n\n- Adoptée pour {meeting.title}"

    @panels.register("meeting_minutes", order=60)
    def nothing(*, meeting):
        return ""

    text = generate_text(closed_meeting)
    assert "## Décisions\n\n- Adoptée pour Réunion tactique de mars" in text
    assert text.index("## Actions") < text.index("## Décisions")


def test_md_escape():
    assert md_escape("a*b_c [d](e) | f\n g") == "a\\*b\\_c \\[d\\](e) \\| f g"


# --- services --------------------------------------------------------------------------


def test_generate_edit_and_regenerate(closed_meeting, facilitator, secretary, member, minutes):
    assert minutes.version == 1 and not minutes.was_edited and not minutes.published
    with pytest.raises(PermissionDenied):
        services.minutes_generate(meeting=closed_meeting, by=member)
    edited = services.minutes_save(
        minutes=minutes, by=secretary, text="# Mon compte rendu\n", version=1
    )
    assert edited.version == 2 and edited.edited_by == secretary
    # Regenerating over an edited text needs the confirmation; the edit stays in history.
    with pytest.raises(ValidationError) as error:
        services.minutes_generate(meeting=closed_meeting, by=secretary)
    assert "replace_edits" in error.value.message_dict
    again = services.minutes_generate(meeting=closed_meeting, by=secretary, replace_edits=True)
    assert again.text.startswith("# Compte rendu") and not again.was_edited
    assert [r.reason for r in again.revisions.order_by("id")] == [
        "generated",
        "edited",
        "generated",
    ]
    assert MinutesRevision.objects.filter(text="# Mon compte rendu\n").exists()


def test_a_stale_version_is_refused(minutes, secretary, facilitator):
    services.minutes_save(minutes=minutes, by=facilitator, text="Première main", version=1)
    with pytest.raises(ValidationError):
        services.minutes_save(minutes=minutes, by=secretary, text="Seconde main", version=1)
    minutes.refresh_from_db()
    assert minutes.text == "Première main"


# --- who reads, who writes -------------------------------------------------------------


def test_a_draft_is_read_only_by_those_who_write_it(
    client, login, minutes, member, secretary, agent, closed_meeting
):
    page = url("minutes_detail", closed_meeting)
    assert client.get(page).status_code == 302
    assert login(agent).get(page).status_code == 404
    assert login(member).get(page).status_code == 404  # nothing published yet
    assert login(member).get(url("minutes_markdown", closed_meeting)).status_code == 404
    body = login(secretary).get(page).content.decode()
    assert "brouillon" in body and "Publier" in body
    # The minutes' headings sit below the page's own <h1>.
    assert "<h2>Compte rendu — Réunion tactique de mars</h2>" in body


def test_published_minutes_reach_the_circle_or_everyone(
    login, published, member, agent, closed_meeting, secretary
):
    page = url("minutes_detail", closed_meeting)
    body = login(member).get(page).content.decode()
    assert "Modifier le compte rendu" not in body and "Télécharger (PDF)" in body
    assert login(member).get(url("minutes_edit", closed_meeting)).status_code == 403
    assert login(agent).get(page).status_code == 404
    services.minutes_save(
        minutes=published, by=secretary, text=published.text, version=1, minutes_public=True
    )
    assert login(agent).get(page).status_code == 200
    assert login(agent).get(url("minutes_pdf", closed_meeting)).status_code == 200
    assert login(agent).get(url("minutes_edit", closed_meeting)).status_code == 403
    # The meeting itself stays hidden to him.
    assert login(agent).get(url("meeting_detail", closed_meeting)).status_code == 404


def test_generate_edit_publish_through_the_pages(login, secretary, closed_meeting, member):
    client = login(secretary)
    assert client.get(url("minutes_edit", closed_meeting)).status_code == 302  # none yet
    response = client.post(url("minutes_generate", closed_meeting))
    assert response.status_code == 302
    minutes = MeetingMinutes.objects.get()
    page = client.get(url("minutes_edit", closed_meeting)).content.decode()
    assert 'name="version" value="1"' in page
    response = client.post(
        url("minutes_edit", closed_meeting),
        {"text": "# CR\n\nDécidé : tout.", "version": "1", "minutes_public": "on"},
    )
    assert response.status_code == 302
    minutes.refresh_from_db()
    closed_meeting.refresh_from_db()
    assert minutes.text == "# CR\n\nDécidé : tout." and closed_meeting.minutes_public
    # Regenerating asks first: the page warns, and without the box nothing changes.
    page = client.get(url("minutes_generate", closed_meeting)).content.decode()
    assert "ces modifications seront remplacées" in page
    response = client.post(url("minutes_generate", closed_meeting))
    assert response.status_code == 200 and "confirmez" in response.content.decode()
    minutes.refresh_from_db()
    assert minutes.text == "# CR\n\nDécidé : tout."
    client.post(url("minutes_publish", closed_meeting), {"published": "1"})
    minutes.refresh_from_db()
    assert minutes.published and minutes.published_at is not None
    assert (
        login(member).post(url("minutes_publish", closed_meeting), {"published": "0"}).status_code
        == 403
    )


def test_bad_edit_keeps_the_text(login, secretary, facilitator, minutes, closed_meeting):
    services.minutes_save(minutes=minutes, by=facilitator, text="Par Fabien", version=1)
    response = login(secretary).post(
        url("minutes_edit", closed_meeting), {"text": "Mon texte à moi", "version": "1"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Quelqu&#x27;un a enregistré le compte rendu" in body
    assert "Mon texte à moi" in body
    minutes.refresh_from_db()
    assert minutes.text == "Par Fabien"
    response = login(secretary).post(url("minutes_edit", closed_meeting), {"text": "x"})
    assert response.status_code == 200
    assert "La version du texte manque" in response.content.decode()


def test_minutes_page_query_count(
    login, secretary, minutes, closed_meeting, facilitator, django_assert_num_queries
):
    client = login(secretary)
    page = url("minutes_detail", closed_meeting)
    # Queries: session, user; his roles and led circles; the meeting with circle,
    # facilitator, secretary and minutes (and who edited them); his participant row;
    # the last revisions with their authors.
    with django_assert_num_queries(7):
        client.get(page)
    for i in range(4):
        services.minutes_save(
            minutes=MeetingMinutes.objects.get(), by=facilitator, text=f"v{i}", version=i + 1
        )
    with django_assert_num_queries(7):
        body = client.get(page).content.decode()
    assert "Historique (5 versions)" in body


# --- exports ---------------------------------------------------------------------------


def test_markdown_download(login, member, published, closed_meeting):
    response = login(member).get(url("minutes_markdown", closed_meeting))
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert 'filename="compte-rendu-' in response["Content-Disposition"]
    assert response.content.decode() == published.text


def test_pdf_download(login, member, published, closed_meeting):
    response = login(member).get(url("minutes_pdf", closed_meeting))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.metadata.title == "Compte rendu — Réunion tactique de mars"
    text = reader.pages[0].extract_text()
    assert "Compte rendu — Réunion tactique de mars" in text
    assert "Présents (2)" in text and "Bruno Bavard" in text


def test_pdf_without_the_font_falls_back(settings, tmp_path):
    settings.CERCLES_PDF_FONT = str(tmp_path / "missing.ttf")
    content = minutes_pdf(title="Réunion d'été", text="# Réunion d'été\n\nŒuvre « commune » ✓")
    reader = PdfReader(io.BytesIO(content))
    text = reader.pages[0].extract_text()
    assert "Réunion d'été" in text and "« commune »" in text


def test_pdf_of_an_awkward_text_still_comes(settings):
    wide = "| a | b |\n| --- | --- |\n| " + "x" * 3000 + " | y |\n"
    content = minutes_pdf(title="Large", text=wide)
    assert content.startswith(b"%PDF")


def test_generate_needs_post_or_confirmation_page(
    login, member, secretary, closed_meeting, facilitator
):
    # Nothing to read yet for a member: 404; once published, he reads but may not write.
    assert login(member).get(url("minutes_generate", closed_meeting)).status_code == 404
    minutes = services.minutes_generate(meeting=closed_meeting, by=facilitator)
    services.minutes_publish(minutes=minutes, by=facilitator, published=True)
    assert login(member).get(url("minutes_generate", closed_meeting)).status_code == 403
    assert login(secretary).get(url("minutes_generate", closed_meeting)).status_code == 200
    assert login(secretary).get(url("minutes_publish", closed_meeting)).status_code == 405
