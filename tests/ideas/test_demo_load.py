"""`manage.py load_demo` loads the ideas demo on top of the organisation's, once."""

import collections
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, F
from django.urls import reverse

from cercles.accounts.models import Person
from cercles.ideas import demo_data as data
from cercles.ideas.models import (
    Campaign,
    Comment,
    Idea,
    IdeaAnswer,
    IdeaStatus,
    Objective,
    Project,
    Support,
    Theme,
    day_start,
)
from cercles.ideas.permissions import moderates_circle
from cercles.organisation.demo import ADMIN_EMAIL, DEMO_DOMAIN

pytestmark = pytest.mark.django_db

SPECS = {spec["key"]: spec for spec in data.IDEAS}


def load(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def counts():
    return (
        Objective.objects.count(),
        Campaign.objects.count(),
        Idea.objects.count(),
        IdeaAnswer.objects.count(),
        Support.objects.count(),
        Comment.objects.count(),
        Theme.objects.count(),
        Project.objects.count(),
    )


def by_title():
    return {idea.title: idea for idea in Idea.objects.select_related("merged_into")}


def test_loaded_once_then_reset():
    output = load()
    assert "Idées chargées : 2 campagnes, 152 idées" in output
    assert "5 thèmes, 3 projets" in output
    first = counts()
    assert first[:3] == (4, 2, len(data.IDEAS))
    assert len(data.IDEAS) >= 150

    again = load()
    assert "déjà chargée" in again and "Idées chargées" not in again
    assert counts() == first

    reset = load("--reset")
    assert "Idées chargées" in reset
    assert counts() == first


def test_ideas_follow_their_story():
    load()
    ideas = by_title()
    statuses = collections.Counter(Idea.objects.values_list("status", flat=True))
    assert statuses == collections.Counter(spec["status"] for spec in data.IDEAS)
    assert set(statuses) >= {"submitted", "under_study", "accepted", "refused", "merged"}
    assert set(statuses) >= {"in_project", "implemented"}
    campaigns = list(Campaign.objects.order_by("starts_on"))
    assert [c.title for c in campaigns] == [c["title"] for c in data.CAMPAIGNS]
    assert campaigns[1].circle.name == "Accueil du public"
    for spec in data.IDEAS:
        idea = ideas[spec["title"]]
        assert idea.campaign_id == (
            campaigns[spec["campaign"]].pk if spec["campaign"] is not None else None
        )
        assert idea.circle.name == spec["circle"]
        assert sorted(idea.objectives.values_list("name", flat=True)) == sorted(spec["objectives"])
        if spec["anonymous"]:
            # No author, and times cut to the day.
            assert idea.author_id is None and idea.is_anonymous
            assert idea.created_at == day_start(idea.created_at)
        else:
            assert idea.author.email.endswith(f"@{DEMO_DOMAIN}")
        if spec["status"] == IdeaStatus.MERGED:
            assert idea.merged_into.title == SPECS[spec["merged_into"]]["title"]
            assert idea.support_count == 0
        else:
            assert idea.merged_into_id is None


def test_every_answer_is_public_reasoned_and_given_by_a_moderator():
    load()
    ideas = by_title()
    for spec in data.IDEAS:
        idea = ideas[spec["title"]]
        answers = list(idea.answers.select_related("by"))
        if spec["status"] == IdeaStatus.SUBMITTED:
            assert answers == [] and idea.answered_at is None
            continue
        steps = spec.get("history", [])
        assert [a.to_status for a in answers] == [s["status"] for s in steps] + [spec["status"]]
        assert [a.text for a in answers] == [s["answer"] for s in steps] + [spec["answer"]]
        assert all(a.text.strip() for a in answers)
        assert answers[0].from_status == IdeaStatus.SUBMITTED
        assert idea.answered_at == answers[0].at
        assert [a.at for a in answers] == sorted(a.at for a in answers)
        assert idea.created_at < answers[0].at
        # Whoever answered may answer for the idea's circle (permissions.py).
        for answer in answers:
            assert moderates_circle(answer.by, idea.scope_circle_id), (idea.title, answer.by)
            assert not answer.by.is_org_admin
    refusals = IdeaAnswer.objects.filter(to_status=IdeaStatus.REFUSED)
    assert refusals.count() == sum(spec["status"] == "refused" for spec in data.IDEAS)
    assert all(len(answer.text) >= 100 for answer in refusals)


def test_supports_and_comments():
    load()
    ideas = by_title()
    # The counter matches the rows; nobody supports his own idea.
    for idea in Idea.objects.annotate(n=Count("supports")):
        assert idea.support_count == idea.n, idea.title
    assert not Support.objects.filter(person=F("idea__author")).exists()
    assert not Support.objects.filter(created_at__lt=F("idea__created_at")).exists()
    targets = {spec["merged_into"] for spec in data.IDEAS if spec["merged_into"]}
    for spec in data.IDEAS:
        if spec["status"] != IdeaStatus.MERGED and spec["key"] not in targets:
            assert ideas[spec["title"]].support_count == spec["supports"], spec["key"]
    # A merge moved the supports over, counting nobody twice.
    for key in targets:
        target = ideas[SPECS[key]["title"]]
        assert target.support_count >= SPECS[key]["supports"]

    assert Comment.objects.count() == len(data.COMMENTS)
    replies = Comment.objects.filter(parent__isnull=False).select_related("parent")
    assert replies.count() == sum(c["reply_to"] is not None for c in data.COMMENTS)
    for reply in replies:
        assert reply.parent.parent_id is None and reply.parent.idea_id == reply.idea_id
        assert reply.created_at > reply.parent.created_at
    assert not Comment.objects.filter(created_at__lt=F("idea__created_at")).exists()
    hidden = Comment.objects.get(hidden_at__isnull=False)
    assert hidden.hidden_reason and hidden.hidden_at > hidden.created_at
    assert moderates_circle(hidden.hidden_by, hidden.idea.scope_circle_id)


def test_themes_and_projects():
    load()
    ideas = by_title()
    themes = list(Theme.objects.order_by("position"))
    assert [t.name for t in themes] == [t["name"] for t in data.THEMES]
    for theme, spec in zip(themes, data.THEMES, strict=True):
        assert set(theme.ideas.values_list("title", flat=True)) == {
            SPECS[key]["title"] for key in spec["ideas"]
        }
        assert theme.central_idea == ideas[SPECS[spec["central_idea"]]["title"]]
    projects = {p.title: p for p in Project.objects.all()}
    assert set(projects) == {p["title"] for p in data.PROJECTS}
    for spec in data.PROJECTS:
        project = projects[spec["title"]]
        assert project.status == spec["status"]
        assert set(project.ideas.values_list("title", flat=True)) == {
            SPECS[key]["title"] for key in spec["ideas"]
        }
        assert project.memberships.count() == spec["members"] + 1  # and the lead
        assert project.milestones.count() == len(spec["milestones"])
        assert (
            project.created_at < project.memberships.exclude(person=project.lead).first().joined_at
        )


def test_the_ideas_list_costs_the_same_queries_with_the_demo(
    client, django_assert_num_queries, django_assert_max_num_queries
):
    load()
    agent = Person.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").exclude(email=ADMIN_EMAIL)
    client.force_login(agent.order_by("pk").first())
    url = reverse("ideas:idea_list")
    for query in ("", "?sort=supported", "?page=2", "?status=under_study"):
        # At most, nothing cached: session; user; the campaigns, objectives and circles
        # for the filters; the count of posted ideas; whether I have drafts; the page's
        # ids and support counts; the cards' ideas with author, campaign and circle.
        with django_assert_max_num_queries(9):
            client.get(url + query)
        # Cached: session; user; the objectives; the page's ids and support counts.
        with django_assert_num_queries(4):
            response = client.get(url + query)
        assert response.status_code == 200


def test_settle_notifications_leaves_each_person_his_latest_few_unread():
    from cercles.core.models import Notification
    from cercles.ideas.demo import settle_notifications
    from tests.factories import PersonFactory

    ann, bob = PersonFactory(), PersonFactory()
    Notification.objects.bulk_create(
        [
            Notification(recipient=p, kind="answer", text=f"{p.pk}-{i}")
            for p in (ann, bob)
            for i in range(5)
        ]
    )
    assert settle_notifications(keep_unread=3) == 6
    unread = Notification.objects.unread().filter(recipient=ann).order_by("id")
    assert [n.text for n in unread] == [f"{ann.pk}-{i}" for i in (2, 3, 4)]
    assert not Notification.objects.filter(read_at__isnull=False, emailed_at__isnull=True).exists()
