"""Who may do what with trainings and their sessions.

- Everyone logged in reads the published (and archived) trainings and their sessions,
  and proposes a training he would give (he becomes its trainer).
- A proposed training is read by its author, its trainers and HR; HR publish it.
- HR (`people.functions.is_hr`, org admins included) edit, publish and archive any
  training and manage every session; a training's trainers edit it and schedule its
  sessions; a session's trainers manage it (edit, cancel, mark attendance).
- Anyone logged in registers to a scheduled session of a published training before it
  starts, once; he cancels his registration (or leaves the waiting list) before it
  starts.
- After the start, whoever attended gives his feedback once; the session's trainers
  and HR read the feedback, without names.

Which trainings and sessions the user trains is passed in (`trainer_ids`), read once per
object by the access helpers or prefetched in lists.
"""

from django.utils import timezone

from cercles.people.functions import is_hr

from .models import RegistrationStatus, SessionStatus, TrainingStatus

TRAINING_ABILITIES = ("view", "update", "publish", "archive", "schedule")
SESSION_ABILITIES = (
    "view",
    "register",
    "unregister",
    "update",
    "cancel",
    "attendance",
    "feedback",
    "results",
)


def _authenticated(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_propose(user) -> bool:
    return _authenticated(user)


def training_abilities(user, training, *, trainer_ids=None) -> dict[str, bool]:
    """`trainer_ids`: ids of the training's trainers (read from the prefetch otherwise)."""
    if not _authenticated(user):
        return dict.fromkeys(TRAINING_ABILITIES, False)
    if trainer_ids is None:
        trainer_ids = {p.pk for p in training.trainers.all()}
    hr = is_hr(user)
    trainer = user.pk in trainer_ids
    view = (
        hr
        or trainer
        or training.status != TrainingStatus.PROPOSED
        or training.proposed_by_id == user.pk
    )
    live = training.status != TrainingStatus.ARCHIVED
    return {
        "view": view,
        "update": live and (hr or trainer),
        "publish": hr and training.status == TrainingStatus.PROPOSED,
        "archive": hr and live,
        "schedule": training.status == TrainingStatus.PUBLISHED and (hr or trainer),
    }


def session_abilities(
    user, session, *, trainer_ids=None, registration=None, now=None
) -> dict[str, bool]:
    """`registration`: the user's registration to the session, or None.
    `trainer_ids`: ids of the session's trainers (read from the prefetch otherwise)."""
    if not _authenticated(user):
        return dict.fromkeys(SESSION_ABILITIES, False)
    if trainer_ids is None:
        trainer_ids = {p.pk for p in session.trainers.all()}
    now = now or timezone.now()
    hr = is_hr(user)
    trainer = user.pk in trainer_ids
    manager = hr or trainer
    started = session.starts_at <= now
    scheduled = session.status == SessionStatus.SCHEDULED
    published = session.training.status == TrainingStatus.PUBLISHED
    active = registration is not None and registration.status != RegistrationStatus.CANCELLED
    return {
        "view": True,
        "register": scheduled and published and not started and not active and not trainer,
        "unregister": scheduled and not started and active,
        "update": manager and scheduled and not started,
        "cancel": manager and scheduled and not started,
        "attendance": manager and scheduled and started,
        "feedback": (
            scheduled
            and started
            and registration is not None
            and registration.status == RegistrationStatus.REGISTERED
            and registration.attended is True
            and registration.feedback_given_at is None
        ),
        "results": manager,
    }
