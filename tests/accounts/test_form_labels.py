import re

import pytest

from tests.accounts.conftest import unlabelled_controls
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/accounts/login/", "/accounts/password-reset/", "/accounts/profile/"]
)
def test_every_input_has_a_label(client, agent, url):
    if url == "/accounts/profile/":
        client.force_login(agent)
    response = client.get(url)
    assert response.status_code == 200
    assert unlabelled_controls(response.content.decode()) == []


def test_new_token_and_reset_confirm_pages_have_labels(client, agent, mail_outbox):
    client.force_login(agent)
    response = client.post("/accounts/profile/tokens/new/", {"name": "Script"})
    html = response.content.decode()
    assert 'id="new-token-key"' in html
    assert unlabelled_controls(html) == []

    client.logout()
    person = PersonFactory()
    client.post("/accounts/password-reset/", {"email": person.email})
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail_outbox[0].body).group(1)
    html = client.get(link, follow=True).content.decode()
    assert 'id="id_new_password1"' in html
    assert unlabelled_controls(html) == []
