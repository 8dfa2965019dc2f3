"""English pages and the state of the translation catalogues under locale/."""

import ast
import gettext
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import PersonFactory

LOCALE = Path(settings.BASE_DIR) / "locale"


def read_po(path):
    """Minimal .po reader: one dict per entry with its flags and fields (msgid, msgstr[0]…)."""
    entries, entry, field = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            entry = None
            continue
        if entry is None:
            entry = {"flags": set()}
            entries.append(entry)
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[field] += ast.literal_eval(line)
        else:
            field, _, value = line.partition(" ")
            entry[field] = ast.literal_eval(value)
    return entries


def msgstrs(entry):
    return [value for key, value in entry.items() if key.startswith("msgstr")]


@pytest.mark.django_db
def test_login_page_in_english_with_the_language_cookie(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="en">' in html
    for text in ("<h1>Log in</h1>", "Email address", "Password", "Forgotten your password?"):
        assert text in html
    for text in ("Connexion", "Se connecter", "Mot de passe", "Adresse e-mail"):
        assert text not in html


@pytest.mark.django_db
def test_login_page_is_french_by_default(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="fr">' in html
    assert "<h1>Connexion</h1>" in html
    assert "Log in" not in html


def test_chart_page_in_english_after_choosing_the_language(client, org):
    client.force_login(PersonFactory())
    response = client.post(reverse("set_language"), {"language": "en", "next": "/org/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    html = client.get(reverse("organisation:chart")).content.decode()
    assert '<html lang="en">' in html
    for text in (
        "<h1>Organisation chart</h1>",
        "Directory",
        "History",
        "My roles",
        "Log out",
        "4 active circles.",
        "List of circles",
    ):
        assert text in html
    for text in ("Organigramme", "Annuaire", "Historique", "Se déconnecter", "cercles actifs"):
        assert text not in html


def test_english_catalogue_is_complete():
    entries = read_po(LOCALE / "en" / "LC_MESSAGES" / "django.po")
    header, messages = entries[0], entries[1:]
    assert header["msgid"] == ""
    assert "fuzzy" not in header["flags"]  # msgfmt drops a fuzzy header, plural rule included
    assert "Language: en\n" in header["msgstr"]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);\n" in header["msgstr"]
    assert len(messages) > 400
    assert [e["msgid"] for e in messages if "fuzzy" in e["flags"]] == []
    assert [e["msgid"] for e in messages if not all(msgstrs(e))] == []
    # A translated plural has both forms.
    assert all("msgstr[1]" in e for e in messages if "msgid_plural" in e)

    # The committed .mo matches the .po (someone forgot compilemessages otherwise).
    with (LOCALE / "en" / "LC_MESSAGES" / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for entry in messages:
        if "msgid_plural" in entry:
            assert compiled.ngettext(entry["msgid"], entry["msgid_plural"], 2) == entry["msgstr[1]"]
        else:
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"]


def test_french_catalogue_carries_the_french_plural_rule():
    entries = read_po(LOCALE / "fr" / "LC_MESSAGES" / "django.po")
    header, messages = entries[0], entries[1:]
    assert "fuzzy" not in header["flags"]
    assert "Language: fr\n" in header["msgstr"]
    assert "Plural-Forms: nplurals=2; plural=(n > 1);\n" in header["msgstr"]
    # Django applies a catalogue's plural rule only to msgids compiled into it, and
    # msgfmt leaves out empty msgstrs: plural entries must repeat the source text or
    # "0 cercles" shows instead of "0 cercle".
    plurals = [e for e in messages if "msgid_plural" in e]
    assert plurals
    for entry in plurals:
        assert entry["msgstr[0]"] == entry["msgid"]
        assert entry["msgstr[1]"] == entry["msgid_plural"]
