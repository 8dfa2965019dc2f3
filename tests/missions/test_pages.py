"""The missions' pages: who sees and does what, bad input, htmx, query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cercles.missions import services
from cercles.missions.models import Application, ApplicationStatus, Mission, MissionStatus
from cercles.organisation.models import Assignment

TODAY = timezone.localdate


def days(n):
    return TODAY() + datetime.timedelta(days=n)


def url(name, obj=None):
    return reverse(f"missions:{name}", args=[obj.pk] if obj is not None else None)


def body_of(response) -> str:
    return response.content.decode()


def many_missions(make_mission, count, skills):
    missions = []
    for i in range(count):
        mission = make_mission(title=f"Mission {i}", new_role_name=f"Rôle {i}", share=10 + i)
        mission.skills.set(skills[: 1 + i % 3])
        missions.append(mission)
    return missions


# --- the marketplace -------------------------------------------------------------------


def test_marketplace_needs_login(client):
    response = client.get(url("marketplace"))
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_marketplace_lists_only_what_one_may_apply_to(login, make_mission, agent, poster):
    open_ = make_mission(title="Ouverte")
    make_mission(title="Brouillon", new_role_name="B", publish=False)
    closed = make_mission(title="Close", new_role_name="C")
    services.mission_close(mission=closed, by=poster)
    late = make_mission(title="Trop tard", new_role_name="D", deadline=days(0))
    Mission.objects.filter(pk=late.pk).update(deadline=days(-1))
    body = body_of(login(agent).get(url("marketplace")))
    assert "1 mission ouverte" in body and open_.title in body
    for title in ("Brouillon", "Close", "Trop tard"):
        assert title not in body
    assert "40 % du temps, soit 2 j par semaine" in body


def test_marketplace_filters(login, make_mission, agent, org, admin, skills):
    lawyer = make_mission(title="Juriste", share=40)
    lawyer.skills.set([skills[0]])
    make_mission(
        title="Accueil renfort",
        new_role_name="Renfort",
        share=20,
        kind="project",
        by=admin,
        circle=org["formation"],
    )
    client = login(agent)

    def titles(**params):
        body = body_of(client.get(url("marketplace"), params))
        return sorted(t for t in ("Juriste", "Accueil renfort") if t in body)

    assert titles() == ["Accueil renfort", "Juriste"]
    assert titles(circle=org["numerique"].pk) == ["Juriste"]
    assert titles(competency=skills[0].pk) == ["Juriste"]
    assert titles(share_max=30) == ["Accueil renfort"]
    assert titles(kind="project") == ["Accueil renfort"]
    # Nonsense is ignored, not an error.
    assert titles(share_max="beaucoup", circle="x", kind="autre") == ["Accueil renfort", "Juriste"]
    assert titles(share_max=5) == []


def test_marketplace_htmx_answers_the_results_only(login, make_mission, agent):
    make_mission()
    response = login(agent).get(url("marketplace"), {"share_max": 50}, HTTP_HX_REQUEST="true")
    body = body_of(response)
    assert "<html" not in body and "1 mission ouverte" in body
    full = body_of(login(agent).get(url("marketplace")))
    # Every hx-get has its plain href or action: the form works without JavaScript.
    assert 'action="/missions/"' in full and 'hx-get="/missions/"' in full


@pytest.mark.parametrize("count", [3, 7])
def test_marketplace_query_count(
    login, make_mission, agent, skills, count, django_assert_num_queries
):
    many_missions(make_mission, count, skills)
    client = login(agent)
    # Queries: session, user; the count and the page of missions (circle, role, the
    # user's application); their skills; the circles and competencies of the filters.
    with django_assert_num_queries(7):
        response = client.get(url("marketplace"))
    assert body_of(response).count('class="card mission-card"') == count


# --- a mission -------------------------------------------------------------------------


def test_a_draft_is_hidden_from_outsiders(login, make_mission, agent, member, poster):
    draft = make_mission(publish=False)
    assert login(agent).get(url("mission_detail", draft)).status_code == 404
    assert login(member).get(url("mission_detail", draft)).status_code == 404
    body = body_of(login(poster).get(url("mission_detail", draft)))
    assert "Publier la mission" in body and "Juriste contrats (créé à la publication)" in body


def test_mission_page_warns_who_would_exceed_100_percent(login, make_mission, member, agent):
    mission = make_mission(share=50)
    body = body_of(login(member).get(url("mission_detail", mission)))
    assert "cette mission porterait votre temps à 110 %" in body and "Candidater" in body
    body = body_of(login(agent).get(url("mission_detail", mission)))
    assert "porterait" not in body


@pytest.mark.parametrize("count", [3, 6])
def test_mission_detail_query_count(
    login, make_mission, member, skills, count, django_assert_num_queries, admin, org
):
    mission = make_mission()
    mission.skills.set(skills[: count // 2])
    client = login(member)
    # Queries: session, user; the mission (circle, role, author, his application); his
    # led circles; the skills; his assignments over the period (the 100 % warning).
    with django_assert_num_queries(6):
        response = client.get(url("mission_detail", mission))
    assert response.status_code == 200


# --- posting ---------------------------------------------------------------------------


def form_data(**overrides):
    data = {
        "title": "Juriste commercial",
        "kind": "role",
        "role": "",
        "new_role_name": "Juriste commercial",
        "description": "Sécuriser les contrats de vente.",
        "share": "40",
        "start_date": days(14).isoformat(),
        "end_date": days(200).isoformat(),
        "places": "1",
        "deadline": days(10).isoformat(),
    }
    data.update(overrides)
    return data


def test_create_form_is_for_who_manages_the_circle(login, org, member, agent, lead_link, poster):
    page = url("mission_create", org["numerique"])
    for person in (member, agent, lead_link):
        assert login(person).get(page).status_code == 403
    assert login(poster).get(page).status_code == 200
    assert login(poster).get(url("mission_create", org["rh"])).status_code == 403


def test_create_and_publish(login, org, poster, skills):
    response = login(poster).post(
        url("mission_create", org["numerique"]),
        {**form_data(), "skills": [skills[0].pk, skills[2].pk], "publish": "1"},
    )
    mission = Mission.objects.get()
    assert response.status_code == 302 and response.url == url("mission_detail", mission)
    assert mission.status == MissionStatus.OPEN and mission.role.name == "Juriste commercial"
    assert set(mission.skills.all()) == {skills[0], skills[2]}


def test_create_as_draft(login, org, poster):
    login(poster).post(url("mission_create", org["numerique"]), form_data())
    assert Mission.objects.get().status == MissionStatus.DRAFT


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"share": "140"}, "La part du temps est un pourcentage entre 1 et 100."),
        ({"share": "beaucoup"}, "La part du temps est un pourcentage entre 1 et 100."),
        ({"end_date": days(3).isoformat()}, "La fin doit venir après le début de la mission."),
        ({"title": ""}, "Donnez un titre à la mission."),
        ({"new_role_name": ""}, "Choisissez un rôle du cercle ou nommez le nouveau rôle à créer."),
        ({"start_date": days(-3).isoformat()}, "La mission ne peut pas commencer dans le passé."),
        ({"places": "0"}, "Indiquez un nombre de places entre 1 et 50."),
    ],
)
def test_create_bad_input(login, org, poster, overrides, message):
    data = form_data(**overrides)
    response = login(poster).post(url("mission_create", org["numerique"]), data)
    body = body_of(response)
    assert response.status_code == 200
    assert message.replace("'", "&#x27;") in body
    assert "Le formulaire contient des erreurs" in body
    assert 'value="Sécuriser' not in body  # a textarea keeps it as its content
    assert "Sécuriser les contrats de vente." in body
    assert not Mission.objects.exists()


def test_update_form_bad_input_then_success(login, mission, poster, member):
    page = url("mission_update", mission)
    assert login(member).get(page).status_code == 403
    data = form_data(title="Juriste", share="0")
    body = body_of(login(poster).post(page, data))
    assert "La part du temps est un pourcentage entre 1 et 100." in body
    assert 'value="Juriste"' in body
    mission.refresh_from_db()
    assert mission.share == 40 and mission.title == "Juriste pour les contrats"
    # The role of a published mission is shown but no longer changes.
    response = login(poster).post(page, form_data(title="Juriste", share="30"))
    assert response.status_code == 302
    mission.refresh_from_db()
    assert (mission.title, mission.share, mission.role.name) == ("Juriste", 30, "Juriste contrats")


def test_close_form(login, mission, poster, member, apply):
    application = apply(mission)
    page = url("mission_close", mission)
    assert login(member).get(page).status_code == 403
    body = body_of(login(poster).post(page, {"message": "x" * 5001}))
    assert "au plus 5000 caractères" in body and "x" * 5001 in body  # kept
    mission.refresh_from_db()
    assert mission.status == MissionStatus.OPEN
    response = login(poster).post(page, {"message": "Pourvue en interne."})
    assert response.status_code == 302
    mission.refresh_from_db()
    application.refresh_from_db()
    assert mission.status == MissionStatus.CLOSED
    assert application.decline_reason == "Pourvue en interne."


def test_publish_by_post(login, make_mission, poster, member):
    draft = make_mission(publish=False)
    assert login(member).post(url("mission_publish", draft)).status_code == 404
    assert login(poster).post(url("mission_publish", draft)).status_code == 302
    draft.refresh_from_db()
    assert draft.is_open


# --- applying --------------------------------------------------------------------------


def test_apply_bad_input_then_success(login, make_mission, member):
    mission = make_mission(share=50)
    page = url("mission_apply", mission)
    body = body_of(login(member).post(page, {"message": "   "}))
    assert "Dites en quelques mots pourquoi vous candidatez." in body
    assert "porterait votre temps à 110 %" in body
    body = body_of(login(member).post(page, {"message": "Long " * 1001}))
    assert "au plus 5000 caractères" in body and "Long Long Long" in body  # kept
    assert not Application.objects.exists()
    response = login(member).post(page, {"message": "La paie, je connais."}, follow=True)
    application = Application.objects.get()
    assert response.redirect_chain[-1][0] == url("application_detail", application)
    body = body_of(response)
    assert "Votre candidature est envoyée." in body and "porterait votre temps à 110 %" in body
    # Once applied, the form is closed to him.
    assert login(member).get(page).status_code == 403


def test_my_applications(login, make_mission, member, agent, apply):
    for i in range(2):
        apply(make_mission(title=f"Mission {i}", new_role_name=f"R{i}"))
    body = body_of(login(member).get(url("my_applications")))
    assert "Mission 0" in body and "Mission 1" in body and "En attente" in body
    assert "Mission 0" not in body_of(login(agent).get(url("my_applications")))


@pytest.mark.parametrize("count", [3, 6])
def test_my_applications_query_count(
    login, make_mission, member, apply, count, django_assert_num_queries
):
    for i in range(count):
        apply(make_mission(title=f"Mission {i}", new_role_name=f"R{i}", share=5))
    client = login(member)
    # Queries: session, user; the count and the page of his applications with missions
    # and circles.
    with django_assert_num_queries(4):
        response = client.get(url("my_applications"))
    assert body_of(response).count("<tr>") == count + 1


# --- managing the applications ---------------------------------------------------------


@pytest.mark.parametrize("count", [3, 6])
def test_mission_applications_query_count(
    login, make_mission, poster, count, django_assert_num_queries
):
    from tests.factories import PersonFactory

    mission = make_mission(places=count)
    for i in range(count):
        application, _w = services.application_create(
            mission=mission, person=PersonFactory(), message=f"Moi {i}"
        )
        if i % 2:
            services.application_select(application=application, by=poster)
    client = login(poster)
    # Queries: session, user; the mission; his led circles and the tree; the
    # applications with applicants; the lead links informed; the applicants' shares.
    with django_assert_num_queries(8):
        response = client.get(url("mission_applications", mission))
    assert body_of(response).count("<tr>") == count + 1


def test_select_then_accept_through_the_pages(login, mission, member, poster, lead_link, apply):
    application = apply(mission)
    page = url("application_detail", application)
    # Before the selection the member's lead link (of another circle) does not see it.
    assert login(lead_link).get(page).status_code == 404
    body = body_of(login(poster).get(url("mission_applications", mission)))
    assert "Marc Membre" in body and "60 % (100 % avec la mission)" in body
    response = login(poster).post(url("application_select", application), follow=True)
    assert "La candidature est retenue" in body_of(response)
    body = body_of(login(lead_link).get(page))
    assert "Retenue, à confirmer" in body and "Envoyer" in body  # may discuss
    assert "Accepter la mission" not in body and "Refuser" not in body  # no veto
    response = login(member).post(url("application_accept", application), follow=True)
    assert "Vous avez accepté la mission" in body_of(response)
    assignment = Assignment.objects.get(person=member, role=mission.role)
    body = body_of(login(poster).get(reverse("organisation:person_detail", args=[member.pk])))
    assert "Juriste contrats" in body
    assert assignment.share == 40


def test_accepting_above_100_percent_shows_the_refusal(
    login, mission, member, poster, admin, org, apply
):
    from cercles.organisation import services as org_services

    application = services.application_select(application=apply(mission), by=poster)
    role = org_services.role_create(by=admin, circle=org["formation"], name="Tuteur")
    org_services.assignment_create(role=role, person=member, by=admin, share=30)
    response = login(member).post(url("application_accept", application), follow=True)
    assert "Cette mission porterait votre temps à 130 %" in body_of(response)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SELECTED
    assert not Assignment.objects.filter(role=mission.role).exists()


def test_decline_form(login, mission, member, poster, apply):
    application = apply(mission)
    page = url("application_decline", application)
    assert login(member).get(page).status_code == 403
    body = body_of(login(poster).post(page, {"reason": ""}))
    assert "Expliquez au candidat pourquoi il n&#x27;est pas retenu." in body
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
    login(poster).post(page, {"reason": "Un autre profil."})
    application.refresh_from_db()
    assert (application.status, application.decline_reason) == ("declined", "Un autre profil.")


def test_discussion_bad_input_and_outsiders(login, mission, member, poster, agent, apply):
    application = apply(mission)
    page = url("application_message", application)
    assert login(agent).post(page, {"body": "Coucou"}).status_code == 404
    response = login(poster).post(page, {"body": ""})
    assert response.status_code == 400 and "Écrivez votre message." in body_of(response)
    response = login(poster).post(page, {"body": "Quand êtes-vous disponible ?"})
    assert response.status_code == 302
    body = body_of(login(member).get(url("application_detail", application)))
    assert "Quand êtes-vous disponible ?" in body


def test_withdraw(login, mission, member, apply, agent):
    application = apply(mission)
    assert login(agent).post(url("application_withdraw", application)).status_code == 404
    login(member).post(url("application_withdraw", application))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


@pytest.mark.parametrize("messages", [3, 6])
def test_application_detail_query_count(
    login, mission, member, poster, apply, messages, django_assert_num_queries
):
    application = services.application_select(application=apply(mission), by=poster)
    for i in range(messages):
        services.application_message_create(
            application=application, by=member if i % 2 else poster, body=f"Message {i}"
        )
    client = login(member)
    # Queries: session, user; the application (mission, circle, role, author, applicant);
    # the lead links informed; his led circles; the messages with their authors.
    with django_assert_num_queries(6):
        response = client.get(url("application_detail", application))
    assert body_of(response).count("Message ") == messages


def test_with_the_veto_setting_the_lead_link_answers_on_the_page(
    settings, login, mission, member, poster, lead_link, apply
):
    settings.CERCLES_MISSIONS_LEAD_LINK_VETO = True
    application = services.application_select(application=apply(mission), by=poster)
    page = url("application_detail", application)
    body = body_of(login(member).get(page))
    assert "Vos premiers liens doivent d'abord donner leur accord." in body
    assert "Accepter la mission" not in body
    body = body_of(login(lead_link).get(page))
    assert "Donner mon accord" in body and "Refuser" in body
    login(lead_link).post(url("application_answer", application), {"agree": "1"})
    body = body_of(login(member).get(page))
    assert "Accepter la mission" in body and "Léa Lien — D&#x27;accord" in body


@pytest.mark.parametrize("field", ["role", "skills"])
def test_mission_form_refuses_an_impossible_id(login, poster, org, field):
    # Regression: an id past 2**63 crashed the form's lookup (OverflowError on SQLite,
    # DataError on PostgreSQL): a 500 instead of a message.
    response = login(poster).post(
        reverse("missions:mission_create", args=[org["numerique"].pk]),
        {
            "title": "Juriste",
            "kind": "role",
            "new_role_name": "Juriste",
            "share": "40",
            "start_date": days(7).isoformat(),
            "end_date": days(90).isoformat(),
            "places": "1",
            field: "99999999999999999999",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        field: ["« 99999999999999999999 » n'est pas un choix possible."]
    }
    assert 'value="Juriste"' in response.content.decode()
    assert not Mission.objects.exists()
