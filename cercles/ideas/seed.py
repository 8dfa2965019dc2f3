"""Bulk seeding of the ideas module for load tests (`manage.py seed`, after the organisation).

Like `cercles.organisation.seed`, rows are written with `bulk_create` in large batches,
not through the services, and still hold together as the services would leave them:

- about thirty campaigns over the past two years (a third scoped to a direction), and
  ideas posted during them or outside any campaign (random ids, as the services give);
- a fifth of the ideas anonymous (no author, times cut to the day), a few signed drafts;
- a life cycle that depends on age: most ideas past their deadline are answered, a
  share are still waiting (overdue), each change of state has its public `IdeaAnswer`
  by a facilitator (or lead link) of the idea's circle, along `TRANSITIONS`; some
  ideas are merged into an earlier one of the same campaign (they keep no support);
- supports unique per idea and person, never by the author, skewed (a Pareto draw:
  a few ideas gather thousands), with `Idea.support_count` equal to the rows;
- comments, more on the ideas people support most, a third of them replies, a few hidden
  with their reason; the authors of signed ideas follow them.

Left out on purpose: supporters' follows (the services add one per support; only the
notifications read them), themes and projects, and embeddings: `embedding` stays null
(the similar-ideas engine then scores these ideas by their words only). Computing 20,000
vectors takes minutes (`manage.py seed --embed` does it, through
`cercles.ideas.tasks.embed_missing`). For timing only, `manage.py seed --random-vectors`
(what `make bench` runs) stores random unit vectors of the current model's dimension,
tagged with its id, in a second: every search then embeds its query and scores every
idea's vector as it would in production, but the neighbours it finds mean nothing.

Texts come from `seed_text.idea_texts` (titles distinct up to about 25,000 ideas).
"""

import datetime
import random
import time
from dataclasses import dataclass
from itertools import accumulate

from django.db import connection, transaction
from django.utils import timezone

from cercles.accounts.models import Person
from cercles.core import fragments
from cercles.lib.text import fold
from cercles.organisation.models import Assignment, Circle, CoreRole
from cercles.organisation.seed import given_timestamps

from . import demo_data, seed_text
from .models import (
    TRANSITIONS,
    Campaign,
    Comment,
    CommentReport,
    Follow,
    Idea,
    IdeaAnswer,
    IdeaObjective,
    IdeaStatus,
    Objective,
    Project,
    Support,
    Theme,
    day_start,
    random_id,
)

S = IdeaStatus
BATCH = 2000
DAY = datetime.timedelta(days=1)
SPAN_DAYS = 2 * 365
DEFAULT_DEADLINE_DAYS = 30


@dataclass(frozen=True)
class Scale:
    ideas: int
    supports: int
    comments: int
    campaigns: int


# The state scale is bounded: 50,000 ideas for 100,000 people (an idea for every other
# agent in two years is already far above what idea programmes report).
SCALES = {
    "team": Scale(150, 600, 300, 3),
    "metropole": Scale(20_000, 200_000, 40_000, 30),
    "state": Scale(50_000, 500_000, 100_000, 60),
}

ANONYMOUS_SHARE = 0.2
DRAFT_SHARE = 0.01  # of the signed ideas
IN_CAMPAIGN_SHARE = 0.7
REPLY_SHARE = 0.3
HIDDEN_SHARE = 0.003
# Pareto shape of the supports' spread: smaller is more skewed. At 1.5, the metropole's
# most supported ideas gather a few thousand supports, the median idea a handful.
SUPPORT_SKEW = 1.5
# Nobody's idea is supported by more than this share of the staff.
SUPPORT_CAP_SHARE = 0.5

CAMPAIGNS = [
    ("Mieux travailler ensemble", "Qu'est-ce qui vous ferait gagner du temps au quotidien ?"),
    ("Des démarches plus simples", "Comment simplifier les démarches des habitants ?"),
    ("Sobriété énergétique", "Comment consommer moins d'énergie dans nos bâtiments ?"),
    ("Bien accueillir les nouveaux", "Comment réussir l'arrivée d'un nouvel agent ?"),
    ("Le numérique au service des agents", "Quels outils numériques vous aideraient ?"),
    ("Chasse aux chronophages", "Quelle tâche inutile supprimeriez-vous demain ?"),
    ("Se déplacer autrement", "Comment réduire nos trajets et ceux des habitants ?"),
    ("Qualité de vie au travail", "Qu'est-ce qui améliorerait vos conditions de travail ?"),
    ("Un service public plus proche", "Comment aller vers les habitants les plus éloignés ?"),
    ("Acheter mieux", "Comment rendre nos achats plus simples et plus responsables ?"),
    ("Zéro papier", "Quels papiers pourrions-nous supprimer ?"),
    ("Apprendre les uns des autres", "Comment partager nos savoir-faire entre services ?"),
]
ANSWERS = {
    S.UNDER_STUDY: [
        "Merci pour cette idée : elle est à l'étude avec le service concerné. Nous "
        "reviendrons vers vous avec une réponse motivée.",
        "Votre proposition est examinée avec les équipes qui devraient la mettre en œuvre ; "
        "nous en chiffrons le coût et le temps nécessaire.",
    ],
    S.ACCEPTED: [
        "Retenue : le service s'engage à la mettre en œuvre cette année. Un point d'étape "
        "sera publié ici.",
        "Bonne idée, retenue par le comité. Elle sera testée dans un service pilote avant "
        "d'être étendue.",
    ],
    S.REFUSED: [
        "Nous ne retenons pas cette idée : la réglementation impose la procédure actuelle "
        "et ne nous laisse pas de marge pour la modifier.",
        "Cette idée n'est pas retenue pour l'instant : son coût dépasse le budget de "
        "l'année. Elle sera réexaminée lors de la préparation du prochain budget.",
        "Pas retenue : une solution équivalente existe déjà, nous allons mieux la faire connaître.",
    ],
    S.MERGED: [
        "Cette idée dit la même chose qu'une idée déposée plus tôt : nous l'y avons "
        "fusionnée et vos soutiens y sont reportés.",
    ],
    S.IN_PROJECT: [
        "Votre idée rejoint un projet ouvert à tous : vous pouvez y participer depuis sa page.",
    ],
    S.IMPLEMENTED: [
        "C'est fait : la mesure est en place depuis ce mois-ci. Merci pour cette idée !",
        "Réalisée : le changement s'applique désormais dans tous les services concernés.",
    ],
}
COMMENTS = [
    "Tout à fait d'accord, c'est un vrai problème dans mon service aussi.",
    "Bonne idée, mais attention au coût pour les petites équipes.",
    "On l'a testé chez nous l'an dernier : ça marche si l'encadrement suit.",
    "Il faudrait demander l'avis des agents de terrain avant de généraliser.",
    "Je soutiens, à condition que ça ne rajoute pas une étape de plus.",
    "Est-ce que quelqu'un sait si la réglementation le permet ?",
    "Pourquoi pas, mais qui s'en occuperait concrètement ?",
    "Excellente proposition, ça nous ferait gagner un temps fou.",
    "Même constat sur notre site, surtout en période de congés.",
    "Une version simple pourrait être testée dès le mois prochain.",
]
REPLIES = [
    "Merci pour le retour, c'est noté.",
    "Bonne question : le service juridique a été consulté.",
    "D'accord avec vous, on pourrait commencer par un essai.",
    "C'est prévu dans la proposition, voir le deuxième paragraphe.",
]
HIDDEN_REASON = (
    "Masqué par l'animation : ce commentaire met en cause une personne. Vous pouvez le "
    "reformuler en parlant de l'idée."
)


def has_data() -> bool:
    return Idea.objects.exists() or Campaign.objects.exists()


@transaction.atomic
def wipe() -> None:
    """Delete everything of the ideas module (before the organisation it points at:
    ideas, campaigns and projects protect their circles and people)."""
    Project.objects.all().delete()
    Theme.objects.all().delete()
    CommentReport.objects.all().delete()
    # Replies first: one DELETE then takes the comments without walking their tree.
    Comment.objects.filter(parent__isnull=False).delete()
    Comment.objects.all().delete()
    Support.objects.all().delete()
    Follow.objects.all().delete()
    IdeaAnswer.objects.all().delete()
    # Merged ideas protect their target: delete the ideas pointing at others first.
    while Idea.objects.filter(merged_into__isnull=False).exists():
        Idea.objects.filter(merged_into__isnull=False).exclude(
            pk__in=Idea.objects.filter(merged_into__isnull=False).values("merged_into")
        ).delete()
    Idea.objects.all().delete()
    Campaign.objects.all().delete()
    Objective.objects.all().delete()
    fragments.bump(fragments.IDEAS)


def _between(rng, start: datetime.datetime, end: datetime.datetime) -> datetime.datetime:
    span = max(0, int((end - start).total_seconds()))
    return start + datetime.timedelta(seconds=rng.randint(0, span))


class _Moderators:
    """Who answers for a circle: a facilitator of it, else its lead link, else the admin."""

    def __init__(self, admin_id: int):
        self.admin_id = admin_id
        self.by_circle: dict[int, int] = {}
        rows = (
            Assignment.objects.current()
            .filter(role__core_role__in=(CoreRole.FACILITATOR, CoreRole.LEAD_LINK))
            .values_list("role__circle_id", "role__core_role", "person_id")
            .order_by("role__circle_id", "role__core_role", "person_id")
        )
        # "facilitator" sorts before "lead_link": a circle's facilitator comes first.
        for circle_id, _core_role, person_id in rows:
            self.by_circle.setdefault(circle_id, person_id)

    def of(self, circle_id: int | None) -> int:
        return self.by_circle.get(circle_id, self.admin_id)


def _path(rng, final: str) -> list[str]:
    """The states an idea went through to reach `final`, after "submitted"."""
    if final == S.SUBMITTED:
        return []
    path = [S.UNDER_STUDY] if final != S.UNDER_STUDY and rng.random() < 0.5 else []
    if final in (S.IN_PROJECT, S.IMPLEMENTED):
        path.append(S.ACCEPTED)
        if final == S.IMPLEMENTED and rng.random() < 0.4:
            path.append(S.IN_PROJECT)
    path.append(final)
    return path


FINALS = [S.UNDER_STUDY, S.ACCEPTED, S.REFUSED, S.MERGED, S.IN_PROJECT, S.IMPLEMENTED]
FINAL_WEIGHTS = [22, 24, 20, 8, 10, 16]


def seed(scale_name: str, *, seed_value: int = 42, log=print) -> dict:
    """Write the ideas of the given scale over the seeded organisation; return the counts
    and the time taken."""
    scale = SCALES[scale_name]
    rng = random.Random(seed_value)
    started = time.monotonic()
    now = timezone.now()
    origin = now - datetime.timedelta(days=SPAN_DAYS)

    admin = Person.objects.filter(is_org_admin=True).order_by("pk").first()
    person_ids = list(
        Person.objects.filter(is_active=True).exclude(pk=admin.pk).values_list("pk", flat=True)
    )
    person_ids.sort()
    circles = list(Circle.objects.active().values_list("pk", "parent_id").order_by("pk"))
    circle_ids = [pk for pk, _parent in circles]
    root_ids = {pk for pk, parent in circles if parent is None}
    directions = [pk for pk, parent in circles if parent in root_ids] or circle_ids
    moderators = _Moderators(admin.pk)

    with transaction.atomic(), given_timestamps(Campaign, Comment):
        # Objectives: the organisation's four, as in the demo ---------------------------------
        objective_ids = []
        for position, spec in enumerate(demo_data.OBJECTIVES):
            objective, _created = Objective.objects.get_or_create(
                name=spec["name"],
                defaults={"description": spec["description"], "position": position},
            )
            objective_ids.append(objective.pk)

        # Campaigns, spread over the two years ------------------------------------------
        campaigns = []
        step = SPAN_DAYS / scale.campaigns
        for n in range(scale.campaigns):
            title, question = CAMPAIGNS[n % len(CAMPAIGNS)]
            starts = origin + datetime.timedelta(days=n * step + rng.uniform(0, step / 2))
            starts_on = timezone.localdate(starts)
            ends_on = starts_on + datetime.timedelta(days=rng.choice((45, 60, 90)))
            created = starts - datetime.timedelta(days=rng.randint(7, 21))
            campaigns.append(
                Campaign(
                    title=f"{title} ({starts_on.year})" if n >= len(CAMPAIGNS) else title,
                    question=question,
                    description=f"{question} Proposez vos idées et soutenez celles des autres.",
                    starts_on=starts_on,
                    ends_on=ends_on,
                    circle_id=rng.choice(directions) if rng.random() < 0.33 else None,
                    answer_deadline_days=rng.choice((21, 30, 45)),
                    created_by_id=admin.pk,
                    created_at=created,
                    updated_at=created,
                )
            )
        Campaign.objects.bulk_create(campaigns, batch_size=BATCH)
        Campaign.objectives.through.objects.bulk_create(
            [
                Campaign.objectives.through(campaign_id=c.pk, objective_id=o)
                for c in campaigns
                for o in rng.sample(objective_ids, 2)
            ],
            batch_size=BATCH,
        )
        log(f"  {len(campaigns)} campagnes ({time.monotonic() - started:.1f} s)")

        # Ideas: who, when, where, and what became of them ------------------------------
        plans = []  # (posted, campaign or None, circle_id, author_id, anonymous, draft)
        for _ in range(scale.ideas):
            campaign = rng.choice(campaigns) if rng.random() < IN_CAMPAIGN_SHARE else None
            if campaign is not None:
                start = timezone.make_aware(
                    datetime.datetime.combine(campaign.starts_on, datetime.time(8))
                )
                end = min(
                    now,
                    timezone.make_aware(
                        datetime.datetime.combine(campaign.ends_on, datetime.time(18))
                    ),
                )
                posted = _between(rng, start, end)
                circle_id = campaign.circle_id or (
                    rng.choice(circle_ids) if rng.random() < 0.9 else None
                )
            else:
                posted = _between(rng, origin, now)
                circle_id = rng.choice(circle_ids) if rng.random() < 0.9 else None
            anonymous = rng.random() < ANONYMOUS_SHARE
            author_id = None if anonymous else rng.choice(person_ids)
            draft = not anonymous and rng.random() < DRAFT_SHARE
            plans.append((posted, campaign, circle_id, author_id, anonymous, draft))
        plans.sort(key=lambda plan: plan[0])

        texts = seed_text.idea_texts(rng, scale.ideas)
        ideas = []
        histories = []  # per idea: [(state, at), ...] after "submitted"
        merged = []  # (index, index of its target)
        open_by_campaign: dict[int | None, list[int]] = {}
        for index, ((title, body), plan) in enumerate(zip(texts, plans, strict=True)):
            posted, campaign, circle_id, author_id, anonymous, draft = plan
            deadline = campaign.answer_deadline_days if campaign else DEFAULT_DEADLINE_DAYS
            due_on = timezone.localdate(posted) + datetime.timedelta(days=deadline)
            age_days = (now - posted).total_seconds() / 86400
            final = S.SUBMITTED
            if not draft and age_days > 2:
                answered_share = 0.85 if age_days > deadline else 0.35 * age_days / deadline
                if rng.random() < answered_share:
                    final = rng.choices(FINALS, FINAL_WEIGHTS)[0]
                    if final == S.IMPLEMENTED and age_days < 90:
                        final = S.ACCEPTED
            pool = open_by_campaign.setdefault(campaign.pk if campaign else None, [])
            if final == S.MERGED and not pool:
                final = S.UNDER_STUDY
            path = _path(rng, final)
            # The first answer comes within about the deadline (sometimes later), the
            # next ones spread until now.
            history = []
            if path:
                first = posted + DAY * rng.uniform(1, min(age_days - 1, deadline * 1.4))
                moments = sorted(_between(rng, first, now) for _ in path[1:])
                history = list(zip(path, [first, *moments], strict=True))
            if final == S.MERGED:
                merged.append((index, rng.choice(pool[-200:])))
            elif not draft:
                pool.append(index)
            stamp = day_start(posted) if anonymous else posted
            last = history[-1][1] if history else posted
            ideas.append(
                Idea(
                    campaign=campaign,
                    title=title,
                    body=body,
                    circle_id=circle_id,
                    author_id=author_id,
                    is_anonymous=anonymous,
                    # Merged ones are inserted open, then pointed at their target below.
                    status=S.DRAFT if draft else (S.SUBMITTED if final == S.MERGED else final),
                    submitted_at=None if draft else stamp,
                    answer_due_on=None if draft else due_on,
                    answered_at=history[0][1] if history else None,
                    created_at=stamp,
                    updated_at=day_start(last) if anonymous else last,
                    search_text=fold(f"{title} {body}"),
                )
            )
            histories.append(history)
        Idea.objects.bulk_create(ideas, batch_size=BATCH)
        for index, target in merged:
            ideas[index].status = S.MERGED
            ideas[index].merged_into_id = ideas[target].pk
        Idea.objects.bulk_update(
            [ideas[index] for index, _target in merged], ["status", "merged_into"], batch_size=500
        )
        log(f"  {len(ideas)} idées ({time.monotonic() - started:.1f} s)")

        # The most numerous rows are written without model instances (see `_insert`).
        adapt = connection.ops.adapt_datetimefield_value
        # Their ids are random, as the services draw them (`models.random_id`).
        _insert(
            IdeaObjective,
            ("id", "idea", "objective"),
            [
                (random_id(), idea.pk, o)
                for idea in ideas
                for o in rng.sample(objective_ids, rng.choice((1, 1, 2)))
            ],
        )
        _insert(
            Follow,
            ("idea", "person", "created_at"),
            [
                (idea.pk, idea.author_id, adapt(idea.created_at))
                for idea in ideas
                if idea.author_id and idea.status != S.DRAFT
            ],
        )

        # Public answers ---------------------------------------------------------------
        answers = []
        for idea, history in zip(ideas, histories, strict=True):
            before = S.SUBMITTED
            for state, at in history:
                assert state in TRANSITIONS[before], (before, state)
                answers.append(
                    (
                        idea.pk,
                        before,
                        state,
                        rng.choice(ANSWERS[state]),
                        moderators.of(idea.scope_circle_id),
                        adapt(at),
                    )
                )
                before = state
        _insert(IdeaAnswer, ("idea", "from_status", "to_status", "text", "by", "at"), answers)
        log(f"  {len(answers)} réponses ({time.monotonic() - started:.1f} s)")

        # Supports: a Pareto spread over the ideas that take them -------------------------
        supportable = [i for i, idea in enumerate(ideas) if idea.status not in (S.DRAFT, S.MERGED)]
        weights = [rng.paretovariate(SUPPORT_SKEW) for _ in supportable]
        counts = dict.fromkeys(supportable, 0)
        cap = max(1, int(len(person_ids) * SUPPORT_CAP_SHARE))
        wanted = min(scale.supports, cap * len(supportable))
        cum = list(accumulate(weights))
        while sum(counts.values()) < wanted:
            missing = wanted - sum(counts.values())
            for i in rng.choices(supportable, cum_weights=cum, k=missing):
                if counts[i] < cap:
                    counts[i] += 1
        supports = []
        support_total = 0
        for i, count in counts.items():
            if not count:
                continue
            idea = ideas[i]
            people = rng.sample(person_ids, min(len(person_ids), count + 1))
            people = [p for p in people if p != idea.author_id][:count]
            # Given while the idea took them: until it was refused, implemented... or now.
            closed = next((at for state, at in histories[i] if state in _CLOSED), now)
            span = max(0, int((closed - idea.created_at).total_seconds()))
            for person_id in people:
                at = idea.created_at + datetime.timedelta(seconds=rng.randint(0, span))
                supports.append((idea.pk, person_id, adapt(at)))
            idea.support_count = len(people)
            support_total += len(people)
            if len(supports) >= BATCH * 5:
                _insert(Support, ("idea", "person", "created_at"), supports)
                supports = []
        _insert(Support, ("idea", "person", "created_at"), supports)
        Idea.objects.bulk_update(
            [ideas[i] for i, count in counts.items() if count], ["support_count"], batch_size=BATCH
        )
        log(f"  {support_total} soutiens ({time.monotonic() - started:.1f} s)")

        # Comments: on the ideas people support, a third of them replies -----------------
        commentable = [i for i, idea in enumerate(ideas) if idea.status != S.DRAFT]
        # More debate where more support, but less than in proportion.
        cum = list(accumulate((1 + ideas[i].support_count) ** 0.5 for i in commentable))
        tops = []
        n_top = scale.comments - int(scale.comments * REPLY_SHARE)
        for i in rng.choices(commentable, cum_weights=cum, k=n_top):
            idea = ideas[i]
            at = _between(rng, idea.created_at, now)
            tops.append(
                Comment(
                    idea_id=idea.pk,
                    author_id=rng.choice(person_ids),
                    body=rng.choice(COMMENTS),
                    created_at=at,
                    updated_at=at,
                )
            )
        _hide_some(rng, tops, admin.pk, now)
        Comment.objects.bulk_create(tops, batch_size=BATCH)
        replies = []
        for parent in rng.choices(tops, k=scale.comments - n_top) if tops else []:
            at = _between(rng, parent.created_at, now)
            replies.append(
                Comment(
                    idea_id=parent.idea_id,
                    parent_id=parent.pk,
                    author_id=rng.choice(person_ids),
                    body=rng.choice(REPLIES),
                    created_at=at,
                    updated_at=at,
                )
            )
        _hide_some(rng, replies, admin.pk, now)
        Comment.objects.bulk_create(replies, batch_size=BATCH)
        log(f"  {len(tops) + len(replies)} commentaires ({time.monotonic() - started:.1f} s)")

    fragments.bump(fragments.IDEAS)
    # Fresh statistics, or the planner ignores the indexes on the new rows.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "campaigns": len(campaigns),
        "ideas": len(ideas),
        "anonymous": sum(idea.is_anonymous for idea in ideas),
        "answered": sum(bool(h) for h in histories),
        "merged": len(merged),
        "answers": len(answers),
        "supports": support_total,
        "comments": len(tops) + len(replies),
        "seconds": time.monotonic() - started,
    }


# States after which an idea takes no more supports.
_CLOSED = (S.REFUSED, S.IMPLEMENTED, S.MERGED)


def _insert(model, fields, rows) -> None:
    """INSERT the rows (tuples of database values, in the order of `fields`) in one
    executemany: for 200,000 supports, building model instances for bulk_create costs
    four times as long as the database's own work."""
    if not rows:
        return
    opts = model._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(opts.get_field(name).column) for name in fields)
    marks = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {quote(opts.db_table)} ({columns}) VALUES ({marks})", rows)


def _hide_some(rng, comments, by_id, now) -> None:
    for comment in comments:
        if rng.random() < HIDDEN_SHARE:
            comment.hidden_at = _between(rng, comment.created_at, now)
            comment.hidden_by_id = by_id
            comment.hidden_reason = HIDDEN_REASON
            comment.updated_at = comment.hidden_at


def embed(*, log=print) -> int:
    """Compute the missing embeddings (slow: about 30-100 ms per idea on a laptop)."""
    from . import tasks

    started = time.monotonic()
    done = tasks.embed_missing()
    log(f"  {done} idées vectorisées ({time.monotonic() - started:.1f} s)")
    return done


def random_vectors(*, seed_value: int = 42, log=print) -> int:
    """Store a random unit vector, tagged with the current model's id, on every idea
    that has none: for timing the similar-ideas search at scale without computing the
    real vectors (minutes). The neighbours found mean nothing; the quality of the
    search is measured by `manage.py similarity_eval` (docs/similarity.md)."""
    import numpy as np

    from .similarity import get_embedder, pack
    from .similarity.store import bump_generation

    started = time.monotonic()
    embedder = get_embedder()  # its id and dimension; the model itself is not loaded
    rng = np.random.default_rng(seed_value)
    ids = list(Idea.objects.filter(embedding__isnull=True).values_list("pk", flat=True))
    quote = connection.ops.quote_name
    table = quote(Idea._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            vectors = rng.standard_normal((len(batch), embedder.dim), dtype=np.float32)
            cursor.executemany(
                f"UPDATE {table} SET {quote('embedding')} = %s, "
                f"{quote('embedding_model')} = %s WHERE {quote('id')} = %s",
                [(pack(v), embedder.model_id, pk) for v, pk in zip(vectors, batch, strict=True)],
            )
    bump_generation()
    log(
        f"  {len(ids)} vecteurs aléatoires ({embedder.dim} dimensions, pour la mesure du "
        f"temps seulement) ({time.monotonic() - started:.1f} s)"
    )
    return len(ids)
