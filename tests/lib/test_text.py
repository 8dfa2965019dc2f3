from cercles.lib.text import fold, tokens


def test_fold_strips_accents_case_and_spaces():
    assert fold("  Élodie   DUPRÉ ") == "elodie dupre"
    assert fold("Cœur de l'Œuvre") == "coeur de l'oeuvre"


def test_tokens_are_folded_words():
    assert tokens("Ressources humaines — Pôle paie !") == ["ressources", "humaines", "pole", "paie"]
