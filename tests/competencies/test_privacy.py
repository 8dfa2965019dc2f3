"""A self-assessment is private: HR, an admin, the lead link and a colleague see
nothing of it through pages, API, exports and talent paths, until its author shares
it; revoking hides it again. Peer feedback answers follow the assessment."""

import pytest
from django.urls import reverse

from cercles.accounts.tokens import api_token_create
from cercles.competencies import services
from cercles.competencies.models import AssessmentShare
from cercles.core import panels

pytestmark = pytest.mark.django_db

SECRET = "Mon commentaire très personnel."


@pytest.fixture
def outsiders(hr, admin, lead_link, agent):
    return {"hr": hr, "admin": admin, "lead_link": lead_link, "colleague": agent}


def _api(client, person, path):
    _token, raw = api_token_create(person=person, name="test")
    client.logout()
    return client.get(path, headers={"Authorization": f"Token {raw}"})


def _sees_nothing(client, person, assessment):
    client.force_login(person)
    assert client.get(assessment.get_absolute_url()).status_code == 404
    assert (
        client.get(reverse("competencies:assessment_share", args=[assessment.pk])).status_code
        == 405
    )
    for name in ("shared_with_me", "my_assessments", "directory"):
        response = client.get(reverse(f"competencies:{name}"))
        assert response.status_code == 200
        assert SECRET not in response.content.decode()
    results = client.get(reverse("competencies:campaign_results", args=[assessment.campaign_id]))
    if results.status_code == 200:  # HR and admins: aggregates only
        assert SECRET not in results.content.decode()
        csv = client.get(
            reverse("competencies:campaign_results_csv", args=[assessment.campaign_id])
        )
        text = csv.content.decode()
        # The campaign runs: no level is published yet, and no one's words ever are.
        assert "publié à la clôture" in text and SECRET not in text
    else:
        assert results.status_code == 403
    listing = _api(client, person, "/api/v1/competencies/assessments/")
    assert listing.status_code == 200 and listing.json()["count"] == 0
    detail = _api(client, person, f"/api/v1/competencies/assessments/{assessment.pk}/")
    assert detail.status_code == 404
    steps = [
        s
        for group in panels.collect("talent_path", person=assessment.person, viewer=person)
        for s in group
        if s.kind == "assessment"
    ]
    assert steps == []


def test_private_by_default_for_everyone_else(client, rated, outsiders):
    for person in outsiders.values():
        _sees_nothing(client, person, rated)


def test_the_author_sees_his_own(client, rated, member):
    client.force_login(member)
    response = client.get(rated.get_absolute_url())
    assert response.status_code == 200 and SECRET in response.content.decode()
    body = _api(client, member, "/api/v1/competencies/assessments/").json()
    assert [a["id"] for a in body["results"]] == [rated.pk]
    assert body["results"][0]["comment"] == SECRET
    steps = [
        s for group in panels.collect("talent_path", person=member, viewer=member) for s in group
    ]
    assert [s.kind for s in steps] == ["assessment"] and steps[0].private


def test_sharing_with_the_lead_link_then_revoking(client, rated, member, lead_link, outsiders):
    client.force_login(member)
    response = client.post(
        reverse("competencies:assessment_share", args=[rated.pk]),
        {"suggested": lead_link.pk, "scope": "this"},
    )
    assert response.status_code == 302
    share = AssessmentShare.objects.get()
    assert (share.viewer, share.assessment) == (lead_link, rated)
    client.force_login(lead_link)
    response = client.get(rated.get_absolute_url())
    assert response.status_code == 200 and SECRET in response.content.decode()
    assert [
        a.pk for a in client.get(reverse("competencies:shared_with_me")).context["assessments"]
    ] == [rated.pk]
    body = _api(client, lead_link, "/api/v1/competencies/assessments/?mine=false").json()
    assert [a["id"] for a in body["results"]] == [rated.pk]
    steps = [
        s for group in panels.collect("talent_path", person=member, viewer=lead_link) for s in group
    ]
    assert [s.kind for s in steps] == ["assessment"]
    # Still private for the others.
    for key in ("hr", "admin", "colleague"):
        _sees_nothing(client, outsiders[key], rated)
    # The lead link may not revoke it; the author does.
    client.force_login(lead_link)
    assert client.post(reverse("competencies:share_revoke", args=[share.pk])).status_code == 404
    client.force_login(member)
    client.post(reverse("competencies:share_revoke", args=[share.pk]))
    assert not AssessmentShare.objects.exists()
    _sees_nothing(client, lead_link, rated)


def test_share_all_with_hr_by_email_covers_later_assessments(client, rated, member, hr, campaign):
    client.force_login(member)
    client.post(
        reverse("competencies:assessment_share", args=[rated.pk]),
        {"email": hr.email, "scope": "all"},
    )
    share = AssessmentShare.objects.get()
    assert share.assessment is None and share.viewer == hr
    client.force_login(hr)
    assert client.get(rated.get_absolute_url()).status_code == 200


def test_a_draft_is_never_shared(client, campaign, framework, member, hr):
    from tests.competencies.conftest import rate

    draft = rate(campaign, member, {framework["accueil"]: 2}, submit=False)
    services.share_create(owner=member, viewer=hr)  # all his assessments
    client.force_login(hr)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(member)
    response = client.post(
        reverse("competencies:assessment_share", args=[draft.pk]),
        {"email": hr.email, "scope": "this"},
    )
    assert response.status_code == 403


def test_share_form_bad_input(client, rated, member):
    client.force_login(member)
    response = client.post(
        reverse("competencies:assessment_share", args=[rated.pk]),
        {"email": "personne@inconnue.fr", "scope": "this"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Aucune personne active n&#x27;a l&#x27;adresse « personne@inconnue.fr »." in text
    assert 'value="personne@inconnue.fr"' in text
    assert not AssessmentShare.objects.exists()
    response = client.post(
        reverse("competencies:assessment_share", args=[rated.pk]), {"scope": "this"}
    )
    assert "Choisissez avec qui partager." in response.content.decode()


def test_peer_feedback_is_read_by_the_author_only(
    client, rated, member, agent, hr, django_capture_on_commit_callbacks
):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("competencies:feedback_request", args=[rated.pk]),
            {"email": agent.email, "message": "Ton avis ?"},
        )
    feedback = rated.peer_feedback.get()
    assert agent.notifications.filter(kind="competencies.feedback").count() == 1
    client.force_login(agent)
    url = reverse("competencies:feedback_answer", args=[feedback.pk])
    response = client.get(url)
    assert response.status_code == 200 and "Ton avis ?" in response.content.decode()
    competencies = list(rated.campaign.competencies.all())
    response = client.post(
        url, {f"level_{competencies[0].pk}": "4", "comment": "Très bon accueil, toujours."}
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == "answered"
    # The colleague who answered still cannot read the assessment.
    assert client.get(rated.get_absolute_url()).status_code == 404
    client.force_login(hr)
    assert client.get(rated.get_absolute_url()).status_code == 404
    client.force_login(member)
    assert "Très bon accueil, toujours." in client.get(rated.get_absolute_url()).content.decode()
    # Answering twice is refused; someone else's request is a 404.
    client.force_login(agent)
    assert client.post(url, {"comment": "Encore"}).status_code == 403
    client.force_login(hr)
    assert client.get(url).status_code == 404


def test_peer_may_decline(client, rated, member, agent):
    [feedback] = services.feedback_request(assessment=rated, by=member, reviewers=[agent])
    client.force_login(agent)
    client.post(reverse("competencies:feedback_decline", args=[feedback.pk]))
    feedback.refresh_from_db()
    assert feedback.status == "declined"


def test_feedback_request_bad_input(client, rated, member):
    client.force_login(member)
    response = client.post(
        reverse("competencies:feedback_request", args=[rated.pk]), {"email": "pas-une-adresse"}
    )
    assert response.status_code == 400
    assert "Écrivez une adresse e-mail valide." in response.content.decode()
    assert not rated.peer_feedback.exists()
    response = client.post(
        reverse("competencies:feedback_request", args=[rated.pk]), {"email": member.email}
    )
    assert "Choisissez au moins un collègue." in response.content.decode()
