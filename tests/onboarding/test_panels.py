"""Onboarding on other pages: the talent path steps (only for the people around the
newcomer and HR) and the card of the development hub."""

from django.test import RequestFactory

from cercles.core import panels
from cercles.onboarding import services
from cercles.onboarding.panels import development_card, onboarding_steps


def test_talent_path_steps_for_the_entitled_only(
    onboarding, newcomer, buddy, lead_link, hr, agent, member
):
    for viewer in (newcomer, buddy, lead_link, hr):
        steps = onboarding_steps(person=newcomer, viewer=viewer)
        assert [(s.kind, s.title, s.private) for s in steps] == [
            ("onboarding", "Arrivée et début du parcours d'intégration", True)
        ]
        assert steps[0].date == onboarding.start_date and steps[0].detail == "Ressources humaines"
    assert onboarding_steps(person=newcomer, viewer=agent) == []
    services.onboarding_close(onboarding=onboarding, by=hr)
    steps = panels.collect("talent_path", person=newcomer, viewer=newcomer)
    titles = [s.title for group in steps for s in group]
    assert "Parcours d'intégration terminé" in titles


def test_talent_path_query_count(django_assert_num_queries, onboarding, newcomer, agent, hr):
    with django_assert_num_queries(1):  # the onboardings with their circle
        onboarding_steps(person=newcomer, viewer=newcomer)
    with django_assert_num_queries(2):  # the onboardings; the viewer's people functions
        assert onboarding_steps(person=newcomer, viewer=agent) == []


def _request(user):
    request = RequestFactory().get("/development/")
    request.user = user
    return request


def test_development_card(django_assert_num_queries, onboarding, newcomer, buddy, agent):
    with django_assert_num_queries(2):  # the onboardings (with progress); the task counts
        html = development_card(_request(newcomer))
    assert '<section class="card"' in html and "Mon intégration" in html
    assert "fait à 0 % (0 tâche" in html and "2 tâches en retard" in html
    with django_assert_num_queries(2):
        html = development_card(_request(buddy))
    assert "Vous parrainez 1 nouvel arrivant." in html
    assert "2 tâches d'intégration à faire" in html
    assert development_card(_request(agent)) == ""
