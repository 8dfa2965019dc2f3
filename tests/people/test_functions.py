"""People functions: the admins' page to grant and revoke HR and coaching coordination,
and what is_hr / is_coaching_coordinator answer."""

import pytest
from django.urls import reverse

from cercles.accounts.services import person_deactivate
from cercles.people import functions, services
from cercles.people.models import Function, PeopleFunction
from tests.factories import PersonFactory

URL = reverse("people:functions")


def test_admin_grants_a_function_by_e_mail(login, admin, agent):
    client = login(admin)
    response = client.post(URL, {"person": agent.email.upper(), "function": Function.HR})
    assert response.status_code == 302
    grant = PeopleFunction.objects.get()
    assert (grant.person, grant.function, grant.granted_by) == (agent, Function.HR, admin)
    page = client.get(URL).content.decode()
    assert "Alice Agent" in page and "Retirer la fonction à Alice Agent" in page
    assert functions.is_hr(agent) and not functions.is_coaching_coordinator(agent)


@pytest.mark.parametrize(
    "data, message",
    [
        (
            {"person": "inconnu@exemple.fr", "function": "hr"},
            "Aucune personne active ne correspond à « inconnu@exemple.fr ».",
        ),
        ({"person": "", "function": "hr"}, "Indiquez l&#x27;adresse e-mail ou le matricule"),
        ({"person": "alice", "function": "boss"}, "Choisissez une fonction de la liste."),
        ({"person": "alice", "function": ""}, "Choisissez la fonction à confier."),
    ],
)
def test_bad_input_is_explained_kept_and_writes_nothing(login, admin, agent, data, message):
    response = login(admin).post(URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Le formulaire contient des erreurs" in page
    if data["person"]:
        assert f'value="{data["person"]}"' in page
    assert not PeopleFunction.objects.exists()


def test_an_inactive_person_cannot_be_granted(login, admin):
    gone = PersonFactory(email="parti@exemple.fr")
    person_deactivate(person=gone, by=admin)
    response = login(admin).post(URL, {"person": gone.email, "function": "hr"})
    assert "Aucune personne active ne correspond" in response.content.decode()
    assert not PeopleFunction.objects.exists()


def test_admin_revokes(login, admin, agent):
    grant = services.function_grant(person=agent, function=Function.HR, by=admin)
    response = login(admin).post(reverse("people:function_revoke", args=[grant.pk]))
    assert response.status_code == 302
    assert not PeopleFunction.objects.exists()
    assert not functions.is_hr(agent)


@pytest.mark.parametrize("persona", ["agent", "member", "lead_link"])
def test_only_admins_see_or_change_functions(login, admin, persona, request):
    person = request.getfixturevalue(persona)
    grant = services.function_grant(person=person, function=Function.HR, by=admin)
    client = login(person)  # even HR does not grant functions
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"person": person.email, "function": "hr"}).status_code == 403
    assert client.post(reverse("people:function_revoke", args=[grant.pk])).status_code == 403
    assert PeopleFunction.objects.count() == 1


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("count", [3, 7])
def test_function_page_query_count(login, admin, count, django_assert_num_queries):
    for i in range(count):
        person = PersonFactory()
        services.function_grant(
            person=person,
            function=Function.HR if i % 2 else Function.COACHING_COORDINATOR,
            by=admin,
        )
    client = login(admin)
    # Queries: session, user; the grants with their people and grantors.
    with django_assert_num_queries(3):
        response = client.get(URL)
    assert response.content.decode().count("Retirer la fonction à") == count


def test_person_suggestions_for_the_datalist(login, admin, agent):
    response = login(admin).get(URL, {"person": "alice"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert f'<option value="{agent.email}">Alice Agent' in response.content.decode()


def test_functions_are_read_once_per_user_and_admins_hold_both(
    admin, agent, django_assert_num_queries
):
    services.function_grant(person=agent, function=Function.COACHING_COORDINATOR, by=admin)
    with django_assert_num_queries(1):
        assert functions.is_coaching_coordinator(agent)
        assert not functions.is_hr(agent)
    with django_assert_num_queries(0):
        assert functions.is_hr(admin) and functions.is_coaching_coordinator(admin)
    assert list(functions.holders(Function.COACHING_COORDINATOR)) == [agent]
