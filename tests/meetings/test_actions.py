"""Actions from a meeting: who creates and ticks them, the forms, "Mes actions", the
person page's panel (filtered by what the reader may see) and query counts."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from cercles.meetings import services
from cercles.meetings.models import MeetingAction

TODAY = timezone.localdate()


def detail(meeting):
    return reverse("meetings:meeting_detail", args=[meeting.pk])


def new_action_url(meeting):
    return reverse("meetings:action_create", args=[meeting.pk])


def done_url(action):
    return reverse("meetings:action_done", args=[action.pk])


@pytest.fixture
def action(meeting, facilitator, member):
    return services.action_create(
        meeting=meeting,
        by=facilitator,
        title="Envoyer le planning",
        owner=member,
        due_on=TODAY + datetime.timedelta(days=7),
    )


# --- services --------------------------------------------------------------------------


def test_organisers_create_actions(meeting, facilitator, secretary, lead_link, admin, member):
    item = services.agenda_item_create(meeting=meeting, by=admin, title="Recrutements")
    for person in (facilitator, lead_link, admin):
        services.action_create(meeting=meeting, by=person, title="Relancer", agenda_item=item)
    assert meeting.actions.count() == 3
    assert {a.agenda_item for a in meeting.actions.all()} == {item}
    with pytest.raises(PermissionDenied):
        services.action_create(meeting=meeting, by=member, title="Moi aussi")
    assert meeting.actions.count() == 3


def test_secretary_of_the_circle_creates_actions_after_the_meeting(
    closed_meeting, secretary, member
):
    created = services.action_create(meeting=closed_meeting, by=secretary, title="Compte rendu")
    assert created.created_by == secretary


def test_bad_action_input(meeting, facilitator, org, admin):
    other = services.meeting_create(
        by=admin, circle=org["numerique"], title="Autre", starts_at=timezone.now()
    )
    foreign = services.agenda_item_create(meeting=other, by=admin, title="Ailleurs")
    with pytest.raises(ValidationError) as error:
        services.action_create(meeting=meeting, by=facilitator, title="  ")
    assert "title" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.action_create(meeting=meeting, by=facilitator, title="X", agenda_item=foreign)
    assert error.value.message_dict["agenda_item"] == ["Ce point n'est pas à l'ordre du jour."]
    assert not MeetingAction.objects.exists()


def test_owner_and_organisers_tick_others_do_not(action, member, facilitator, speakers):
    services.action_set_done(action=action, by=member, done=True)
    action.refresh_from_db()
    assert action.done and action.done_at is not None and action.done_by == member
    services.action_set_done(action=action, by=facilitator, done=False)
    action.refresh_from_db()
    assert not action.done and action.done_at is None and action.done_by is None
    with pytest.raises(PermissionDenied):
        services.action_set_done(action=action, by=speakers[0], done=True)


# --- pages -----------------------------------------------------------------------------


def test_create_from_the_meeting_page(login, facilitator, member, meeting):
    body = login(facilitator).get(detail(meeting)).content.decode()
    assert "Ajouter l'action" in body
    response = login(facilitator).post(
        new_action_url(meeting),
        {"title": "Réserver la salle", "owner": str(member.pk), "due_on": "2030-01-15"},
    )
    assert response.status_code == 302 and response.url == detail(meeting) + "#actions"
    created = meeting.actions.get()
    assert (created.title, created.owner, created.due_on) == (
        "Réserver la salle",
        member,
        datetime.date(2030, 1, 15),
    )
    body = login(member).get(detail(meeting)).content.decode()
    assert "Réserver la salle" in body and "Ajouter l'action" not in body
    assert "Marquer faite" in body  # he owns it


def test_bad_input_keeps_the_values(login, facilitator, meeting, agent):
    response = login(facilitator).post(
        new_action_url(meeting),
        {"title": "", "owner": str(agent.pk), "due_on": "le 3 mai", "agenda_item": "999999"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    for message in (
        "Décrivez l&#x27;action.",
        "Choisissez un participant ou un membre du cercle.",
        "Indiquez une date, par exemple 2025-04-30.",
        "Ce point n&#x27;est pas à l&#x27;ordre du jour.",
    ):
        assert message in body
    assert 'value="le 3 mai"' in body
    assert not MeetingAction.objects.exists()


def test_who_opens_the_action_pages(client, login, agent, member, facilitator, meeting, action):
    create = new_action_url(meeting)
    edit = reverse("meetings:action_update", args=[action.pk])
    assert client.get(create).status_code == 302  # to the login page
    assert login(agent).get(create).status_code == 404
    assert login(agent).get(edit).status_code == 404
    assert login(member).get(create).status_code == 403
    assert login(member).get(edit).status_code == 403
    assert login(facilitator).get(create).status_code == 200
    assert login(facilitator).get(edit).status_code == 200


def test_edit_and_delete(login, facilitator, action, speakers):
    edit = reverse("meetings:action_update", args=[action.pk])
    page = login(facilitator).get(edit).content.decode()
    assert 'value="Envoyer le planning"' in page
    response = login(facilitator).post(
        edit, {"title": "Envoyer le planning corrigé", "owner": str(speakers[0].pk)}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.title, action.owner, action.due_on) == (
        "Envoyer le planning corrigé",
        speakers[0],
        None,
    )
    delete = reverse("meetings:action_delete", args=[action.pk])
    assert login(facilitator).get(delete).status_code == 405
    assert login(facilitator).post(delete).status_code == 302
    assert not MeetingAction.objects.exists()


def test_tick_from_a_page(login, member, speakers, agent, action):
    assert login(agent).post(done_url(action), {"done": "1"}).status_code == 404
    assert login(speakers[0]).post(done_url(action), {"done": "1"}).status_code == 403
    response = login(member).post(done_url(action), {"done": "1", "next": "/actions/"})
    assert response.status_code == 302 and response.url == "/actions/"
    action.refresh_from_db()
    assert action.done
    # A `next` elsewhere is ignored; nonsense is refused without a change.
    response = login(member).post(done_url(action), {"done": "0", "next": "https://ailleurs.fr/"})
    assert response.url.endswith("#actions")
    response = login(member).post(done_url(action), {"done": "peut-être"}, follow=True)
    assert "Action inconnue." in response.content.decode()
    action.refresh_from_db()
    assert not action.done


# --- "Mes actions" and the person page ------------------------------------------------


def add_actions(meeting, by, owner, count, done=0):
    for i in range(count):
        created = services.action_create(
            meeting=meeting,
            by=by,
            title=f"Action {meeting.pk}-{i}",
            owner=owner,
            due_on=TODAY + datetime.timedelta(days=i - 1),
        )
        if i < done:
            services.action_set_done(action=created, by=by, done=True)


def test_my_actions(login, member, meeting, facilitator, django_assert_num_queries, client):
    url = reverse("meetings:my_actions")
    assert client.get(url).status_code == 302
    add_actions(meeting, facilitator, member, 3, done=1)
    client = login(member)
    # Queries: session, user; his roles and led circles (the meetings he sees); the
    # count and the page of open actions; the count and the page of done ones.
    with django_assert_num_queries(8):
        response = client.get(url)
    body = response.content.decode()
    assert "À faire (2)" in body and "Faites (1)" in body
    assert "en retard" not in body  # the first, due yesterday, is done
    add_actions(meeting, facilitator, member, 6, done=0)
    with django_assert_num_queries(8):
        body = client.get(url).content.decode()
    assert "À faire (8)" in body and "en retard" in body


def test_person_page_lists_his_actions_to_those_who_see_the_meeting(
    login, org, admin, member, facilitator, agent, meeting, own_panels
):
    other = services.meeting_create(
        by=admin, circle=org["numerique"], title="Numérique", starts_at=timezone.now()
    )
    services.action_create(meeting=meeting, by=facilitator, title="Action RH", owner=member)
    services.action_create(meeting=other, by=admin, title="Action numérique", owner=member)
    url = reverse("organisation:person_detail", args=[member.pk])
    # A colleague of RH sees the RH action only; someone without role sees none.
    body = login(facilitator).get(url).content.decode()
    assert "Action RH" in body and "Action numérique" not in body
    body = login(agent).get(url).content.decode()
    assert "Action RH" not in body and "Actions issues des réunions" not in body
    body = login(admin).get(url).content.decode()
    assert "Action RH" in body and "Action numérique" in body
    # His own page: both visible to him? He takes part in RH's meeting only.
    body = login(member).get(reverse("organisation:my_roles")).content.decode()
    assert "Mes actions" in body and "Action RH" in body and "Action numérique" not in body


def test_person_panel_query_count(
    login, member, facilitator, meeting, django_assert_num_queries, own_panels
):
    add_actions(meeting, facilitator, member, 3, done=1)
    url = reverse("organisation:person_detail", args=[member.pk])
    client = login(facilitator)
    # The person page's 4 queries (session, user, person, his assignments), then the
    # panel: the reader's roles and led circles, the open actions, the done ones.
    with django_assert_num_queries(8):
        client.get(url)
    add_actions(meeting, facilitator, member, 8, done=4)
    with django_assert_num_queries(8):
        body = client.get(url).content.decode()
    assert body.count("Action ") >= 10


# --- API -------------------------------------------------------------------------------

ACTIONS = "/api/v1/meeting-actions/"


def test_api_lists_what_one_may_see(
    api_client, member, agent, meeting, facilitator, django_assert_num_queries
):
    add_actions(meeting, facilitator, member, 2)
    assert api_client(agent).get(ACTIONS).json()["results"] == []
    client = api_client(member)
    # Queries: session, user; his roles and led circles; the count; the page with
    # meetings and owners; the meetings' other circles; his participant rows.
    with django_assert_num_queries(8):
        rows = client.get(ACTIONS).json()["results"]
    assert len(rows) == 2 and rows[0]["abilities"] == {"view": True, "tick": True, "update": False}
    add_actions(meeting, facilitator, member, 5)
    with django_assert_num_queries(8):
        assert (
            len(client.get(ACTIONS, {"owner": member.pk, "done": "false"}).json()["results"]) == 7
        )
    assert client.get(ACTIONS, {"done": "peut-être"}).status_code == 400


def test_api_create_change_tick_delete(api_client, member, facilitator, meeting, agent):
    payload = {"meeting": meeting.pk, "title": "Rédiger la fiche", "owner": member.pk}
    assert (
        api_client(member).post(ACTIONS, payload, content_type="application/json").status_code
        == 403
    )
    response = api_client(agent).post(ACTIONS, payload, content_type="application/json")
    assert response.status_code == 400 and "meeting" in response.json()
    response = api_client(facilitator).post(ACTIONS, payload, content_type="application/json")
    assert response.status_code == 201
    pk = response.json()["id"]
    url = f"{ACTIONS}{pk}/"
    response = api_client(facilitator).patch(
        url, {"due_on": "2031-02-03"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["due_on"] == "2031-02-03"
    assert (
        api_client(member).patch(url, {"title": "x"}, content_type="application/json").status_code
        == 403
    )
    response = api_client(member).post(
        f"{url}done/", {"done": True}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["done"] is True
    assert api_client(member).delete(url).status_code == 403
    assert api_client(facilitator).delete(url).status_code == 204
    assert not MeetingAction.objects.exists()


def test_api_bad_input(api_client, facilitator, meeting):
    response = api_client(facilitator).post(
        ACTIONS,
        {"meeting": meeting.pk, "title": "", "due_on": "1900-01-01", "owner": 999999},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"title", "due_on", "owner"}
    assert not MeetingAction.objects.exists()
