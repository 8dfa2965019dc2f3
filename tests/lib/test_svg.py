from cercles.lib.svg import attrs, fit_text, num, wrap_text


def test_num_drops_useless_decimals():
    assert num(12.0) == "12"
    assert num(3.14159) == "3.1"


def test_attrs_escapes_and_skips_none():
    assert attrs(x=1.5, class_="a", fill=None, aria_label='<"x">') == (
        ' x="1.5" class="a" aria-label="&lt;&quot;x&quot;&gt;"'
    )


def test_fit_text_cuts_with_an_ellipsis():
    assert fit_text("Communication", 200, 10) == "Communication"
    assert fit_text("Communication", 50, 10) == "Communi…"
    assert fit_text("Communication", 10, 10) == ""


def test_wrap_text_breaks_between_words():
    assert wrap_text("Qualité de vie au travail", 60, 10) == ["Qualité de", "vie au", "travail"]


def test_wrap_text_cuts_the_last_line_when_there_are_too_many_words():
    assert wrap_text("Un deux trois quatre cinq six sept", 45, 10, max_lines=2) == [
        "Un deux",
        "trois q…",
    ]


def test_wrap_text_gives_nothing_when_no_word_fits():
    assert wrap_text("Accueil", 10, 10) == []
