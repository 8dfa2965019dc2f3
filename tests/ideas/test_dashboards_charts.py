"""The dashboards' bar charts (`cercles.lib.svg.bar_chart`): accessible, escaped, scaled."""

import re

from cercles.lib.svg import BAR_FILL, bar_chart


def widths(svg):
    return [float(w) for w in re.findall(r'<rect[^>]* width="([\d.]+)"', svg)]


def test_chart_is_one_named_image():
    svg = bar_chart([("Retenue", 3)], chart_id="c1", title="Idées par état", desc="3 idées.")
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Idées par état</title>' in svg
    assert '<desc id="c1-desc">3 idées.</desc>' in svg
    assert f'fill="{BAR_FILL}"' in svg


def test_bars_are_scaled_on_the_largest_value_and_zero_draws_none():
    svg = bar_chart([("a", 10), ("b", 5), ("c", 0)], chart_id="c", title="t", desc="d")
    long, short = widths(svg)
    assert short == long / 2
    assert svg.count("<rect") == 2
    assert ">0</text>" in svg


def test_shown_text_and_labels_are_escaped():
    svg = bar_chart(
        [("<b>Cercle</b> & co", 2, "2 (50 %)")], chart_id="x", title="<t>", desc="d & e"
    )
    assert "<b>" not in svg and "&lt;b&gt;Cercle&lt;/b&gt; &amp; co" in svg
    assert "2 (50 %)" in svg and "&lt;t&gt;" in svg and "d &amp; e" in svg


def test_long_labels_are_cut():
    svg = bar_chart(
        [("Direction de la transformation numérique et de l'innovation", 1)],
        chart_id="x",
        title="t",
        desc="d",
        label_width=120,
    )
    assert "…</text>" in svg


def test_funnel_centres_its_bars():
    svg = bar_chart([("a", 10), ("b", 4)], chart_id="f", title="t", desc="d", centred=True)
    xs = [float(x) for x in re.findall(r'<rect x="([\d.]+)"', svg)]
    long, short = widths(svg)
    assert abs((xs[0] + long / 2) - (xs[1] + short / 2)) < 0.2


def test_empty_chart_still_draws_an_image():
    svg = bar_chart([], chart_id="e", title="t", desc="d")
    assert 'role="img"' in svg and "<rect" not in svg
