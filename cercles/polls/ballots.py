"""The answer a ballot holds, by kind of poll: checked, and stored in one shape.

The shapes (the API takes them as they are; the vote forms build them):

- consent, advice: ``{"position": "agree" | "concerns" | "object"}``; a comment is
  required with concerns or an objection (their reasons are the point), optional
  with an agreement;
- yes_no: ``{"choice": "yes" | "no" | "abstain"}``, comment optional;
- dots: ``{"dots": {"<option id>": n, …}}``: whole numbers ≥ 0, at most the poll's
  maximum on one option, 1 to the poll's number of dots in all (not every dot has to
  be spent); options left out get 0;
- score: ``{"scores": {"<option id>": n, …}}``: every option, 0 to the poll's maximum;
- ranked: ``{"ranking": [option id, …]}``: best first, at least one, each at most
  once; the options left out are ranked after all the others;
- time_slot: ``{"slots": {"<option id>": "yes" | "maybe" | "no"}}``: every slot.

Option ids are strings in the stored JSON (JSON keys are strings); `for_counting`
turns them back into ints for `counting.py`.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .counting import AVAILABILITY, CHOICES, POSITIONS
from .models import PollKind

COMMENT_MAX = 2000


def _error(message: str, field: str = "answer"):
    return ValidationError({field: [message]})


def _int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def _option_map(raw, option_ids: list[int], what: str) -> dict[int, object]:
    if not isinstance(raw, dict):
        raise _error(_("Indiquez %(what)s pour chaque option.") % {"what": what})
    result = {}
    for key, value in raw.items():
        option = _int(key)
        if option is None or option not in option_ids:
            raise _error(_("Cette option n'existe pas dans ce sondage."))
        result[option] = value
    return result


def clean_answer(poll, option_ids: list[int], answer, comment: str = "") -> tuple[dict, str]:
    """The answer in its stored shape and the comment, or a ValidationError in French."""
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise _error(_("Le commentaire dépasse %(n)s caractères.") % {"n": COMMENT_MAX}, "comment")
    if not isinstance(answer, dict):
        raise _error(_("Réponse illisible."))
    kind = poll.kind
    if kind in (PollKind.CONSENT, PollKind.ADVICE):
        position = answer.get("position")
        if position not in POSITIONS:
            raise _error(_("Choisissez votre position."))
        if position != "agree" and not comment:
            message = (
                _("Dites ce qui fonde votre objection : elle sera examinée.")
                if position == "object"
                else _("Dites quelles sont vos réserves.")
            )
            raise _error(message, "comment")
        return {"position": position}, comment
    if kind == PollKind.YES_NO:
        choice = answer.get("choice")
        if choice not in CHOICES:
            raise _error(_("Choisissez oui, non ou abstention."))
        return {"choice": choice}, comment
    if kind == PollKind.DOTS:
        given = _option_map(answer.get("dots"), option_ids, _("un nombre de points"))
        dots = {}
        for option, value in given.items():
            number = _int(value)
            if number is None or number < 0:
                raise _error(_("Les points sont des nombres entiers positifs ou nuls."))
            if poll.dots_max_per_option and number > poll.dots_max_per_option:
                raise _error(
                    _("Au plus %(n)s points sur une même option.") % {"n": poll.dots_max_per_option}
                )
            if number:
                dots[str(option)] = number
        total = sum(dots.values())
        if total == 0:
            raise _error(_("Placez au moins un point."))
        if total > poll.dots_total:
            raise _error(
                _("Vous avez placé %(given)s points : vous en avez %(n)s au plus.")
                % {"given": total, "n": poll.dots_total}
            )
        return {"dots": dots}, comment
    if kind == PollKind.SCORE:
        given = _option_map(answer.get("scores"), option_ids, _("une note"))
        if set(given) != set(option_ids):
            raise _error(_("Donnez une note à chaque option."))
        scores = {}
        for option in option_ids:
            number = _int(given[option])
            if number is None or not 0 <= number <= poll.score_max:
                raise _error(
                    _("Les notes vont de 0 à %(max)s, en nombres entiers.")
                    % {"max": poll.score_max}
                )
            scores[str(option)] = number
        return {"scores": scores}, comment
    if kind == PollKind.RANKED:
        raw = answer.get("ranking")
        if not isinstance(raw, list) or not raw:
            raise _error(_("Choisissez au moins votre premier choix."))
        ranking = []
        for value in raw:
            option = _int(value)
            if option is None or option not in option_ids:
                raise _error(_("Cette option n'existe pas dans ce sondage."))
            if option in ranking:
                raise _error(_("Une option ne peut être classée qu'une fois."))
            ranking.append(option)
        return {"ranking": ranking}, comment
    if kind == PollKind.TIME_SLOT:
        given = _option_map(answer.get("slots"), option_ids, _("votre disponibilité"))
        if set(given) != set(option_ids):
            raise _error(_("Indiquez votre disponibilité pour chaque créneau."))
        slots = {}
        for option in option_ids:
            if given[option] not in AVAILABILITY:
                raise _error(_("Répondez oui, si besoin ou non pour chaque créneau."))
            slots[str(option)] = given[option]
        return {"slots": slots}, comment
    raise _error(_("Type de sondage inconnu."))  # pragma: no cover (every kind is handled above)


def for_counting(kind: str, answers: list[dict]) -> list:
    """The stored answers as `counting.py` takes them (int option ids)."""
    if kind in (PollKind.CONSENT, PollKind.ADVICE):
        return [a["position"] for a in answers]
    if kind == PollKind.YES_NO:
        return [a["choice"] for a in answers]
    if kind == PollKind.DOTS:
        return [{int(k): v for k, v in a["dots"].items()} for a in answers]
    if kind == PollKind.SCORE:
        return [{int(k): v for k, v in a["scores"].items()} for a in answers]
    if kind == PollKind.RANKED:
        return [list(a["ranking"]) for a in answers]
    if kind == PollKind.TIME_SLOT:
        return [{int(k): v for k, v in a["slots"].items()} for a in answers]
    raise ValueError(kind)  # pragma: no cover (every kind is handled above)
