"""A page's body: sanitised Markdown, headings moved one level down with anchors, and
the table of contents."""

from cercles.knowledge.rendering import render_body, render_revision


def test_headings_get_anchors_and_move_one_level_down():
    page = render_body("# Avant la réunion\n\ntexte\n\n## L'ordre du jour\n\n# Après")
    assert '<h2 id="section-avant-la-reunion">Avant la réunion</h2>' in page.html
    assert '<h3 id="section-lordre-du-jour">' in page.html
    assert "<h1" not in page.html
    assert [(h.level, h.anchor) for h in page.headings] == [
        (2, "section-avant-la-reunion"),
        (3, "section-lordre-du-jour"),
        (2, "section-apres"),
    ]


def test_the_toc_nests_sub_sections():
    toc = render_body("# Un\n## Un point un\n## Un point deux\n# Deux\n").toc
    assert toc == (
        '<ol><li><a href="#section-un">Un</a><ol>'
        '<li><a href="#section-un-point-un">Un point un</a></li>'
        '<li><a href="#section-un-point-deux">Un point deux</a></li></ol></li>'
        '<li><a href="#section-deux">Deux</a></li></ol>'
    )


def test_no_toc_for_fewer_than_two_sections():
    assert render_body("# Seul\n\ntexte").toc == ""
    assert render_body("texte sans titre").toc == ""


def test_repeated_headings_get_distinct_anchors():
    page = render_body("# Étapes\n# Étapes\n# ???")
    assert [h.anchor for h in page.headings] == ["section-etapes", "section-etapes-2", "section-3"]


def test_nothing_dangerous_gets_through_headings_or_text():
    page = render_body(
        "# <script>alert(1)</script> **gras**\n\n<img src=x onerror=alert(1)>\n\n"
        "[lien](javascript:alert(1))\n\n## \"quote\" onmouseover='x'"
    )
    html = str(page.html)
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # shown as text
    assert "<strong>gras</strong>" in html
    toc = str(page.toc)
    assert "<script" not in toc and "<strong>" not in toc
    assert "&lt;script&gt;" in toc
    assert '<h3 id="section-quote-onmouseoverx">"quote" onmouseover=\'x\'</h3>' in html


def test_render_revision_caches_by_revision():
    first = render_revision(123456, "# A\n# B")
    again = render_revision(123456, "# Texte changé")  # same revision: the cached rendering
    assert first.html == again.html and again.toc
    assert render_revision(None, "# C").headings[0].anchor == "section-c"
