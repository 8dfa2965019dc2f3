"""Meeting templates (defaults from the migration, admins' pages), planning from a
template (agenda, checklist, charter), the checklist, and the tactical triage where
participants add tensions live."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from cercles.knowledge.models import Page, PageKind
from cercles.meetings import services
from cercles.meetings.models import (
    AgendaItemKind,
    Meeting,
    MeetingChecklistItem,
    MeetingTemplate,
)

TACTICAL = "Réunion tactique (holacratie)"


def tactical():
    return MeetingTemplate.objects.get(name=TACTICAL)


@pytest.fixture
def charter(db):
    return Page.objects.create(slug="charte", title="Charte de nos réunions", kind=PageKind.CHARTER)


# --- the defaults ----------------------------------------------------------------------


def test_default_templates_come_with_the_installation(db):
    kinds = set(MeetingTemplate.objects.values_list("kind", flat=True))
    assert kinds == {"tactical", "governance", "workshop", "seminar", "inter_service"}
    template = tactical()
    assert [(i.title, i.time_box_minutes, i.kind) for i in template.agenda_items.all()] == [
        ("Tour d'inclusion", 5, "item"),
        ("Revue de la checklist", 5, "item"),
        ("Revue des indicateurs", 10, "item"),
        ("Point sur les projets", 15, "item"),
        ("Triage des tensions", 20, "triage"),
        ("Tour de clôture", 5, "item"),
    ]
    assert template.checklist_items.count() == 7


# --- planning from a template ----------------------------------------------------------


def test_planning_from_a_template_copies_agenda_checklist_charter(org, admin, charter):
    template = tactical()
    services.template_save(
        by=admin,
        template=template,
        name=template.name,
        kind="tactical",
        agenda="Météo | 5\nTriage | 20 | triage",
        checklist="Salle prête",
        charter=charter,
    )
    meeting = services.meeting_create(
        by=admin, circle=org["rh"], title="Tactique", starts_at=timezone.now(), template=template
    )
    assert meeting.template == template and meeting.charter == charter
    assert [(i.title, i.kind, i.position) for i in meeting.agenda_items.all()] == [
        ("Météo", "item", 0),
        ("Triage", "triage", 1),
    ]
    assert [c.text for c in meeting.checklist_items.all()] == ["Salle prête"]
    # Changing the template afterwards leaves the meeting's copy alone.
    services.template_save(by=admin, template=template, name=template.name, kind="tactical")
    assert meeting.agenda_items.count() == 2


def test_without_a_charter_the_organisation_s_is_used(org, admin, charter):
    meeting = services.meeting_create(
        by=admin, circle=org["rh"], title="Sans modèle", starts_at=timezone.now()
    )
    assert meeting.charter == charter and meeting.template is None


def test_plan_from_a_template_through_the_page(login, org, facilitator, charter):
    url = reverse("meetings:meeting_create", args=[org["rh"].pk])
    page = login(facilitator).get(url).content.decode()
    assert TACTICAL in page
    response = login(facilitator).post(
        url,
        {
            "template": str(tactical().pk),
            "title": "Tactique d'avril",
            "kind": "tactical",
            "starts_at": "2030-04-03T09:00",
            "duration_minutes": "60",
            "speaking_time_limit_seconds": "120",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    body = login(facilitator).get(response.url).content.decode()
    assert "Revue de la checklist" in body and "Les indicateurs du cercle sont à jour" in body
    assert "Charte de nos réunions" in body and meeting.checklist_items.count() == 7


def test_bad_template_choice(login, org, facilitator):
    response = login(facilitator).post(
        reverse("meetings:meeting_create", args=[org["rh"].pk]),
        {"template": "999999", "title": "X", "kind": "tactical", "starts_at": "2030-04-03T09:00"},
    )
    assert (
        response.status_code == 200 and "Sélectionnez un choix valide" in response.content.decode()
    )
    assert not Meeting.objects.exists()


# --- admins' pages ---------------------------------------------------------------------


def test_only_admins_edit_templates(client, login, admin, lead_link, member):
    pages = [
        reverse("meetings:template_list"),
        reverse("meetings:template_create"),
        reverse("meetings:template_update", args=[tactical().pk]),
    ]
    for page in pages:
        client.logout()
        assert client.get(page).status_code == 302
        assert login(member).get(page).status_code == 403
        assert login(lead_link).get(page).status_code == 403
        assert login(admin).get(page).status_code == 200
    with pytest.raises(PermissionDenied):
        services.template_save(by=lead_link, name="Mien", kind="other")


def test_template_list_query_count(login, admin, django_assert_num_queries):
    client = login(admin)
    # Queries: session, user; the templates with charter and counts.
    with django_assert_num_queries(3):
        body = client.get(reverse("meetings:template_list")).content.decode()
    assert TACTICAL in body
    for i in range(4):
        services.template_save(by=admin, name=f"Modèle {i}", kind="other", agenda="A | 5")
    with django_assert_num_queries(3):
        body = client.get(reverse("meetings:template_list")).content.decode()
    assert "Modèle 3" in body


def test_edit_a_template(login, admin):
    template = tactical()
    url = reverse("meetings:template_update", args=[template.pk])
    page = login(admin).get(url).content.decode()
    assert "Triage des tensions | 20 | triage" in page
    response = login(admin).post(
        url,
        {
            "name": "Tactique courte",
            "kind": "tactical",
            "agenda": "Tour d'inclusion | 3\n\nTriage | 15 | triage\nClôture",
            "checklist": "Fin à l'heure",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.name == "Tactique courte"
    assert [(i.title, i.time_box_minutes) for i in template.agenda_items.all()] == [
        ("Tour d'inclusion", 3),
        ("Triage", 15),
        ("Clôture", None),
    ]


def test_bad_template_input_keeps_the_text(login, admin):
    count = MeetingTemplate.objects.count()
    response = login(admin).post(
        reverse("meetings:template_create"),
        {
            "name": "Réunion de gouvernance",
            "kind": "tactical",
            "agenda": "Météo | cinq\nA | 5 | triage\nB | 5 | triage\n | 3",
            "checklist": "x" * 301,
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    for message in (
        "Un modèle porte déjà ce nom.",
        "Ligne 1 : « cinq » n&#x27;est pas une durée en minutes (1 à 1440).",
        "Un seul point de triage par ordre du jour.",
        "Ligne 4 : le titre manque.",
        "Ligne 1 : plus de 300 caractères.",
    ):
        assert message in body
    assert "Météo | cinq" in body
    assert MeetingTemplate.objects.count() == count


def test_parse_agenda_rejects_a_bad_third_part():
    with pytest.raises(ValidationError):
        services.parse_agenda("A | 5 | urgent")


# --- the checklist ---------------------------------------------------------------------


@pytest.fixture
def tactical_meeting(org, admin, facilitator, member, speakers):
    return services.meeting_create(
        by=admin, circle=org["rh"], title="Tactique", starts_at=timezone.now(), template=tactical()
    )


def test_organisers_tick_the_checklist(login, tactical_meeting, facilitator, member, agent):
    line = tactical_meeting.checklist_items.first()
    change = reverse("meetings:checklist_item_change", args=[line.pk])
    assert login(agent).post(change, {"done": "1"}).status_code == 404
    assert login(member).post(change, {"done": "1"}).status_code == 403
    assert login(facilitator).post(change, {"done": "1"}).status_code == 302
    line.refresh_from_db()
    assert line.done and line.done_by == facilitator
    response = login(facilitator).post(change, {"done": "oui"}, follow=True)
    assert "Action inconnue." in response.content.decode()
    closed = services.meeting_close(meeting=tactical_meeting, by=facilitator)
    assert closed.is_closed
    response = login(facilitator).post(change, {"done": "0"}, follow=True)
    assert response.status_code == 403
    assert MeetingChecklistItem.objects.get(pk=line.pk).done


# --- tensions, live --------------------------------------------------------------------


def test_participants_add_tensions_under_the_triage(tactical_meeting, facilitator, member, agent):
    with pytest.raises(ValidationError):  # not live yet
        services.tension_add(meeting=tactical_meeting, by=member, title="Planning")
    live = services.meeting_start(meeting=tactical_meeting, by=facilitator)
    services.tension_add(meeting=live, by=member, title="Planning des congés")
    services.tension_add(meeting=live, by=facilitator, title="Salle trop petite")
    titles = [i.title for i in live.agenda_items.all()]
    assert titles[4:] == [
        "Triage des tensions",
        "Planning des congés",
        "Salle trop petite",
        "Tour de clôture",
    ]
    tension = live.agenda_items.get(title="Planning des congés")
    assert tension.kind == AgendaItemKind.TENSION and tension.owner == member
    with pytest.raises(PermissionDenied):
        services.tension_add(meeting=live, by=agent, title="Intrus")
    with pytest.raises(ValidationError):
        services.tension_add(meeting=live, by=member, title="   ")


def test_tension_page_and_room(login, tactical_meeting, facilitator, member, agent, lead_link):
    url = reverse("meetings:tension_create", args=[tactical_meeting.pk])
    assert login(member).get(url).status_code == 403  # not live
    services.meeting_start(meeting=tactical_meeting, by=facilitator)
    assert login(agent).get(url).status_code == 404
    body = login(member).get(reverse("meetings:meeting_detail", args=[tactical_meeting.pk]))
    body = body.content.decode()
    assert "Ajouter une tension au triage" in body and 'id="room-tensions"' in body
    response = login(member).post(url, {"title": ""})
    assert response.status_code == 200
    assert "Décrivez la tension en quelques mots." in response.content.decode()
    response = login(member).post(url, {"title": "Astreintes"})
    assert response.status_code == 302
    body = login(lead_link).get(reverse("meetings:meeting_detail", args=[tactical_meeting.pk]))
    room = body.content.decode()
    room = room[
        room.index('id="room-tensions"') : room.index("</div>", room.index('id="room-tensions"'))
    ]
    assert "Astreintes" in room and "Marc Membre" in room
