"""An organisation with some history, built through the services as the app does."""

import datetime
from pathlib import Path

from django.utils import timezone

from cercles.organisation import services
from cercles.organisation.models import CoreRole
from tests.factories import PersonFactory

DATA = Path(__file__).parent


def read(name: str) -> bytes:
    return (DATA / name).read_bytes()


def at(days_ago: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days_ago)


def build_rich_org(admin) -> dict:
    """Circles moved and archived, roles updated and archived, assignments ended and current."""
    direction = services.circle_create(
        by=admin,
        name="Direction générale",
        purpose="Piloter la collectivité.",
        domains="Budget\nStratégie",
        accountabilities="Arbitrer les priorités",
        colour="#2a6f97",
        at=at(400),
    )
    rh = services.circle_create(
        by=admin, name="Ressources humaines", parent=direction, kind="department", at=at(390)
    )
    projets = services.circle_create(by=admin, name="Projets", kind="project", at=at(380))
    numerique = services.circle_create(by=admin, name="Numérique", parent=projets, at=at(370))
    services.circle_move(
        circle=numerique, new_parent=direction, by=admin, at=at(300), note="Réorganisation"
    )
    services.circle_update(circle=rh, by=admin, purpose="Prendre soin des agents.", at=at(250))
    ancien = services.circle_create(by=admin, name="Ancien pôle", parent=direction, at=at(360))

    recruiter = services.role_create(
        by=admin,
        circle=rh,
        name="Chargé de recrutement",
        accountabilities="Publier les offres",
        at=at(350),
    )
    services.role_update(role=recruiter, by=admin, purpose="Recruter les bons profils.", at=at(200))
    old_role = services.role_create(by=admin, circle=rh, name="Archiviste", at=at(340))

    elodie = PersonFactory(
        email="elodie.dupre@exemple.fr",
        first_name="Élodie",
        last_name="Dupré",
        matricule="A001",
        job_title="Chargée de formation",
        unit="DRH",
        site="Hôtel de ville",
        phone="+33 1 02 03 04 05",
    )
    francois = PersonFactory(
        email="francois.lefevre@exemple.fr",
        first_name="François",
        last_name="Lefèvre",
        matricule="A002",
    )
    helene = PersonFactory(
        email="helene.nguyen@exemple.fr", first_name="Hélène", last_name="Nguyen"
    )

    today = timezone.localdate()
    services.assignment_create(
        role=recruiter,
        person=elodie,
        by=admin,
        share=40,
        focus="Cadres",
        start_date=today - datetime.timedelta(days=300),
        at=at(300),
    )
    services.assignment_create(
        role=rh.roles.get(core_role=CoreRole.LEAD_LINK),
        person=francois,
        by=admin,
        share=50,
        start_date=today - datetime.timedelta(days=200),
        at=at(200),
    )
    ended = services.assignment_create(
        role=old_role,
        person=helene,
        by=admin,
        share=30,
        start_date=today - datetime.timedelta(days=330),
        at=at(330),
    )
    services.assignment_end(
        assignment=ended, by=admin, end_date=today - datetime.timedelta(days=100), at=at(100)
    )
    services.role_archive(role=old_role, by=admin, at=at(90))
    services.assignment_create(
        role=ancien.roles.get(core_role=CoreRole.SECRETARY),
        person=helene,
        by=admin,
        share=20,
        start_date=today - datetime.timedelta(days=150),
        at=at(150),
    )
    services.circle_archive(circle=ancien, by=admin, at=at(60), note="Fusion avec la DRH")
    return {
        "direction": direction,
        "rh": rh,
        "projets": projets,
        "numerique": numerique,
        "ancien": ancien,
        "elodie": elodie,
        "francois": francois,
        "helene": helene,
    }
