"""The organisation restore page: admins only, refused on a non-empty organisation
unless the wipe is ticked and confirmed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cercles.organisation import exporters, importers
from cercles.organisation.models import Circle, GovernanceChange
from tests.organisation.data.builders import build_rich_org

URL = reverse("organisation:organisation_import_json")


@pytest.fixture
def document(admin):
    """A document exported from a rich organisation, which is then wiped."""
    build_rich_org(admin)
    text = exporters.organisation_json()
    importers.organisation_wipe()
    return text


def post(client, content, **data):
    return client.post(
        URL, {"file": SimpleUploadedFile("organisation.json", content.encode()), **data}
    )


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", ["agent", "lead_link"])
def test_non_admins_get_403(client, request, persona, document):
    client.force_login(request.getfixturevalue(persona))
    circles = Circle.objects.count()
    assert client.get(URL).status_code == 403
    assert post(client, document).status_code == 403
    assert Circle.objects.count() == circles


def test_admin_restores_into_an_empty_organisation(client, admin, document):
    client.force_login(admin)
    page = client.get(URL).content.decode()
    assert "L'organisation est vide" in page
    assert 'name="wipe"' not in page
    response = post(client, document)
    assert response.status_code == 302
    assert response["Location"] == reverse("organisation:chart")
    assert exporters.organisation_json() == document
    response = client.get(URL)
    assert "Organisation importée : 5 cercle(s), 22 rôle(s), 4 affectation(s)" in (
        response.content.decode()
    )


def test_non_empty_organisation_needs_the_wipe_ticked_and_confirmed(client, admin, document, org):
    client.force_login(admin)
    names = set(Circle.objects.values_list("name", flat=True))
    changes = GovernanceChange.objects.count()
    page = client.get(URL).content.decode()
    assert "L'organisation contient déjà des cercles." in page
    assert '<label><input type="checkbox" name="wipe" id="id_wipe"> Effacer' in page

    response = post(client, document)
    assert response.status_code == 200
    assert "cochez « Effacer l&#x27;organisation actuelle » et confirmez" in (
        response.content.decode()
    )

    response = post(client, document, wipe="on")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cochez la confirmation pour effacer l&#x27;organisation actuelle." in html
    # The typed choice is kept.
    assert 'name="wipe" id="id_wipe" checked' in html
    assert set(Circle.objects.values_list("name", flat=True)) == names
    assert GovernanceChange.objects.count() == changes

    response = post(client, document, wipe="on", confirm_wipe="on")
    assert response.status_code == 302
    assert exporters.organisation_json() == document
    assert not Circle.objects.filter(name="Formation").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{pas du json", "Ce fichier n&#x27;est pas un document JSON valide."),
        ('{"format": "autre"}', "Ce document JSON n&#x27;est pas un export d&#x27;organisation"),
        ("", "Le fichier soumis est vide."),
    ],
)
def test_bad_documents_show_a_french_error(client, admin, content, message):
    client.force_login(admin)
    response = post(client, content)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'aria-invalid="true"' in html
    assert importers.organisation_is_empty()


def test_inconsistent_document_writes_nothing_even_after_wipe(client, admin, document, org):
    client.force_login(admin)
    broken = document.replace('"kind": "department"', '"kind": "galaxie"')
    names = set(Circle.objects.values_list("name", flat=True))
    response = post(client, broken, wipe="on", confirm_wipe="on")
    assert response.status_code == 200
    assert "(kind)" in response.content.decode()
    # The wipe was rolled back with the failed import.
    assert set(Circle.objects.values_list("name", flat=True)) == names
