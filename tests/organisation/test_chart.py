"""The organisation drawn as nested circles."""

import re

from django.urls import reverse

from cercles.organisation import services
from cercles.organisation.chart import MAX_SIBLINGS, OrgChart, parse_depth
from cercles.organisation.selectors import organisation_live

from .conftest import grow

CHART = reverse("organisation:chart")


def svg_of(body):
    return body[body.index("<svg") : body.index("</svg>")]


def test_anonymous_is_sent_to_login(client, org):
    response = client.get(CHART)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_chart_draws_every_circle_as_a_titled_link(login, agent, org):
    body = login(agent).get(CHART).content.decode()
    svg = svg_of(body)
    assert 'role="group"' in svg
    assert '<title id="org-chart-title">Organigramme : 4 cercles dessinés</title>' in svg
    for circle in org.values():
        assert f'<a href="/circles/{circle.pk}/"><title>{circle.name} (Cercle)' in svg
    assert svg.count("<circle ") == 4
    # The names are written where there is room.
    assert ">Numérique</tspan></text>" in svg


def test_chart_has_a_nested_list_alternative(login, agent, org):
    body = login(agent).get(CHART).content.decode()
    outline = body[body.index('id="org-list"') :]
    rh, formation = org["rh"], org["formation"]
    assert re.search(
        rf'<a href="/circles/{rh.pk}/">Ressources humaines</a>.*?<ul><li><a href="/circles/{formation.pk}/">Formation</a>',
        outline,
    )


def test_chart_collapses_below_the_depth(login, agent, org):
    body = login(agent).get(CHART, {"depth": "2"}).content.decode()
    svg = svg_of(body)
    # Formation (level 3) is hidden inside Ressources humaines, drawn as a counted disc.
    assert svg.count("<circle ") == 3
    assert f"/circles/{org['formation'].pk}/" not in svg
    assert "1 sous-cercle replié" in svg
    assert 'class="collapsed"' in svg
    assert f"?circle={org['rh'].pk}&amp;depth=2" in body  # the list offers to open it


def test_chart_zooms_into_a_circle_with_a_breadcrumb(login, agent, org):
    body = login(agent).get(CHART, {"circle": org["rh"].pk}).content.decode()
    svg = svg_of(body)
    assert svg.count("<circle ") == 2
    assert f"/circles/{org['numerique'].pk}/" not in svg
    assert "Organigramme : Ressources humaines" in body
    assert f'href="/org/?circle={org["direction"].pk}&amp;depth=3">Direction générale</a>' in body
    assert "Toute l&#x27;organisation" in body or "Toute l'organisation" in body


def test_chart_zoom_on_an_unknown_circle_shows_everything_with_a_message(login, agent, org):
    response = login(agent).get(CHART, {"circle": "999999", "depth": "abc"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "toute l&#x27;organisation est affichée" in body
    assert svg_of(body).count("<circle ") == 4


def test_chart_uses_the_circle_colour_or_the_kind(login, agent, admin, org):
    services.circle_update(circle=org["numerique"], by=admin, colour="#aa3377")
    services.circle_update(circle=org["formation"], by=admin, kind="project")
    svg = svg_of(login(agent).get(CHART).content.decode())
    assert 'fill="#aa3377"' in svg
    assert 'fill="#b35c00"' in svg  # project colour


def test_chart_folds_many_siblings_into_one_disc(admin, org):
    for i in range(MAX_SIBLINGS + 4):
        services.circle_create(by=admin, name=f"Équipe {i:02d}", parent=org["numerique"])
    chart = OrgChart(organisation_live(role_counts=True), depth=3)
    numerique = next(n for n in chart.walk() if n.circle and n.circle.pk == org["numerique"].pk)
    assert len(numerique.children) == MAX_SIBLINGS
    others = numerique.children[-1]
    assert others.is_others
    assert len(others.others) == 5
    svg = chart.svg()
    assert "5 autres cercles" in svg
    # Every circle stays reachable from the list.
    outline = chart.outline()
    for i in range(MAX_SIBLINGS + 4):
        assert f"Équipe {i:02d}" in outline


def test_parse_depth_is_bounded():
    assert parse_depth("2") == 2
    assert parse_depth("0") == 1
    assert parse_depth("99") == 8
    assert parse_depth(None) == 3
    assert parse_depth("x") == 3


def test_circles_stay_inside_their_parent(admin, org):
    grow(admin, org, 5)
    chart = OrgChart(organisation_live(role_counts=True), depth=4)

    def check(node):
        for child in node.children:
            dist = ((child.x - node.x) ** 2 + (child.y - node.y) ** 2) ** 0.5
            assert dist + child.r <= node.r + 0.01
            check(child)

    for top in chart.nodes:
        check(top)


def test_chart_queries_do_not_grow_with_the_organisation(
    login, agent, admin, org, django_assert_num_queries
):
    client = login(agent)
    grow(admin, org, 3)
    # session; user; active circles with role counts (the drawing is then cached).
    with django_assert_num_queries(3):
        first = client.get(CHART)
    grow(admin, org, 12, prefix="Autre")
    with django_assert_num_queries(3):
        second = client.get(CHART)
    assert svg_of(second.content.decode()).count("<circle ") > svg_of(first.content.decode()).count(
        "<circle "
    )


def test_chart_as_of_queries_do_not_grow(login, agent, admin, django_assert_num_queries):
    from .conftest import date_ago, days_ago

    def add(n, prefix):
        for i in range(n):
            services.circle_create(by=admin, name=f"{prefix} {i}", at=days_ago(5))

    client = login(agent)
    add(3, "Ancien")
    params = {"date": date_ago(1).isoformat()}
    # session; user; circles' latest snapshots; role counts.
    with django_assert_num_queries(4):
        first = client.get(CHART, params)
    add(10, "Autre")
    with django_assert_num_queries(4):
        second = client.get(CHART, params)
    assert svg_of(first.content.decode()).count("<circle ") == 3
    assert svg_of(second.content.decode()).count("<circle ") == 13


def test_chart_drawing_is_cached_until_the_organisation_changes(
    login, agent, admin, org, django_assert_num_queries
):
    client = login(agent)
    client.get(CHART)
    # session; user: the drawing comes from the cache.
    with django_assert_num_queries(2):
        cached = client.get(CHART)
    assert "Numérique" in svg_of(cached.content.decode())
    services.circle_update(circle=org["numerique"], by=admin, name="Systèmes d'information")
    fresh = svg_of(client.get(CHART).content.decode())
    assert "Systèmes d" in fresh
    assert "Numérique" not in fresh
