"""People export (CSV for Excel, XLSX): permissions, content, round trip, query count."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cercles.organisation import exporters, importers, services
from tests.factories import PersonFactory

CSV_URL = reverse("organisation:people_export_csv")
XLSX_URL = reverse("organisation:people_export_xlsx")
HEADER = "matricule;nom;prénom;e-mail;unité;fonction;cercle;rôle;part;focus;site;téléphone"


@pytest.fixture
def staff(org, admin, member):
    """Three more people: one with two roles, one with none, one with a formula-like name."""
    zoe = PersonFactory(
        email="zoe.zadig@exemple.fr",
        first_name="Zoé",
        last_name="Zadig",
        matricule="Z1",
        unit="DSI",
        job_title="Développeuse",
        site="Nord",
        phone="+33 6 00 00 00 00",
    )
    tutor = services.role_create(by=admin, circle=org["formation"], name="Tutrice")
    services.assignment_create(role=tutor, person=zoe, by=admin, share=30, focus="Nouveaux")
    services.assignment_create(
        role=org["numerique"].roles.get(core_role="facilitator"), person=zoe, by=admin, share=10
    )
    PersonFactory(email="yves@exemple.fr", first_name="Yves", last_name="Young", matricule="Y1")
    PersonFactory(email="calc@exemple.fr", first_name="=1+1", last_name="Xeno", matricule="X1")
    return zoe


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_anonymous_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
@pytest.mark.parametrize("persona", ["agent", "lead_link"])
def test_non_admins_get_403(client, request, url, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url).status_code == 403


def test_csv_is_excel_friendly_with_one_line_per_current_assignment(client, admin, staff, member):
    client.force_login(admin)
    response = client.get(CSV_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="personnes-')
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = response.content.decode("utf-8-sig").split("\r\n")
    assert lines[0] == HEADER
    assert (
        "Z1;Zadig;Zoé;zoe.zadig@exemple.fr;DSI;Développeuse;Formation;Tutrice;30;Nouveaux;Nord;'+33 6 00 00 00 00"
        in lines
    )
    assert (
        "Z1;Zadig;Zoé;zoe.zadig@exemple.fr;DSI;Développeuse;Numérique;Facilitateur;10;;Nord;'+33 6 00 00 00 00"
        in lines
    )
    assert "Y1;Young;Yves;yves@exemple.fr;;;;;;;;" in lines
    # A value that a spreadsheet would run as a formula is neutralised.
    assert "X1;Xeno;'=1+1;calc@exemple.fr;;;;;;;;" in lines
    assert (
        f";{member.last_name};{member.first_name};{member.email};;;Ressources humaines;"
        "Chargé de recrutement;60;;;"
    ) in lines


def test_ended_assignments_and_inactive_people_are_not_exported(admin, staff, member):
    from cercles.accounts import services as account_services

    services.assignment_end(assignment=staff.assignments.get(share=30), by=admin)
    account_services.person_update(person=member, is_active=False)
    text = exporters.people_csv().decode("utf-8-sig")
    assert "Tutrice" not in text
    assert member.email not in text


def test_xlsx_has_the_same_columns_and_typed_cells(client, admin, staff):
    client.force_login(admin)
    response = client.get(XLSX_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADER.split(";")
    assert [
        "Z1",
        "Zadig",
        "Zoé",
        "zoe.zadig@exemple.fr",
        "DSI",
        "Développeuse",
        "Formation",
        "Tutrice",
        30,
        "Nouveaux",
        "Nord",
        "+33 6 00 00 00 00",
    ] in rows
    # Stored as text, not as a formula.
    assert [r for r in rows if r[0] == "X1"][0][:4] == ["X1", "Xeno", "=1+1", "calc@exemple.fr"]


@pytest.mark.parametrize(
    ("name", "make"), [("p.csv", exporters.people_csv), ("p.xlsx", exporters.people_xlsx)]
)
def test_round_trip_exported_file_imports_as_unchanged(staff, name, make):
    content = make()
    plan = importers.plan_people_import(name, content)
    assert plan.errors == []
    assert not plan.has_changes
    # admin, member, Zoé twice, Yves, Xeno
    assert plan.unchanged == plan.row_count == 6


def test_round_trip_restores_a_changed_share(admin, staff):
    content = exporters.people_csv()
    assignment = staff.assignments.get(share=30)
    services.assignment_update(assignment=assignment, by=admin, share=50)
    plan = importers.plan_people_import("p.csv", content)
    assert [a.changes for a in plan.assignments_updated] == [[("part", 50, 30)]]


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_export_query_count_does_not_grow_with_people(
    client, admin, staff, url, django_assert_num_queries
):
    client.force_login(admin)
    for extra in (0, 3):
        for _i in range(extra):
            person = PersonFactory()
            services.assignment_create(
                role=staff.assignments.first().role, person=person, by=admin, share=5
            )
        # session, user, current assignments with role and circle, active people
        with django_assert_num_queries(4):
            response = client.get(url)
        assert response.status_code == 200
