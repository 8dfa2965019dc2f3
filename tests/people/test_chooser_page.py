"""The « Choisir mon parcours » page: answer, read the reasons, save to one's path."""

import pytest
from django.urls import reverse

from cercles.people.models import EntryKind, PathEntry

URL = reverse("people:chooser")
PROFILE = {
    "goal": "posture",
    "time": "monthly",
    "learning": "one_to_one",
    "horizon": "months",
    "confidential": "yes",
    "transmit": "yes",
}


def test_the_questionnaire_then_the_ranked_formats_with_reasons(login, agent, formats):
    client = login(agent)
    page = client.get(URL).content.decode()
    assert page.count("<fieldset") == 6 and "Ce que nous vous recommandons" not in page
    page = client.get(URL, PROFILE).content.decode()
    assert "Ce que nous vous recommandons" in page
    # Coaching, mentoring, tutoring, in that order, with the catalogue's names and links.
    assert (
        page.index("Le coaching entre collègues")
        < page.index("Le mentorat")
        < page.index("Le tutorat")
    )
    assert formats["coaching"].get_absolute_url() in page
    assert "Parce que vous avez dit « Prendre du recul sur ma pratique et ma posture »" in page
    assert "Et pour transmettre ce que vous savez" in page
    # The answers stay checked, and are carried to the save form.
    assert (
        '<input type="radio" name="goal" value="posture" id="id_goal_2" required checked>' in page
    )
    assert page.count(" checked>") == 6
    assert '<input type="hidden" name="goal" value="posture">' in page


def test_missing_answers_are_explained_and_kept(login, agent, formats):
    response = login(agent).get(URL, {"goal": "skill", "time": "weekly"})
    page = response.content.decode()
    assert "Répondez à chaque question pour voir nos recommandations." in page
    assert page.count("Choisissez une réponse.") == 4
    assert "Ce que nous vous recommandons" not in page
    assert '<input type="radio" name="goal" value="skill" id="id_goal_0" required checked>' in page
    assert page.count(" checked>") == 2
    # Each unanswered group names its error to assistive technologies, with its help.
    assert '<fieldset class="form-row" aria-describedby="id_time_helptext">' in page
    assert (
        '<fieldset class="form-row" aria-describedby="id_learning_error">' in page
        and '<ul class="errorlist" id="id_learning_error">' in page
    )
    assert (
        '<fieldset class="form-row" aria-describedby="id_transmit_helptext id_transmit_error">'
        in page
    )


def test_save_puts_a_private_result_on_my_path(login, agent, formats):
    client = login(agent)
    response = client.post(reverse("people:chooser_save"), PROFILE)
    assert response["Location"] == reverse("people:my_path")
    entry = PathEntry.objects.get()
    assert (entry.person, entry.kind, entry.private) == (agent, EntryKind.CHOICE, True)
    assert entry.data == {"answers": PROFILE, "formats": ["coaching", "mentoring", "tutoring"]}
    page = client.get(reverse("people:my_path")).content.decode()
    assert "Résultat du questionnaire « Choisir mon parcours »" in page
    assert "Formats recommandés : Coaching, Mentorat, Tutorat." in page


def test_save_with_incomplete_answers_writes_nothing(login, agent):
    client = login(agent)
    response = client.post(reverse("people:chooser_save"), {"goal": "skill"}, follow=True)
    assert "Répondez à toutes les questions" in response.content.decode()
    assert not PathEntry.objects.exists()


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(URL).status_code == 302
    assert client.post(reverse("people:chooser_save"), PROFILE).status_code == 302
    assert not PathEntry.objects.exists()


@pytest.mark.parametrize("extra", [0, 6])
def test_result_query_count(login, agent, formats, make_item, extra, django_assert_num_queries):
    for i in range(extra):
        make_item(name=f"Autre coaching {i}", format="coaching")
    client = login(agent)
    # Queries: session, user; the format items of the catalogue.
    with django_assert_num_queries(3):
        response = client.get(URL, PROFILE)
    assert response.content.decode().count('class="card recommendation"') == 3
