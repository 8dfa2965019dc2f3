"""The consultations' sections on the circle page, the meeting page and the minutes."""

import datetime

from django.urls import reverse
from django.utils import timezone

from cercles.core import panels
from cercles.meetings import services as meeting_services
from cercles.opinions import services
from cercles.opinions.models import ResultsVisibility

from .conftest import people, two_camps, vote_all


def test_the_circle_page_lists_its_open_consultations(
    client, org, consultation, make_consultation, member, agent, facilitator
):
    closed = make_consultation(question="Déjà close ?")
    services.consultation_close(consultation=closed, by=facilitator)
    make_consultation(question="Pas encore ?", opens_at=timezone.now() + datetime.timedelta(days=3))
    client.force_login(member)
    body = client.get(reverse("organisation:circle_detail", args=[org["rh"].pk])).content.decode()
    section = body.split('id="consultations"')[1].split("</section>")[0]
    assert "Comment organiser les horaires" in section
    assert "Déjà close ?" not in section and "Pas encore ?" not in section
    assert "Lancer une consultation" in section
    client.force_login(agent)  # not a member: sees none of the circle's consultations
    body = client.get(reverse("organisation:circle_detail", args=[org["rh"].pk])).content.decode()
    section = body.split('id="consultations"')[1].split("</section>")[0]
    assert "Comment organiser" not in section and "Aucune consultation ouverte." in section
    assert "Lancer une consultation" not in section


def test_the_meeting_page_shows_its_consultations(client, org, admin, member, make_consultation):
    meeting = meeting_services.meeting_create(
        by=admin, circle=org["rh"], title="Réunion de juin", starts_at=timezone.now()
    )
    make_consultation(question="Avant la réunion ?", meeting=meeting)
    client.force_login(member)
    body = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    section = body.split('id="consultations"')[1].split("</section>")[0]
    assert "Avant la réunion ?" in section and "carte des opinions" in section
    assert f"/circles/{org['rh'].pk}/consultations/new/?meeting={meeting.pk}" in section
    # The link prefills the meeting.
    form = client.get(
        f"/circles/{org['rh'].pk}/consultations/new/?meeting={meeting.pk}"
    ).content.decode()
    assert f'<option value="{meeting.pk}" selected>' in form


def test_the_minutes_quote_the_results(org, admin, make_consultation, facilitator):
    meeting = meeting_services.meeting_create(
        by=admin, circle=org["rh"], title="Réunion de juin", starts_at=timezone.now()
    )
    assert panels.collect("meeting_minutes", meeting=meeting) == [] or all(
        "Consultations" not in part for part in panels.collect("meeting_minutes", meeting=meeting)
    )
    c = make_consultation(
        meeting=meeting, audience="organisation", results_visibility=ResultsVisibility.AFTER_VOTING
    )
    vote_all(c, people(12), two_camps)
    section = next(
        p for p in panels.collect("meeting_minutes", meeting=meeting) if "## Consultations" in p
    )
    assert "Consultation en cours : ses résultats seront publiés à sa clôture." in section
    services.consultation_close(consultation=c, by=facilitator)
    section = next(
        p for p in panels.collect("meeting_minutes", meeting=meeting) if "## Consultations" in p
    )
    assert "12 participants placés sur la carte." in section
    assert "Tous les groupes sont d'accord avec :" in section
    assert "— groupe A**" in section and "— groupe B**" in section
    assert "% du groupe" in section
