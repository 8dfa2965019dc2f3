"""Export of the ideas (CSV for Excel, XLSX): who may, what is in it, anonymity, queries."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cercles.ideas import services
from cercles.ideas.models import IdeaStatus, Objective
from tests.factories import PersonFactory

from .factories import CampaignFactory, IdeaFactory

S = IdeaStatus
CSV_URL = reverse("ideas:idea_export_csv")
XLSX_URL = reverse("ideas:idea_export_xlsx")
HEADER = (
    "n°;campagne;titre;état;objectifs;cercle;auteur;déposée le;réponse attendue le;"
    "première réponse le;soutiens;commentaires;fusionnée dans;adresse"
)


def content(response) -> bytes:
    return b"".join(response.streaming_content)


def csv_lines(data: bytes) -> list[str]:
    return data.decode("utf-8-sig").split("\r\n")


@pytest.fixture
def campaign(org):
    return CampaignFactory(
        title="Défi RH",
        circle=org["rh"],
        answer_deadline_days=10,
        starts_on=timezone.localdate() - datetime.timedelta(days=60),
    )


@pytest.fixture
def ideas(campaign, author, facilitator, org):
    """Paul's signed idea (two objectives, a support, a comment, accepted); an anonymous
    idea posted by Paul; a formula-like title merged into the first; a draft."""
    now = timezone.now()
    posted = now - datetime.timedelta(days=20)
    first = Objective.objects.create(name="Améliorer le service public", position=1)
    second = Objective.objects.create(name="Préserver les ressources", position=2)
    signed = IdeaFactory(
        by=author,
        campaign=campaign,
        title="Un guichet unique",
        objectives=[second, first],
        at=posted,
    )
    services.idea_support(idea=signed, person=PersonFactory())
    services.comment_create(idea=signed, author=facilitator, body="Bonne idée.")
    services.idea_transition(
        idea=signed,
        to=S.ACCEPTED,
        text="Oui.",
        by=facilitator,
        at=now - datetime.timedelta(days=15),
    )
    hidden = IdeaFactory(
        by=author, campaign=campaign, title="Une idée sans nom", anonymous=True, at=posted
    )
    formula = IdeaFactory(
        by=author, campaign=campaign, title="=1+1 gagnons du temps", circle=org["numerique"]
    )
    services.idea_merge(idea=formula, into=signed, text="Doublon.", by=facilitator)
    IdeaFactory(by=author, campaign=campaign, title="Brouillon de Paul", draft=True)
    return {"signed": signed, "anonymous": hidden, "formula": formula, "posted": posted}


# --- permissions -----------------------------------------------------------------------------


def campaign_urls(campaign):
    return [
        reverse("ideas:campaign_export_csv", args=[campaign.pk]),
        reverse("ideas:campaign_export_xlsx", args=[campaign.pk]),
    ]


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_anonymous_is_sent_to_login(client, url, db):
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", ["agent", "facilitator", "lead_link"])
def test_only_admins_export_every_idea(login, request, persona):
    client = login(request.getfixturevalue(persona))
    assert client.get(CSV_URL).status_code == 403
    assert client.get(XLSX_URL).status_code == 403


@pytest.mark.parametrize(
    ("persona", "status"),
    [("agent", 403), ("member", 403), ("facilitator", 200), ("lead_link", 200), ("admin", 200)],
)
def test_a_campaign_is_exported_by_those_who_answer_its_ideas(
    login, request, campaign, persona, status
):
    client = login(request.getfixturevalue(persona))
    for url in campaign_urls(campaign):
        assert client.get(url).status_code == status


def test_a_campaign_for_the_whole_organisation_is_exported_by_admins(login, facilitator, admin):
    campaign = CampaignFactory()
    assert login(facilitator).get(campaign_urls(campaign)[0]).status_code == 403
    assert login(admin).get(campaign_urls(campaign)[0]).status_code == 200


def test_unknown_campaign_is_404(login, admin):
    url = reverse("ideas:campaign_export_csv", args=[999999])
    assert login(admin).get(url).status_code == 404


# --- content ---------------------------------------------------------------------------------


def test_csv_is_excel_friendly(login, admin, ideas, author):
    response = login(admin).get(CSV_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="idees-')
    data = content(response)  # a stream: read once
    assert data.startswith(b"\xef\xbb\xbf")
    lines = csv_lines(data)
    signed, hidden, formula = ideas["signed"], ideas["anonymous"], ideas["formula"]
    posted = timezone.localdate(ideas["posted"])
    answered = timezone.localdate(timezone.now() - datetime.timedelta(days=15))
    today = timezone.localdate()
    # The anonymous idea keeps its UTC day (its due date follows it).
    kept = hidden.created_at.astimezone(datetime.UTC).date()
    assert lines[0] == HEADER
    # In id order (random ids: not the order of posting), as the file is streamed.
    assert lines[-1] == ""
    assert lines[1:-1] == sorted(
        [
            f"{signed.pk};Défi RH;Un guichet unique;Retenue;"
            "Améliorer le service public, Préserver les ressources;Ressources humaines;"
            f"Paul Porteur;{posted};{posted + datetime.timedelta(days=10)};{answered};1;1;;"
            f"http://testserver/ideas/{signed.pk}/",
            f"{hidden.pk};Défi RH;Une idée sans nom;Déposée;;Ressources humaines;;"
            f"{kept};{kept + datetime.timedelta(days=10)};;0;0;;"
            f"http://testserver/ideas/{hidden.pk}/",
            # A title a spreadsheet would run as a formula is neutralised.
            f"{formula.pk};Défi RH;'=1+1 gagnons du temps;Fusionnée;;Numérique;Paul Porteur;"
            f"{today};{today + datetime.timedelta(days=10)};{today};0;0;{signed.pk};"
            f"http://testserver/ideas/{formula.pk}/",
        ],
        key=lambda line: int(line.split(";")[0]),
    )
    assert "Brouillon de Paul" not in "".join(lines)


def test_xlsx_has_the_same_columns_and_typed_cells(login, admin, ideas, campaign):
    response = login(admin).get(campaign_urls(campaign)[1])
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert 'filename="idees-campagne-' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(content(response)), read_only=True).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADER.split(";")
    assert len(rows) == 4
    signed = next(r for r in rows if r[0] == ideas["signed"].pk)
    posted = timezone.localdate(ideas["posted"])
    assert signed[:7] == [
        ideas["signed"].pk,
        "Défi RH",
        "Un guichet unique",
        "Retenue",
        "Améliorer le service public, Préserver les ressources",
        "Ressources humaines",
        "Paul Porteur",
    ]
    assert signed[7] == datetime.datetime.combine(posted, datetime.time())
    assert signed[10:12] == [1, 1]
    # Stored as text, not as a formula.
    assert next(r for r in rows if r[0] == ideas["formula"].pk)[2] == "=1+1 gagnons du temps"


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_the_anonymous_idea_has_no_author_and_no_time_of_day(login, admin, ideas, url):
    response = login(admin).get(url)
    if url == CSV_URL:
        rows = [line.split(";") for line in csv_lines(content(response))[1:] if line]
    else:
        sheet = load_workbook(io.BytesIO(content(response)), read_only=True).worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    row = next(r for r in rows if str(r[0]) == str(ideas["anonymous"].pk))
    assert row[6] in ("", None)
    # Every other cell: the idea's own words, states and dates, nothing of Paul's.
    assert not any("Paul" in str(cell) or "porteur" in str(cell).lower() for cell in row)
    for cell in row:
        if isinstance(cell, datetime.datetime):  # XLSX dates come back as midnight
            assert cell.time() == datetime.time()
        else:
            assert ":" not in str(cell).replace("http://", "")


# --- queries ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_queries_do_not_grow(login, admin, campaign, author, fmt, django_assert_num_queries):
    objective = Objective.objects.create(name="Anticiper l'avenir")

    def post(count):
        for i in range(count):
            idea = IdeaFactory(
                by=author, campaign=campaign, anonymous=i % 2, objectives=[objective] * (i % 3 > 0)
            )
            services.comment_create(idea=idea, author=admin, body="Vu.")

    url = reverse(f"ideas:campaign_export_{fmt}", args=[campaign.pk])
    client = login(admin)
    post(3)
    # session; user; the campaign; the ideas (with campaign, circles, author and the
    # comment count); their objectives.
    with django_assert_num_queries(5):
        first = content(client.get(url))
    post(17)
    with django_assert_num_queries(5):
        second = content(client.get(url))
    if fmt == "csv":
        assert first.count(b"\r\n") == 4 and second.count(b"\r\n") == 21
