"""The catalogue of time eaters: list with filters and counts, a time eater, "ça me
concerne", proposed remedies, editing and archiving; permissions and query counts."""

import pytest
from django.urls import reverse

from cercles.knowledge import services
from cercles.knowledge.models import RemedyProposal, TimeEater, TimeEaterCategory
from tests.factories import PersonFactory

LIST = "/knowledge/time-eaters/"


def detail(eater):
    return reverse("knowledge:time_eater_detail", args=[eater.slug])


@pytest.fixture
def eater(member):
    return services.time_eater_create(
        by=member,
        name="Réunions sans ordre du jour",
        description="On vient **sans savoir** pourquoi.",
        remedies="- Envoyer l'ordre du jour 48 h avant",
        category=TimeEaterCategory.MEETINGS,
    )


@pytest.fixture
def mails(admin):
    return services.time_eater_create(
        by=admin,
        name="Courriels en copie à tous",
        description="Chacun lit ce qui ne le concerne pas.",
        category=TimeEaterCategory.EMAIL,
    )


# --- list ------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, eater):
    for address in (LIST, detail(eater), reverse("knowledge:time_eater_create")):
        response = client.get(address)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_list_shows_counts_and_filters(login, agent, eater, mails, lead_link):
    services.concern_add(time_eater=mails, person=agent)
    services.concern_add(time_eater=mails, person=lead_link)
    client = login(agent)
    body = client.get(LIST).content.decode()
    # The most shared first.
    assert body.index("Courriels en copie à tous") < body.index("Réunions sans ordre du jour")
    assert "3 personnes concernées" in body and "1 personne concernée" in body
    assert "Réunions (1)</option>" in body and "Courriels (1)</option>" in body
    assert "Toutes (2)</option>" in body
    assert "Vous êtes concerné·e." in body
    by_name = client.get(LIST + "?sort=name").content.decode()
    assert by_name.index("Courriels") < by_name.index("Réunions sans")
    only = client.get(LIST + "?category=meetings").content.decode()
    assert "Réunions sans ordre du jour" in only and "Courriels en copie" not in only
    mine = client.get(LIST + "?mine=1").content.decode()
    assert "Courriels en copie" in mine and "Réunions sans ordre du jour</a>" not in mine
    found = client.get(LIST + "?q=copie").content.decode()
    assert "Courriels en copie" in found and "Réunions sans ordre du jour</a>" not in found


def test_bad_filters_are_ignored(login, agent, eater):
    response = login(agent).get(LIST + "?category=x&sort=y&page=z&q=" + "a" * 300)
    assert response.status_code == 200


def test_list_with_htmx_returns_the_results(login, agent, eater):
    body = login(agent).get(LIST + "?q=ordre", HTTP_HX_REQUEST="true").content.decode()
    assert "<h2>1 chronophage</h2>" in body and "<html" not in body


@pytest.mark.parametrize("count", [3, 9])
def test_list_query_count(login, agent, admin, count, django_assert_num_queries):
    people = [PersonFactory() for _ in range(3)]
    for i in range(count):
        eater = services.time_eater_create(
            by=admin, name=f"Chronophage {i}", description="x", category="tools"
        )
        services.remedy_propose(time_eater=eater, author=people[i % 3], body="Remède")
        for person in people[: i % 3]:
            services.concern_add(time_eater=eater, person=person)
    client = login(agent)
    # Queries: session, user; the count per category; the count and the page of time
    # eaters with their concern and proposal counts and the user's mark.
    with django_assert_num_queries(5):
        response = client.get(LIST)
    assert response.content.decode().count('class="card"') == count


# --- a time eater ----------------------------------------------------------------------


def test_detail_shows_description_remedies_and_proposals(login, agent, eater, lead_link):
    services.remedy_propose(time_eater=eater, author=lead_link, body="Annuler *sans* ordre du jour")
    body = login(agent).get(detail(eater)).content.decode()
    assert "<strong>sans savoir</strong>" in body
    assert "Envoyer l'ordre du jour 48 h avant" in body
    assert "Léa Lien" in body and "<em>sans</em>" in body
    assert "1 personne concernée" in body and ">Ça me concerne<" in body
    assert "Ajouter aux remèdes retenus" not in body and "Modifier" not in body


def test_unknown_time_eater_is_404(login, agent):
    assert login(agent).get("/knowledge/time-eaters/inconnu/").status_code == 404


@pytest.mark.parametrize("proposals", [1, 6])
def test_detail_query_count(login, agent, eater, proposals, django_assert_num_queries):
    for i in range(proposals):
        services.remedy_propose(time_eater=eater, author=PersonFactory(), body=f"Remède {i}")
    client = login(agent)
    # Queries: session, user; the time eater with its counts, the user's mark and its
    # author; the proposed remedies with their authors.
    with django_assert_num_queries(4):
        response = client.get(detail(eater))
    assert response.content.decode().count('id="remede-') == proposals


def test_concern_and_unconcern(login, agent, eater):
    client = login(agent)
    url = reverse("knowledge:time_eater_concern", args=[eater.slug])
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    client.post(url)  # twice: still one
    assert eater.concerns.filter(person=agent).count() == 1
    body = client.get(detail(eater)).content.decode()
    assert "2 personnes concernées (dont vous)" in body and "Ça ne me concerne plus" in body
    response = client.post(
        reverse("knowledge:time_eater_unconcern", args=[eater.slug]), HTTP_HX_REQUEST="true"
    )
    fragment = response.content.decode()
    assert "1 personne concernée" in fragment and "<html" not in fragment
    assert not eater.concerns.filter(person=agent).exists()


def test_concern_on_an_archived_time_eater_is_refused(login, agent, admin, eater):
    services.time_eater_archive(time_eater=eater, by=admin)
    response = login(agent).post(reverse("knowledge:time_eater_concern", args=[eater.slug]))
    assert response.status_code == 403


def test_propose_a_remedy(login, agent, eater):
    client = login(agent)
    url = reverse("knowledge:remedy_propose", args=[eater.slug])
    response = client.post(url, {"body": "Un ordre du jour type."})
    proposal = RemedyProposal.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"#remede-{proposal.pk}")
    assert proposal.author == agent


def test_bad_remedy_keeps_the_page_and_says_why(login, agent, eater):
    response = login(agent).post(
        reverse("knowledge:remedy_propose", args=[eater.slug]), {"body": "   "}
    )
    assert response.status_code == 200
    assert "Écrivez le remède que vous proposez." in response.content.decode()
    too_long = login(agent).post(
        reverse("knowledge:remedy_propose", args=[eater.slug]), {"body": "x" * 5001}
    )
    body = too_long.content.decode()
    assert "Le remède compte au plus 5000 caractères." in body and "x" * 5001 in body
    assert not RemedyProposal.objects.exists()


def test_delete_and_adopt_a_remedy(login, agent, member, admin, eater):
    proposal = services.remedy_propose(time_eater=eater, author=agent, body="Ordre du jour type")
    delete = reverse("knowledge:remedy_delete", args=[proposal.pk])
    adopt = reverse("knowledge:remedy_adopt", args=[proposal.pk])
    assert login(member).post(delete).status_code == 403
    assert login(member).post(adopt).status_code == 403
    assert login(agent).post(adopt).status_code == 403
    body = login(admin).get(detail(eater)).content.decode()
    assert "Ajouter aux remèdes retenus" in body
    assert login(admin).post(adopt).status_code == 302
    eater.refresh_from_db()
    assert eater.remedies.endswith("- Ordre du jour type")
    assert login(agent).post(delete).status_code == 302
    assert not RemedyProposal.objects.exists()


# --- adding, editing, archiving --------------------------------------------------------


def test_create_a_time_eater(login, agent):
    client = login(agent)
    assert client.get(reverse("knowledge:time_eater_create")).status_code == 200
    response = client.post(
        reverse("knowledge:time_eater_create"),
        {
            "name": "Outils qui ne se parlent pas",
            "category": "tools",
            "description": "Ressaisir trois fois.",
            "remedies": "",
        },
    )
    eater = TimeEater.objects.get()
    assert response.status_code == 302 and response.url == eater.get_absolute_url()
    assert eater.created_by == agent and eater.concerns.filter(person=agent).exists()


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"name": ""}, "Nommez le chronophage."),
        ({"description": ""}, "Décrivez le chronophage"),
        ({"category": "bavardage"}, "Sélectionnez un choix valide"),
        ({"name": "réunions SANS ordre du jour"}, "Ce chronophage est déjà au catalogue"),
    ],
)
def test_bad_input_when_creating(login, agent, eater, fields, message):
    data = {
        "name": "Interruptions permanentes",
        "category": "interruptions",
        "description": "Texte précieux à garder.",
        "remedies": "",
    }
    data.update(fields)
    response = login(agent).post(reverse("knowledge:time_eater_create"), data)
    body = response.content.decode()
    assert response.status_code == 200 and message in body
    if fields.get("description") != "":
        assert "Texte précieux à garder." in body
    assert TimeEater.objects.count() == 1


@pytest.mark.parametrize(
    "persona, status", [("agent", 403), ("lead_link", 403), ("member", 200), ("admin", 200)]
)
def test_the_author_and_admins_edit(request, login, eater, persona, status):
    client = login(request.getfixturevalue(persona))
    url = reverse("knowledge:time_eater_update", args=[eater.slug])
    assert client.get(url).status_code == status
    response = client.post(
        url,
        {"name": eater.name, "category": "meetings", "description": "Revu.", "remedies": "- A"},
    )
    assert response.status_code == (302 if status == 200 else 403)
    eater.refresh_from_db()
    assert (eater.description == "Revu.") == (status == 200)


def test_edit_with_a_taken_name(login, member, eater, mails):
    response = login(member).post(
        reverse("knowledge:time_eater_update", args=[eater.slug]),
        {"name": mails.name, "category": "meetings", "description": "Revu.", "remedies": ""},
    )
    assert response.status_code == 200
    assert "Un autre chronophage porte déjà ce nom." in response.content.decode()
    eater.refresh_from_db()
    assert eater.name == "Réunions sans ordre du jour"


def test_admins_archive_and_unarchive(login, member, admin, eater):
    archive = reverse("knowledge:time_eater_archive", args=[eater.slug])
    unarchive = reverse("knowledge:time_eater_unarchive", args=[eater.slug])
    assert login(member).post(archive).status_code == 403
    assert login(admin).post(archive).status_code == 302
    assert "Ce chronophage est archivé." in login(member).get(detail(eater)).content.decode()
    assert "Réunions sans ordre du jour" not in login(member).get(LIST).content.decode()
    assert "Réunions sans ordre du jour" in login(member).get(LIST + "?archived=1").content.decode()
    assert login(member).post(unarchive).status_code == 403
    assert login(admin).post(unarchive).status_code == 302
    eater.refresh_from_db()
    assert eater.archived_at is None


def test_the_home_shows_the_most_shared_time_eaters(login, agent, eater, mails):
    services.concern_add(time_eater=mails, person=agent)
    body = login(agent).get(reverse("knowledge:home")).content.decode()
    assert "Chasse aux chronophages" in body
    assert body.index("Courriels en copie") < body.index("Réunions sans ordre du jour")
