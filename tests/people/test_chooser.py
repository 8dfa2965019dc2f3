"""« Choisir mon parcours »: the rules, on key profiles and on every possible answer."""

import itertools

import pytest

from cercles.people import chooser

ALL = list(itertools.product(*[[value for value, _label in q.choices] for q in chooser.QUESTIONS]))


def answers(**given):
    base = {
        "goal": "skill",
        "time": "monthly",
        "learning": "one_to_one",
        "horizon": "months",
        "confidential": "no",
        "transmit": "no",
    }
    return {**base, **given}


def top(result):
    return [s.format for s in result.recommended]


def reasons(result, key):
    scored = next(s for s in result.ranked if s.format == key)
    return [(r.question, r.answer) for r in scored.reasons]


def test_six_questions_with_labelled_choices():
    assert chooser.QUESTION_KEYS == (
        "goal",
        "time",
        "learning",
        "horizon",
        "confidential",
        "transmit",
    )
    assert len(ALL) == 4 * 3 * 4 * 3 * 2 * 2


def test_someone_who_wants_to_step_back_quietly_gets_coaching_first():
    result = chooser.recommend(answers(goal="posture", learning="one_to_one", confidential="yes"))
    # coaching 4+2+2+1+2 = 11, mentoring 2+2+2+1 = 7, tutoring 1+2+1 = 4
    assert top(result) == ["coaching", "mentoring", "tutoring"]
    assert [s.score for s in result.recommended] == [11, 7, 4]
    assert reasons(result, "coaching") == [
        ("goal", "posture"),
        ("time", "monthly"),
        ("learning", "one_to_one"),
        ("confidential", "yes"),
        ("horizon", "months"),
    ]
    assert result.give == []


def test_someone_curious_of_another_job_gets_immersion_then_a_mission():
    result = chooser.recommend(
        answers(goal="discover", time="weekly", learning="observing", horizon="months")
    )
    # immersion 4+2+3+1 = 10, mission 2+3 = 5, tutoring 1+1+1 = 3
    assert top(result) == ["immersion", "mission", "tutoring"]
    assert reasons(result, "immersion")[0] == ("goal", "discover")


def test_a_few_hours_rules_out_a_mission_whatever_its_points():
    result = chooser.recommend(answers(goal="move", time="hours", learning="doing", horizon="year"))
    mission = next(s for s in result.ranked if s.format == "mission")
    assert mission.score == 3 + 2 + 1 and not mission.recommended
    assert [(r.question, r.answer) for r in mission.excluded_by] == [("time", "hours")]
    assert "mission" not in top(result)
    # mentoring 3+2 = 5; tutoring 2 and training 2, tied: in the order of the formats.
    assert top(result) == ["mentoring", "tutoring", "training"]


def test_a_skill_soon_in_a_group_gets_training_and_what_to_give():
    result = chooser.recommend(
        answers(goal="skill", time="hours", learning="group", horizon="now", transmit="yes")
    )
    # training 3+2+3+2 = 10, coaching 1+1+1 = 3, tutoring 3
    assert top(result) == ["training", "coaching", "tutoring"]
    assert result.give == ["training", "coaching", "tutoring", "immersion"]


def test_confidentiality_weighs_against_visible_formats():
    result = chooser.recommend(answers(goal="move", time="weekly", confidential="yes"))
    mission = next(s for s in result.ranked if s.format == "mission")
    assert [(r.question, r.answer, r.points) for r in mission.caveats] == [
        ("confidential", "yes", -2)
    ]


@pytest.mark.parametrize(
    "given, errors",
    [
        ({}, dict.fromkeys(chooser.QUESTION_KEYS, "missing")),
        (answers(goal="fly"), {"goal": "unknown"}),
        ({**answers(), "time": ""}, {"time": "missing"}),
    ],
)
def test_missing_or_unknown_answers_are_refused(given, errors):
    with pytest.raises(chooser.InvalidAnswers) as exc:
        chooser.recommend(given)
    assert exc.value.errors == errors


def test_every_profile_gets_one_to_three_explained_formats_deterministically():
    for values in ALL:
        given = dict(zip(chooser.QUESTION_KEYS, values, strict=True))
        result = chooser.recommend(given)
        again = chooser.recommend(dict(reversed(list(given.items()))))
        assert [(s.format, s.score) for s in result.ranked] == [
            (s.format, s.score) for s in again.ranked
        ]
        recommended = result.recommended
        assert 1 <= len(recommended) <= chooser.MAX_RECOMMENDED, given
        scores = [s.score for s in recommended]
        assert scores == sorted(scores, reverse=True)
        assert sorted(s.format for s in result.ranked) == sorted(chooser.FORMAT_ORDER)
        for scored in recommended:
            # Explained: the reasons add up to at least the score; each is an answer given.
            assert scored.reasons, (given, scored.format)
            assert (
                sum(r.points for r in scored.reasons) + sum(r.points for r in scored.caveats)
                == scored.score
            )
            assert all(given[r.question] == r.answer for r in scored.reasons)
            assert all(r.points > 0 for r in scored.reasons)
        if given["time"] == "hours":
            assert "mission" not in top(result)
        assert (result.give != []) == (given["transmit"] == "yes")
        # Ties broken in the order of the formats.
        for a, b in itertools.pairwise(recommended):
            if a.score == b.score:
                assert chooser.FORMAT_ORDER.index(a.format) < chooser.FORMAT_ORDER.index(b.format)
