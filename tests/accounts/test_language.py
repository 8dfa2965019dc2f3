import pytest

pytestmark = pytest.mark.django_db


def test_switching_to_english_sets_the_page_language(client):
    assert '<html lang="fr">' in client.get("/accounts/login/").content.decode()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    html = client.get("/accounts/login/").content.decode()
    assert '<html lang="en">' in html
    client.post("/i18n/setlang/", {"language": "fr", "next": "/accounts/login/"})
    assert '<html lang="fr">' in client.get("/accounts/login/").content.decode()


def test_unknown_language_is_ignored(client):
    client.post("/i18n/setlang/", {"language": "xx", "next": "/accounts/login/"})
    assert '<html lang="fr">' in client.get("/accounts/login/").content.decode()
