"""« Choisir mon parcours »: a few questions, then the accompaniment formats that suit
the person, ranked, each with why.

`recommend(answers)` is a pure function of the answers (no database, no randomness):
each answer gives points to some formats (or takes some away) through the table
`RULES`; a format is recommended when its total is positive, the best first (ties in
the order of FormatKey). Its reasons are the answers that gave it points, the
strongest first ("parce que vous avez dit « … »"); its caveats, those that took some
away. A format may also be ruled out by an answer (a mission takes at least a day a
week: not for someone who has a few hours).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .models import FormatKey

COACHING, MENTORING, TUTORING, IMMERSION, TRAINING, MISSION = (
    FormatKey.COACHING,
    FormatKey.MENTORING,
    FormatKey.TUTORING,
    FormatKey.IMMERSION,
    FormatKey.TRAINING,
    FormatKey.MISSION,
)
FORMAT_ORDER = list(FormatKey.values)
MAX_RECOMMENDED = 3


@dataclass(frozen=True)
class Question:
    key: str
    label: object
    help: object
    choices: tuple  # (value, label)


QUESTIONS = (
    Question(
        "goal",
        _("Qu'aimeriez-vous avant tout ?"),
        _("Ce qui vous donne envie de vous lancer aujourd'hui."),
        (
            ("skill", _("Progresser sur une compétence précise")),
            ("discover", _("Découvrir un autre métier ou un autre service")),
            ("posture", _("Prendre du recul sur ma pratique et ma posture")),
            ("move", _("Préparer une évolution ou une mobilité")),
        ),
    ),
    Question(
        "time",
        _("Combien de temps pouvez-vous y consacrer ?"),
        _("Avec l'accord de votre premier lien quand cela touche votre temps de travail."),
        (
            ("hours", _("Quelques heures en tout")),
            ("monthly", _("Une demi-journée par mois")),
            ("weekly", _("Un ou deux jours par semaine pendant quelques mois")),
        ),
    ),
    Question(
        "learning",
        _("Comment apprenez-vous le mieux ?"),
        "",
        (
            ("group", _("En groupe, avec un formateur")),
            ("one_to_one", _("En échangeant seul à seul avec quelqu'un")),
            ("doing", _("En faisant, sur un vrai sujet")),
            ("observing", _("En observant quelqu'un faire")),
        ),
    ),
    Question(
        "horizon",
        _("À quel horizon ?"),
        "",
        (
            ("now", _("Dans les semaines qui viennent")),
            ("months", _("Dans les mois à venir")),
            ("year", _("D'ici un an ou plus")),
        ),
    ),
    Question(
        "confidential",
        _("Souhaitez-vous que la démarche reste confidentielle ?"),
        "",
        (
            ("yes", _("Oui, entre moi et la personne qui m'accompagne")),
            ("no", _("Peu importe")),
        ),
    ),
    Question(
        "transmit",
        _("Avez-vous envie de transmettre ce que vous savez ?"),
        _("Former, accompagner ou accueillir un collègue fait aussi grandir."),
        (
            ("yes", _("Oui, j'aimerais transmettre")),
            ("no", _("Pas pour l'instant")),
        ),
    ),
)
QUESTION_KEYS = tuple(q.key for q in QUESTIONS)
CHOICES = {q.key: dict(q.choices) for q in QUESTIONS}

# (question, answer) -> {format: points}. Why each line, in a word:
RULES: dict[tuple[str, str], dict[str, int]] = {
    # A precise skill: a short training, or a tutor who shows how.
    ("goal", "skill"): {TRAINING: 3, TUTORING: 3, COACHING: 1},
    # Another job: see it (immersion), then try it (a part-time mission).
    ("goal", "discover"): {IMMERSION: 4, MISSION: 2, MENTORING: 1},
    # Posture and stepping back: coaching first, a mentor's experience next.
    ("goal", "posture"): {COACHING: 4, MENTORING: 2},
    # A move: a mentor who has walked the way, a mission to prove oneself.
    ("goal", "move"): {MENTORING: 3, MISSION: 3, IMMERSION: 1},
    ("time", "hours"): {TRAINING: 2, COACHING: 1, IMMERSION: -1},
    ("time", "monthly"): {COACHING: 2, MENTORING: 2, TUTORING: 1},
    ("time", "weekly"): {MISSION: 3, IMMERSION: 2, TUTORING: 1},
    ("learning", "group"): {TRAINING: 3},
    ("learning", "one_to_one"): {COACHING: 2, MENTORING: 2, TUTORING: 2},
    ("learning", "doing"): {MISSION: 2, TUTORING: 2, IMMERSION: 1},
    ("learning", "observing"): {IMMERSION: 3, TUTORING: 1},
    # Soon: trainings run every month, a coach is found in a few weeks.
    ("horizon", "now"): {TRAINING: 2, COACHING: 1},
    ("horizon", "months"): {COACHING: 1, TUTORING: 1, IMMERSION: 1},
    ("horizon", "year"): {MENTORING: 2, MISSION: 1},
    # A coaching relationship is confidential; a mission or a training is seen by all.
    ("confidential", "yes"): {COACHING: 2, MENTORING: 1, TRAINING: -1, MISSION: -2},
    ("transmit", "yes"): {MENTORING: 1},
}
# (question, answer) -> formats ruled out whatever their points.
EXCLUSIONS: dict[tuple[str, str], frozenset[str]] = {
    # A mission takes at least a day a week for months.
    ("time", "hours"): frozenset({MISSION}),
}
# What one may offer others when one wants to pass on what one knows.
GIVE = (TRAINING, COACHING, TUTORING, IMMERSION)


@dataclass(frozen=True)
class Reason:
    question: str
    answer: str
    points: int

    @property
    def label(self):
        return CHOICES[self.question][self.answer]


@dataclass
class Scored:
    format: str
    score: int
    reasons: list[Reason] = field(default_factory=list)  # the answers that gave points
    caveats: list[Reason] = field(default_factory=list)  # the answers that took some
    excluded_by: list[Reason] = field(default_factory=list)

    @property
    def recommended(self) -> bool:
        return self.score > 0 and not self.excluded_by


@dataclass
class Recommendation:
    answers: dict
    ranked: list[Scored]  # every format, best first
    give: list[str]  # formats he may offer, when he wants to pass on what he knows

    @property
    def recommended(self) -> list[Scored]:
        return [s for s in self.ranked if s.recommended][:MAX_RECOMMENDED]

    @property
    def others(self) -> list[Scored]:
        top = {s.format for s in self.recommended}
        return [s for s in self.ranked if s.format not in top]


class InvalidAnswers(ValueError):
    def __init__(self, errors: dict[str, str]):
        super().__init__(errors)
        self.errors = errors


def clean_answers(answers) -> dict[str, str]:
    """The answers to every question, or InvalidAnswers naming the missing or unknown ones."""
    errors, cleaned = {}, {}
    for question in QUESTIONS:
        value = (answers or {}).get(question.key)
        if value in CHOICES[question.key]:
            cleaned[question.key] = value
        else:
            errors[question.key] = "missing" if not value else "unknown"
    if errors:
        raise InvalidAnswers(errors)
    return cleaned


def recommend(answers) -> Recommendation:
    answers = clean_answers(answers)
    scored = {key: Scored(key, 0) for key in FORMAT_ORDER}
    for question in QUESTIONS:
        pair = (question.key, answers[question.key])
        for key, points in RULES.get(pair, {}).items():
            entry = scored[key]
            entry.score += points
            (entry.reasons if points > 0 else entry.caveats).append(Reason(*pair, points))
        for key in EXCLUSIONS.get(pair, ()):
            scored[key].excluded_by.append(Reason(*pair, 0))
    for entry in scored.values():
        # The strongest reason first; equal ones in the order of the questions.
        entry.reasons.sort(key=lambda r: -r.points)
        entry.caveats.sort(key=lambda r: r.points)
    ranked = sorted(
        scored.values(),
        key=lambda s: (not s.recommended, -s.score, FORMAT_ORDER.index(s.format)),
    )
    give = list(GIVE) if answers["transmit"] == "yes" else []
    return Recommendation(answers=answers, ranked=ranked, give=give)
