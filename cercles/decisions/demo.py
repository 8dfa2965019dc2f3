"""The decisions module's demo (`manage.py load_demo`, after the meetings): decisions
taken in the meetings demo's past meetings, through the services and dated in those
meetings, so that the decision records, the circle pages and the minutes show them:

- in the busiest circle: a consent decision with an objection found valid and
  integrated by an amended version, another objection found not valid, and a dissent
  note; a decision without objection; a rejected proposal; and ONE governance decision
  that changed a role (applied through the organisation's services: the circle's
  history links to it);
- in the second circle: an integrative decision with a clarifying question and
  reactions;
- an open consultation (a proposal put to the busiest circle without a meeting).
"""

import datetime
import time

from django.db import transaction
from django.utils import timezone

from cercles.accounts.models import Person
from cercles.meetings.models import Meeting
from cercles.organisation import demo as org_demo
from cercles.organisation.models import Assignment, Role

from . import services
from .models import Decision, Process, Proposal, ProposalKind, Step

FIRST_TITLE = "Accueillir chaque nouvel agent le lundi matin"
CRITERIA_MET = {"harm": True, "caused": True, "known": True, "limits": True}


def is_loaded() -> bool:
    return Decision.objects.filter(title=FIRST_TITLE).exists()


def wipe() -> None:
    """Delete every proposal and decision (before the meetings and the organisation
    they point at)."""
    Proposal.objects.all().delete()


class _Clock:
    """Minutes into a meeting: each step a little after the previous one."""

    def __init__(self, start):
        self.now = start

    def __call__(self, minutes=2):
        self.now += datetime.timedelta(minutes=minutes)
        return self.now


def _people(meeting) -> list[Person]:
    """The meeting's participants who hold a role in its circle, driver excluded."""
    members = Assignment.objects.current().filter(role__circle=meeting.circle).values("person_id")
    return list(
        Person.objects.filter(meeting_participations__meeting=meeting, pk__in=members)
        .exclude(pk=meeting.facilitator_id)
        .order_by("last_name", "first_name", "id")
    )


def _propose(*, meeting, by, title, tension, text, **fields) -> Proposal:
    # Written before the meeting, then taken up in it by whoever drives it.
    proposal = services.proposal_create(
        by=by,
        circle=meeting.circle,
        title=title,
        tension=tension,
        text=text,
        at=meeting.starts_at - datetime.timedelta(days=3),
        **fields,
    )
    if fields.get("kind") == ProposalKind.GOVERNANCE:
        return proposal
    return services.proposal_submit(
        proposal=proposal, by=by, at=meeting.starts_at - datetime.timedelta(days=2)
    )


def _open(proposal, *, meeting, driver, clock, until):
    proposal = services.proposal_start(proposal=proposal, by=driver, meeting=meeting, at=clock())
    for step in proposal.steps()[1:]:
        proposal = services.proposal_step(proposal=proposal, by=driver, to=step, at=clock())
        if step == until:
            break
    return proposal


def _integrated_consent(meeting, driver, people, clock) -> Decision:
    proposer, objector, skeptic, other = people[0], people[1], people[2], people[3]
    proposal = _propose(
        meeting=meeting,
        by=proposer,
        title=FIRST_TITLE,
        tension=(
            "Les nouveaux agents arrivent n'importe quel jour : leur poste n'est pas prêt et "
            "personne ne les attend."
        ),
        text=(
            "Les nouveaux agents sont accueillis **le lundi à 9 h** par leur référent :\n\n"
            "- poste et accès prêts le vendredi précédent ;\n"
            "- visite du site et présentation de l'équipe le matin."
        ),
    )
    proposal = _open(proposal, meeting=meeting, driver=driver, clock=clock, until=Step.REACTIONS)
    services.reaction_create(
        proposal=proposal, by=other, text="Très bien, on perd moins de temps.", at=clock()
    )
    services.reaction_create(
        proposal=proposal, by=skeptic, text="Le lundi est déjà chargé.", at=clock()
    )
    proposal = services.proposal_step(proposal=proposal, by=driver, to=Step.OBJECTIONS, at=clock())
    valid = services.objection_raise(
        proposal=proposal,
        by=objector,
        reason=(
            "Quand le lundi est férié, l'arrivée tomberait un jour où personne n'est là : "
            "c'est exactement la situation qu'on veut éviter."
        ),
        at=clock(),
    )
    not_valid = services.objection_raise(
        proposal=proposal,
        by=skeptic,
        reason="Je préférerais le mardi, le lundi est déjà chargé.",
        at=clock(),
    )
    services.objection_test(
        objection=valid,
        by=driver,
        reason="Fait connu (calendrier), causé par la proposition, il limite le rôle de référent.",
        at=clock(),
        **CRITERIA_MET,
    )
    services.objection_test(
        objection=not_valid,
        by=driver,
        reason="Une préférence : rien ne se dégrade si l'accueil a lieu le lundi.",
        at=clock(),
        **{**CRITERIA_MET, "harm": False},
    )
    proposal = services.proposal_step(proposal=proposal, by=driver, to=Step.INTEGRATION, at=clock())
    services.proposal_amend(
        proposal=proposal,
        by=proposer,
        text=(
            "Les nouveaux agents sont accueillis **le premier jour ouvré de la semaine, à "
            "9 h**, par leur référent :\n\n"
            "- poste et accès prêts le dernier jour ouvré précédent ;\n"
            "- visite du site et présentation de l'équipe le matin."
        ),
        integrates=[valid],
        integration_note="« Le premier jour ouvré de la semaine » au lieu du lundi.",
        at=clock(4),
    )
    decision = services.proposal_adopt(proposal=proposal, by=driver, at=clock())
    services.dissent_note_save(
        decision=decision,
        by=skeptic,
        text=(
            "J'accepte, mais le début de semaine reste le plus chargé pour l'équipe : "
            "revoyons-le dans trois mois."
        ),
        at=clock(30),
    )
    return decision


def _simple(meeting, driver, people, clock) -> Decision:
    proposal = _propose(
        meeting=meeting,
        by=people[2],
        title="Un tableau partagé des congés de l'équipe",
        tension="Les congés se chevauchent et le service n'est plus assuré en août.",
        text="Chacun inscrit ses congés dans le tableau partagé **au moins un mois** avant.",
    )
    proposal = _open(proposal, meeting=meeting, driver=driver, clock=clock, until=Step.OBJECTIONS)
    return services.proposal_adopt(proposal=proposal, by=driver, at=clock())


def _rejected(meeting, driver, people, clock) -> Decision:
    proposal = _propose(
        meeting=meeting,
        by=people[3],
        title="Supprimer la réunion tactique hebdomadaire",
        tension="La réunion tactique déborde souvent.",
        text="La réunion tactique n'a plus lieu ; chacun écrit ses avancées dans le fil.",
    )
    proposal = _open(proposal, meeting=meeting, driver=driver, clock=clock, until=Step.OBJECTIONS)
    objection = services.objection_raise(
        proposal=proposal,
        by=people[0],
        reason="Sans réunion, les tensions entre rôles ne sont plus traitées ensemble.",
        at=clock(),
    )
    services.objection_test(
        objection=objection,
        by=driver,
        reason="Les quatre critères sont remplis.",
        at=clock(),
        **CRITERIA_MET,
    )
    return services.proposal_reject(
        proposal=proposal,
        by=driver,
        reason="L'objection n'a pas pu être intégrée : le porteur propose plutôt de minuter la réunion.",
        at=clock(),
    )


def _governance(meeting, driver, people, clock) -> Decision:
    """Amend one of the circle's roles: the change is applied through the organisation's
    services, dated in the meeting, and its history entry links to the decision."""
    role = (
        Role.objects.filter(circle=meeting.circle, archived_at__isnull=True, core_role="")
        .order_by("name", "id")
        .first()
    )
    holder = Assignment.objects.current().filter(role=role).select_related("person").first()
    proposer = holder.person if holder and holder.person_id != driver.pk else people[0]
    proposal = _propose(
        meeting=meeting,
        by=proposer,
        title=f"Clarifier le rôle « {role.name} »",
        tension="Personne ne sait qui tient à jour les procédures du cercle.",
        text=f"Le rôle « {role.name} » tient à jour les procédures écrites du cercle.",
        kind=ProposalKind.GOVERNANCE,
    )
    lines = role.accountability_list()
    lines.append("Tenir à jour les procédures écrites du cercle")
    services.change_add(
        proposal=proposal,
        by=proposer,
        kind="role_update",
        role=role,
        name=role.name,
        purpose=role.purpose,
        accountabilities="\n".join(lines),
        domains=role.domains,
    )
    proposal = services.proposal_submit(
        proposal=proposal, by=proposer, at=meeting.starts_at - datetime.timedelta(days=2)
    )
    proposal = _open(proposal, meeting=meeting, driver=driver, clock=clock, until=Step.OBJECTIONS)
    return services.proposal_adopt(proposal=proposal, by=driver, at=clock())


def _integrative(meeting, driver, people, clock) -> Decision:
    proposal = _propose(
        meeting=meeting,
        by=people[0],
        title="Une astreinte tournante pour les demandes urgentes",
        tension="Une seule personne répond aux demandes urgentes depuis des mois.",
        text="L'astreinte tourne chaque semaine entre les membres du cercle.",
        process=Process.IDM,
    )
    proposal = _open(proposal, meeting=meeting, driver=driver, clock=clock, until=Step.CLARIFYING)
    question = services.question_ask(
        proposal=proposal, by=people[1], text="Qui fixe l'ordre de passage ?", at=clock()
    )
    services.question_answer(
        question=question, by=people[0], answer="Un tableau, par ordre alphabétique.", at=clock()
    )
    proposal = services.proposal_step(proposal=proposal, by=driver, to=Step.REACTIONS, at=clock())
    services.reaction_create(
        proposal=proposal, by=people[2], text="Et pendant les congés ?", at=clock()
    )
    proposal = services.proposal_step(proposal=proposal, by=driver, to=Step.AMEND, at=clock())
    services.proposal_amend(
        proposal=proposal,
        by=people[0],
        text=(
            "L'astreinte tourne chaque semaine entre les membres du cercle ; une personne en "
            "congé passe son tour."
        ),
        note="Les congés sont pris en compte.",
        at=clock(),
    )
    proposal = services.proposal_step(proposal=proposal, by=driver, to=Step.OBJECTIONS, at=clock())
    return services.proposal_adopt(proposal=proposal, by=driver, at=clock())


def _driver(meeting, admin):
    return meeting.facilitator or admin


def _circle_meetings():
    """The meetings demo's closed meetings, by circle (the busiest first), oldest first."""
    by_circle: dict[int, list[Meeting]] = {}
    for meeting in (
        Meeting.objects.filter(status="closed")
        .select_related("circle", "facilitator")
        .order_by("starts_at", "id")
    ):
        by_circle.setdefault(meeting.circle_id, []).append(meeting)
    return sorted(by_circle.values(), key=lambda ms: -len(_people(ms[0])))


@transaction.atomic
def load(*, log=print) -> dict:
    """Load the decisions demo on top of the meetings demo (which must be loaded)."""
    started = time.monotonic()
    admin = Person.objects.get(email=org_demo.ADMIN_EMAIL)
    circles = _circle_meetings()
    decisions = []
    consultations = 0
    if circles:
        first = circles[0]
        people = _people(first[0])
        if len(people) >= 4:
            plan = [(_integrated_consent, first[0]), (_simple, first[1 % len(first)])]
            plan += [(_rejected, first[1 % len(first)]), (_governance, first[-1])]
            for build, meeting in plan:
                clock = _Clock(meeting.starts_at + datetime.timedelta(minutes=20))
                decisions.append(build(meeting, _driver(meeting, admin), _people(meeting), clock))
            consultation = services.proposal_create(
                by=people[1],
                circle=first[0].circle,
                title="Ouvrir l'accueil du public jusqu'à 18 h le jeudi",
                tension="Les usagers qui travaillent ne peuvent pas venir avant 17 h.",
                text="L'accueil ferme à **18 h** le jeudi, en échange d'une arrivée à 10 h.",
            )
            services.proposal_consult(
                proposal=consultation,
                by=people[1],
                closes_at=timezone.now() + datetime.timedelta(days=5),
            )
            consultations += 1
    if len(circles) > 1:
        meeting = circles[1][-1]
        people = _people(meeting)
        if len(people) >= 3:
            clock = _Clock(meeting.starts_at + datetime.timedelta(minutes=15))
            decisions.append(_integrative(meeting, _driver(meeting, admin), people, clock))
    log(
        f"Décisions : {len(decisions)} décisions dans {min(len(circles), 2)} cercles, "
        f"{consultations} consultation en cours."
    )
    return {
        "decisions": len(decisions),
        "consultations": consultations,
        "seconds": time.monotonic() - started,
    }
