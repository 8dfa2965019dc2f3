"""A person's path: his entries and every module's steps, his shares, the suggestions he
receives; private to him unless he shares it, and then only what is not private."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cercles.core import panels
from cercles.core.models import Notification
from cercles.people import permissions, services
from cercles.people.models import EntryKind, PathEntry, PathShare, Suggestion
from cercles.people.path import PathStep
from tests.factories import PersonFactory

MY_PATH = reverse("people:my_path")


def path_url(person):
    return reverse("people:person_path", args=[person.pk])


@pytest.fixture
def only_our_steps(monkeypatch):
    """The path page gathers the steps of every module registered in "talent_path";
    the query counts below measure this app's own, so the slot holds only ours."""
    ours = [e for e in panels._PANELS.get("talent_path", []) if e[1].startswith("cercles.people")]
    monkeypatch.setitem(panels._PANELS, "talent_path", ours)


def test_my_path_shows_entries_newest_first_with_private_marks(login, member):
    today = timezone.localdate()
    services.entry_create(
        person=member, title="Objectif ancien", date=today - datetime.timedelta(days=30)
    )
    services.entry_create(person=member, title="Note récente", kind=EntryKind.NOTE, private=False)
    page = login(member).get(MY_PATH).content.decode()
    assert page.index("Note récente") < page.index("Objectif ancien")
    assert page.count(">privé<") == 1
    assert "Suggestions reçues" in page


def test_nobody_reads_a_path_not_shared_with_him(login, member, agent, lead_link, admin, hr):
    services.entry_create(person=member, title="Mon objectif", private=False)
    for person in (agent, lead_link, admin, hr):
        assert login(person).get(path_url(member)).status_code == 404
    assert login(agent).get(reverse("people:person_path", args=[99999])).status_code == 404


def test_shared_path_shows_only_non_private_entries(login, member, lead_link, agent):
    services.entry_create(person=member, title="Objectif public", private=False)
    services.entry_create(person=member, title="Note privée", private=True)
    services.share_add(owner=member, viewer=lead_link)
    page = login(lead_link).get(path_url(member)).content.decode()
    assert "Objectif public" in page and "Note privée" not in page
    assert "Suggestions reçues" not in page and "entries/" not in page  # no edit links
    assert login(agent).get(path_url(member)).status_code == 404


def test_other_modules_steps_are_merged_and_sorted(login, member, monkeypatch):
    services.entry_create(
        person=member, title="Mon objectif", date=timezone.localdate() - datetime.timedelta(days=3)
    )

    def trainings(*, person, viewer):
        return [PathStep(date=timezone.localdate(), kind="training", title="Prendre la parole")]

    monkeypatch.setitem(
        panels._PANELS,
        "talent_path",
        [*panels._PANELS.get("talent_path", []), (30, "tests.trainings", trainings)],
    )
    page = login(member).get(MY_PATH).content.decode()
    assert page.index("Prendre la parole") < page.index("Mon objectif")
    assert ">Formation<" in page


def test_share_and_revoke_from_the_page(
    login, member, lead_link, django_capture_on_commit_callbacks
):
    client = login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("people:shares"), {"viewer": lead_link.email})
    assert response.status_code == 302
    share = PathShare.objects.get()
    assert (share.owner, share.viewer) == (member, lead_link)
    note = Notification.objects.get(recipient=lead_link)
    assert note.url == path_url(member) and "partage son parcours" in note.text
    assert "Ne plus partager avec Léa Lien" in client.get(reverse("people:shares")).content.decode()
    client.post(reverse("people:share_revoke", args=[share.pk]))
    assert not PathShare.objects.exists()
    assert login(lead_link).get(path_url(member)).status_code == 404


@pytest.mark.parametrize(
    "value, message",
    [
        ("personne@nulle.part", "Aucune personne active ne correspond à « personne@nulle.part »."),
        ("", "Indiquez l&#x27;adresse e-mail ou le matricule de la personne."),
        ("SELF", "Votre parcours vous est déjà visible."),
    ],
)
def test_share_bad_input(login, member, value, message):
    value = member.email if value == "SELF" else value
    response = login(member).post(reverse("people:shares"), {"viewer": value})
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    if value:
        assert f'value="{value}"' in page
    assert not PathShare.objects.exists()


def test_sharing_twice_is_explained(login, member, lead_link):
    services.share_add(owner=member, viewer=lead_link)
    response = login(member).post(reverse("people:shares"), {"viewer": lead_link.email})
    assert "Votre parcours est déjà partagé avec Léa Lien." in response.content.decode()
    assert PathShare.objects.count() == 1


def test_one_cannot_revoke_someone_elses_share(login, member, lead_link, agent):
    share = services.share_add(owner=member, viewer=lead_link)
    for person in (agent, lead_link):
        assert (
            login(person).post(reverse("people:share_revoke", args=[share.pk])).status_code == 404
        )
    assert PathShare.objects.count() == 1


def test_entry_create_update_delete(login, member):
    client = login(member)
    response = client.post(
        reverse("people:entry_create"),
        {
            "kind": "goal",
            "title": "Animer un atelier",
            "date": "2026-03-02",
            "body": "Avant l'été.",
        },
    )
    assert response["Location"] == MY_PATH
    entry = PathEntry.objects.get()
    assert (entry.title, entry.date, entry.private) == (
        "Animer un atelier",
        datetime.date(2026, 3, 2),
        False,  # an unticked box: not private
    )
    client.post(
        reverse("people:entry_update", args=[entry.pk]),
        {"title": "Animer deux ateliers", "date": "2026-03-02", "body": "", "private": "on"},
    )
    entry.refresh_from_db()
    assert (entry.title, entry.body, entry.private) == ("Animer deux ateliers", "", True)
    client.post(reverse("people:entry_delete", args=[entry.pk]))
    assert not PathEntry.objects.exists()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"kind": "goal", "title": "", "date": "2026-03-02"}, "Donnez un titre à cette étape."),
        ({"kind": "goal", "title": "Atelier", "date": "02/13/2026"}, "Indiquez une date valide."),
        (
            {"kind": "choice", "title": "Atelier", "date": "2026-03-02"},
            "Choisissez « objectif » ou « note ».",
        ),
    ],
)
def test_entry_form_bad_input(login, member, data, message):
    response = login(member).post(reverse("people:entry_create"), data)
    page = response.content.decode()
    assert response.status_code == 200 and message.replace("'", "&#x27;") in page
    if data["title"]:
        assert 'value="Atelier"' in page
    assert not PathEntry.objects.exists()


def test_entries_of_others_are_404(login, member, agent):
    entry = services.entry_create(person=member, title="À moi", private=False)
    client = login(agent)
    assert client.get(reverse("people:entry_update", args=[entry.pk])).status_code == 404
    assert client.post(reverse("people:entry_delete", args=[entry.pk])).status_code == 404
    assert PathEntry.objects.count() == 1


def test_a_lead_link_suggests_and_the_person_accepts(
    login, member, lead_link, formats, django_capture_on_commit_callbacks
):
    client = login(lead_link)
    url = reverse("people:suggest", args=[member.pk])
    assert client.get(url, {"item": formats["coaching"].slug}).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"item": formats["coaching"].pk, "message": "Fonce !"})
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    assert (suggestion.author, suggestion.person, suggestion.from_lead_link) == (
        lead_link,
        member,
        True,
    )
    assert Notification.objects.get(recipient=member).url == MY_PATH + "#suggestions"
    # Private: another colleague sees nothing of it, even on a shared path.
    services.share_add(owner=member, viewer=lead_link)
    assert "Fonce" not in login(lead_link).get(path_url(member)).content.decode()
    client = login(member)
    page = client.get(MY_PATH).content.decode()
    assert "Suggéré par Léa Lien, votre premier lien" in page and "Fonce !" in page
    client.post(reverse("people:suggestion_accept", args=[suggestion.pk]))
    suggestion.refresh_from_db()
    assert suggestion.status == "accepted" and suggestion.entry.kind == EntryKind.SUGGESTION
    assert suggestion.entry.private and suggestion.entry.item == formats["coaching"]
    page = client.get(MY_PATH).content.decode()
    assert "Aucune suggestion en attente" in page and "Suggéré par Léa Lien : Fonce !" in page
    # Answered once only.
    response = client.post(reverse("people:suggestion_dismiss", args=[suggestion.pk]), follow=True)
    assert "Vous avez déjà répondu à cette suggestion." in response.content.decode()


def test_a_colleague_suggests_and_the_person_dismisses(login, member, agent, formats):
    login(agent).post(
        reverse("people:suggest", args=[member.pk]),
        {"item": formats["immersion"].pk, "message": "Viens voir."},
    )
    suggestion = Suggestion.objects.get()
    assert not suggestion.from_lead_link
    # Only the person answers it.
    assert (
        login(agent).post(reverse("people:suggestion_accept", args=[suggestion.pk])).status_code
        == 404
    )
    login(member).post(reverse("people:suggestion_dismiss", args=[suggestion.pk]))
    suggestion.refresh_from_db()
    assert suggestion.status == "dismissed" and not PathEntry.objects.exists()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"item": "", "message": "Fonce"}, "Choisissez un format d&#x27;accompagnement."),
        (
            {"item": "999999", "message": "Fonce"},
            "Choisissez un format d&#x27;accompagnement de la liste.",
        ),
        (
            {"item": "ENTRY", "message": "Fonce"},
            "Choisissez un format d&#x27;accompagnement de la liste.",
        ),
        (
            {"item": "COACHING", "message": ""},
            "Écrivez quelques mots : pourquoi ce format lui irait bien.",
        ),
    ],
)
def test_suggestion_bad_input(login, member, agent, formats, make_item, data, message):
    entry = make_item(name="Je me propose", kind="entry")
    data = {
        **data,
        "item": {"ENTRY": entry.pk, "COACHING": formats["coaching"].pk}.get(
            data["item"], data["item"]
        ),
    }
    response = login(agent).post(reverse("people:suggest", args=[member.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    if data["message"]:
        assert "Fonce</textarea>" in page
    assert not Suggestion.objects.exists()


def test_no_suggestion_to_oneself_or_to_an_unknown_person(login, member, formats):
    client = login(member)
    assert client.get(reverse("people:suggest", args=[member.pk])).status_code == 403
    assert client.get(reverse("people:suggest", args=[999999])).status_code == 404


def test_person_page_panel(login, member, agent):
    url = reverse("organisation:person_detail", args=[member.pk])
    page = login(agent).get(url).content.decode()
    assert "Lui suggérer un accompagnement" in page
    assert reverse("people:suggest", args=[member.pk]) in page
    page = login(member).get(url).content.decode()
    assert "Voir mon parcours" in page and "Lui suggérer" not in page


def test_paths_shared_with_me_are_listed(login, member, lead_link, agent):
    services.share_add(owner=member, viewer=lead_link)
    page = login(lead_link).get(reverse("people:shares")).content.decode()
    assert "Parcours de Marc Membre" in page and path_url(member) in page
    page = login(agent).get(reverse("people:shares")).content.decode()
    assert "Personne ne partage encore son parcours avec vous." in page


@pytest.mark.parametrize("count", [3, 9])
def test_my_path_query_count(
    login, member, lead_link, formats, count, only_our_steps, django_assert_num_queries
):
    for i in range(count):
        services.entry_create(person=member, title=f"Étape {i}", private=i % 2 == 0)
        # One author per suggestion: an author suggests a format to someone once.
        services.suggestion_create(
            author=PersonFactory(), person=member, item=formats["coaching"], message=f"M{i}"
        )
    services.share_add(owner=member, viewer=lead_link)
    client = login(member)
    # Queries: session, user; the entries; the pending suggestions with their formats
    # and authors; the count of shares.
    with django_assert_num_queries(5):
        response = client.get(MY_PATH)
    page = response.content.decode()
    assert page.count('class="card path-step"') == count
    assert page.count("Ajouter à mon parcours") == count


@pytest.mark.parametrize("count", [3, 9])
def test_shared_path_query_count(
    login, member, lead_link, count, only_our_steps, django_assert_num_queries
):
    for i in range(count * 2):
        services.entry_create(person=member, title=f"Étape {i}", private=i % 2 == 0)
    services.share_add(owner=member, viewer=lead_link)
    client = login(lead_link)
    # Queries: session, user; the person; whether he shared his path with the user
    # (asked once: the steps read the answer kept on the user); the non-private entries.
    with django_assert_num_queries(5):
        response = client.get(path_url(member))
    assert response.content.decode().count('class="card path-step"') == count


@pytest.mark.parametrize("count", [3, 9])
def test_share_list_query_count(login, member, count, django_assert_num_queries):
    for _ in range(count):
        services.share_add(owner=member, viewer=PersonFactory())
        services.share_add(owner=PersonFactory(), viewer=member)
    client = login(member)
    # Queries: session, user; my shares with their viewers; the paths shared with me
    # with their owners.
    with django_assert_num_queries(4):
        response = client.get(reverse("people:shares"))
    page = response.content.decode()
    assert page.count("Ne plus partager avec") == count
    assert page.count('">Parcours de ') == count


def test_a_private_step_of_another_module_stays_with_the_person(login, member, hr, monkeypatch):
    """A module may show a private step to someone entitled (coaching to the
    coordinator, an onboarding to HR); on a path shared with him, the page still keeps
    what is marked « privé » for the person alone."""

    def onboarding(*, person, viewer):
        return [
            PathStep(date=timezone.localdate(), kind="onboarding", title="Arrivée", private=True),
            PathStep(date=timezone.localdate(), kind="training", title="Formation suivie"),
        ]

    monkeypatch.setitem(panels._PANELS, "talent_path", [(50, "tests.onboarding", onboarding)])
    services.share_add(owner=member, viewer=hr)
    page = login(hr).get(path_url(member)).content.decode()
    assert page.count('class="card path-step"') == 1
    assert "Formation suivie" in page and "Arrivée" not in page
    page = login(member).get(MY_PATH).content.decode()
    assert page.count('class="card path-step"') == 2 and "Arrivée" in page


def test_the_same_suggestion_is_sent_once(
    login, member, agent, formats, django_capture_on_commit_callbacks
):
    client = login(agent)
    url = reverse("people:suggest", args=[member.pk])
    data = {"item": formats["coaching"].pk, "message": "Fonce"}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
        response = client.post(url, {**data, "message": "Fonce encore"})
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "Vous avez déjà suggéré ce format à cette personne : elle n&#x27;y a pas encore répondu."
        in page
    )
    assert "Fonce encore</textarea>" in page
    assert Suggestion.objects.count() == 1
    assert Notification.objects.filter(recipient=member).count() == 1
    # Another format, or the same once he has answered, may be suggested.
    client.post(url, {"item": formats["mentoring"].pk, "message": "Ou un mentor"})
    services.suggestion_dismiss(
        suggestion=Suggestion.objects.get(item=formats["coaching"]), by=member
    )
    assert client.post(url, data).status_code == 302
    assert Suggestion.objects.count() == 3


def test_entry_abilities_follow_the_share(member, lead_link, agent, admin, hr):
    public = services.entry_create(person=member, title="Public", private=False)
    private = services.entry_create(person=member, title="Privé", private=True)
    services.share_add(owner=member, viewer=lead_link)
    mine = {"view": True, "update": True, "delete": True}
    assert permissions.entry_abilities(member, public) == mine
    assert permissions.entry_abilities(member, private) == mine
    shared = {"view": True, "update": False, "delete": False}
    assert permissions.entry_abilities(lead_link, public) == shared
    nothing = {"view": False, "update": False, "delete": False}
    assert permissions.entry_abilities(lead_link, private) == nothing
    # Not shared with them: nothing, not even the non-private entries.
    for person in (agent, admin, hr):
        assert permissions.entry_abilities(person, public) == nothing


def test_sharing_again_does_not_notify_again_while_unread(
    member, lead_link, django_capture_on_commit_callbacks
):
    # Each call commits on its own, like the requests of the sharing page.
    with django_capture_on_commit_callbacks(execute=True):
        share = services.share_add(owner=member, viewer=lead_link)
    services.share_revoke(share=share, by=member)
    with django_capture_on_commit_callbacks(execute=True):
        share = services.share_add(owner=member, viewer=lead_link)
    assert Notification.objects.filter(recipient=lead_link).count() == 1
    Notification.objects.update(read_at=timezone.now())
    services.share_revoke(share=share, by=member)
    with django_capture_on_commit_callbacks(execute=True):
        services.share_add(owner=member, viewer=lead_link)
    assert Notification.objects.filter(recipient=lead_link, read_at__isnull=True).count() == 1


def test_a_step_dated_with_a_datetime_does_not_break_the_page(login, member, monkeypatch):
    now = timezone.now()

    def missions(*, person, viewer):
        return [PathStep(date=now, kind="mission", title="Mission du jour")]

    def trainings(*, person, viewer):
        return [
            PathStep(
                date=now.date() - datetime.timedelta(days=2), kind="training", title="Ancienne"
            )
        ]

    monkeypatch.setitem(
        panels._PANELS,
        "talent_path",
        [(30, "tests.missions", missions), (40, "tests.t", trainings)],
    )
    response = login(member).get(MY_PATH)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Mission du jour") < page.index("Ancienne")


def test_accepting_a_suggestion_whose_author_is_gone(login, member, formats):
    """The author is a nullable join: locking the suggestion must lock its row only
    (PostgreSQL refuses FOR UPDATE on the nullable side of an outer join: CI runs
    this on PostgreSQL too)."""
    author = PersonFactory(first_name="Paul", last_name="Parti")
    suggestion = services.suggestion_create(
        author=author, person=member, item=formats["tutoring"], message="Un tuteur ?"
    )
    Suggestion.objects.filter(pk=suggestion.pk).update(author=None)
    response = login(member).post(reverse("people:suggestion_accept", args=[suggestion.pk]))
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == "accepted"
    assert suggestion.entry.body == "Suggéré par un collègue : Un tuteur ?"
    page = login(member).get(MY_PATH).content.decode()
    assert "Suggéré par un collègue : Un tuteur ?" in page
