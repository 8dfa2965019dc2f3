"""The comparison of two texts: <del>/<ins> with words, escaped, folded context."""

from cercles.knowledge.diff import diff_texts


def kinds(diff):
    return [row.kind for row in diff.rows]


def test_changed_words_are_marked_within_the_line():
    diff = diff_texts("On démarre à l'heure.\n", "On démarre à l'heure pile.\n")
    assert kinds(diff) == ["del", "ins"]
    assert diff.added == 1 and diff.removed == 1
    inserted = str(diff.rows[1].html)
    assert '<ins><span class="visually-hidden">Ajouté : </span> pile</ins>' in inserted
    assert inserted.startswith("On démarre à l&#x27;heure")
    assert "<del>" not in str(diff.rows[0].html)  # nothing removed from that line


def test_unlike_lines_are_replaced_whole():
    diff = diff_texts("abc\n", "zzzzzz totalement autre\n")
    assert str(diff.rows[0].html).startswith("<del>") and str(diff.rows[1].html).startswith("<ins>")


def test_added_and_removed_lines_and_numbers():
    diff = diff_texts("un\ndeux\ntrois", "un\ntrois\nquatre")
    rows = [(r.kind, r.old_number, r.new_number) for r in diff.rows]
    assert rows == [
        ("same", 1, 1),
        ("del", 2, None),
        ("same", 3, 2),
        ("ins", None, 3),
    ]
    assert diff.summary == "1 ligne ajoutée, 1 ligne supprimée"


def test_far_context_is_folded():
    old = "\n".join(f"ligne {i}" for i in range(1, 31))
    new = old.replace("ligne 15", "ligne quinze")
    diff = diff_texts(old, new)
    assert kinds(diff) == ["fold", "same", "same", "del", "ins", "same", "same", "fold"]
    assert diff.rows[0].folded == 12 and diff.rows[-1].folded == 13


def test_text_is_escaped():
    diff = diff_texts("", "<script>alert('x')</script>")
    html = str(diff.rows[0].html)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_no_difference():
    diff = diff_texts("pareil", "pareil")
    assert not diff.changed and diff.summary == "Aucune différence dans le texte."
