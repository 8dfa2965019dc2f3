"""Projects: proposing, joining and leaving, the lead, milestones, becoming a circle."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from cercles.ideas import services
from cercles.ideas.models import Milestone, Project, ProjectMember, ProjectStatus
from cercles.organisation.models import ChangeAction, CircleKind, CoreRole, GovernanceChange
from tests.factories import PersonFactory

from .conftest import notified
from .factories import CampaignFactory, IdeaFactory

P = ProjectStatus


@pytest.fixture
def project(author):
    return services.project_create(
        by=author, title="  Bienvenue à bord ", purpose="Bien accueillir les nouveaux."
    )


def members(project):
    return set(ProjectMember.objects.filter(project=project).values_list("person_id", flat=True))


def test_anyone_proposes_and_leads(project, author):
    assert project.title == "Bienvenue à bord"
    assert project.lead == author and project.created_by == author
    assert project.status == P.PROPOSED
    assert members(project) == {author.pk}


def test_from_ideas_of_one_campaign(author, agent):
    campaign = CampaignFactory()
    ideas = [IdeaFactory(by=agent, campaign=campaign, title=f"Idée {i}", body="T.") for i in (1, 2)]
    project = services.project_create(by=author, title="P", purpose="Q", ideas=ideas)
    assert set(project.ideas.all()) == set(ideas)
    assert project.campaign == campaign
    loose = IdeaFactory(by=agent, title="Hors campagne", body="T.")
    mixed = services.project_create(by=author, title="P2", purpose="Q", ideas=[ideas[0], loose])
    assert mixed.campaign is None


def test_followers_of_a_linked_idea_hear_of_the_project(author, agent, committed):
    idea = IdeaFactory(by=author, title="Covoiturage", body="Partager les trajets.")
    services.idea_follow(idea=idea, person=agent)
    lead = PersonFactory()
    with committed():
        project = services.project_create(by=lead, title="Trajets", purpose="Moins.", ideas=[idea])
        services.project_update(project=project, by=lead, ideas=[idea])  # nothing new
    text = "Le projet « Trajets » reprend une idée que vous suivez."
    assert notified(author, "project_idea") == [text]
    assert notified(agent, "project_idea") == [text]
    assert notified(lead) == []


def test_drafts_cannot_be_linked(author):
    draft = IdeaFactory(by=author, title="Brouillon", body="T.", draft=True)
    with pytest.raises(ValidationError) as exc:
        services.project_create(by=author, title="P", purpose="Q", ideas=[draft])
    assert exc.value.message_dict["ideas"] == ["Un brouillon ne peut pas être lié à un projet."]
    assert not Project.objects.exists()


def test_title_and_purpose_are_required(author):
    with pytest.raises(ValidationError) as exc:
        services.project_create(by=author, title=" ", purpose="")
    assert set(exc.value.message_dict) == {"title", "purpose"}


def test_join_and_leave_notify_the_members(project, author, agent, committed):
    with committed():
        assert services.project_join(project=project, person=agent) is True
        assert services.project_join(project=project, person=agent) is False
    assert members(project) == {author.pk, agent.pk}
    assert notified(author, "project_member") == [
        "Alice Agent a rejoint le projet « Bienvenue à bord »."
    ]
    assert notified(agent) == []
    with committed():
        assert services.project_leave(project=project, person=agent) is True
        assert services.project_leave(project=project, person=agent) is False
    assert members(project) == {author.pk}
    assert "Alice Agent a quitté le projet « Bienvenue à bord »." in notified(author)


def test_lead_cannot_leave_without_handing_over(project, author, agent, committed):
    with pytest.raises(ValidationError) as exc:
        services.project_leave(project=project, person=author)
    assert "confiez-le d'abord" in exc.value.messages[0]
    with pytest.raises(ValidationError) as exc:
        services.project_hand_over(project=project, to=agent, by=author)
    assert exc.value.message_dict["to"] == ["Le projet se confie à l'un de ses membres."]
    services.project_join(project=project, person=agent)
    with committed():
        services.project_hand_over(project=project, to=agent, by=author)
    project.refresh_from_db()
    assert project.lead == agent
    assert notified(agent, "project_lead") == [
        "Alice Agent porte désormais le projet « Bienvenue à bord »."
    ]
    assert services.project_leave(project=project, person=author) is True
    assert members(project) == {agent.pk}


def test_closed_projects_take_no_members(project, author, agent):
    services.project_update(project=project, by=author, status=P.COMPLETED)
    with pytest.raises(ValidationError) as exc:
        services.project_join(project=project, person=agent)
    assert "n'accueille plus de membres" in exc.value.messages[0]


def test_status_change_notifies_the_members(project, author, agent, committed):
    services.project_join(project=project, person=agent)
    with committed():
        services.project_update(
            project=project, by=author, status=P.ACTIVE, measured_results=" 27 formés. "
        )
        services.project_update(project=project, by=author, governance="Point mensuel.")
    project.refresh_from_db()
    assert project.status == P.ACTIVE and project.measured_results == "27 formés."
    assert notified(agent, "project_status") == [
        "Le projet « Bienvenue à bord » est maintenant « En cours »."
    ]
    assert notified(author) == []  # who made the change is not told
    with pytest.raises(ValidationError):
        services.project_update(project=project, by=author, status="nowhere")
    with pytest.raises(TypeError):
        services.project_update(project=project, by=author, lead=agent)


def test_milestones_progress_and_done(project, author):
    first = services.milestone_create(project=project, by=author, title="Charte", progress=40)
    second = services.milestone_create(project=project, by=author, title="Trames")
    assert (first.position, second.position) == (0, 1)
    assert first.done_at is None
    services.milestone_update(milestone=first, by=author, progress=100)
    assert first.done_at is not None
    services.milestone_update(milestone=first, by=author, progress=90)
    first.refresh_from_db()
    assert first.done_at is None and first.progress == 90
    with pytest.raises(ValidationError):
        services.milestone_update(milestone=first, by=author, progress=101)
    services.milestone_delete(milestone=second, by=author)
    assert list(project.milestones.values_list("title", flat=True)) == ["Charte"]


def test_database_keeps_progress_in_range(project):
    with pytest.raises(IntegrityError), transaction.atomic():
        Milestone.objects.create(project=project, title="X", progress=150)
    with pytest.raises(IntegrityError), transaction.atomic():
        Milestone.objects.create(
            project=project, title="X", progress=50, done_at="2026-01-01T00:00Z"
        )


def test_listing_counts_members_and_progress(project, author, agent, django_assert_num_queries):
    services.project_join(project=project, person=agent)
    services.milestone_create(project=project, by=author, title="A", progress=100)
    services.milestone_create(project=project, by=author, title="B", progress=50)
    with django_assert_num_queries(1):
        row = Project.objects.listing(agent).get()
    assert row.member_count == 2 and row.mean_progress == 75
    assert list(Project.objects.listing(agent, member=agent)) == [project]
    assert list(Project.objects.listing(PersonFactory(), member=PersonFactory())) == []


# --- becoming a circle -------------------------------------------------------------------


def test_project_becomes_a_circle(project, author, agent, lead_link, org, committed):
    services.project_join(project=project, person=agent)
    before = GovernanceChange.objects.count()
    with committed():
        circle = services.project_make_circle(project=project, parent=org["rh"], by=lead_link)
    project.refresh_from_db()
    assert project.circle == circle
    assert circle.parent == org["rh"] and circle.kind == CircleKind.PROJECT
    assert circle.name == "Bienvenue à bord" and circle.purpose == project.purpose
    lead_role = circle.roles.get(core_role=CoreRole.LEAD_LINK)
    assert [a.person for a in lead_role.assignments.current()] == [author]
    member_role = circle.roles.get(name=services.PROJECT_MEMBER_ROLE)
    assert [a.person for a in member_role.assignments.current()] == [agent]
    changes = GovernanceChange.objects.filter(circle=circle).order_by("id")
    assert changes.first().action == ChangeAction.CIRCLE_CREATE
    assert changes.first().by == lead_link
    assert "Issu du projet « Bienvenue à bord »." in changes.first().note
    # circle, 4 core roles, 1 role, 2 assignments
    assert GovernanceChange.objects.count() - before == 8
    assert "Le projet « Bienvenue à bord » est devenu un cercle de l'organisation." in notified(
        agent
    )
    with pytest.raises(ValidationError):
        services.project_make_circle(project=project, parent=org["rh"], by=lead_link)


def test_circle_refused_to_who_may_not_create_it(project, author, lead_link, org):
    before = GovernanceChange.objects.count()
    for who, parent in [(author, org["rh"]), (lead_link, org["numerique"]), (lead_link, None)]:
        with pytest.raises(PermissionDenied):
            services.project_make_circle(project=project, parent=parent, by=who)
    assert GovernanceChange.objects.count() == before
    project.refresh_from_db()
    assert project.circle is None


def test_admin_may_make_a_top_level_circle(project, admin):
    circle = services.project_make_circle(project=project, parent=None, by=admin)
    assert circle.parent is None and circle.kind == CircleKind.PROJECT
