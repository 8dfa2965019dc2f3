"""The missions' services: posting, applying, selecting, accepting, and the 100 % rule."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cercles.core.models import Notification
from cercles.missions import services
from cercles.missions.models import (
    Application,
    ApplicationLeadLink,
    ApplicationMessage,
    ApplicationStatus,
    LeadLinkOpinion,
    Mission,
    MissionStatus,
)
from cercles.organisation import services as org_services
from cercles.organisation.models import Assignment, Role
from tests.factories import PersonFactory

TODAY = timezone.localdate


def days(n):
    return TODAY() + datetime.timedelta(days=n)


# --- posting ---------------------------------------------------------------------------


def test_publishing_creates_the_new_role_in_the_circle(make_mission, org, poster):
    mission = make_mission(publish=False)
    assert mission.status == MissionStatus.DRAFT and mission.role is None
    assert not Role.objects.filter(name="Juriste contrats").exists()
    services.mission_publish(mission=mission, by=poster)
    mission.refresh_from_db()
    assert mission.status == MissionStatus.OPEN and mission.published_at is not None
    assert mission.role.name == "Juriste contrats" and mission.role.circle == org["numerique"]
    assert mission.new_role_name == ""
    assert mission.days_per_week == 2


def test_a_mission_may_take_an_existing_role(make_mission, org, admin, poster):
    role = org_services.role_create(by=admin, circle=org["numerique"], name="Testeur")
    mission = make_mission(role=role, new_role_name="", kind="project")
    assert mission.role == role and mission.is_open


def test_only_who_manages_the_circle_posts(make_mission, member, lead_link, org):
    with pytest.raises(PermissionDenied):
        make_mission(by=member)
    # The lead link of Ressources humaines does not manage Numérique.
    with pytest.raises(PermissionDenied):
        make_mission(by=lead_link)
    assert not Mission.objects.exists()


def test_admin_posts_anywhere(make_mission, admin):
    assert make_mission(by=admin).is_open


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"title": "  "}, "title", "Donnez un titre à la mission."),
        ({"share": 0}, "share", "La part du temps est un pourcentage entre 1 et 100."),
        ({"share": 140}, "share", "La part du temps est un pourcentage entre 1 et 100."),
        ({"end_date": days(7)}, "end_date", "La fin doit venir après le début de la mission."),
        ({"start_date": days(-1)}, "start_date", "La mission ne peut pas commencer dans le passé."),
        (
            {"deadline": days(30)},
            "deadline",
            "Les candidatures doivent être closes au plus tard au début.",
        ),
        (
            {"new_role_name": ""},
            "role",
            "Choisissez un rôle du cercle ou nommez le nouveau rôle à créer.",
        ),
        (
            {"new_role_name": "premier LIEN"},
            "new_role_name",
            "Ce cercle a déjà un rôle de ce nom : choisissez-le dans la liste.",
        ),
    ],
)
def test_bad_mission_input_writes_nothing(make_mission, fields, field, message):
    with pytest.raises(ValidationError) as exc:
        make_mission(**fields)
    assert exc.value.message_dict[field] == [message]
    assert not Mission.objects.exists()


def test_a_core_role_or_a_role_of_another_circle_is_refused(make_mission, org, admin):
    rh_role = org_services.role_create(by=admin, circle=org["rh"], name="Paie")
    with pytest.raises(ValidationError) as exc:
        make_mission(role=rh_role, new_role_name="")
    assert exc.value.message_dict["role"] == [
        "Choisissez un rôle actif du cercle (pas un rôle structurel)."
    ]


def test_update_keeps_the_role_of_a_published_mission(mission, poster):
    services.mission_update(mission=mission, by=poster, title="Juriste", share=20)
    mission.refresh_from_db()
    assert (mission.title, mission.share) == ("Juriste", 20)
    with pytest.raises(ValidationError):
        services.mission_update(mission=mission, by=poster, kind="project")


# --- applying --------------------------------------------------------------------------


def test_one_live_application_per_person(mission, apply, member):
    first = apply(mission)
    with pytest.raises(ValidationError) as exc:
        apply(mission)
    assert exc.value.messages == ["Vous avez déjà candidaté à cette mission."]
    services.application_withdraw(application=first, by=member)
    second = apply(mission, message="Je recommence.")
    assert second.status == ApplicationStatus.PENDING
    assert Application.objects.filter(mission=mission, person=member).count() == 2


def test_applying_needs_a_message_and_an_open_mission(make_mission, member):
    mission = make_mission()
    with pytest.raises(ValidationError) as exc:
        services.application_create(mission=mission, person=member, message="  ")
    assert exc.value.message_dict["message"] == ["Dites en quelques mots pourquoi vous candidatez."]
    draft = make_mission(publish=False, new_role_name="Autre rôle")
    with pytest.raises(ValidationError):
        services.application_create(mission=draft, person=member, message="Moi.")
    past_deadline = make_mission(new_role_name="Troisième", deadline=days(0))
    Mission.objects.filter(pk=past_deadline.pk).update(deadline=days(-1))
    past_deadline.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.application_create(mission=past_deadline, person=member, message="Moi.")
    assert exc.value.messages == ["Cette mission ne reçoit plus de candidatures."]
    assert not Application.objects.exists()


def test_applying_above_100_percent_warns_but_is_recorded(make_mission, member, poster):
    mission = make_mission(share=80)
    with pytest.raises(ValidationError):  # no message: nothing to check here
        services.application_create(mission=mission, person=member, message="")
    application, warning = services.application_create(
        mission=mission, person=member, message="Je veux bien."
    )
    assert application.pk
    assert warning.startswith("Attention : cette mission porterait votre temps à 140 % le ")


def test_the_poster_is_told_of_an_application(
    mission, member, poster, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.application_create(mission=mission, person=member, message="Moi.")
    note = Notification.objects.get(recipient=poster)
    assert note.kind == "mission_application" and "Juriste pour les contrats" in note.text


# --- selecting and accepting -----------------------------------------------------------


def test_selection_informs_the_lead_links_who_may_then_see_and_discuss(
    mission, apply, member, poster, lead_link, django_capture_on_commit_callbacks
):
    application = apply(mission)
    assert not Application.objects.visible_to(lead_link).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_select(application=application, by=poster)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SELECTED
    assert application.selected_by == poster
    row = ApplicationLeadLink.objects.get(application=application)
    assert (row.person, row.opinion) == (lead_link, LeadLinkOpinion.INFORMED)
    assert Notification.objects.get(recipient=lead_link).kind == "mission_lead_link"
    assert Notification.objects.get(recipient=member).kind == "mission_selected"
    assert list(Application.objects.visible_to(lead_link)) == [application]
    services.application_message_create(
        application=application, by=lead_link, body="On en parle lundi ?"
    )
    assert ApplicationMessage.objects.get().author == lead_link


def test_acceptance_creates_the_assignment(mission, apply, member, poster):
    application = services.application_select(application=apply(mission), by=poster)
    application = services.application_accept(application=application, by=member)
    assignment = Assignment.objects.get(person=member, role=mission.role)
    assert application.assignment == assignment
    assert (assignment.share, assignment.start_date, assignment.end_date) == (
        40,
        mission.start_date,
        mission.end_date,
    )
    assert assignment.focus == mission.title
    assert application.status == ApplicationStatus.ACCEPTED
    mission.refresh_from_db()
    assert mission.status == MissionStatus.FILLED  # one place
    change = assignment.changes.get()
    assert change.by == poster and "Juriste pour les contrats" in change.note


def test_selection_above_100_percent_is_refused_and_writes_nothing(
    make_mission, apply, member, poster
):
    application = apply(make_mission(share=80))
    with pytest.raises(ValidationError) as exc:
        services.application_select(application=application, by=poster)
    (message,) = exc.value.messages
    assert "porterait le temps de Marc Membre à 140 % le " in message
    assert message.endswith("au-delà de 100 %, sa candidature ne peut pas être retenue.")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
    assert not ApplicationLeadLink.objects.exists()


def test_acceptance_above_100_percent_is_refused_and_writes_nothing(
    mission, apply, member, poster, admin, org
):
    application = services.application_select(application=apply(mission), by=poster)
    # Meanwhile Marc took 10 % more from the middle of the mission's period.
    other = org_services.role_create(by=admin, circle=org["formation"], name="Tuteur")
    org_services.assignment_create(
        role=other, person=member, by=admin, share=10, start_date=days(60)
    )
    before = Assignment.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.application_accept(application=application, by=member)
    day = services._day(days(60))
    assert exc.value.messages == [
        f"Cette mission porterait votre temps à 110 % le {day} : au-delà de 100 %, vous ne "
        "pouvez pas l'accepter. Libérez d'abord du temps avec vos premiers liens."
    ]
    assert Assignment.objects.count() == before
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SELECTED


def test_share_peak_checks_each_day_the_total_changes(member, admin, org):
    # Marc holds 60 % until day 30 (his RH role ends), then 90 % from day 50.
    current = Assignment.objects.get(person=member)
    org_services.assignment_end(assignment=current, by=admin, end_date=days(30))
    role = org_services.role_create(by=admin, circle=org["formation"], name="Formateur")
    org_services.assignment_create(
        role=role, person=member, by=admin, share=90, start_date=days(50)
    )
    assert services.share_peak(member, share=10, start=days(1), end=days(40)) == (70, days(1))
    assert services.share_peak(member, share=10, start=days(1), end=days(50)) == (70, days(1))
    assert services.share_peak(member, share=20, start=days(1), end=days(51)) == (110, days(50))
    assert services.share_peak(member, share=40, start=days(31), end=days(49)) == (40, days(31))


def test_places_limit_the_selections(make_mission, apply, member, agent, poster):
    mission = make_mission(places=1)
    services.application_select(application=apply(mission), by=poster)
    second = apply(mission, person=agent)
    with pytest.raises(ValidationError) as exc:
        services.application_select(application=second, by=poster)
    assert exc.value.messages == ["Toutes les places de cette mission sont déjà promises (1)."]


def test_only_the_managers_select_and_only_the_applicant_accepts(
    mission, apply, member, agent, lead_link, poster
):
    application = apply(mission)
    for person in (member, agent, lead_link):
        with pytest.raises(PermissionDenied):
            services.application_select(application=application, by=person)
    services.application_select(application=application, by=poster)
    for person in (agent, poster, lead_link):
        with pytest.raises(PermissionDenied):
            services.application_accept(application=application, by=person)


def test_decline_needs_a_reason(mission, apply, poster, member):
    application = apply(mission)
    with pytest.raises(ValidationError) as exc:
        services.application_decline(application=application, by=poster, reason=" ")
    assert exc.value.message_dict["reason"] == [
        "Expliquez au candidat pourquoi il n'est pas retenu."
    ]
    services.application_decline(application=application, by=poster, reason="Profil trop loin.")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    assert application.decline_reason == "Profil trop loin."


def test_closing_declines_the_waiting_applications(mission, apply, poster, agent):
    waiting = apply(mission)
    other = apply(mission, person=agent)
    services.application_withdraw(application=other, by=agent)
    services.mission_close(mission=mission, by=poster, message="Poste pourvu autrement.")
    waiting.refresh_from_db()
    other.refresh_from_db()
    assert (waiting.status, waiting.decline_reason) == ("declined", "Poste pourvu autrement.")
    assert other.status == ApplicationStatus.WITHDRAWN
    mission.refresh_from_db()
    assert mission.status == MissionStatus.CLOSED


# --- the lead link's veto, when the setting allows it ---------------------------------


def test_without_the_setting_lead_links_cannot_veto(mission, apply, poster, lead_link, member):
    application = services.application_select(application=apply(mission), by=poster)
    with pytest.raises(PermissionDenied):
        services.lead_link_answer(application=application, by=lead_link, agree=False)
    assert services.application_accept(application=application, by=member).assignment


def test_with_the_setting_lead_links_agree_first(
    settings, mission, apply, poster, lead_link, member
):
    settings.CERCLES_MISSIONS_LEAD_LINK_VETO = True
    application = services.application_select(application=apply(mission), by=poster)
    with pytest.raises(PermissionDenied):
        services.application_accept(application=application, by=member)
    services.lead_link_answer(application=application, by=lead_link, agree=True)
    assert services.application_accept(application=application, by=member).assignment


def test_with_the_setting_a_refusal_ends_the_application(
    settings, mission, apply, poster, lead_link, member
):
    settings.CERCLES_MISSIONS_LEAD_LINK_VETO = True
    application = services.application_select(application=apply(mission), by=poster)
    services.lead_link_answer(application=application, by=lead_link, agree=False)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.VETOED
    with pytest.raises(PermissionDenied):
        services.application_accept(application=application, by=member)


def test_discussion_is_closed_to_outsiders(mission, apply, agent, lead_link):
    application = apply(mission)
    # Before the selection the lead link is not informed: he may not write either.
    for person in (agent, lead_link, PersonFactory()):
        with pytest.raises(PermissionDenied):
            services.application_message_create(application=application, by=person, body="?")
    assert not ApplicationMessage.objects.exists()


# --- found in review --------------------------------------------------------------------


def test_share_and_period_are_fixed_once_someone_is_selected(make_mission, apply, member, poster):
    # Regression: the poster could change the share or the period after a selection (the
    # lead links had been told 40 %) or after an acceptance (the assignment kept 40 %).
    mission = make_mission(places=2)
    services.application_select(application=apply(mission), by=poster)
    for fields in ({"share": 20}, {"end_date": days(300)}, {"start_date": days(10)}):
        with pytest.raises(ValidationError) as exc:
            services.mission_update(mission=mission, by=poster, **fields)
        assert exc.value.message_dict[next(iter(fields))] == [
            "Une candidature est déjà retenue : la part du temps et la période de la "
            "mission ne changent plus."
        ]
    services.mission_update(mission=mission, by=poster, title="Juriste (contrats)")
    mission.refresh_from_db()
    assert (mission.share, mission.end_date, mission.title) == (
        40,
        days(187),
        "Juriste (contrats)",
    )


def test_places_never_go_below_the_promised_ones(make_mission, apply, member, agent, poster):
    # Regression: lowering the places under the selections let more people accept than
    # the mission had places.
    mission = make_mission(places=3)
    first = services.application_select(application=apply(mission), by=poster)
    services.application_select(application=apply(mission, person=agent), by=poster)
    with pytest.raises(ValidationError) as exc:
        services.mission_update(mission=mission, by=poster, places=1)
    assert exc.value.message_dict["places"] == [
        "2 candidatures sont déjà retenues ou acceptées : il faut au moins autant de places."
    ]
    mission.refresh_from_db()
    assert mission.places == 3
    services.application_accept(application=first, by=member)
    services.application_withdraw(application=agent.mission_applications.get(), by=agent)
    # Down to the one accepted: the mission is filled.
    services.mission_update(mission=mission, by=poster, places=1)
    mission.refresh_from_db()
    assert (mission.places, mission.status) == (1, MissionStatus.FILLED)


def test_closing_reads_the_mission_afresh(mission, apply, member, poster):
    # Regression: mission_close trusted the object it was given. Read before the
    # acceptance filled the mission (a page open meanwhile, or a closing racing the
    # acceptance), it re-opened the filled mission as "closed" and could decline the
    # accepted application.
    stale = Mission.objects.get(pk=mission.pk)
    application = services.application_select(application=apply(mission), by=poster)
    services.application_accept(application=application, by=member)
    with pytest.raises(PermissionDenied):
        services.mission_close(mission=stale, by=poster, message="Pourvue autrement.")
    mission.refresh_from_db()
    application.refresh_from_db()
    assert mission.status == MissionStatus.FILLED
    assert (application.status, application.decline_reason) == (ApplicationStatus.ACCEPTED, "")


def test_publishing_twice_creates_the_role_once(make_mission, poster):
    # Regression: a second publication from a stale object (a double click) created the
    # new role a second time.
    draft = make_mission(publish=False)
    stale = Mission.objects.get(pk=draft.pk)
    services.mission_publish(mission=draft, by=poster)
    with pytest.raises(PermissionDenied):
        services.mission_publish(mission=stale, by=poster)
    assert Role.objects.filter(name="Juriste contrats").count() == 1


def test_a_poster_who_no_longer_manages_the_circle_hears_nothing(
    mission, apply, member, poster, admin, django_capture_on_commit_callbacks
):
    # Regression: the mission's author was told of each application (and of the
    # discussion) even after he stopped leading the circle, when he may no longer see
    # them: applications are private to those entitled.
    lead = Assignment.objects.get(person=poster)
    org_services.assignment_end(assignment=lead, by=admin)
    with django_capture_on_commit_callbacks(execute=True):
        application = apply(mission)
        services.application_message_create(
            application=application, by=member, body="Je suis disponible dès lundi."
        )
    assert not Notification.objects.filter(recipient=poster).exists()
