"""`find_similar` over the database: the caller's queryset, drafts and merged ideas, the
embedding task, and an index that follows new and changed ideas without re-embedding."""

import datetime

import numpy as np
import pytest
from django.core.management import call_command
from django.utils import timezone

from cercles.ideas import services, tasks
from cercles.ideas.models import Idea, IdeaStatus, day_start
from cercles.ideas.similarity import current_model_id, find_similar, store, unpack
from tests.ideas.factories import IdeaFactory

TELEWORK = (
    "Augmenter le nombre de jours de télétravail",
    "Passer de deux à trois jours par semaine.",
)
COFFEE = ("Réparer la machine à café du deuxième étage", "Elle fuit depuis un mois.")
BEES = ("Installer des ruches sur le toit de la médiathèque", "Et vendre le miel aux fêtes.")
# Shares no content word with TELEWORK.
PARAPHRASE = ("Bosser plus souvent de chez soi", "Deux jours à la maison, c'est peu.")


@pytest.fixture(autouse=True)
def _fresh_index():
    # The index lives in the process; a rolled-back test may leave the same ids behind.
    store.reset()
    yield
    store.reset()


@pytest.fixture
def post(author, committed):
    """Post an idea as Paul and run what the commit would (the embedding task)."""

    def _post(title, body, **kwargs):
        with committed():
            return IdeaFactory(by=author, title=title, body=body, **kwargs)

    return _post


@pytest.fixture
def ideas(post):
    return {
        name: post(*text)
        for name, text in (("telework", TELEWORK), ("coffee", COFFEE), ("bees", BEES))
    }


def ids(results):
    return [pk for pk, _title, _score in results]


def test_posting_embeds_the_idea_in_the_background(ideas):
    idea = Idea.objects.get(pk=ideas["telework"].pk)
    assert idea.embedding_model == current_model_id()
    vector = unpack(idea.embedding, 384)
    assert vector is not None and abs(float(vector @ vector) - 1) < 1e-4


def test_finds_a_paraphrase_sharing_no_word(ideas, agent):
    results = find_similar(Idea.objects.similar_candidates(agent), *PARAPHRASE)
    assert ids(results)[0] == ideas["telework"].pk
    assert results[0][1] == TELEWORK[0]
    assert results[0][2] > results[1][2]
    assert all(0 <= score <= 1 for *_, score in results)


def test_accents_and_typos(ideas, agent):
    results = find_similar(Idea.objects.similar_candidates(agent), "machin a cafe en pane", "")
    assert ids(results)[0] == ideas["coffee"].pk


def test_only_within_the_given_queryset(ideas, agent):
    queryset = Idea.objects.similar_candidates(agent).exclude(pk=ideas["telework"].pk)
    results = find_similar(queryset, *PARAPHRASE)
    assert ideas["telework"].pk not in ids(results)
    assert set(ids(results)) == {ideas["coffee"].pk, ideas["bees"].pk}
    assert find_similar(Idea.objects.none(), *PARAPHRASE) == []


def test_a_queryset_with_few_ideas_far_down_the_ranking(post, agent):
    # Enough ideas for the caller's one to be past the first window of candidates.
    for n in range(60):
        post(f"Télétravail {n} : trois jours par semaine", "Travailler à la maison plus souvent.")
    far = post(*BEES)
    results = find_similar(Idea.objects.filter(pk=far.pk), *PARAPHRASE, limit=3)
    assert ids(results) == [far.pk]


def test_drafts_and_merged_ideas_are_never_proposed(ideas, post, author, facilitator, committed):
    draft = post(*TELEWORK, draft=True)
    duplicate = post("Plus de télétravail", "Trois jours à domicile par semaine.")
    with committed():
        services.idea_merge(
            idea=duplicate, into=ideas["telework"], text="Même proposition.", by=facilitator
        )
    # Even a queryset that lets everything through (the author sees his own draft).
    results = find_similar(Idea.objects.all(), *PARAPHRASE, limit=10)
    assert draft.pk not in ids(results) and duplicate.pk not in ids(results)
    assert ideas["telework"].pk in ids(results)


def test_exclude_id_and_limit(ideas, agent):
    queryset = Idea.objects.similar_candidates(agent)
    results = find_similar(queryset, *PARAPHRASE, limit=2, exclude_id=ideas["telework"].pk)
    assert len(results) == 2 and ideas["telework"].pk not in ids(results)
    assert find_similar(queryset, "", "   ") == []
    assert find_similar(queryset, *PARAPHRASE, min_score=1.01) == []


def test_new_and_edited_ideas_are_found_without_reloading_everything(
    ideas, post, author, agent, committed
):
    queryset = Idea.objects.similar_candidates(agent)
    find_similar(queryset, *PARAPHRASE)  # builds the index
    first = store._state
    bikes = post("Des vélos de service pour aller d'un site à l'autre", "Électriques si possible.")
    results = find_similar(queryset, "Bicyclettes pour les trajets professionnels", "")
    assert ids(results)[0] == bikes.pk
    assert store._state is not first and store._state.built_at > first.built_at

    with committed():
        services.idea_update(
            idea=bikes,
            by=author,
            title="Un compost pour la cantine",
            body="Les épluchures au jardin.",
        )
    results = find_similar(queryset, "Composteur pour les restes du restaurant", "")
    assert results[0] == (bikes.pk, "Un compost pour la cantine", results[0][2])


def test_an_idea_not_embedded_yet_is_found_by_its_words(ideas, author, agent):
    pending = IdeaFactory(
        by=author, title="Un défibrillateur à l'accueil", body="Et une formation."
    )
    assert Idea.objects.get(pk=pending.pk).embedding is None  # the task runs after commit
    results = find_similar(Idea.objects.similar_candidates(agent), "defibrilateur accueil", "")
    assert ids(results)[0] == pending.pk


def test_vectors_of_another_model_are_ignored_then_backfilled(ideas, agent):
    Idea.objects.filter(pk=ideas["bees"].pk).update(embedding_model="old-model")
    results = find_similar(Idea.objects.similar_candidates(agent), "des ruches sur le toit", "")
    assert ids(results)[0] == ideas["bees"].pk  # still found, on its words

    assert tasks.embed_missing() == 1
    assert Idea.objects.get(pk=ideas["bees"].pk).embedding_model == current_model_id()
    assert tasks.embed_missing() == 0


def test_the_embedding_command_option(ideas, capsys):
    Idea.objects.update(embedding=None, embedding_model="")
    call_command("similarity_eval", "--embed-missing")
    assert capsys.readouterr().out == "3 idées vectorisées.\n"
    assert not Idea.objects.filter(embedding__isnull=True).exists()


def test_a_vector_of_an_outdated_text_is_not_stored(ideas):
    idea = ideas["coffee"]
    Idea.objects.filter(pk=idea.pk).update(embedding=None, embedding_model="")
    # The task embedded the old text while the author changed it: nothing is stored.
    assert not tasks._store(idea.pk, "Ancien titre", idea.body, [1.0] * 384)
    assert Idea.objects.get(pk=idea.pk).embedding is None
    assert tasks.embed_idea(idea.pk) is True
    assert tasks.embed_idea(999_999) is False


def test_query_count_once_the_index_is_built(ideas, agent, django_assert_num_queries):
    queryset = Idea.objects.similar_candidates(agent)
    find_similar(queryset, *PARAPHRASE)
    with django_assert_num_queries(1):
        # Which of the best candidates the caller's queryset allows: no service changed
        # anything, so the index is not compared with the table.
        find_similar(queryset, "Des abeilles sur le toit", "")


def test_a_write_that_bypasses_the_services_is_seen_at_the_next_recheck(
    ideas, agent, monkeypatch, django_assert_num_queries
):
    queryset = Idea.objects.similar_candidates(agent)
    find_similar(queryset, *PARAPHRASE)
    # A bulk write (an import, the admin) bumps no generation.
    Idea.objects.filter(pk=ideas["coffee"].pk).update(
        title="Des ruches sur le toit", updated_at=timezone.now()
    )
    assert "Des ruches sur le toit" not in [
        t for _pk, t, _s in find_similar(queryset, "Ruches", "")
    ]
    monkeypatch.setattr(store, "RECHECK_SECONDS", 0)
    titles = [t for _pk, t, _s in find_similar(queryset, "Ruches", "")]
    assert "Des ruches sur le toit" in titles


def test_a_minimum_score_keeps_the_query_count(ideas, agent, django_assert_num_queries):
    """With a minimum score, few rows may pass it: once they are all in the window,
    the search stops instead of reading every allowed id."""
    from cercles.ideas.similarity import SUGGESTION_MIN_SCORE

    queryset = Idea.objects.similar_candidates(agent)
    find_similar(queryset, *PARAPHRASE)
    with django_assert_num_queries(1):
        # Which of the rows above the minimum are allowed.
        results = find_similar(queryset, *PARAPHRASE, min_score=SUGGESTION_MIN_SCORE)
    assert results and all(score >= SUGGESTION_MIN_SCORE for _pk, _title, score in results)
    with django_assert_num_queries(0):
        # Nothing above the minimum: no query at all.
        assert find_similar(queryset, *PARAPHRASE, min_score=1.01) == []


def test_a_vector_stored_after_the_edit_was_read_replaces_the_old_one(ideas, author, agent):
    queryset = Idea.objects.similar_candidates(agent)
    idea = ideas["coffee"]
    services.idea_update(idea=idea, by=author, title="Un compost pour la cantine")
    find_similar(queryset, "Composteur", "")  # reads the new text, still the old vector
    tasks.embed_idea(idea.pk)  # what the worker does a moment later
    find_similar(queryset, "Composteur", "")
    index = store._state.index
    row = list(index.ids).index(idea.pk)
    stored = unpack(Idea.objects.get(pk=idea.pk).embedding, 384)
    assert index.titles[row] == "Un compost pour la cantine"
    assert np.allclose(index.vectors[row], stored)


def test_an_idea_replacing_another_between_two_searches_is_found(ideas, author, agent, monkeypatch):
    """Writes that bypass the services (a bulk import, the admin) are caught by the
    table's signature. Ids are random, so the latest id does not reveal a new row: when
    one candidate leaves and an anonymous one (its time cut to the day) arrives, the
    count, the latest change and the vector counts stay the same; the checksum of the
    ids does not."""
    monkeypatch.setattr(store, "RECHECK_SECONDS", 0)
    leaving = IdeaFactory(by=author, title="Une navette entre les sites", body="Le matin.")
    Idea.objects.filter(pk=leaving.pk).update(
        updated_at=leaving.updated_at - datetime.timedelta(days=1)
    )
    queryset = Idea.objects.similar_candidates(agent)
    find_similar(queryset, *PARAPHRASE)  # builds the index
    Idea.objects.filter(pk=leaving.pk).update(status=IdeaStatus.DRAFT)
    midnight = day_start(timezone.now())
    (arrived,) = Idea.objects.bulk_create(
        [
            Idea(
                title="Un défibrillateur à l'accueil",
                body="Et une formation.",
                is_anonymous=True,
                created_at=midnight,
                updated_at=midnight,
                submitted_at=midnight,
                search_text="un defibrillateur a l'accueil et une formation.",
            )
        ]
    )
    results = find_similar(queryset, "defibrilateur accueil", "")
    assert ids(results)[0] == arrived.pk
    assert leaving.pk not in ids(find_similar(queryset, "navette entre les sites", ""))
