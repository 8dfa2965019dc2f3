"""Who may do what in coaching.

- Everyone logged in reads the pool of coaches (what they offer, never whom they
  accompany), registers himself as a coach and edits his own profile, and asks for
  support.
- A request is seen by its requester and the coaching coordinators only; the requester
  withdraws it while no relationship is active.
- A match is confidential: the coordinators (who hold the function, or are org admins:
  `people.functions.is_coaching_coordinator`) see every one; the requester and the
  coach see theirs once the round is published; nobody else learns it exists — not HR,
  not lead links. Each of the pair accepts or declines a published match; either one
  (or a coordinator) closes an active relationship.
- Coordinators run matching rounds, drop or change a proposal, and publish a round.
"""

from cercles.people.functions import is_coaching_coordinator

from .models import CoachingRequest, Match, MatchingRound, MatchStatus, RequestStatus


def _authenticated(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_register_coach(user) -> bool:
    return _authenticated(user)


def can_request(user) -> bool:
    return _authenticated(user)


def can_coordinate(user) -> bool:
    return is_coaching_coordinator(user)


def request_abilities(user, request: CoachingRequest) -> dict[str, bool]:
    if not _authenticated(user):
        return {"view": False, "withdraw": False}
    mine = request.requester_id == user.pk
    coordinator = is_coaching_coordinator(user)
    return {
        "view": mine or coordinator,
        "withdraw": mine and request.status in (RequestStatus.OPEN, RequestStatus.PROPOSED),
    }


def match_abilities(user, match: Match) -> dict[str, bool]:
    keys = ("view", "accept", "decline", "close", "drop", "replace", "coordinate")
    if not _authenticated(user):
        return dict.fromkeys(keys, False)
    coordinator = is_coaching_coordinator(user)
    is_requester = match.request.requester_id == user.pk
    is_coach = match.coach.person_id == user.pk
    in_pair = (is_requester or is_coach) and match.status in (
        MatchStatus.PUBLISHED,
        MatchStatus.ACTIVE,
        MatchStatus.DECLINED,
        MatchStatus.CLOSED,
    )
    already = (is_requester and match.requester_accepted_at) or (
        is_coach and match.coach_accepted_at
    )
    published = match.status == MatchStatus.PUBLISHED
    return {
        "view": coordinator or in_pair,
        "accept": in_pair and published and not already,
        "decline": in_pair and published,
        "close": match.status == MatchStatus.ACTIVE and (in_pair or coordinator),
        "drop": coordinator and match.status == MatchStatus.PROPOSED,
        "replace": coordinator and match.status == MatchStatus.PROPOSED,
        "coordinate": coordinator,
    }


def round_abilities(user, matching_round: MatchingRound) -> dict[str, bool]:
    coordinator = is_coaching_coordinator(user)
    return {
        "view": coordinator,
        "publish": coordinator and not matching_round.is_published,
    }
