"""The framework pages: everyone logged in reads it, HR write it."""

import pytest
from django.urls import reverse

from cercles.competencies.models import Competency, CompetencyFamily, CompetencyKind

pytestmark = pytest.mark.django_db


def test_framework_list_groups_by_family_with_constant_queries(
    login, agent, framework, django_assert_num_queries
):
    client = login(agent)
    url = reverse("competencies:framework")
    # Queries: session, user, the user's people functions (is HR?), the count, the page
    # of competencies with their families.
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert "4 compétences" in text
    assert text.index("Relation aux usagers") < text.index("Numérique")
    assert "Ajouter une compétence" not in text


def test_framework_filters_by_kind_and_search(login, agent, framework):
    client = login(agent)
    response = client.get(reverse("competencies:framework"), {"kind": CompetencyKind.BEHAVIOURAL})
    assert [c.name for c in response.context["page"].object_list] == [
        "Accueil du public",
        "Écoute active",
    ]
    response = client.get(reverse("competencies:framework"), {"q": "table"})
    assert [c.name for c in response.context["page"].object_list] == ["Tableur"]
    response = client.get(
        reverse("competencies:framework"), {"q": "table"}, headers={"HX-Request": "true"}
    )
    assert "<html" not in response.content.decode()


def test_competency_detail_shows_the_four_levels(login, agent, framework):
    response = login(agent).get(framework["tableur"].get_absolute_url())
    text = response.content.decode()
    assert response.status_code == 200
    for level in ("Découvre.", "Pratique.", "Maîtrise.", "Transmet."):
        assert level in text
    assert "Modifier" not in text


def test_unknown_competency_is_a_404(login, agent):
    assert (
        login(agent).get(reverse("competencies:competency_detail", args=[999])).status_code == 404
    )


def test_anonymous_is_sent_to_login(client, framework):
    response = client.get(reverse("competencies:framework"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_hr_creates_edits_and_archives_a_competency(login, hr, framework):
    client = login(hr)
    family = framework["families"][1]
    response = client.post(
        reverse("competencies:competency_create"),
        {
            "family": family.pk,
            "name": "Analyse de données",
            "kind": "technical",
            "level_1": "Trie.",
        },
    )
    competency = Competency.objects.get(name="Analyse de données")
    assert response.status_code == 302 and response["Location"] == competency.get_absolute_url()
    assert competency.level_1 == "Trie." and competency.family == family
    response = client.post(
        reverse("competencies:competency_update", args=[competency.pk]),
        {"family": family.pk, "name": "Analyse des données", "kind": "technical"},
    )
    competency.refresh_from_db()
    assert competency.name == "Analyse des données" and competency.level_1 == ""
    client.post(reverse("competencies:competency_archive", args=[competency.pk]))
    competency.refresh_from_db()
    assert competency.archived_at is not None
    assert (
        client.get(reverse("competencies:competency_update", args=[competency.pk])).status_code
        == 403
    )
    client.post(reverse("competencies:competency_unarchive", args=[competency.pk]))
    competency.refresh_from_db()
    assert competency.archived_at is None


def test_competency_form_bad_input_keeps_what_was_typed(login, hr, framework):
    family = framework["families"][0]
    response = login(hr).post(
        reverse("competencies:competency_create"),
        {
            "family": family.pk,
            "name": "Accueil du public",
            "kind": "behavioural",
            "level_2": "Mon texte",
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Cette famille a déjà une compétence de ce nom." in text
    assert "Mon texte" in text
    assert Competency.objects.filter(name="Accueil du public").count() == 1
    response = login(hr).post(
        reverse("competencies:competency_create"), {"family": family.pk, "name": "", "kind": "x"}
    )
    text = response.content.decode()
    assert "Donnez un nom à la compétence." in text
    assert "Choisissez « Technique » ou « Savoir-être »." in text


def test_family_create_and_update(login, hr):
    client = login(hr)
    client.post(reverse("competencies:family_create"), {"name": "Management", "position": 3})
    family = CompetencyFamily.objects.get(name="Management")
    client.post(
        reverse("competencies:family_update", args=[family.pk]),
        {"name": "Management et transmission", "position": 4},
    )
    family.refresh_from_db()
    assert (family.name, family.position) == ("Management et transmission", 4)
    response = client.post(reverse("competencies:family_create"), {"name": "", "position": "x"})
    assert "Donnez un nom à la famille." in response.content.decode()
    assert "Écrivez un nombre entier." in response.content.decode()


@pytest.mark.parametrize(
    "name", ["competency_create", "family_create", "import", "campaign_create"]
)
def test_non_hr_may_not_write(login, member, lead_link, name):
    for person in (member, lead_link):
        assert login(person).get(reverse(f"competencies:{name}")).status_code == 403


def test_non_hr_may_not_post(login, member, framework):
    client = login(member)
    competency = framework["tableur"]
    assert (
        client.post(reverse("competencies:competency_archive", args=[competency.pk])).status_code
        == 403
    )
    response = client.post(
        reverse("competencies:competency_create"),
        {"family": framework["families"][0].pk, "name": "X", "kind": "technical"},
    )
    assert response.status_code == 403
    assert not Competency.objects.filter(name="X").exists()


def test_search_drops_nul_characters(login, member, framework):
    """Review: a NUL in ?q= reached the query (PostgreSQL refuses it: a 500)."""
    response = login(member).get(reverse("competencies:framework"), {"q": "Tab\x00leur"})
    assert response.status_code == 200 and response.context["q"] == "Tableur"
    assert [c.name for c in response.context["page"].object_list] == ["Tableur"]
