"""The people import page: permissions, dry run, confirmation, bad uploads."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cercles.accounts.models import Person
from cercles.organisation.models import Assignment, GovernanceChange, Role
from tests.organisation.data.builders import read

URL = reverse("organisation:people_import")
VALID = "people_valid_cp1252.csv"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def counts():
    return (
        Person.objects.count(),
        Role.objects.count(),
        Assignment.objects.count(),
        GovernanceChange.objects.count(),
    )


def upload(client, name, content):
    return client.post(URL, {"file": SimpleUploadedFile(name, content)})


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    response = client.post(URL, {"file": SimpleUploadedFile(VALID, read(VALID))})
    assert response.status_code == 302


@pytest.mark.parametrize("persona", ["agent", "lead_link", "member"])
def test_people_without_import_right_get_403(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    before = counts()
    assert upload(client, VALID, read(VALID)).status_code == 403
    assert counts() == before


def test_admin_sees_the_form_columns_and_export_links(client, admin):
    client.force_login(admin)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="id_file">Fichier CSV ou XLSX</label>' in html
    assert "<code>matricule</code>" in html and "courriel" in html
    assert reverse("organisation:people_export_csv") in html
    assert reverse("organisation:organisation_export_json") in html
    assert "Confirmer l'import" not in html


def test_dry_run_shows_the_report_and_writes_nothing_then_confirm_applies(
    client, admin, org, member, media_root
):
    client.force_login(admin)
    before = counts()
    response = upload(client, VALID, read(VALID))
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 personne(s) créée(s), 0 modifiée(s), 2 rôle(s) créé(s)" in html
    assert "Élodie Dupré &lt;elodie.dupre@exemple.fr&gt;" in html
    assert "Formatrice interne" in html
    assert "Confirmer l'import" in html
    assert counts() == before
    token = response.context["token"]
    assert (media_root / "imports" / token).read_bytes() == read(VALID)

    response = client.post(URL, {"token": token})
    assert response.status_code == 302
    assert response["Location"] == URL
    assert Person.objects.filter(matricule__in=["A001", "A002"]).count() == 2
    assert counts()[2] == before[2] + 3
    assert not (media_root / "imports" / token).exists()
    page = client.get(URL).content.decode()
    assert "Import terminé : 3 personne(s) créée(s)" in page

    # The token is spent: a second confirmation imports nothing more.
    after = counts()
    response = client.post(URL, {"token": token}, follow=True)
    assert "Le fichier à importer n&#x27;est plus disponible" in response.content.decode()
    assert counts() == after


def test_file_with_errors_shows_them_and_offers_no_confirmation(client, admin, org, media_root):
    client.force_login(admin)
    before = counts()
    response = upload(client, "erreurs.csv", read("people_errors.csv"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "5 erreurs : l'import est refusé" in html
    assert "Ligne 2 : adresse e-mail invalide « jean@ »" in html
    assert "Ligne 6 : cercle inconnu « Cercle inconnu »" in html
    assert "Confirmer l'import" not in html
    assert response.context["token"] is None
    assert not (media_root / "imports").exists() or not any((media_root / "imports").iterdir())
    assert counts() == before


def test_confirm_with_a_token_not_from_this_session_is_refused(client, admin, org, media_root):
    (media_root / "imports").mkdir()
    token = "0123456789abcdef0123456789abcdef"
    (media_root / "imports" / token).write_bytes(read(VALID))
    client.force_login(admin)
    before = counts()
    response = client.post(URL, {"token": token}, follow=True)
    assert "Le fichier à importer n&#x27;est plus disponible" in response.content.decode()
    response = client.post(URL, {"token": "../../etc/passwd"}, follow=True)
    assert "Le fichier à importer n&#x27;est plus disponible" in response.content.decode()
    assert counts() == before


def test_confirm_is_refused_when_the_organisation_changed_into_errors(client, admin, org):
    """Between dry run and confirmation someone archived a circle the file names."""
    from cercles.organisation import services

    client.force_login(admin)
    token = upload(client, VALID, read(VALID)).context["token"]
    services.circle_archive(circle=org["formation"], by=admin)
    before = counts()
    response = client.post(URL, {"token": token})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Le fichier contient des erreurs : rien n&#x27;a été importé." in html
    assert "Ligne 2 : cercle inconnu « Formation »" in html
    assert counts() == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("vide.csv", b"", "Le fichier soumis est vide."),
        (
            "photo.png",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "Ce fichier n&#x27;est ni un CSV ni un classeur XLSX",
        ),
        (
            "gros.csv",
            b"a" * (5 * 1024 * 1024 + 1),
            "Le fichier dépasse la taille maximale de 5 Mo.",
        ),
        (
            "colonnes.csv",
            b"id;name\n1;x\n",
            "Colonnes obligatoires absentes : matricule, nom, prénom, e-mail, unité, fonction.",
        ),
        ("faux.xlsx", b"PK\x03\x04garbage", "pas un classeur Excel (.xlsx) valide"),
    ],
)
def test_bad_uploads_show_a_french_error_and_write_nothing(client, admin, name, content, message):
    client.force_login(admin)
    before = counts()
    response = upload(client, name, content)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'aria-invalid="true"' in html
    assert counts() == before


def test_missing_file_is_a_form_error(client, admin):
    client.force_login(admin)
    response = client.post(URL, {})
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in response.content.decode()


def test_dry_run_page_query_count_does_not_grow_with_rows(
    client, admin, org, django_assert_num_queries
):
    client.force_login(admin)
    header = "matricule;nom;prénom;e-mail;unité;fonction;cercle;rôle;part\n"
    for size in (3, 6):
        content = header + "".join(
            f"K{i};Nom{i};Prénom{i};k{i}@exemple.fr;DRH;Agent;Formation;Tuteur;10\n"
            for i in range(size)
        )
        # session, user, people by e-mail, people by matricule, active circles, roles of
        # the named circles (no current assignments to read: nobody exists yet), then the
        # session saved with the upload token (savepoint, update, release)
        with django_assert_num_queries(9):
            response = upload(client, "rh.csv", content.encode())
        assert len(response.context["plan"].assignments_created) == size


def test_confirm_shows_the_new_plan_when_the_data_changed_since_the_dry_run(client, admin, org):
    """Someone created one of the file's people meanwhile: what would be applied is no
    longer what the admin read, so nothing is imported and the new plan is shown."""
    from cercles.accounts.services import person_create

    client.force_login(admin)
    token = upload(client, VALID, read(VALID)).context["token"]
    person_create(email="elodie.dupre@exemple.fr", first_name="Élodie", last_name="Dupré")
    before = counts()
    response = client.post(URL, {"token": token})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Les données ont changé depuis l&#x27;aperçu : rien n&#x27;a été importé." in html
    assert "2 personne(s) créée(s), 1 modifiée(s)" in html
    assert counts() == before
    # The admin has now seen this plan: confirming it applies it.
    assert client.post(URL, {"token": response.context["token"]}).status_code == 302
    assert Person.objects.filter(matricule__in=["A001", "A002"]).count() == 2
