"""The demo's ideas content holds together: keys, circles, life cycle, themes, projects."""

import collections
import inspect
import re

from cercles.ideas import demo_data as data
from cercles.ideas.models import TRANSITIONS, IdeaStatus
from cercles.organisation import demo

IDEAS = {idea["key"]: idea for idea in data.IDEAS}
OBJECTIVES = {objective["name"] for objective in data.OBJECTIVES}
# The IT circle is renamed during the demo's history: ideas use its name of today.
RENAMED_IT = "Numérique / Systèmes d'information"
CIRCLE_KEYS = {spec["name"]: spec["key"] for spec in demo.CIRCLES} | {RENAMED_IT: "numerique"}
PARENTS = {spec["key"]: spec["parent"] for spec in demo.CIRCLES}
ARCHIVED = {"Cellule Dématérialisation"}


def within(circle_name, scope_name):
    key, scope = CIRCLE_KEYS[circle_name], CIRCLE_KEYS[scope_name]
    while key is not None:
        if key == scope:
            return True
        key = PARENTS[key]
    return False


def test_the_renamed_it_circle_is_the_demo_s():
    assert f'name="{RENAMED_IT}"' in inspect.getsource(demo)


def test_objectives_and_campaigns():
    assert [o["name"] for o in data.OBJECTIVES] == [
        "Améliorer le service public",
        "Donner du sens et simplifier le travail",
        "Anticiper l'avenir",
        "Préserver les ressources",
    ]
    assert all(o["description"].endswith(".") for o in data.OBJECTIVES)
    assert len(data.CAMPAIGNS) == 2
    for campaign in data.CAMPAIGNS:
        assert campaign["title"] and campaign["question"].endswith("?")
        assert campaign["duration_days"] > 0 and campaign["answer_deadline_days"] > 0
        assert set(campaign["objectives"]) <= OBJECTIVES
        assert campaign["circle"] is None or campaign["circle"] in CIRCLE_KEYS
    # The first campaign is over (its ideas were grouped into themes), the second runs.
    first, second = data.CAMPAIGNS
    assert first["start_days"] + first["duration_days"] < 0
    assert second["start_days"] < 0 < second["start_days"] + second["duration_days"]


def test_ideas_are_many_unique_and_well_formed():
    assert len(data.IDEAS) >= 150
    assert len(IDEAS) == len(data.IDEAS)
    counts = collections.Counter(idea["campaign"] for idea in data.IDEAS)
    assert set(counts) == {0, 1, None}
    assert counts[None] >= 10
    for idea in data.IDEAS:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", idea["key"]), idea["key"]
        assert 10 <= len(idea["title"]) <= 120, idea["key"]
        assert len(idea["body"]) >= 80, idea["key"]
        assert idea["objectives"] and set(idea["objectives"]) <= OBJECTIVES, idea["key"]
        assert idea["circle"] in CIRCLE_KEYS and idea["circle"] not in ARCHIVED, idea["key"]
        assert 0 <= idea["supports"] <= 25, idea["key"]
    titles = [idea["title"].lower() for idea in data.IDEAS]
    assert len(set(titles)) == len(titles)
    anonymous = sum(idea["anonymous"] for idea in data.IDEAS) / len(data.IDEAS)
    assert 0.15 <= anonymous <= 0.25


def test_ideas_of_a_scoped_campaign_concern_its_circle_or_sub_circles():
    for index, campaign in enumerate(data.CAMPAIGNS):
        if campaign["circle"]:
            for idea in data.IDEAS:
                if idea["campaign"] == index:
                    assert within(idea["circle"], campaign["circle"]), idea["key"]


def test_ideas_were_posted_during_their_campaign():
    for idea in data.IDEAS:
        posted = -idea["posted_days_ago"]
        assert posted <= 0, idea["key"]
        if idea["campaign"] is not None:
            campaign = data.CAMPAIGNS[idea["campaign"]]
            start = campaign["start_days"]
            assert start <= posted <= start + campaign["duration_days"], idea["key"]


def test_a_realistic_funnel():
    statuses = collections.Counter(idea["status"] for idea in data.IDEAS)
    assert set(statuses) <= set(IdeaStatus.values) - {IdeaStatus.DRAFT}
    assert statuses["submitted"] + statuses["under_study"] > len(data.IDEAS) / 2
    assert statuses["accepted"] >= 10
    assert 8 <= statuses["refused"] <= 14
    assert 8 <= statuses["merged"] <= 15
    assert 10 <= statuses["in_project"] <= 15
    assert 3 <= statuses["implemented"] <= 10


def test_every_state_change_is_answered_in_order_along_the_state_machine():
    for idea in data.IDEAS:
        steps = idea.get("history", [])
        if idea["status"] == "submitted":
            assert idea["answer"] == "" and idea["answered_days_ago"] is None, idea["key"]
            assert not steps, idea["key"]
            continue
        path = ["submitted"] + [step["status"] for step in steps] + [idea["status"]]
        for before, after in zip(path, path[1:], strict=False):
            assert after in TRANSITIONS[before], (idea["key"], before, after)
        days = (
            [idea["posted_days_ago"]]
            + [step["days_ago"] for step in steps]
            + [idea["answered_days_ago"]]
        )
        assert days == sorted(days, reverse=True) and len(set(days)) == len(days), idea["key"]
        assert idea["answered_days_ago"] >= 0
        for text in [idea["answer"]] + [step["answer"] for step in steps]:
            assert len(text) >= 40, idea["key"]


def test_refusals_give_their_reason():
    refused = [idea for idea in data.IDEAS if idea["status"] == "refused"]
    for idea in refused:
        assert len(idea["answer"]) >= 100, idea["key"]
        assert re.search(r"\b(ne|n')\b|pas\b|ce n'est pas", idea["answer"]), idea["key"]


def test_merged_ideas_point_at_a_live_target_of_the_same_campaign():
    for idea in data.IDEAS:
        target = idea["merged_into"]
        if idea["status"] != "merged":
            assert target is None, idea["key"]
            continue
        assert target in IDEAS and target != idea["key"], idea["key"]
        assert IDEAS[target]["status"] != "merged", idea["key"]
        assert IDEAS[target]["campaign"] == idea["campaign"], idea["key"]
        assert IDEAS[target]["title"] in idea["answer"], idea["key"]
        # Posted after its target, and merged once both existed.
        assert idea["posted_days_ago"] < IDEAS[target]["posted_days_ago"], idea["key"]


def test_duplicate_groups_cover_every_merge_and_leave_some_for_the_engine():
    assert len(data.DUPLICATES) >= 12
    grouped = [key for group in data.DUPLICATES for key in group]
    assert len(grouped) == len(set(grouped)) and set(grouped) <= set(IDEAS)
    group_of = {key: group for group in data.DUPLICATES for key in group}
    for idea in data.IDEAS:
        if idea["status"] == "merged":
            assert idea["merged_into"] == group_of[idea["key"]][0], idea["key"]
    unmerged = [
        group
        for group in data.DUPLICATES
        if any(IDEAS[key]["status"] != "merged" for key in group[1:])
    ]
    assert len(unmerged) >= 10


def test_comments():
    assert 35 <= len(data.COMMENTS) <= 50
    for index, comment in enumerate(data.COMMENTS):
        idea = IDEAS[comment["idea"]]
        assert comment["body"].strip()
        assert comment["by"] in (None, "author", "facilitator")
        if comment["by"] == "author":
            assert not idea["anonymous"], index  # nobody can speak as an anonymous author
        assert 0 <= comment["days_ago"] < idea["posted_days_ago"]
        parent = comment["reply_to"]
        if parent is not None:
            assert parent < index
            assert data.COMMENTS[parent]["idea"] == comment["idea"]
            assert data.COMMENTS[parent]["reply_to"] is None  # one level of replies
            assert comment["days_ago"] <= data.COMMENTS[parent]["days_ago"]
    assert any(comment["reply_to"] is not None for comment in data.COMMENTS)
    assert [c["hidden_reason"] != "" for c in data.COMMENTS].count(True) == 1


def test_themes_partition_the_first_campaign():
    assert len(data.THEMES) == 5
    themed = collections.Counter(key for theme in data.THEMES for key in theme["ideas"])
    expected = {
        idea["key"] for idea in data.IDEAS if idea["campaign"] == 0 and idea["status"] != "merged"
    }
    assert set(themed) == expected
    assert set(themed.values()) == {1}
    for theme in data.THEMES:
        assert theme["campaign"] == 0 and theme["name"]
        assert len(theme["key_terms"]) >= 3
        assert theme["central_idea"] in theme["ideas"]
        assert len(theme["ideas"]) >= 5


def test_projects():
    assert len(data.PROJECTS) == 3
    linked = collections.Counter(key for project in data.PROJECTS for key in project["ideas"])
    in_project = {idea["key"] for idea in data.IDEAS if idea["status"] == "in_project"}
    assert set(linked) == in_project and set(linked.values()) == {1}
    for project in data.PROJECTS:
        assert project["title"] and project["purpose"] and project["expected_results"]
        assert project["status"] in ("proposed", "active", "completed")
        assert project["lead_circle"] in CIRCLE_KEYS
        if project["theme"] is not None:
            theme = data.THEMES[project["theme"]]
            assert set(project["ideas"]) <= set(theme["ideas"])
        offsets = [milestone["offset_days"] for milestone in project["milestones"]]
        assert len(offsets) >= 3 and offsets == sorted(offsets)
        assert all(0 <= milestone["progress"] <= 100 for milestone in project["milestones"])
        assert set(project["takeover"]) == {"governance", "calendar", "first_actions"}
        assert all(len(text) > 40 for text in project["takeover"].values())
        assert project["start_days"] < 0
        # An idea joins the project when the project starts, after it was posted.
        for key in project["ideas"]:
            assert IDEAS[key]["posted_days_ago"] > -project["start_days"]
    assert sum(bool(project["measured_results"]) for project in data.PROJECTS) == 1
