"""Who may do what on polls.

- A poll is seen by those who see its circle's meetings (the circle's members and
  those who manage it, `meetings.permissions.seen_circle_ids`), by its electors, by
  those who see its meeting (a meeting poll), and by admins.
- Its electors vote while it is open: the circle's members (or the meeting's
  participants) when it opened, and the people added to the electorate since.
- It is run (edited, opened, closed, concluded, its electorate updated) by its author,
  the circle's facilitator and secretary, the meeting's facilitator, whoever manages
  the circle, and admins. Its options change only until the first vote.
- A circle poll is created by the circle's members and managers; a meeting poll by
  the meeting's organisers and participants.
- The results are shown as the poll says (always, after one has voted, at the
  closing), to everyone alike: neither the author nor an admin sees them earlier. An
  anonymous poll shows them at the closing, and only with enough respondents
  (`Poll.respondents_needed`).
"""

from django.utils.translation import gettext as _

from cercles.meetings.permissions import (
    meeting_role_circle_ids,
    member_circle_ids,
    seen_circle_ids,
)
from cercles.organisation.permissions import is_admin, manages

from .models import Elector, Participation, Poll, PollStatus, ResultsVisibility

POLL_ABILITIES = (
    "view",
    "vote",
    "change_vote",
    "manage",
    "update",
    "edit_options",
    "open",
    "close",
    "conclude",
    "delete",
    "update_electorate",
    "results",
    "export",
)


def _fact(user, poll: Poll, name: str, model) -> bool:
    """Whether the user is an elector of / has voted in the poll: from the annotation
    of `Poll.objects.with_mine`, else one query kept on the poll."""
    annotated = getattr(poll, f"my_{name}", None)
    if annotated is not None:
        return bool(annotated)
    cache = poll.__dict__.setdefault(f"_cercles_{name}", {})
    if user.pk not in cache:
        cache[user.pk] = model.objects.filter(poll_id=poll.pk, person=user).exists()
    return cache[user.pk]


def is_elector(user, poll: Poll) -> bool:
    return _fact(user, poll, "elector", Elector)


def has_voted(user, poll: Poll) -> bool:
    return _fact(user, poll, "voted", Participation)


def runs(user, poll: Poll) -> bool:
    if is_admin(user) or poll.created_by_id == user.pk:
        return True
    if poll.circle_id in meeting_role_circle_ids(user) or manages(user, poll.circle_id):
        return True
    meeting = poll.meeting if poll.meeting_id else None
    return meeting is not None and user.pk in (meeting.facilitator_id, meeting.secretary_id)


def can_create_poll(user, circle, meeting=None, meeting_abilities=None) -> bool:
    """Circle polls: the circle's members and managers. Meeting polls: the meeting's
    organisers and participants, until it closes (`meeting_abilities` may be given
    when the caller has them already)."""
    if not (user and user.is_authenticated) or circle.is_archived:
        return False
    if meeting is not None:
        if meeting.status == "closed":
            return False
        if meeting_abilities is None:
            from cercles.meetings.permissions import meeting_abilities as abilities_of

            meeting_abilities = abilities_of(user, meeting)
        if meeting_abilities.get("organise") or meeting_abilities.get("take_part"):
            return True
    return is_admin(user) or manages(user, circle.pk) or circle.pk in member_circle_ids(user)


def results_visible(user, poll: Poll) -> bool:
    """Whether the results may be shown to this user now, the minimum number of
    respondents aside (`results_shown`)."""
    if poll.status == PollStatus.CLOSED:
        return True
    if poll.status != PollStatus.OPEN:
        return False
    if poll.results_visibility == ResultsVisibility.ALWAYS:
        return True
    if poll.results_visibility == ResultsVisibility.AFTER_VOTE:
        return bool(user and user.is_authenticated) and has_voted(user, poll)
    return False


def results_shown(user, poll: Poll) -> bool:
    """Visible, and enough respondents for an anonymous poll."""
    return results_visible(user, poll) and poll.voter_count >= poll.respondents_needed


def poll_abilities(user, poll: Poll) -> dict[str, bool]:
    if not (user and user.is_authenticated):
        return dict.fromkeys(POLL_ABILITIES, False)
    elector = is_elector(user, poll)
    voted = has_voted(user, poll)
    run = runs(user, poll)
    view = is_admin(user) or elector or poll.circle_id in seen_circle_ids(user) or run
    if not view and poll.meeting_id:
        from cercles.meetings.permissions import meeting_abilities

        view = meeting_abilities(user, poll.meeting)["view"]
    open_ = poll.status == PollStatus.OPEN
    not_closed = poll.status != PollStatus.CLOSED
    no_votes = poll.voter_count == 0
    shown = view and results_shown(user, poll)
    return {
        "view": view,
        "vote": open_ and elector and not voted,
        # Only an open poll's ballot can be found again to be changed.
        "change_vote": open_ and elector and voted and not poll.is_anonymous,
        "manage": run,
        "update": run and not_closed,
        "edit_options": run and not_closed and no_votes,
        "open": run and poll.status == PollStatus.DRAFT,
        "close": run and open_,
        "conclude": run and poll.status == PollStatus.CLOSED,
        "delete": run and no_votes and not_closed,
        "update_electorate": run and open_,
        "results": shown,
        "export": shown,
    }


def hidden_reason(user, poll: Poll) -> str:
    """Why the results are not shown to this user (empty when they are)."""
    if results_shown(user, poll):
        return ""
    if poll.status == PollStatus.DRAFT:
        return _("Le sondage n'est pas encore ouvert.")
    if results_visible(user, poll):
        return _(
            "Moins de %(n)s personnes ont répondu : aucun résultat n'est montré, pour que "
            "personne ne puisse deviner qui a voté quoi."
        ) % {"n": poll.respondents_needed}
    if poll.results_visibility == ResultsVisibility.AFTER_VOTE and is_elector(user, poll):
        return _("Les résultats s'affichent quand vous avez voté, et pour tous à la clôture.")
    return _("Les résultats s'affichent à la clôture du sondage.")
