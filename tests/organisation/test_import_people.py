"""People import (CSV / XLSX): dry run, apply, errors, formats, the management command."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from cercles.accounts import services as account_services
from cercles.accounts.models import Person
from cercles.organisation import importers, services
from cercles.organisation.importers import ImportFileError, PeopleImportRefused
from cercles.organisation.models import Assignment, GovernanceChange, Role
from tests.factories import PersonFactory
from tests.organisation.data.builders import DATA, read

VALID = "people_valid_cp1252.csv"
HEADER = "matricule;nom;prénom;e-mail;unité;fonction;cercle;rôle;part;focus\n"


def counts():
    return (
        Person.objects.count(),
        Role.objects.count(),
        Assignment.objects.count(),
        GovernanceChange.objects.count(),
    )


def csv_bytes(*lines, header=HEADER, encoding="utf-8"):
    return (header + "".join(line + "\n" for line in lines)).encode(encoding)


def xlsx_bytes(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_dry_run_of_the_sample_reports_everything_and_writes_nothing(org, member):
    before = counts()
    plan = importers.plan_people_import(VALID, read(VALID))

    assert plan.errors == []
    assert plan.row_count == 4
    assert plan.ignored_columns == ["Date d'entrée"]
    assert [(p.line, p.email) for p in plan.people_created] == [
        (2, "elodie.dupre@exemple.fr"),
        (4, "francois.lefevre@exemple.fr"),
        (5, "helene.nguyen@exemple.fr"),
    ]
    assert plan.people_created[0].fields == {
        "matricule": "A001",
        "last_name": "Dupré",
        "first_name": "Élodie",
        "unit": "DRH",
        "job_title": "Chargée de formation",
        "site": "Hôtel de ville",
        "phone": "01 02 03 04 05",
    }
    assert plan.people_updated == []
    # "Chargé de recrutement" already exists in RH (member fixture): only two new roles.
    assert [(c.name, n) for c, n in plan.roles_created] == [
        ("Formation", "Formatrice interne"),
        ("Numérique", "Développeuse"),
    ]
    assert [
        (a.line, a.email, a.circle.name, a.role_name, a.share, a.focus, a.role is None)
        for a in plan.assignments_created
    ] == [
        (2, "elodie.dupre@exemple.fr", "Formation", "Formatrice interne", 40, "Bureautique", True),
        (
            3,
            "elodie.dupre@exemple.fr",
            "Ressources humaines",
            "Chargé de recrutement",
            20,
            "",
            False,
        ),
        (4, "francois.lefevre@exemple.fr", "Numérique", "Développeuse", 100, "", True),
    ]
    assert plan.unchanged == 0
    assert counts() == before


def test_apply_writes_people_roles_and_assignments_in_one_go(org, member, admin):
    people, roles, assignments, changes = counts()
    plan = importers.apply_people_import(VALID, read(VALID), by=admin)

    assert plan.summary().startswith("3 personne(s) créée(s)")
    assert Person.objects.count() == people + 3
    assert Role.objects.count() == roles + 2
    assert Assignment.objects.count() == assignments + 3
    # Two role creations and three assignments recorded in the history, by the admin.
    assert GovernanceChange.objects.count() == changes + 5
    assert set(GovernanceChange.objects.order_by("-id")[:5].values_list("by", flat=True)) == {
        admin.pk
    }
    elodie = Person.objects.get(matricule="A001")
    assert (elodie.email, elodie.first_name, elodie.last_name, elodie.unit) == (
        "elodie.dupre@exemple.fr",
        "Élodie",
        "Dupré",
        "DRH",
    )
    assert (elodie.job_title, elodie.site, elodie.phone) == (
        "Chargée de formation",
        "Hôtel de ville",
        "01 02 03 04 05",
    )
    assert not elodie.has_usable_password()
    assert sorted(
        Assignment.objects.filter(person=elodie).values_list(
            "role__circle__name", "role__name", "share", "focus"
        )
    ) == [
        ("Formation", "Formatrice interne", 40, "Bureautique"),
        ("Ressources humaines", "Chargé de recrutement", 20, ""),
    ]
    helene = Person.objects.get(email="helene.nguyen@exemple.fr")
    assert helene.assignments.count() == 0

    # The same file again changes nothing.
    again = importers.plan_people_import(VALID, read(VALID))
    assert again.errors == [] and not again.has_changes
    assert again.unchanged == 4


def test_existing_person_matched_by_matricule_is_updated_with_before_and_after(org, admin):
    person = PersonFactory(
        email="ancienne@exemple.fr",
        first_name="Élodie",
        last_name="Dupré",
        matricule="A001",
        unit="DGS",
        job_title="Chargée de formation",
    )
    content = csv_bytes("A001;Dupré;Élodie;elodie.dupre@exemple.fr;DRH;Chargée de formation;;;;")
    plan = importers.plan_people_import("rh.csv", content)
    assert plan.people_created == []
    assert [(u.person, u.changes) for u in plan.people_updated] == [
        (
            person,
            [("e-mail", "ancienne@exemple.fr", "elodie.dupre@exemple.fr"), ("unité", "DGS", "DRH")],
        )
    ]
    importers.apply_people_import("rh.csv", content, by=admin)
    person.refresh_from_db()
    assert (person.email, person.unit) == ("elodie.dupre@exemple.fr", "DRH")


def test_existing_person_matched_by_email_receives_his_matricule(org, admin):
    person = PersonFactory(email="jean.martin@exemple.fr", first_name="Jean", last_name="Martin")
    content = csv_bytes("B7;Martin;Jean;Jean.Martin@exemple.fr;DSI;Technicien;;;;")
    plan = importers.plan_people_import("rh.csv", content)
    assert [u.changes for u in plan.people_updated] == [
        [("matricule", "", "B7"), ("unité", "", "DSI"), ("fonction", "", "Technicien")]
    ]
    importers.apply_people_import("rh.csv", content, by=admin)
    person.refresh_from_db()
    assert (person.matricule, person.unit, person.job_title) == ("B7", "DSI", "Technicien")


def test_matricule_and_email_of_two_different_people_is_an_error(org):
    PersonFactory(email="a@exemple.fr", first_name="Anne", last_name="Alpha", matricule="M1")
    PersonFactory(email="b@exemple.fr", first_name="Bruno", last_name="Beta", matricule="M2")
    plan = importers.plan_people_import(
        "rh.csv", csv_bytes("M1;Alpha;Anne;b@exemple.fr;DRH;Agent;;;;")
    )
    assert [str(e) for e in plan.errors] == [
        "Ligne 2 : le matricule « M1 » (Anne Alpha) et l'adresse e-mail « b@exemple.fr » "
        "(Bruno Beta) désignent deux personnes différentes"
    ]


def test_held_role_with_another_share_is_an_assignment_update(org, member, admin):
    content = csv_bytes(
        f"M9;{member.last_name};{member.first_name};{member.email};DRH;Recruteur;"
        "Ressources humaines;Chargé de recrutement;80;Cadres"
    )
    plan = importers.plan_people_import("rh.csv", content)
    assert plan.assignments_created == []
    assert [(a.assignment.person, a.changes) for a in plan.assignments_updated] == [
        (member, [("part", 60, 80), ("focus", "", "Cadres")])
    ]
    importers.apply_people_import("rh.csv", content, by=admin)
    assignment = Assignment.objects.get(person=member)
    assert (assignment.share, assignment.focus) == (80, "Cadres")


def test_file_with_errors_lists_each_line_in_french(org):
    plan = importers.plan_people_import("erreurs.csv", read("people_errors.csv"))
    assert [str(e) for e in plan.errors] == [
        "Ligne 2 : adresse e-mail invalide « jean@ »",
        "Ligne 3 : part du temps « 150 » invalide : indiquez un nombre entier entre 0 et 100",
        "Ligne 4 : matricule « B002 » en double : déjà utilisé ligne 3 pour « lucie.bernard@exemple.fr »",
        "Ligne 5 : nom manquant",
        "Ligne 6 : cercle inconnu « Cercle inconnu »",
    ]
    assert not plan.ok


def test_duplicates_inside_the_file(org):
    plan = importers.plan_people_import(
        "rh.csv",
        csv_bytes(
            "C1;Roux;Marc;marc@exemple.fr;DSI;Technicien;Formation;Tuteur;10;",
            "C2;Roux;Marc;marc@exemple.fr;DSI;Technicien;;;;",
            "C1;Roux;Marc;marc@exemple.fr;DSI;Chef;Numérique;Support;10;",
            "C1;Roux;Marc;marc@exemple.fr;DSI;Technicien;formation;TUTEUR;20;",
        ),
    )
    assert [str(e) for e in plan.errors] == [
        "Ligne 3 : adresse e-mail « marc@exemple.fr » en double : déjà utilisée ligne 2 avec un autre matricule",
        "Ligne 4 : informations différentes de la ligne 2 pour la même personne (fonction)",
        "Ligne 5 : ligne en double : même personne et même rôle que la ligne 2",
    ]


def test_one_bad_line_refuses_the_whole_file(org, admin):
    before = counts()
    content = read(VALID) + "A9;Martin;Jean;jean@;DRH;Agent;;;;;;;\r\n".encode("cp1252")
    with pytest.raises(PeopleImportRefused) as excinfo:
        importers.apply_people_import(VALID, content, by=admin)
    assert [str(e) for e in excinfo.value.plan.errors] == [
        "Ligne 6 : adresse e-mail invalide « jean@ »"
    ]
    assert counts() == before


def test_other_required_values_and_share_formats(org):
    plan = importers.plan_people_import(
        "rh.csv",
        csv_bytes(
            "D1;Durand;;;DRH;Agent;;;;",
            "D2;Durand;Zoé;zoe@exemple.fr;DRH;Agent;Formation;;;",
            "D3;Durand;Léo;leo@exemple.fr;DRH;Agent;;Tuteur;;",
            "D4;Durand;Léa;lea@exemple.fr;DRH;Agent;Formation;Tuteur;12,5;",
            "D5;Durand;Max;max@exemple.fr;DRH;Agent;;;30;",
            "D6;Durand;Ugo;ugo@exemple.fr;DRH;Agent;Formation;Tuteur;25 %;",
        ),
    )
    assert [str(e) for e in plan.errors] == [
        "Ligne 2 : adresse e-mail manquante",
        "Ligne 2 : prénom manquant",
        "Ligne 3 : rôle manquant pour le cercle « Formation »",
        "Ligne 4 : cercle manquant pour le rôle « Tuteur »",
        "Ligne 5 : part du temps « 12,5 » invalide : indiquez un nombre entier entre 0 et 100",
        "Ligne 6 : part du temps ou focus indiqués sans cercle ni rôle",
    ]


def test_assignment_for_a_deactivated_person_is_an_error(org):
    person = PersonFactory(email="parti@exemple.fr", first_name="Paul", last_name="Parti")
    account_services.person_update(person=person, is_active=False)
    plan = importers.plan_people_import(
        "rh.csv", csv_bytes("E1;Parti;Paul;parti@exemple.fr;DRH;Agent;Formation;Tuteur;10;")
    )
    assert [str(e) for e in plan.errors] == [
        "Ligne 2 : Paul Parti <parti@exemple.fr> est désactivé(e) : impossible de lui affecter un rôle"
    ]


def test_utf8_with_bom_comma_and_english_headers(org, admin):
    content = (
        "Employee ID,Last name,First name,Email,Department,Job title,Circle,Role,Share\n"
        'F1,"Brun, dit Le Roux",Noé,noe@exemple.fr,DSI,Dev,numerique,Support,50\n'
    ).encode("utf-8-sig")
    plan = importers.plan_people_import("hr.csv", content)
    assert plan.errors == []
    assert plan.people_created[0].fields["last_name"] == "Brun, dit Le Roux"
    assert plan.people_created[0].fields["first_name"] == "Noé"
    assert [(a.circle.name, a.share) for a in plan.assignments_created] == [("Numérique", 50)]


def test_xlsx_import_with_numbers_in_cells(org, admin):
    content = xlsx_bytes(
        [
            ["Matricule", "NOM", "Prénom", "E-mail", "Unité", "Fonction", "Cercle", "Rôle", "Part"],
            [
                1024,
                "Dupré",
                "Élodie",
                "elodie@exemple.fr",
                "DRH",
                "Formatrice",
                "Formation",
                "Tutrice",
                40.0,
            ],
            [None, None, None, None, None, None, None, None, None],
            [1025, "Lefèvre", "François", "francois@exemple.fr", "DSI", "Dev", None, None, None],
        ]
    )
    plan = importers.plan_people_import("rh.xlsx", content)
    assert plan.errors == []
    assert [(p.line, p.fields["matricule"]) for p in plan.people_created] == [
        (2, "1024"),
        (4, "1025"),
    ]
    importers.apply_people_import("rh.xlsx", content, by=admin)
    assert Assignment.objects.get(person__matricule="1024").share == 40
    assert Role.objects.filter(circle=org["formation"], name="Tutrice").exists()


def test_circle_names_are_matched_without_case_or_accents_and_archived_ones_ignored(org, admin):
    archived = services.circle_create(by=admin, name="Archives")
    services.circle_archive(circle=archived, by=admin)
    plan = importers.plan_people_import(
        "rh.csv",
        csv_bytes(
            "G1;Roy;Ana;ana@exemple.fr;DSI;Dev;NUMERIQUE;Support;10;",
            "G2;Roy;Bob;bob@exemple.fr;DSI;Dev;Archives;Support;10;",
        ),
    )
    assert [str(e) for e in plan.errors] == ["Ligne 3 : cercle inconnu « Archives »"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("vide.csv", b"", "Le fichier est vide."),
        ("blanc.csv", b"\r\n  \r\n", "Le fichier est vide."),
        (
            "image.png",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "Ce fichier n'est ni un CSV ni un classeur XLSX : déposez un fichier .csv ou .xlsx.",
        ),
        (
            "faux.xlsx",
            b"matricule;nom",
            "Ce fichier n'est pas un classeur Excel (.xlsx) valide : ouvrez-le et enregistrez-le à nouveau au format .xlsx.",
        ),
        (
            "ancien.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "L'ancien format Excel (.xls) n'est pas pris en charge : enregistrez le fichier en .xlsx ou en CSV.",
        ),
        (
            "colonnes.csv",
            "nom;prénom;adresse\nDupré;Élodie;1 rue\n".encode(),
            "Colonnes obligatoires absentes : matricule, e-mail, unité, fonction. "
            "Colonnes attendues : matricule, nom, prénom, e-mail, unité, fonction.",
        ),
        (
            "double.csv",
            "matricule;nom;prénom;e-mail;courriel;unité;fonction\n".encode(),
            "Les colonnes « e-mail » et « courriel » désignent la même information (e-mail) : gardez-en une seule.",
        ),
        (
            "gros.csv",
            b"a" * (5 * 1024 * 1024 + 1),
            "Le fichier dépasse la taille maximale de 5 Mo.",
        ),
    ],
)
def test_unreadable_files_give_a_french_message(db, name, content, message):
    with pytest.raises(ImportFileError) as excinfo:
        importers.plan_people_import(name, content)
    assert str(excinfo.value) == message


def test_header_only_is_an_error_not_a_crash(db):
    plan = importers.plan_people_import("vide.csv", HEADER.encode())
    assert [str(e) for e in plan.errors] == ["Le fichier ne contient aucune ligne de données."]


def test_planning_costs_the_same_queries_for_3_or_6_rows(org, member, django_assert_num_queries):
    def content(n):
        return csv_bytes(
            *[
                f"H{i};Nom{i};Prénom{i};p{i}@exemple.fr;DRH;Agent;Formation;Tuteur;10;"
                for i in range(n)
            ],
            f"M;{member.last_name};{member.first_name};{member.email};DRH;Agent;"
            "Ressources humaines;Chargé de recrutement;60;",
        )

    for size in (3, 6):
        # people by e-mail, people by matricule, active circles, roles of the named
        # circles, current assignments of the people found
        with django_assert_num_queries(5):
            plan = importers.plan_people_import("rh.csv", content(size))
        assert plan.errors == [] and len(plan.people_created) == size


def test_command_dry_run_then_apply(org, member, capsys):
    path = str(DATA / VALID)
    before = counts()
    call_command("import_people", path)
    out = capsys.readouterr().out
    assert "3 personne(s) créée(s)" in out
    assert (
        "+ affectation : Élodie Dupré <elodie.dupre@exemple.fr> -> Formatrice interne dans Formation (40 %)"
        in out
    )
    assert "Simulation : rien n'a été écrit." in out
    assert counts() == before

    call_command("import_people", path, "--apply")
    assert "Import appliqué." in capsys.readouterr().out
    assert Person.objects.filter(matricule__in=["A001", "A002"]).count() == 2


def test_command_refuses_a_file_with_errors(org, capsys):
    before = counts()
    with pytest.raises(CommandError, match="5 erreur"):
        call_command("import_people", str(DATA / "people_errors.csv"), "--apply")
    assert "Ligne 2 : adresse e-mail invalide « jean@ »" in capsys.readouterr().out
    assert counts() == before
