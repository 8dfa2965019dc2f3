"""The daily reminder: assignees of the tasks due today or late hear of each once a day;
tasks to come, done tasks and closed plans stay quiet."""

from cercles.accounts.services import person_update
from cercles.core.models import Notification
from cercles.onboarding import services
from cercles.onboarding.tasks import remind_onboarding_tasks

from .conftest import days


def _texts():
    return sorted(Notification.objects.values_list("recipient_id", "text"))


def test_due_and_late_tasks_are_reminded_once_a_day(
    django_capture_on_commit_callbacks, onboarding, hr, lead_link, newcomer, buddy, today
):
    Notification.objects.all().delete()
    services.task_set_done(
        task=onboarding.tasks.get(title="Préparer le poste de travail"), by=hr, done=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_onboarding_tasks.delay().get() == {"reminded": 3}
    late = (today - days(3)).strftime("%d/%m/%Y")
    assert _texts() == sorted(
        [
            (
                lead_link.pk,
                f"Tâche d'intégration en retard depuis le {late} : « Envoyer le mot d'accueil »"
                " (Nina Nouvelle).",
            ),
            (
                newcomer.pk,
                "Tâche d'intégration pour aujourd'hui : « Lire le livret d'accueil »"
                " (Nina Nouvelle).",
            ),
            (
                buddy.pk,
                "Tâche d'intégration pour aujourd'hui : « Déjeuner avec son parrain »"
                " (Nina Nouvelle).",
            ),
        ]
    )
    # The same day again: nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_due_tasks(today) == 0
    assert Notification.objects.count() == 3
    # The next day the three are late and reminded again, plus nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_due_tasks(today + days(1)) == 3
    assert Notification.objects.count() == 6


def test_closed_plans_and_unassigned_tasks_are_not_reminded(onboarding, hr, today):
    onboarding.tasks.filter(title="Lire le livret d'accueil").update(assignee=None)
    assert services.remind_due_tasks(today) == 3 - 1 + 1  # poste, mot d'accueil, déjeuner
    services.onboarding_close(onboarding=onboarding, by=hr)
    assert services.remind_due_tasks(today + days(40)) == 0


def test_departed_assignees_are_not_reminded(onboarding, newcomer, buddy, today):
    person_update(person=buddy, is_active=False)
    # Préparer le poste (HR), le mot d'accueil (lead link), lire le livret (newcomer);
    # not the lunch of the departed buddy.
    assert services.remind_due_tasks(today) == 3
    lunch = onboarding.tasks.get(title="Déjeuner avec son parrain")
    assert lunch.reminded_on is None
