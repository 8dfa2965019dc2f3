"""Dashboards of the ideas: exact figures on a hand-built campaign, pages, permissions,
constant queries."""

import datetime
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone

from cercles.ideas import dashboards, services
from cercles.ideas.models import Idea, IdeaStatus, Objective
from tests.factories import PersonFactory

from .factories import CampaignFactory, IdeaFactory

S = IdeaStatus
OVERALL = reverse("ideas:dashboard")


def days_ago(now, days):
    return now - datetime.timedelta(days=days)


@pytest.fixture
def season(org, author, agent, facilitator, admin):
    """A campaign of Ressources humaines (answer due within 10 days) and its ideas, posted
    and answered in the past through the services' own `at` arguments:

    - A: posted 60 days ago, accepted 5 days later (in time); objectives O1 and O2;
      supported by p1 and p2; two comments, one hidden.
    - B: posted 50 days ago, refused 2 days later (in time).
    - C: posted 40 days ago for Numérique, put under study 20 days later (late);
      supported by p1; one comment.
    - D: anonymous, posted 30 days ago, never answered (overdue for 20 days).
    - E: Alice's, posted 25 days ago, merged into A 5 days later (in time); supported
      by p2 and p3, so p3's support moves to A and p2's is not counted twice.
    - F: Alice's, posted 90 days ago, accepted 5 days later, in a project, implemented;
      objective O1; supported by p1 before it was implemented.
    - G: posted 2 days ago, not yet answered, not late.
    Not counted: Paul's draft, and an idea outside the campaign.
    """
    now = timezone.now()
    campaign = CampaignFactory(
        circle=org["rh"],
        answer_deadline_days=10,
        starts_on=timezone.localdate() - datetime.timedelta(days=120),
    )
    o1 = Objective.objects.create(name="Améliorer le service public", position=1)
    o2 = Objective.objects.create(name="Préserver les ressources", position=2)
    p1, p2, p3 = PersonFactory(), PersonFactory(), PersonFactory()

    def post(title, days, by=author, **kwargs):
        return IdeaFactory(by=by, title=title, campaign=campaign, at=days_ago(now, days), **kwargs)

    def answer(idea, to, days):
        services.idea_transition(
            idea=idea, to=to, text="Réponse publique.", by=facilitator, at=days_ago(now, days)
        )

    a = post("A : un guichet unique", 60, objectives=[o1, o2])
    b = post("B : la semaine de quatre jours", 50)
    c = post("C : des écrans partout", 40, circle=org["numerique"])
    d = post("D : une idée anonyme", 30, anonymous=True)
    e = post("E : un guichet pour tous", 25, by=agent)
    f = post("F : le covoiturage", 90, by=agent, objectives=[o1])
    g = post("G : une idée récente", 2)
    IdeaFactory(by=author, title="Brouillon de Paul", draft=True)
    IdeaFactory(by=author, title="Hors campagne")

    for person in (p1, p2):
        services.idea_support(idea=a, person=person)
    services.idea_support(idea=c, person=p1)
    services.idea_support(idea=f, person=p1)
    for person in (p2, p3):
        services.idea_support(idea=e, person=person)

    answer(a, S.ACCEPTED, 55)
    answer(b, S.REFUSED, 48)
    answer(c, S.UNDER_STUDY, 20)
    services.idea_merge(idea=e, into=a, text="Doublon.", by=facilitator, at=days_ago(now, 20))
    answer(f, S.ACCEPTED, 85)
    answer(f, S.IN_PROJECT, 80)
    answer(f, S.IMPLEMENTED, 70)

    services.comment_create(idea=a, author=p1, body="Bravo.")
    hidden = services.comment_create(idea=a, author=p2, body="Hors sujet.")
    services.comment_hide(comment=hidden, by=facilitator, reason="Hors sujet.")
    services.comment_create(idea=c, author=p3, body="Oui.")
    return {"campaign": campaign, "o1": o1, "o2": o2, "ideas": (a, b, c, d, e, f, g)}


def test_campaign_figures_are_exact(season, org):
    campaign = season["campaign"]
    a, b, c, d, e, f, g = season["ideas"]
    data = dashboards.dashboard(campaign=campaign, today=timezone.localdate())
    assert data.ideas == 7
    assert data.supports == 5  # A 3 (p1, p2, p3 moved from E), C 1, F 1
    assert data.comments == 2  # the hidden one is not counted
    assert (data.signed_authors, data.anonymous_ideas) == (2, 1)
    assert (data.answered, data.answered_in_time, data.overdue) == (5, 4, 1)
    assert data.share_answered.percent == 71  # 5 / 7
    assert data.share_in_time.percent == 67  # 4 / (5 answered + 1 overdue)
    assert data.median_days == 5.0  # waits 2, 5, 5, 5, 20
    assert data.by_status == [
        (S.SUBMITTED, 2),
        (S.UNDER_STUDY, 1),
        (S.ACCEPTED, 1),
        (S.REFUSED, 1),
        (S.MERGED, 1),
        (S.IN_PROJECT, 0),
        (S.IMPLEMENTED, 1),
    ]
    assert data.funnel == [("ideas", 7), ("accepted", 2), ("in_project", 1), ("implemented", 1)]
    assert data.by_objective == [
        (season["o1"].pk, "Améliorer le service public", 2),
        (season["o2"].pk, "Préserver les ressources", 1),
        (None, None, 5),
    ]
    # C names Numérique; the others answer to the campaign's circle.
    assert data.by_circle == [
        (org["rh"].pk, "Ressources humaines", 6),
        (org["numerique"].pk, "Numérique", 1),
    ]
    assert (data.other_circles, data.no_circle) == (0, 0)
    assert len(data.by_month) == 12 and sum(n for _m, n in data.by_month) == 7
    expected = Counter(
        timezone.localdate(i.submitted_at).replace(day=1)
        for i in Idea.objects.filter(campaign=campaign).published()
    )
    assert {m: n for m, n in data.by_month if n} == dict(expected)
    # A 3, then C and F with 1 each (the most recently posted first); E is merged.
    assert [i.pk for i in data.most_supported] == [a.pk, c.pk, f.pk]
    assert [(i.pk, i.overdue) for i in data.oldest_unanswered] == [(d.pk, True), (g.pk, False)]


def test_overall_figures_count_every_posted_idea(season):
    data = dashboards.dashboard(today=timezone.localdate())
    assert data.ideas == 8  # the campaign's seven and the one outside it; no draft
    assert data.no_circle == 1
    assert data.funnel[0] == ("ideas", 8)


def test_funnel_counts_an_idea_implemented_without_a_project_as_accepted_only(facilitator):
    idea = IdeaFactory()
    services.idea_transition(idea=idea, to=S.ACCEPTED, text="Oui.", by=facilitator)
    services.idea_transition(idea=idea, to=S.IMPLEMENTED, text="Fait.", by=facilitator)
    back = IdeaFactory()
    services.idea_transition(idea=back, to=S.ACCEPTED, text="Oui.", by=facilitator)
    services.idea_transition(idea=back, to=S.IN_PROJECT, text="Projet.", by=facilitator)
    services.idea_transition(idea=back, to=S.ACCEPTED, text="Projet arrêté.", by=facilitator)
    data = dashboards.dashboard()
    assert data.funnel == [("ideas", 2), ("accepted", 2), ("in_project", 0), ("implemented", 1)]


def test_median_of_an_even_count_is_the_mean_of_the_two_middle_waits(facilitator):
    now = timezone.now()
    for wait in (2, 5):
        idea = IdeaFactory(at=days_ago(now, 30))
        services.idea_transition(
            idea=idea, to=S.UNDER_STUDY, text="Vu.", by=facilitator, at=days_ago(now, 30 - wait)
        )
    IdeaFactory()  # not answered: not in the median
    assert dashboards.dashboard().median_days == 3.5


def test_empty_dashboard_has_no_share_and_no_median(db):
    data = dashboards.dashboard()
    assert data.ideas == 0 and data.median_days is None
    assert data.share_answered.percent is None and data.share_in_time.percent is None
    assert data.by_objective == [] and data.by_circle == []


def test_top_circles_fold_the_others(admin, author):
    from cercles.organisation import services as org_services

    circles = [org_services.circle_create(by=admin, name=f"Cercle {i:02d}") for i in range(12)]
    for i, circle in enumerate(circles):
        for _n in range(12 - i):  # Cercle 00: 12 ideas … Cercle 11: 1 idea
            IdeaFactory(by=author, circle=circle)
    IdeaFactory(by=author)
    data = dashboards.dashboard()
    assert [name for _pk, name, _n in data.by_circle] == [f"Cercle {i:02d}" for i in range(10)]
    assert (data.other_circles, data.no_circle) == (2 + 1, 1)


def test_month_starts_cross_the_year():
    starts = dashboards.month_starts(datetime.date(2025, 2, 14), count=3)
    assert starts == [
        datetime.date(2024, 12, 1),
        datetime.date(2025, 1, 1),
        datetime.date(2025, 2, 1),
    ]


# --- pages ---------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, season):
    for url in (OVERALL, reverse("ideas:campaign_dashboard", args=[season["campaign"].pk])):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_unknown_campaign_is_404(login, agent):
    assert login(agent).get(reverse("ideas:campaign_dashboard", args=[999999])).status_code == 404


def test_campaign_page_shows_figures_charts_and_tables(login, agent, season):
    campaign = season["campaign"]
    a, _b, _c, d, *_rest = season["ideas"]
    response = login(agent).get(reverse("ideas:campaign_dashboard", args=[campaign.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    # Charts: server-side SVG, named for assistive technologies, with their tables.
    assert body.count('role="img"') == 5
    assert body.count("<svg") == 5 and "<script" not in body.split("</header>")[1]
    assert 'aria-labelledby="chart-funnel-title chart-funnel-desc"' in body
    assert "Entonnoir : 7 idées déposées, 2 retenues, 1 en projet, 1 réalisées." in body
    assert body.count("<table") == 6  # five charts and the ideas waiting for an answer
    # Key figures and the link to the overdue ideas of this campaign.
    assert "71 %" in body and "67 %" in body
    assert f"/ideas/?campaign={campaign.pk}&amp;overdue=1" in body
    assert f'href="/ideas/{a.pk}/"' in body and f'href="/ideas/{d.pk}/"' in body
    # Anonymous ideas are counted, never attributed; drafts do not show.
    assert "1 idée anonyme" in body
    assert "Brouillon de Paul" not in body
    # An agent may read the figures but not export them.
    assert "export.csv" not in body


def test_overall_page_offers_the_export_to_admins_only(login, agent, admin, season):
    assert "export.csv" not in login(agent).get(OVERALL).content.decode()
    body = login(admin).get(OVERALL).content.decode()
    assert reverse("ideas:idea_export_csv") in body and reverse("ideas:idea_export_xlsx") in body


def test_campaign_page_offers_the_export_to_its_facilitator(login, facilitator, season):
    url = reverse("ideas:campaign_dashboard", args=[season["campaign"].pk])
    body = login(facilitator).get(url).content.decode()
    assert reverse("ideas:campaign_export_csv", args=[season["campaign"].pk]) in body


def test_empty_overall_page(login, agent):
    body = login(agent).get(OVERALL).content.decode()
    assert "Aucune idée à compter." in body and "—" in body


def _ideas(campaign, count, author, facilitator, objective):
    now = timezone.now()
    for i in range(count):
        idea = IdeaFactory(
            by=author if i % 3 else PersonFactory(),
            campaign=campaign,
            anonymous=i % 4 == 0,
            objectives=[objective] if i % 2 else [],
            at=days_ago(now, 40 + i),
        )
        services.idea_support(idea=idea, person=PersonFactory())
        services.comment_create(idea=idea, author=facilitator, body="Vu.")
        if i % 2:
            services.idea_transition(
                idea=idea, to=S.ACCEPTED, text="Oui.", by=facilitator, at=days_ago(now, 30 + i)
            )


@pytest.mark.parametrize("view", ["overall", "campaign"])
def test_dashboard_queries_do_not_grow(
    login, agent, author, facilitator, org, view, django_assert_num_queries
):
    campaign = CampaignFactory(
        circle=org["rh"], starts_on=timezone.localdate() - datetime.timedelta(days=120)
    )
    objective = Objective.objects.create(name="Anticiper l'avenir")
    url = OVERALL if view == "overall" else reverse("ideas:campaign_dashboard", args=[campaign.pk])
    client = login(agent)
    _ideas(campaign, 3, author, facilitator, objective)
    # Not cached: session; user; [the campaign]; the totals (one aggregate, months
    # included); the median; by objective; by circle; the most supported; the oldest
    # unanswered; the comments; [the agent's facilitated circles, then led circles, for
    # the export link].
    cold = 9 if view == "overall" else 12
    # Cached: session; user; [the campaign; the agent's facilitated and led circles].
    warm = 2 if view == "overall" else 5
    with django_assert_num_queries(cold):
        first = client.get(url)
    with django_assert_num_queries(warm):
        client.get(url)
    _ideas(campaign, 17, author, facilitator, objective)
    with django_assert_num_queries(cold):
        second = client.get(url)
    with django_assert_num_queries(warm):
        third = client.get(url)
    assert first.status_code == second.status_code == third.status_code == 200
    assert "20</dd>" in second.content.decode() and "20</dd>" in third.content.decode()


def test_cached_dashboard_follows_new_ideas_and_answers(login, agent, author, facilitator, org):
    """The figures are cached per state of the ideas: a new idea or an answer shows at
    once; supports and comments show within DASHBOARD_SECONDS."""
    from django.core.cache import cache

    from cercles.ideas.views.dashboards import dashboard_key

    campaign = CampaignFactory(circle=org["rh"])
    url = reverse("ideas:campaign_dashboard", args=[campaign.pk])
    idea = IdeaFactory(by=author, campaign=campaign)
    client = login(agent)
    assert "Toutes les idées ont reçu une réponse." not in client.get(url).content.decode()
    services.idea_transition(idea=idea, to=S.ACCEPTED, text="Oui.", by=facilitator)
    body = client.get(url).content.decode()
    assert "Toutes les idées ont reçu une réponse." in body
    IdeaFactory(by=author, campaign=campaign)
    assert "<dd>2</dd>" in client.get(url).content.decode()
    services.idea_support(idea=idea, person=agent)
    # Within the delay the support total may lag; past it (here: an emptied cache,
    # keeping the generations), it shows.
    cache.delete(dashboard_key(campaign, timezone.localdate()))
    assert "Aucune idée n&#x27;a encore reçu de soutien." not in client.get(url).content.decode()
