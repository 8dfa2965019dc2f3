"""Filling in a self-assessment: draft, then validated; levels 1 to 4 or not assessed;
free work axes; the radar against the previous campaign; the history page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cercles.competencies import services
from cercles.competencies.models import Assessment, AssessmentCampaign, AssessmentStatus
from tests.competencies.conftest import rate

pytestmark = pytest.mark.django_db


def _post(framework, **levels):
    data = {f"level_{framework[k].pk}": v for k, v in levels.items()}
    return data


def test_draft_then_submit_through_the_page(login, member, campaign, framework):
    client = login(member)
    url = reverse("competencies:assessment_edit", args=[campaign.pk])
    assert client.get(url).status_code == 200
    data = {
        **_post(framework, accueil="3", ecoute="", tableur="1"),
        f"comment_{framework['accueil'].pk}": "J'accueille chaque matin.",
        "axis_title_0": "Prendre la parole",
        "axis_level_0": "2",
        "comment": "Bilan de l'année.",
        "save": "1",
    }
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == url
    assessment = Assessment.objects.get(campaign=campaign, person=member)
    assert assessment.status == AssessmentStatus.DRAFT
    levels = {r.competency_id: (r.level, r.comment) for r in assessment.ratings.all()}
    assert levels == {
        framework["accueil"].pk: (3, "J'accueille chaque matin."),
        framework["ecoute"].pk: (None, ""),
        framework["tableur"].pk: (1, ""),
    }
    assert [(a.title, a.level) for a in assessment.work_axes.all()] == [("Prendre la parole", 2)]
    # The draft comes back in the form.
    response = client.get(url)
    assert "J&#x27;accueille chaque matin." in response.content.decode()
    response = client.post(url, {**data, "submit": "1"})
    assessment.refresh_from_db()
    assert response["Location"] == assessment.get_absolute_url()
    assert assessment.status == AssessmentStatus.SUBMITTED and assessment.submitted_at
    # Validated: the form sends him to his assessment, which no longer changes.
    assert client.get(url)["Location"] == assessment.get_absolute_url()
    with pytest.raises(ValidationError):
        services.assessment_save(assessment=assessment, by=member, ratings={}, submit=True)


def test_bad_input_keeps_what_was_typed_and_writes_nothing(login, member, campaign, framework):
    client = login(member)
    url = reverse("competencies:assessment_edit", args=[campaign.pk])
    response = client.post(
        url,
        {
            **_post(framework, accueil="7"),
            f"comment_{framework['ecoute'].pk}": "Texte gardé",
            "axis_level_0": "2",
            "submit": "1",
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Choisissez un niveau de 1 à 4." in text
    assert "Nommez l&#x27;axe de travail que vous évaluez." in text
    assert "Texte gardé" in text
    assert not Assessment.objects.exists()


def test_submitting_nothing_rated_is_refused(login, member, campaign, framework):
    response = login(member).post(
        reverse("competencies:assessment_edit", args=[campaign.pk]), {"submit": "1"}
    )
    assert (
        "Estimez votre niveau sur au moins une compétence avant de valider."
        in response.content.decode()
    )
    assert not Assessment.objects.filter(status=AssessmentStatus.SUBMITTED).exists()


def test_closed_campaign_and_uninvited_people_are_refused(login, member, agent, hr, framework, org):
    today = timezone.localdate()
    closed = services.campaign_create(
        by=hr,
        name="Ancienne",
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today - datetime.timedelta(days=1),
        competencies=[framework["tableur"]],
    )
    assert (
        login(member).get(reverse("competencies:assessment_edit", args=[closed.pk])).status_code
        == 403
    )
    numerique = services.campaign_create(
        by=hr,
        name="Numérique",
        starts_on=today,
        ends_on=today,
        competencies=[framework["tableur"]],
        audience="circles",
        circles=[org["numerique"]],
    )
    assert (
        login(agent).get(reverse("competencies:assessment_edit", args=[numerique.pk])).status_code
        == 403
    )
    rh_only = services.campaign_create(
        by=hr,
        name="RH",
        starts_on=today,
        ends_on=today,
        competencies=[framework["tableur"]],
        audience="circles",
        circles=[org["rh"]],
    )
    assert (
        login(member).get(reverse("competencies:assessment_edit", args=[rh_only.pk])).status_code
        == 200
    )


def test_work_axes_refused_when_the_campaign_does_not_allow_them(member, hr, framework):
    today = timezone.localdate()
    campaign = services.campaign_create(
        by=hr,
        name="Sans axes",
        starts_on=today,
        ends_on=today,
        competencies=[framework["tableur"]],
        allow_work_axes=False,
    )
    with pytest.raises(ValidationError, match="axes de travail"):
        rate(campaign, member, {framework["tableur"]: 2}, axes=[("Anglais", 2, "")])


def _two_campaigns(hr, framework, member):
    today = timezone.localdate()
    first = services.campaign_create(
        by=hr,
        name="Campagne 2025",
        starts_on=today,
        ends_on=today,
        competencies=[framework["accueil"], framework["ecoute"], framework["tableur"]],
    )
    old = rate(
        first, member, {framework["accueil"]: 1, framework["ecoute"]: 2, framework["tableur"]: 2}
    )
    Assessment.objects.filter(pk=old.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=365)
    )
    AssessmentCampaign.objects.filter(pk=first.pk).update(
        starts_on=today - datetime.timedelta(days=370), ends_on=today - datetime.timedelta(days=360)
    )
    second = services.campaign_create(
        by=hr,
        name="Campagne 2026",
        starts_on=today,
        ends_on=today,
        competencies=[framework["accueil"], framework["ecoute"], framework["tableur"]],
    )
    new = rate(
        second, member, {framework["accueil"]: 3, framework["ecoute"]: 2, framework["tableur"]: 4}
    )
    return old, new


def test_detail_shows_the_radar_against_the_previous_campaign(
    login, member, hr, framework, django_assert_num_queries
):
    _old, new = _two_campaigns(hr, framework, member)
    client = login(member)
    # Queries: session, user; the assessment with its campaign and person, its ratings
    # with competencies and families, its work axes; the previous assessment, its
    # ratings, its work axes; the peer feedback with reviewers (their ratings only when
    # there is some); the shares with viewers; his lead links (people.lines: his
    # roles' circles, the lead links, the circle tree; none here: no query for the
    # people); the HR holders.
    with django_assert_num_queries(14):
        response = client.get(new.get_absolute_url())
    text = response.content.decode()
    assert response.status_code == 200
    assert 'role="img"' in text and '<title id="radar-' in text
    assert "Campagne 2025" in text and "Campagne 2026" in text
    rows = {(a.label, a.latest, a.previous) for a in response.context["axes"]}
    assert rows == {("Accueil du public", 3, 1), ("Écoute active", 2, 2), ("Tableur", 4, 2)}
    assert "Les niveaux du radar" in text  # the table next to the chart


def test_history_page_has_constant_queries(login, member, hr, framework, django_assert_num_queries):
    _two_campaigns(hr, framework, member)
    client = login(member)
    url = reverse("competencies:my_assessments")
    # Queries: session, user; his assessments with campaign and person, their ratings
    # with competencies and families, their work axes; his "all" shares; his circles;
    # the open campaigns with his status; the feedback asked of him.
    with django_assert_num_queries(9):
        response = client.get(url)
    assert response.status_code == 200
    assert [a.campaign.name for a in response.context["assessments"]] == [
        "Campagne 2026",
        "Campagne 2025",
    ]
    assert response.context["latest"].campaign.name == "Campagne 2026"
    assert 'role="img"' in response.content.decode()
    # One more campaign, same number of queries.
    today = timezone.localdate()
    third = services.campaign_create(
        by=hr,
        name="Campagne 2027",
        starts_on=today,
        ends_on=today,
        competencies=[framework["tableur"]],
    )
    rate(third, member, {framework["tableur"]: 4})
    with django_assert_num_queries(9):
        client.get(url)


def test_campaign_list_and_detail(
    login, member, hr, campaign, framework, django_assert_num_queries
):
    client = login(member)
    today = timezone.localdate()
    for n in range(2):
        services.campaign_create(
            by=hr,
            name=f"Autre {n}",
            starts_on=today,
            ends_on=today,
            competencies=[framework["tableur"]],
        )
    # Queries: session, user, his functions (HR?), his circles, the campaigns with his status.
    with django_assert_num_queries(5):
        response = client.get(reverse("competencies:campaign_list"))
    assert sorted(c.name for c in response.context["campaigns"]) == [
        "Auto-évaluation 2026",
        "Autre 0",
        "Autre 1",
    ]
    response = client.get(campaign.get_absolute_url())
    text = response.content.decode()
    assert "M'auto-évaluer" in text and "Résultats agrégés" not in text


def test_campaign_form_bad_input(login, hr, framework):
    response = login(hr).post(
        reverse("competencies:campaign_create"),
        {
            "name": "Ma campagne",
            "starts_on": "2026-05-10",
            "ends_on": "2026-05-01",
            "audience": "circles",
        },
    )
    text = response.content.decode()
    assert "La fin de la campagne doit suivre son début." in text
    assert "Choisissez au moins une compétence." in text
    assert "Choisissez au moins un cercle" in text
    assert "Ma campagne" in text
    assert not AssessmentCampaign.objects.exists()


def test_hr_creates_and_edits_a_campaign(
    login, hr, framework, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(hr).post(
            reverse("competencies:campaign_create"),
            {
                "name": "Campagne de printemps",
                "starts_on": "2026-03-01",
                "ends_on": "2026-03-31",
                "competencies": [framework["tableur"].pk, framework["accueil"].pk],
                "allow_work_axes": "on",
                "audience": "everyone",
            },
        )
    campaign = AssessmentCampaign.objects.get()
    assert response["Location"] == campaign.get_absolute_url()
    assert set(campaign.competencies.all()) == {framework["tableur"], framework["accueil"]}
    assert member.notifications.filter(kind="competencies.campaign").count() == 1
    login(hr).post(
        reverse("competencies:campaign_update", args=[campaign.pk]),
        {
            "name": "Campagne de printemps",
            "starts_on": "2026-03-01",
            "ends_on": "2026-04-15",
            "competencies": [framework["tableur"].pk],
            "audience": "everyone",
        },
    )
    campaign.refresh_from_db()
    assert campaign.ends_on == datetime.date(2026, 4, 15) and not campaign.allow_work_axes
    assert list(campaign.competencies.all()) == [framework["tableur"]]


@pytest.mark.parametrize("field", ["competencies", "circles"])
def test_campaign_form_huge_ids_are_a_form_error(login, hr, framework, field):
    """Review: an id past 2**63 made the `pk__in` lookup crash (a 500)."""
    data = {
        "name": "Campagne d'automne",
        "starts_on": "2026-09-01",
        "ends_on": "2026-09-30",
        "competencies": [framework["tableur"].pk],
        "audience": "circles",
        "circles": [],
    }
    data[field] = ["99999999999999999999"]
    response = login(hr).post(reverse("competencies:campaign_create"), data)
    assert response.status_code == 200
    message = {
        "competencies": "Choisissez des compétences de la liste.",
        "circles": "Choisissez des cercles de la liste.",
    }[field]
    assert message in response.content.decode()
    assert "Campagne d&#x27;automne" in response.content.decode()
    assert not AssessmentCampaign.objects.exists()
