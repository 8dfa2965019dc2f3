"""Markdown rendering: formatting kept, anything executable dropped."""

from cercles.lib.markdown import render_markdown


def test_formatting_is_rendered():
    html = render_markdown("# Titre\n\nDu **gras**, de l'*italique* et une liste :\n\n- un\n- deux")
    assert "<h1>Titre</h1>" in html
    assert "<strong>gras</strong>" in html and "<em>italique</em>" in html
    assert "<ul>\n<li>un</li>\n<li>deux</li>\n</ul>" in html


def test_raw_html_is_escaped():
    html = render_markdown('<script>alert(1)</script><img src=x onerror="alert(2)">')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_dangerous_links_are_dropped():
    html = render_markdown("[clic](javascript:alert(1)) et [site](https://exemple.fr)")
    assert 'href="javascript' not in html  # left as plain text, not a link
    assert '<a href="https://exemple.fr" rel="noopener noreferrer nofollow">site</a>' in html


def test_empty_text():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""
