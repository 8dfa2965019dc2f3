import re

import pytest
from django.contrib.auth import SESSION_KEY

from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Nouveau-secret-Orleans-2025"


def test_reset_by_email_end_to_end(client, mail_outbox):
    person = PersonFactory(email="lea.lien@exemple.fr", first_name="Léa", last_name="Lien")

    response = client.get("/accounts/password-reset/")
    assert response.status_code == 200
    assert "Mot de passe oublié" in response.content.decode()

    response = client.post("/accounts/password-reset/", {"email": "Lea.Lien@exemple.fr"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/done/"
    assert "Message envoyé" in client.get(response["Location"]).content.decode()

    assert len(mail_outbox) == 1
    message = mail_outbox[0]
    assert message.to == ["lea.lien@exemple.fr"]
    assert message.subject == "Nouveau mot de passe pour Cercles"
    assert "Bonjour Léa Lien," in message.body
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)

    # Django swaps the token for a session key and redirects to the form.
    response = client.get(link)
    assert response.status_code == 302
    form_url = response["Location"]
    assert form_url.endswith("/set-password/")
    response = client.get(form_url)
    assert "Nouveau mot de passe" in response.content.decode()

    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/reset/done/"
    assert "Mot de passe enregistré" in client.get(response["Location"]).content.decode()

    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert not person.check_password(PASSWORD)
    assert person.password.startswith("argon2$")

    # The new password works on the login page; the link is spent.
    response = client.post("/accounts/login/", {"email": person.email, "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(person.pk)
    client.post("/accounts/logout/")
    response = client.get(link, follow=True)
    assert "Ce lien n'est plus valable" in response.content.decode()


def test_unknown_address_sends_nothing_and_reveals_nothing(client, mail_outbox):
    response = client.post("/accounts/password-reset/", {"email": "inconnu@exemple.fr"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/done/"
    assert mail_outbox == []


def test_malformed_address_is_kept_with_a_french_error(client, mail_outbox):
    response = client.post("/accounts/password-reset/", {"email": "pas-une-adresse"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Saisissez une adresse e-mail valide." in html
    assert 'value="pas-une-adresse"' in html
    assert mail_outbox == []


def test_mismatched_new_passwords_are_refused_in_french(client, mail_outbox):
    person = PersonFactory()
    client.post("/accounts/password-reset/", {"email": person.email})
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail_outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(
        form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"}
    )
    assert response.status_code == 200
    assert "Les deux mots de passe ne correspondent pas." in response.content.decode()
    person.refresh_from_db()
    assert person.check_password(PASSWORD)
