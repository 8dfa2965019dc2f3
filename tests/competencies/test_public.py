"""Public competencies: what a person shows on his profile, the person page's panel,
and the directory that finds people among what they made public."""

import pytest
from django.urls import reverse

from cercles.competencies import services
from cercles.competencies.models import PublicCompetency
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_choose_what_to_show(login, member, framework):
    client = login(member)
    url = reverse("competencies:public_competencies")
    assert client.get(url).status_code == 200
    response = client.post(
        url, {f"level_{framework['tableur'].pk}": "3", f"level_{framework['accueil'].pk}": ""}
    )
    assert response.status_code == 302
    assert list(PublicCompetency.objects.values_list("competency__name", "level")) == [
        ("Tableur", 3)
    ]
    client.post(url, {f"level_{framework['tableur'].pk}": "4"})
    assert list(PublicCompetency.objects.values_list("competency__name", "level")) == [
        ("Tableur", 4)
    ]
    client.post(url, {})
    assert not PublicCompetency.objects.exists()


def test_bad_level_is_refused(login, member, framework):
    response = login(member).post(
        reverse("competencies:public_competencies"), {f"level_{framework['tableur'].pk}": "9"}
    )
    assert "Choisissez un niveau de 1 à 4." in response.content.decode()
    assert not PublicCompetency.objects.exists()


def test_directory_filters_by_competency_and_level(
    login, agent, framework, django_assert_num_queries
):
    tableur = framework["tableur"]
    for n, level in enumerate([1, 3, 4, 2]):
        person = PersonFactory(first_name=f"Prénom{n}", last_name=f"Nom{n}")
        services.public_competencies_set(person=person, levels={tableur.pk: level})
    client = login(agent)
    url = reverse("competencies:directory")
    # Queries: session, user, the live competencies, the count and the page of people.
    with django_assert_num_queries(5):
        response = client.get(url, {"competency": tableur.pk, "level": 3})
    assert [(r.person.first_name, r.level) for r in response.context["page"].object_list] == [
        ("Prénom2", 4),
        ("Prénom1", 3),
    ]
    response = client.get(url, {"competency": "x", "level": "99"})
    assert response.status_code == 200 and response.context["page"] is None


def test_person_page_panel(login, agent, member, framework):
    services.public_competencies_set(person=member, levels={framework["accueil"].pk: 4})
    response = login(agent).get(reverse("organisation:person_detail", args=[member.pk]))
    text = response.content.decode()
    assert "Compétences affichées" in text and "Accueil du public" in text
    # The assessment itself never shows there.
    assert "Auto-évaluation" not in text
