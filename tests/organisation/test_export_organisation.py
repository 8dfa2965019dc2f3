"""The organisation as a JSON document: content, round trip, command, download."""

import json

import pytest
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.urls import reverse

from cercles.accounts.models import Person
from cercles.organisation import exporters, importers, services
from cercles.organisation.models import Assignment, Circle, GovernanceChange, Role
from tests.factories import PersonFactory
from tests.organisation.data.builders import build_rich_org

URL = reverse("organisation:organisation_export_json")


@pytest.fixture
def rich(admin):
    return build_rich_org(admin)


def dump(document=None):
    return exporters.organisation_json(document)


def test_document_holds_every_part_with_natural_keys_and_no_password(admin, rich):
    document = exporters.organisation_document()
    assert document["format"] == "cercles-organisation" and document["version"] == 1
    elodie = next(p for p in document["people"] if p["email"] == "elodie.dupre@exemple.fr")
    assert elodie == {
        "email": "elodie.dupre@exemple.fr",
        "first_name": "Élodie",
        "last_name": "Dupré",
        "matricule": "A001",
        "job_title": "Chargée de formation",
        "unit": "DRH",
        "site": "Hôtel de ville",
        "phone": "+33 1 02 03 04 05",
        "is_org_admin": False,
        "is_active": True,
    }
    assert "password" not in dump()
    numerique = next(c for c in document["circles"] if c["name"] == "Numérique")
    assert numerique["parent"] == str(rich["direction"].pk)
    assert numerique["ref"] == str(rich["numerique"].pk)
    ancien = next(c for c in document["circles"] if c["name"] == "Ancien pôle")
    assert ancien["archived_at"] is not None
    # Ended and current assignments, people by e-mail.
    assert sorted(
        (a["person"], a["share"], a["end_date"] is None) for a in document["assignments"]
    ) == [
        ("elodie.dupre@exemple.fr", 40, True),
        ("francois.lefevre@exemple.fr", 50, True),
        ("helene.nguyen@exemple.fr", 20, False),
        ("helene.nguyen@exemple.fr", 30, False),
    ]
    assert len(document["history"]) == GovernanceChange.objects.count()
    move = next(h for h in document["history"] if h["action"] == "circle_move")
    assert move["note"] == "Réorganisation"
    assert move["by"] == admin.email
    assert move["before"]["parent_id"] == rich["projets"].pk
    assert move["after"]["parent_id"] == rich["direction"].pk
    # Snapshots name people by e-mail, not by a database id.
    first = next(h for h in document["history"] if h["action"] == "assignment_create")
    assert first["after"]["person"] == "helene.nguyen@exemple.fr"
    assert "person_id" not in first["after"]


def test_export_wipe_import_export_gives_the_same_document(admin, rich):
    first = dump()
    changes = GovernanceChange.objects.count()
    importers.organisation_wipe()
    assert importers.organisation_is_empty()
    counts = importers.import_organisation(json.loads(first))
    assert counts == {
        "people_created": 0,
        "circles": 5,
        "roles": 22,
        "assignments": 4,
        "history": changes,
    }
    # A restore adds no history of its own.
    assert GovernanceChange.objects.count() == changes
    assert dump() == first


def test_round_trip_with_people_recreated_under_new_ids(admin, rich):
    first = dump()
    importers.organisation_wipe()
    old_ids = {p.email: p.pk for p in Person.objects.exclude(pk=admin.pk)}
    Person.objects.exclude(pk=admin.pk).delete()
    counts = importers.import_organisation(json.loads(first))
    assert counts["people_created"] == 3
    helene = Person.objects.get(email="helene.nguyen@exemple.fr")
    assert helene.pk != old_ids["helene.nguyen@exemple.fr"]
    assert not helene.has_usable_password()
    assert helene.search_text == "helene nguyen helene.nguyen@exemple.fr"
    # Assignment snapshots in the history point at the person's new id.
    change = GovernanceChange.objects.filter(
        action="assignment_end", assignment__person=helene, assignment__share=30
    ).get()
    assert change.after["person_id"] == helene.pk
    assert dump() == first


def test_restored_organisation_keeps_working_through_the_services(admin, rich):
    first = json.loads(dump())
    importers.organisation_wipe()
    # As in a brand-new database, the id sequences start again from 1.
    tables = [{"table": m._meta.db_table, "column": "id"} for m in (Circle, Role, Assignment)]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_by_name_sql(no_style(), tables):
            cursor.execute(sql)
    importers.import_organisation(first)
    rh = Circle.objects.get(name="Ressources humaines")
    assert rh.parent.name == "Direction générale"
    assert rh.search_text == "ressources humaines prendre soin des agents."
    assert Circle.objects.get(name="Ancien pôle").is_archived
    assert Role.objects.get(name="Archiviste").is_archived
    # New rows get fresh ids after the restored ones (sequences moved on PostgreSQL).
    new = services.circle_create(by=admin, name="Nouveau cercle", parent=rh)
    assert new.pk > max(int(c["ref"]) for c in first["circles"])
    role = services.role_create(by=admin, circle=new, name="Veilleur")
    assignment = services.assignment_create(role=role, person=rich["elodie"], by=admin, share=5)
    assert assignment.pk > max(int(a["ref"]) for a in first["assignments"])


def test_import_refuses_a_non_empty_organisation(admin, rich):
    document = exporters.organisation_document()
    circles = Circle.objects.count()
    with pytest.raises(importers.OrganisationImportError) as excinfo:
        importers.import_organisation(document)
    assert excinfo.value.messages == [
        "L'organisation n'est pas vide : l'import est refusé. Choisissez d'effacer "
        "l'organisation actuelle pour la remplacer."
    ]
    assert Circle.objects.count() == circles
    # With wipe, the same document replaces the organisation.
    services.circle_create(by=admin, name="Ajouté après l'export")
    importers.import_organisation(document, wipe=True)
    assert not Circle.objects.filter(name="Ajouté après l'export").exists()
    assert Circle.objects.count() == circles


def test_inconsistent_document_is_refused_whole(admin, rich):
    document = exporters.organisation_document()
    document["roles"][0]["circle"] = "999999"
    document["assignments"][0]["person"] = "inconnu@exemple.fr"
    document["circles"][1]["kind"] = "galaxie"
    importers.organisation_wipe()
    with pytest.raises(importers.OrganisationImportError) as excinfo:
        importers.import_organisation(document)
    messages = excinfo.value.messages
    assert (
        f"Rôle « {document['roles'][0]['ref']} » : cercle « 999999 » introuvable dans le document."
        in messages
    )
    assert (
        f"Affectation « {document['assignments'][0]['ref']} » : personne « inconnu@exemple.fr » "
        "introuvable dans le document."
    ) in messages
    assert any(m.startswith(f"Cercle « {document['circles'][1]['ref']} » (kind)") for m in messages)
    assert importers.organisation_is_empty()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{pas du json", "Ce fichier n'est pas un document JSON valide."),
        (b'{"format": "autre"}', "Ce document JSON n'est pas un export d'organisation Cercles."),
        (
            b'{"format": "cercles-organisation", "version": 9}',
            "Version de document non prise en charge : 9.",
        ),
        (
            b'{"format": "cercles-organisation", "version": 1, "people": []}',
            "Le document n'a pas de liste « circles ».",
        ),
    ],
)
def test_unreadable_documents(db, content, message):
    with pytest.raises(importers.OrganisationImportError) as excinfo:
        importers.load_organisation_document(content)
    assert excinfo.value.messages == [message]


def test_commands_export_then_import_with_wipe(admin, rich, tmp_path, capsys):
    path = tmp_path / "org.json"
    call_command("export_organisation", "-o", str(path))
    first = path.read_text(encoding="utf-8")
    assert first == dump() + "\n"

    from django.core.management import CommandError

    with pytest.raises(CommandError, match="L'organisation n'est pas vide"):
        call_command("import_organisation", str(path))
    call_command("import_organisation", str(path), "--wipe")
    assert "Organisation restaurée : 5 cercle(s), 22 rôle(s), 4 affectation(s)" in (
        capsys.readouterr().out
    )
    call_command("export_organisation")
    assert capsys.readouterr().out == first


def test_download_is_for_admins_only(client, admin, agent, lead_link):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    for person in (agent, lead_link):
        client.force_login(person)
        assert client.get(URL).status_code == 403
    client.force_login(admin)
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="organisation-')
    assert response.content.decode() == dump()


def test_download_query_count_does_not_grow(client, admin, rich, django_assert_num_queries):
    client.force_login(admin)
    for extra in (0, 3):
        for i in range(extra):
            circle = services.circle_create(by=admin, name=f"Cercle {i}", parent=rich["rh"])
            services.assignment_create(
                role=circle.roles.first(), person=PersonFactory(), by=admin, share=10
            )
        # session, user, people, circles, roles, assignments, history with decision types
        with django_assert_num_queries(7):
            assert client.get(URL).status_code == 200
    assert Assignment.objects.count() == 7
