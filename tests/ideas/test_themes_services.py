"""Themes: proposing a grouping (deterministic, sensible), editing it by hand."""

import numpy as np
import pytest
from django.core.exceptions import ValidationError

from cercles.ideas import services
from cercles.ideas.models import Idea, IdeaStatus, Project, Theme
from cercles.ideas.similarity import current_model_id, pack

from .factories import CampaignFactory, IdeaFactory

S = IdeaStatus

# Three subjects, four ideas each, in different words.
TOPICS = {
    "reunions": [
        (
            "Des réunions plus courtes",
            "Nos réunions durent deux heures ; limitons chaque réunion à 45 minutes.",
        ),
        (
            "Un ordre du jour pour chaque réunion",
            "Envoyer l'ordre du jour de la réunion la veille.",
        ),
        (
            "Compte rendu de réunion sous 48 heures",
            "Chaque réunion doit produire un compte rendu rapide.",
        ),
        (
            "Moins de participants en réunion",
            "Inviter à la réunion seulement les personnes utiles.",
        ),
    ],
    "accueil": [
        (
            "Un parrain pour chaque nouvel arrivant",
            "Le nouvel arrivant aurait un parrain pendant trois mois.",
        ),
        (
            "Un livret d'accueil des nouveaux arrivants",
            "Un livret d'accueil clair pour les nouveaux arrivants.",
        ),
        (
            "Un poste prêt le premier jour de l'arrivant",
            "L'ordinateur de l'arrivant doit être prêt à son arrivée.",
        ),
        (
            "Une journée d'accueil des arrivants",
            "Réunir chaque trimestre les nouveaux arrivants pour leur accueil.",
        ),
    ],
    "energie": [
        ("Chauffage à 19 degrés", "Baisser le chauffage des bureaux pour économiser l'énergie."),
        (
            "Éteindre les écrans la nuit",
            "Les écrans allumés la nuit gaspillent de l'énergie électrique.",
        ),
        (
            "Moins d'éclairage dans les couloirs",
            "Détecteurs de présence : l'éclairage consomme trop d'énergie.",
        ),
        (
            "Économiser l'énergie des serveurs",
            "Mutualiser les serveurs réduirait la facture d'énergie.",
        ),
    ],
}


@pytest.fixture
def campaign(org):
    """Put to Ressources humaines, whose facilitator manages its themes and answers."""
    return CampaignFactory(title="Mieux travailler ensemble", circle=org["rh"])


@pytest.fixture
def topic_ideas(campaign, author):
    out = {}
    # Interleaved, so that creation order does not give the grouping away.
    for i in range(4):
        for topic, items in TOPICS.items():
            title, body = items[i]
            out.setdefault(topic, []).append(
                IdeaFactory(by=author, campaign=campaign, title=title, body=body)
            )
    return out


def grouping(campaign):
    return sorted(
        sorted(Idea.objects.filter(theme=t).values_list("pk", flat=True))
        for t in Theme.objects.filter(campaign=campaign)
    )


def test_three_subjects_give_three_themes(campaign, topic_ideas, facilitator):
    themes = services.propose_themes(campaign=campaign, count=3, by=facilitator)
    assert len(themes) == 3
    expected = sorted(sorted(i.pk for i in ideas) for ideas in topic_ideas.values())
    assert grouping(campaign) == expected
    by_topic = {
        topic: Idea.objects.get(pk=ideas[0].pk).theme for topic, ideas in topic_ideas.items()
    }
    assert "réunion" in by_topic["reunions"].key_term_list()
    assert "énergie" in by_topic["energie"].key_term_list()
    assert any(t.startswith("arrivant") for t in by_topic["accueil"].key_term_list())
    # Named by its first key terms; its central idea is one of its own.
    for topic, theme in by_topic.items():
        assert theme.name.lower().startswith(theme.key_term_list()[0].lower())
        assert theme.central_idea_id in {i.pk for i in topic_ideas[topic]}
        assert theme.created_by == facilitator
    assert [t.position for t in themes] == [0, 1, 2]


def test_proposal_is_deterministic_and_replaces_the_themes(campaign, topic_ideas, facilitator):
    services.propose_themes(campaign=campaign, count=3, by=facilitator)
    first = grouping(campaign)
    names = list(Theme.objects.order_by("position").values_list("name", "key_terms"))
    old_ids = set(Theme.objects.values_list("pk", flat=True))
    services.propose_themes(campaign=campaign, count=3, by=facilitator)
    assert grouping(campaign) == first
    assert list(Theme.objects.order_by("position").values_list("name", "key_terms")) == names
    assert not old_ids & set(Theme.objects.values_list("pk", flat=True))
    services.propose_themes(campaign=campaign, count=2, by=facilitator)
    assert Theme.objects.count() == 2
    assert Idea.objects.filter(campaign=campaign, theme__isnull=True).count() == 0


def test_drafts_and_merged_ideas_stay_out(campaign, topic_ideas, author, facilitator):
    draft = IdeaFactory(
        by=author, campaign=campaign, title="Brouillon", body="Réunion.", draft=True
    )
    merged = IdeaFactory(by=author, campaign=campaign, title="Doublon", body="Réunion courte.")
    services.idea_merge(
        idea=merged, into=topic_ideas["reunions"][0], text="Doublon.", by=facilitator
    )
    other = IdeaFactory(by=author, title="Hors campagne", body="Réunion.")
    services.propose_themes(campaign=campaign, count=3, by=facilitator)
    for idea in (draft, merged, other):
        idea.refresh_from_db()
        assert idea.theme_id is None


def test_stored_vectors_are_used_when_every_idea_has_one(campaign, topic_ideas, facilitator):
    # Vectors that put the ideas in other groups than their words would: one-hot by
    # position in the topic. The proposal follows the vectors.
    for topic_ideas_ in topic_ideas.values():
        for i, idea in enumerate(topic_ideas_):
            vector = np.zeros(8, dtype=np.float32)
            vector[i] = 1.0
            vector[7] = 0.1
            Idea.objects.filter(pk=idea.pk).update(
                embedding=pack(vector), embedding_model=current_model_id()
            )
    services.propose_themes(campaign=campaign, count=4, by=facilitator)
    expected = sorted(sorted(ideas[i].pk for ideas in topic_ideas.values()) for i in range(4))
    assert grouping(campaign) == expected


def test_vectors_of_another_model_fall_back_to_words(campaign, topic_ideas, facilitator):
    for ideas in topic_ideas.values():
        for i, idea in enumerate(ideas):
            vector = np.zeros(8, dtype=np.float32)
            vector[i] = 1.0
            Idea.objects.filter(pk=idea.pk).update(embedding=pack(vector), embedding_model="old")
    services.propose_themes(campaign=campaign, count=3, by=facilitator)
    assert grouping(campaign) == sorted(sorted(i.pk for i in v) for v in topic_ideas.values())


@pytest.mark.parametrize("count", [1, 13, "x", None])
def test_count_out_of_range_is_refused(campaign, topic_ideas, facilitator, count):
    with pytest.raises(ValidationError) as exc:
        services.propose_themes(campaign=campaign, count=count, by=facilitator)
    assert exc.value.message_dict["count"] == ["Choisissez entre 2 et 12 thèmes."]
    assert not Theme.objects.exists()


def test_count_is_bounded_by_the_ideas(campaign, author, facilitator):
    with pytest.raises(ValidationError) as exc:
        services.propose_themes(campaign=campaign, count=2, by=facilitator)
    assert "au moins deux idées" in exc.value.messages[0]
    for title in ("Réunions courtes", "Chauffage à 19 degrés", "Livret d'accueil"):
        IdeaFactory(by=author, campaign=campaign, title=title, body=title)
    with pytest.raises(ValidationError) as exc:
        services.propose_themes(campaign=campaign, count=4, by=facilitator)
    assert exc.value.message_dict["count"] == ["Choisissez entre 2 et 3 thèmes."]
    assert len(services.propose_themes(campaign=campaign, count=3, by=facilitator)) == 3


# --- editing by hand -------------------------------------------------------------------


@pytest.fixture
def themes(campaign, topic_ideas, facilitator):
    services.propose_themes(campaign=campaign, count=3, by=facilitator)
    return {topic: Idea.objects.get(pk=ideas[0].pk).theme for topic, ideas in topic_ideas.items()}


def test_move_an_idea_to_another_theme_or_none(themes, topic_ideas, facilitator):
    idea = Idea.objects.get(pk=topic_ideas["reunions"][1].pk)
    services.theme_move_idea(idea=idea, theme=themes["accueil"], by=facilitator)
    assert Idea.objects.get(pk=idea.pk).theme == themes["accueil"]
    services.theme_move_idea(idea=idea, theme=None, by=facilitator)
    assert Idea.objects.get(pk=idea.pk).theme is None


def test_moving_the_central_idea_away_clears_it(themes, facilitator):
    theme = themes["energie"]
    central = theme.central_idea
    services.theme_move_idea(idea=central, theme=themes["accueil"], by=facilitator)
    theme.refresh_from_db()
    assert theme.central_idea is None


def test_move_refuses_another_campaigns_theme_and_drafts(themes, author, facilitator):
    other = CampaignFactory()
    stranger = IdeaFactory(by=author, campaign=other, title="Ailleurs", body="Texte.")
    with pytest.raises(ValidationError) as exc:
        services.theme_move_idea(idea=stranger, theme=themes["accueil"], by=facilitator)
    assert exc.value.message_dict["theme"] == ["Ce thème appartient à une autre campagne."]
    draft = IdeaFactory(
        by=author, campaign=themes["accueil"].campaign, title="B", body="T.", draft=True
    )
    with pytest.raises(ValidationError):
        services.theme_move_idea(idea=draft, theme=themes["accueil"], by=facilitator)
    assert Idea.objects.get(pk=draft.pk).theme is None


def test_rename_and_rewrite_key_terms(themes, facilitator):
    theme = services.theme_update(
        theme=themes["reunions"],
        by=facilitator,
        name="  Des réunions utiles ",
        key_terms="réunion, durée",
    )
    theme.refresh_from_db()
    assert theme.name == "Des réunions utiles"
    assert theme.key_term_list() == ["réunion", "durée"]
    with pytest.raises(ValidationError) as exc:
        services.theme_update(theme=theme, by=facilitator, name="  ")
    assert exc.value.message_dict["name"] == ["Donnez un nom au thème."]


def test_merge_two_themes(themes, topic_ideas, author, facilitator):
    source, target = themes["energie"], themes["reunions"]
    project = services.project_create(by=author, title="Sobriété", purpose="Moins.", theme=source)
    services.theme_merge(theme=source, into=target, by=facilitator)
    assert not Theme.objects.filter(pk=source.pk).exists()
    ids = {i.pk for i in topic_ideas["energie"] + topic_ideas["reunions"]}
    assert set(Idea.objects.filter(theme=target).values_list("pk", flat=True)) == ids
    target.refresh_from_db()
    assert "énergie" in target.key_term_list() and "réunion" in target.key_term_list()
    project.refresh_from_db()
    assert project.theme == target
    with pytest.raises(ValidationError):
        services.theme_merge(theme=target, into=target, by=facilitator)


def test_merge_refuses_another_campaign(themes, facilitator):
    elsewhere = services.theme_create(campaign=CampaignFactory(), name="Ailleurs", by=facilitator)
    with pytest.raises(ValidationError) as exc:
        services.theme_merge(theme=elsewhere, into=themes["accueil"], by=facilitator)
    assert exc.value.message_dict["into"] == ["Ce thème appartient à une autre campagne."]


def test_create_empty_theme_and_delete_only_empty_ones(campaign, themes, facilitator):
    theme = services.theme_create(campaign=campaign, name="Divers", by=facilitator)
    assert theme.position == 3 and theme.ideas.count() == 0
    services.theme_delete(theme=theme, by=facilitator)
    assert not Theme.objects.filter(pk=theme.pk).exists()
    with pytest.raises(ValidationError) as exc:
        services.theme_delete(theme=themes["accueil"], by=facilitator)
    assert "contient encore des idées" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        services.theme_create(campaign=campaign, name="", by=facilitator)


# --- into a project ------------------------------------------------------------------


def test_theme_becomes_a_project(themes, topic_ideas, facilitator, author, committed):
    theme = themes["accueil"]
    accepted, waiting, refused, *_rest = topic_ideas["accueil"]
    services.idea_transition(idea=accepted, to=S.ACCEPTED, text="Oui.", by=facilitator)
    services.idea_transition(idea=refused, to=S.REFUSED, text="Déjà fait.", by=facilitator)
    ready, others = services.theme_project_split(theme, by=facilitator)
    assert ready == [accepted]
    assert set(others) == set(topic_ideas["accueil"]) - {accepted}
    with committed():
        project = services.theme_make_project(
            theme=theme,
            by=facilitator,
            title="Bienvenue à bord",
            purpose="Bien accueillir.",
            text="Cette idée rejoint le projet « Bienvenue à bord ».",
        )
    assert project.lead == facilitator and project.theme == theme
    assert project.campaign == theme.campaign
    assert set(project.ideas.all()) == set(topic_ideas["accueil"])
    accepted.refresh_from_db()
    waiting.refresh_from_db()
    assert accepted.status == S.IN_PROJECT
    assert accepted.answers.last().text == "Cette idée rejoint le projet « Bienvenue à bord »."
    assert waiting.status == S.SUBMITTED  # its state does not allow it yet


def test_theme_to_project_moves_only_the_ideas_its_maker_answers(
    themes, topic_ideas, facilitator, admin, org, committed
):
    """An idea of the theme aimed at another circle (Numérique) is answered by that
    circle: the facilitator of Ressources humaines links it to the project, but does
    not move it, and is told so like for the ideas not ready."""
    theme = themes["accueil"]
    ours, elsewhere, *_rest = topic_ideas["accueil"]
    Idea.objects.filter(pk=elsewhere.pk).update(circle=org["numerique"])
    elsewhere.refresh_from_db()
    for idea in (ours, elsewhere):
        services.idea_transition(idea=idea, to=S.ACCEPTED, text="Oui.", by=admin)
    ready, others = services.theme_project_split(theme, by=facilitator)
    assert ready == [ours]
    assert elsewhere in others
    # The admin answers every circle: both would move for him.
    assert {i.pk for i in services.theme_project_split(theme, by=admin)[0]} == {
        ours.pk,
        elsewhere.pk,
    }
    with committed():
        project = services.theme_make_project(
            theme=theme, by=facilitator, title="Accueil", purpose="Accueillir.", text="Projet."
        )
    assert elsewhere in project.ideas.all()
    ours.refresh_from_db()
    elsewhere.refresh_from_db()
    assert ours.status == S.IN_PROJECT
    assert elsewhere.status == S.ACCEPTED
    assert not elsewhere.answers.filter(by=facilitator).exists()


def test_theme_to_project_needs_the_public_answer(themes, facilitator):
    with pytest.raises(ValidationError) as exc:
        services.theme_make_project(
            theme=themes["accueil"], by=facilitator, title="P", purpose="Q", text=" "
        )
    assert "réponse publique" in exc.value.message_dict["text"][0]
    assert not Project.objects.exists()
