"""HR's aggregates: participation, and per competency the distribution and mean of
submitted levels, only for groups of at least 5; the CSV carries aggregates only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cercles.competencies import reports, services
from tests.competencies.conftest import rate
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def answers(campaign, framework, member, hr):
    """Six submitted assessments and a draft; the campaign then ends (yesterday)."""
    people = _answer(campaign, framework, member)
    services.campaign_update(
        campaign=campaign, by=hr, ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    return people


def test_levels_wait_for_the_end_of_the_campaign(login, hr, campaign, framework, member):
    # While it runs, the results of two days apart would give away one person's levels.
    _answer(campaign, framework, member)
    response = login(hr).get(reverse("competencies:campaign_results", args=[campaign.pk]))
    results = response.context["results"]
    assert not results.closed and results.submitted == 6
    assert all(not row.shown and row.counts == {} for row in results.rows)
    assert "Les niveaux seront publiés à la clôture" in response.content.decode()
    csv_text = (
        login(hr)
        .get(reverse("competencies:campaign_results_csv", args=[campaign.pk]))
        .content.decode()
    )
    assert "Relation aux usagers;Accueil du public;publié à la clôture;;;;;;" in csv_text


def _answer(campaign, framework, member):
    people = [member] + [PersonFactory(first_name=f"P{n}") for n in range(5)]
    levels = [1, 2, 2, 3, 4, 4]
    for person, level in zip(people, levels, strict=True):
        rate(
            campaign,
            person,
            {framework["accueil"]: level, framework["ecoute"]: level if level > 2 else None},
        )
    # A draft does not count.
    rate(campaign, PersonFactory(first_name="Brouillon"), {framework["accueil"]: 1}, submit=False)
    return people


def test_aggregates(login, hr, campaign, framework, answers, django_assert_num_queries):
    client = login(hr)
    # Queries: session, user, his functions, the campaign; the invited count, the
    # submitted count, the competencies with families, the counts per level.
    with django_assert_num_queries(8):
        response = client.get(reverse("competencies:campaign_results", args=[campaign.pk]))
    results = response.context["results"]
    assert results.submitted == 6 and results.invited >= 7
    rows = {r.competency.name: r for r in results.rows}
    accueil = rows["Accueil du public"]
    assert accueil.shown and accueil.distribution == [(1, 1), (2, 2), (3, 1), (4, 2)]
    assert accueil.mean == 2.67 and accueil.not_assessed == 0
    # Écoute active: 3 answers (others "not assessed"): below the floor, nothing shown.
    ecoute = rows["Écoute active"]
    assert not ecoute.shown and ecoute.counts == {} and ecoute.not_assessed == 0
    text = response.content.decode()
    assert "moins de 5 réponses" in text
    assert "Participation : 6 auto-évaluations validées" in text


def test_csv_has_aggregates_only(login, hr, campaign, answers):
    response = login(hr).get(reverse("competencies:campaign_results_csv", args=[campaign.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode().lstrip("\ufeff").splitlines()
    assert (
        lines[0]
        == "famille;compétence;réponses;niveau 1;niveau 2;niveau 3;niveau 4;non évaluée;moyenne"
    )
    assert "Relation aux usagers;Accueil du public;6;1;2;1;2;0;2,67" in lines
    assert "Relation aux usagers;Écoute active;moins de 5 réponses;;;;;;" in lines
    assert "Numérique;Tableur;moins de 5 réponses;;;;;;" in lines
    names = {p.full_name for p in answers}
    assert not any(name in response.content.decode() for name in names)


def test_floor_never_below_five(settings):
    settings.CERCLES_COMPETENCIES_MIN_GROUP = 2
    assert reports.min_group() == 5
    settings.CERCLES_COMPETENCIES_MIN_GROUP = 8
    assert reports.min_group() == 8


def test_only_hr_reads_results(login, member, lead_link, campaign):
    for person in (member, lead_link):
        client = login(person)
        assert (
            client.get(reverse("competencies:campaign_results", args=[campaign.pk])).status_code
            == 403
        )
        assert (
            client.get(reverse("competencies:campaign_results_csv", args=[campaign.pk])).status_code
            == 403
        )


def test_radar_svg_is_accessible():
    svg = reports.radar_svg(
        [
            reports.RadarAxis("Écoute <active>", 3, 2),
            reports.RadarAxis("Tableur", None, 4),
            reports.RadarAxis("Accueil", 4),
        ],
        chart_id="r1",
        title="Radar",
        desc="Trois axes.",
    )
    assert 'role="img"' in svg and 'aria-labelledby="r1-title r1-desc"' in svg
    assert '<title id="r1-title">Radar</title>' in svg and "Écoute &lt;active&gt;" in svg
    assert svg.count("<polygon") == 4 + 2  # four rings, latest and previous


def test_small_campaign_hides_even_its_participation(login, hr, framework, org, member):
    """Review: a campaign for a circle of fewer than 5 people showed "1 sur 2", which
    tells HR whether each of them did his assessment."""
    import datetime

    from django.utils import timezone

    from cercles.competencies import services
    from cercles.organisation.models import Assignment

    today = timezone.localdate()
    campaign = services.campaign_create(
        by=hr,
        name="Petite équipe",
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=10),
        competencies=[framework["accueil"]],
        audience="circles",
        circles=[org["rh"]],
    )
    invited = services.campaign_invited(campaign).count()
    assert 0 < invited < 5
    holders = Assignment.objects.current().filter(role__circle=org["rh"])
    assert holders.filter(person=member).exists()
    rate(campaign, member, {framework["accueil"]: 4})
    client = login(hr)
    response = client.get(reverse("competencies:campaign_results", args=[campaign.pk]))
    results = response.context["results"]
    assert not results.participation_shown and results.submitted == 0
    text = response.content.decode()
    assert "Participation : moins de 5 personnes invitées, elle n'est pas montrée." in text
    assert "auto-évaluations validées sur" not in text
    csv = client.get(reverse("competencies:campaign_results_csv", args=[campaign.pk]))
    lines = csv.content.decode().lstrip("\ufeff").splitlines()
    assert lines[-1] == "participation;moins de 5 personnes invitées"
    assert "Relation aux usagers;Accueil du public;publié à la clôture;;;;;;" in lines
