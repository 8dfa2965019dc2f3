"""The consultation pages: who sees and does what, voting with and without htmx,
bad input, and query counts."""

import pytest
from django.urls import reverse

from cercles.opinions import services
from cercles.opinions.models import (
    Audience,
    Consultation,
    Moderation,
    Participant,
    ResultsVisibility,
    Statement,
    Vote,
)

from .conftest import SEEDS, people, two_camps, vote_all


def url(name, obj):
    return reverse(f"opinions:{name}", args=[obj.pk])


def published(consultation):
    return list(consultation.statements.published().order_by("created_at", "id"))


# --- a circle's consultations ----------------------------------------------------------


def test_the_list_shows_what_one_may_see(
    login, org, agent, member, consultation, make_consultation
):
    make_consultation(question="Ouverte à tous ?", audience=Audience.ORGANISATION)
    page = url("circle_consultations", org["rh"])
    body = login(member).get(page).content.decode()
    assert "Comment organiser les horaires" in body and "Ouverte à tous ?" in body
    assert "Lancer une consultation" in body  # members of the circle launch some
    body = login(agent).get(page).content.decode()
    assert "Comment organiser les horaires" not in body and "Ouverte à tous ?" in body
    assert "Lancer une consultation" not in body


def test_anonymous_visitors_are_sent_to_login(client, consultation):
    for name in ("consultation_detail", "consultation_map", "moderation"):
        response = client.get(url(name, consultation))
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("count", [2, 6])
def test_the_list_query_count_does_not_grow(
    login, org, member, make_consultation, count, django_assert_num_queries
):
    for i in range(count):
        make_consultation(question=f"Question {i} ?")
    client = login(member)
    # Queries: session, user; the circle with its parent; the user's led circles; his
    # roles (what he sees); the count; the page of consultations with their meeting and
    # their numbers of statements and participants.
    with django_assert_num_queries(7):
        response = client.get(url("circle_consultations", org["rh"]))
    assert response.content.decode().count("Question ") == count


# --- launching and editing -------------------------------------------------------------


def form_data(**overrides):
    data = {
        "question": "Faut-il ouvrir l'accueil le samedi ?",
        "description": "Le conseil décidera en juin.",
        "meeting": "",
        "audience": "circle",
        "allow_statements": "on",
        "moderation": "after",
        "results_visibility": "after_voting",
        "min_votes": "5",
        "opens_at": "",
        "closes_at": "",
        "seeds": "Le samedi matin suffit.\n\n- Le samedi toute la journée.\n",
    }
    data.update(overrides)
    return data


def test_who_launches_a_consultation(login, org, agent, member, lead_link, admin):
    page = url("consultation_create", org["rh"])
    assert login(agent).get(page).status_code == 403
    for person in (member, lead_link, admin):
        assert login(person).get(page).status_code == 200
    assert login(member).get(url("consultation_create", org["numerique"])).status_code == 403


def test_the_form_help_speaks_the_reader_language(login, org, member, settings):
    client = login(member)
    page = url("consultation_create", org["rh"])
    assert "Une par ligne, 280 caractères au plus chacune" in client.get(page).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(page).content.decode()
    assert "One per line, at most 280 characters each" in html
    assert "Une par ligne" not in html


def test_launch_a_consultation(login, org, member):
    response = login(member).post(url("consultation_create", org["rh"]), form_data(anonymous="on"))
    consultation = Consultation.objects.get()
    assert response.status_code == 302 and response.url == url("consultation_detail", consultation)
    assert consultation.anonymous and consultation.min_votes == 5
    assert [s.text for s in published(consultation)] == [
        "Le samedi matin suffit.",
        "Le samedi toute la journée.",
    ]


def test_bad_consultation_input(login, org, member):
    response = login(member).post(
        url("consultation_create", org["rh"]),
        form_data(
            question="",
            description="Contexte tapé",
            audience="tout le monde",
            min_votes="0",
            opens_at="demain",
            closes_at="2001-01-01T10:00",
            meeting="999999",
            seeds="Bonne idée.\n" + "x" * 300,
        ),
    )
    assert response.status_code == 200
    body = response.content.decode()
    for message in (
        "Posez la question de la consultation.",
        "Choisissez qui participe dans la liste.",
        "Au moins 1 vote.",
        "Indiquez une date et une heure",
        "Choisissez une réunion de ce cercle.",
        "Ligne 2 : une proposition tient en 280 caractères au plus.",
    ):
        assert message in body, message
    assert "Contexte tapé" in body and "Bonne idée." in body  # typed values kept
    assert not Consultation.objects.exists()


def test_closing_before_opening_is_refused(login, org, member):
    response = login(member).post(
        url("consultation_create", org["rh"]),
        form_data(opens_at="2030-05-02T10:00", closes_at="2030-05-01T10:00"),
    )
    assert response.status_code == 200
    assert "La clôture doit suivre l&#x27;ouverture." in response.content.decode()
    assert not Consultation.objects.exists()


def test_edit_a_consultation(login, consultation, facilitator, member, agent):
    page = url("consultation_update", consultation)
    assert login(agent).get(page).status_code == 404
    assert login(member).get(page).status_code == 403
    client = login(facilitator)
    body = client.get(page).content.decode()
    assert 'value="Comment organiser les horaires de l&#x27;accueil ?"' in body
    assert "Propositions de départ" not in body and "Consultation anonyme" not in body
    response = client.post(
        page, form_data(question="Horaires d'été ?", moderation="before", seeds="")
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert (consultation.question, consultation.moderation) == ("Horaires d'été ?", "before")
    # Bad input: kept, nothing written.
    response = client.post(page, form_data(question="Autre ?", min_votes="99"))
    assert response.status_code == 200 and "Au plus 50 votes." in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.question == "Horaires d'été ?"


def test_close_and_reopen(login, consultation, facilitator, member):
    assert login(member).post(url("consultation_close", consultation)).status_code == 403
    assert login(facilitator).post(url("consultation_close", consultation)).status_code == 302
    consultation.refresh_from_db()
    assert consultation.is_closed
    body = login(member).get(url("consultation_detail", consultation)).content.decode()
    assert "La consultation est close" in body and 'name="choice"' not in body
    assert login(facilitator).post(url("consultation_reopen", consultation)).status_code == 302
    consultation.refresh_from_db()
    assert consultation.is_open


# --- voting ----------------------------------------------------------------------------


def test_who_sees_the_voting_page(login, consultation, agent, member, lead_link, admin):
    assert login(agent).get(url("consultation_detail", consultation)).status_code == 404
    for person in (member, lead_link, admin):
        assert login(person).get(url("consultation_detail", consultation)).status_code == 200


def test_vote_without_javascript(login, consultation, member):
    client = login(member)
    body = client.get(url("consultation_detail", consultation)).content.decode()
    assert "Vous avez voté sur 0 des 10 propositions." in body
    shown = next(s for s in published(consultation) if f'name="statement" value="{s.pk}"' in body)
    response = client.post(url("vote", consultation), {"statement": shown.pk, "choice": "disagree"})
    assert response.status_code == 302 and response.url.endswith("#vote")
    vote = Vote.objects.get()
    assert (vote.statement, vote.value, vote.participant.person) == (shown, -1, member)
    body = client.get(url("consultation_detail", consultation)).content.decode()
    assert "Vous avez voté sur 1 des 10 propositions." in body
    assert f'<blockquote class="statement-card" id="current-statement">{shown.text}' not in body


def test_vote_with_htmx_swaps_the_box(login, consultation, member):
    client = login(member)
    statement = published(consultation)[3]
    response = client.post(
        url("vote", consultation),
        {"statement": statement.pk, "choice": "agree"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="vote-box"') and "<html" not in body
    assert "Vous avez voté sur 1 des 10 propositions." in body
    assert Vote.objects.get().value == 1


def test_one_can_vote_on_everything_and_change_a_vote(login, consultation, member):
    client = login(member)
    for statement in published(consultation):
        client.post(url("vote", consultation), {"statement": statement.pk, "choice": "pass"})
    body = client.get(url("consultation_detail", consultation)).content.decode()
    assert "Vous avez voté sur toutes les propositions." in body
    first = published(consultation)[0]
    client.post(url("vote", consultation), {"statement": first.pk, "choice": "agree"})
    assert Vote.objects.get(statement=first).value == 1 and Vote.objects.count() == 10


@pytest.mark.parametrize(
    "data, message",
    [
        (
            {"statement": "999999", "choice": "agree"},
            "Cette proposition n&#x27;est pas soumise au vote.",
        ),
        (
            {"statement": "abc", "choice": "agree"},
            "Cette proposition n&#x27;est pas soumise au vote.",
        ),
        ({"choice": "agree"}, "Cette proposition n&#x27;est pas soumise au vote."),
        (
            {"statement": "first", "choice": "maybe"},
            "Choisissez d&#x27;accord, pas d&#x27;accord ou je passe.",
        ),
    ],
)
def test_bad_votes(login, consultation, member, data, message):
    if data.get("statement") == "first":
        data = {**data, "statement": published(consultation)[0].pk}
    response = login(member).post(url("vote", consultation), data, follow=True)
    assert response.status_code == 200 and message in response.content.decode()
    response = login(member).post(url("vote", consultation), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and message in response.content.decode()
    assert not Vote.objects.exists() and not Participant.objects.exists()


def test_votes_on_a_closed_consultation_are_refused(login, consultation, facilitator, member):
    services.consultation_close(consultation=consultation, by=facilitator)
    statement = published(consultation)[0]
    response = login(member).post(
        url("vote", consultation), {"statement": statement.pk, "choice": "agree"}, follow=True
    )
    assert "Cette consultation n&#x27;est pas ouverte" in response.content.decode()
    assert not Vote.objects.exists()


def test_vote_needs_post_and_sight(login, consultation, member, agent):
    assert login(member).get(url("vote", consultation)).status_code == 405
    statement = published(consultation)[0]
    response = login(agent).post(
        url("vote", consultation), {"statement": statement.pk, "choice": "agree"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("voters", [2, 5])
def test_the_voting_page_query_count_does_not_grow(
    login, make_consultation, facilitator, member, voters, django_assert_num_queries
):
    consultation = make_consultation(audience=Audience.ORGANISATION)
    services.statements_seed(
        consultation=consultation, by=facilitator, texts=[f"Idée {i}" for i in range(voters * 3)]
    )
    vote_all(consultation, people(voters), lambda i, j: (i + j) % 3 - 1)
    client = login(member)
    client.post(
        url("vote", consultation), {"statement": published(consultation)[0].pk, "choice": "agree"}
    )
    # Queries: session, user; the consultation with circle, meeting, author (and whether
    # the user takes part in its meeting); the user's roles and led circles; his
    # participant row; the statements with his votes.
    with django_assert_num_queries(7):
        response = client.get(url("consultation_detail", consultation))
    assert "Vos votes (1)" in response.content.decode()
    # An organiser: one more, the statements waiting for moderation.
    client = login(facilitator)
    with django_assert_num_queries(8):
        client.get(url("consultation_detail", consultation))


# --- anonymous participation: the key lives in the browser ------------------------------


def test_anonymous_votes_follow_the_browser_not_the_person(
    login, client, anonymous_consultation, member
):
    c = anonymous_consultation
    first, second = published(c)[:2]
    login(member)
    response = client.post(url("vote", c), {"statement": first.pk, "choice": "agree"})
    cookie = response.cookies[f"cercles_opinion_{c.pk}"]
    assert cookie["httponly"] and cookie["path"] == f"/consultations/{c.pk}/"
    assert cookie["samesite"] == "Lax"
    client.post(url("vote", c), {"statement": second.pk, "choice": "disagree"})
    participant = Participant.objects.get()
    assert participant.person is None and participant.votes.count() == 2
    # The session stores nothing of it.
    stored = dict(client.session.items())
    assert not any("opinion" in key for key in stored)
    body = client.get(url("consultation_detail", c)).content.decode()
    assert "Vous avez voté sur 2 des 8 propositions." in body
    assert "Afficher mon code de reprise" in body


def test_a_shared_browser_does_not_give_away_the_previous_person(
    client, anonymous_consultation, member, lead_link
):
    c = anonymous_consultation
    statement = published(c)[0]
    client.force_login(member)
    client.post(url("vote", c), {"statement": statement.pk, "choice": "agree"})
    client.force_login(lead_link)  # the cookie is still in this browser
    body = client.get(url("consultation_detail", c)).content.decode()
    assert "Vous avez voté sur 0 des 8 propositions." in body
    client.post(url("vote", c), {"statement": statement.pk, "choice": "disagree"})
    assert Participant.objects.count() == 2


def test_the_resume_code_carries_a_participation(client, anonymous_consultation, member):
    c = anonymous_consultation
    client.force_login(member)
    client.post(url("vote", c), {"statement": published(c)[0].pk, "choice": "agree"})
    body = client.get(url("consultation_detail", c)).content.decode()
    code = body.split('<code class="resume-code">')[1].split("</code>")[0]
    client.cookies.clear()
    client.force_login(member)
    assert "Vous avez voté sur 0" in client.get(url("consultation_detail", c)).content.decode()
    response = client.post(url("resume", c), {"code": "pas-un-code"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ce code ne correspond à aucune participation." in body and 'value="pas-un-code"' in body
    response = client.post(url("resume", c), {"code": code})
    assert response.status_code == 302
    assert (
        "Vous avez voté sur 1 des 8 propositions"
        in client.get(url("consultation_detail", c)).content.decode()
    )


# --- proposing statements --------------------------------------------------------------


def test_propose_a_statement(login, consultation, member):
    client = login(member)
    response = client.post(url("statement_create", consultation), {"text": "Un accueil le soir."})
    assert response.status_code == 302
    statement = Statement.objects.get(text="Un accueil le soir.")
    assert statement.author == member and statement.agree_count == 1


def test_bad_statements(login, consultation, member):
    client = login(member)
    for text, message in (
        ("", "Écrivez la proposition."),
        ("x" * 281, "Une proposition tient en 280 caractères au plus."),
        (SEEDS[0].upper(), "Cette proposition existe déjà."),
    ):
        response = client.post(url("statement_create", consultation), {"text": text})
        assert response.status_code == 200
        body = response.content.decode()
        assert message in body, message
        if text:
            assert text[:50] in body.replace("&#x27;", "'")  # the typed text is kept
    assert Statement.objects.count() == len(SEEDS) and not Vote.objects.exists()


def test_a_pending_statement_shows_to_its_author(login, make_consultation, member):
    c = make_consultation(moderation=Moderation.BEFORE)
    client = login(member)
    client.post(url("statement_create", c), {"text": "Un accueil le soir."})
    body = client.get(url("consultation_detail", c)).content.decode()
    assert "Vos propositions non publiées" in body and "En attente de modération" in body


def test_statements_closed_to_participants(login, make_consultation, member):
    c = make_consultation(allow_statements=False)
    client = login(member)
    assert (
        "Ajouter une proposition" not in client.get(url("consultation_detail", c)).content.decode()
    )
    response = client.post(url("statement_create", c), {"text": "Un accueil le soir."})
    assert response.status_code == 200
    assert "Cette consultation ne reçoit pas de propositions." in response.content.decode()
    assert not Statement.objects.filter(text="Un accueil le soir.").exists()


# --- moderation ------------------------------------------------------------------------


def test_who_moderates(login, consultation, agent, member, facilitator, lead_link, admin):
    page = url("moderation", consultation)
    assert login(agent).get(page).status_code == 404
    assert login(member).get(page).status_code == 403
    for person in (facilitator, lead_link, admin):
        assert login(person).get(page).status_code == 200


def test_moderate_and_seed(login, make_consultation, member, facilitator):
    c = make_consultation(moderation=Moderation.BEFORE)
    login(member).post(url("statement_create", c), {"text": "Un accueil le soir."})
    pending = Statement.objects.get(text="Un accueil le soir.")
    client = login(facilitator)
    body = client.get(url("moderation", c)).content.decode()
    assert "En attente de modération (1)" in body and "Proposée par Marc Membre" in body
    # Hiding needs a reason: the page comes back with the message, nothing changes.
    response = client.post(url("statement_moderate", pending), {"status": "hidden", "reason": " "})
    assert (
        response.status_code == 200 and "Donnez le motif du masquage." in response.content.decode()
    )
    pending.refresh_from_db()
    assert pending.status == "pending"
    response = client.post(url("statement_moderate", pending), {"status": "accepted"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == "accepted" and pending.agree_count == 1
    client.post(url("statement_moderate", pending), {"status": "hidden", "reason": "Hors sujet"})
    pending.refresh_from_db()
    assert (pending.status, pending.moderation_reason) == ("hidden", "Hors sujet")
    assert (
        login(member).post(url("statement_moderate", pending), {"status": "accepted"}).status_code
        == 403
    )
    # Seeds, one per line; a bad line keeps the input and writes nothing.
    client = login(facilitator)
    response = client.post(url("moderation", c), {"seeds": "Idée neuve\n" + SEEDS[1]})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ligne 2 : Cette proposition existe déjà." in body and "Idée neuve" in body
    assert not Statement.objects.filter(text="Idée neuve").exists()
    assert client.post(url("moderation", c), {"seeds": "Idée neuve\nEncore une"}).status_code == 302
    assert (
        Statement.objects.filter(text__in=["Idée neuve", "Encore une"], is_seed=True).count() == 2
    )


@pytest.mark.parametrize("count", [2, 8])
def test_the_moderation_page_query_count_does_not_grow(
    login, make_consultation, facilitator, count, django_assert_num_queries
):
    c = make_consultation(seeds=[f"Proposition {i}" for i in range(count)])
    client = login(facilitator)
    # Queries: session, user; the consultation; the user's roles and led circles; the
    # statements with author and moderator.
    with django_assert_num_queries(6):
        response = client.get(url("moderation", c))
    assert response.content.decode().count('class="moderation-item"') == count


# --- the map ---------------------------------------------------------------------------


def test_the_map_shows_the_groups_and_what_distinguishes_them(login, mapped, agent):
    consultation, voters = mapped
    client = login(voters[0])
    body = client.get(url("consultation_map", consultation)).content.decode()
    assert "12 participants placés sur la carte" in body and "2 groupes d'opinion." in body
    assert 'role="img"' in body and "<title id=" in body
    assert "Groupe A : rond bleu" in body and "Groupe B : carré orange" in body
    assert "Vous êtes dans le groupe" in body and ">vous</text>" in body
    statements = published(consultation)
    for group in ("A", "B"):
        section = body.split(f'id="group-{group}"')[1].split("</section>")[0]
        assert "Ce qui distingue le groupe" in section
        assert "100 % du groupe d'accord, contre 0 % des autres" in section
        texts = (
            [s.text for s in statements[:5]]
            if "L&#x27;accueil devrait ouvrir" in section
            else [s.text for s in statements[5:9]]
        )
        assert any(t.replace("'", "&#x27;") in section for t in texts)
        assert f'<textarea id="quote-{group}"' in section
    consensus = body.split('id="consensus-title"')[1].split("</section>")[0]
    assert statements[9].text.replace("'", "&#x27;") in consensus
    # Nobody is named: not a voter, not in the SVG.
    for person in voters:
        assert (
            person.full_name not in body.split("<main")[1].split('class="site-footer"')[0]
            or person == voters[0]
        )
    # An agent sees it too (the consultation is open to everyone).
    assert login(agent).get(url("consultation_map", consultation)).status_code == 200


def test_the_map_waits_for_the_participant_s_votes(login, consultation, member, facilitator):
    client = login(member)
    body = client.get(url("consultation_map", consultation)).content.decode()
    assert "La carte vous sera visible une fois que vous aurez voté sur 7 propositions" in body
    assert 'role="img"' not in body
    for statement in published(consultation)[:7]:
        client.post(url("vote", consultation), {"statement": statement.pk, "choice": "agree"})
    body = client.get(url("consultation_map", consultation)).content.decode()
    assert "Pas encore de carte" in body and "(1 pour l'instant)" in body
    # Organisers always see it.
    assert (
        "Pas encore de carte"
        in login(facilitator).get(url("consultation_map", consultation)).content.decode()
    )


def test_a_map_after_closing(login, make_consultation, member, facilitator):
    c = make_consultation(results_visibility=ResultsVisibility.AFTER_CLOSING)
    assert "à la clôture" in login(member).get(url("consultation_map", c)).content.decode()
    services.consultation_close(consultation=c, by=facilitator)
    assert "à la clôture" not in login(member).get(url("consultation_map", c)).content.decode()


def test_anonymous_small_groups_show_no_percentages(login, make_consultation, facilitator):
    c = make_consultation(
        anonymous=True, audience=Audience.ORGANISATION, results_visibility=ResultsVisibility.ALWAYS
    )
    # Nine in one camp, three in the other.
    vote_all(c, people(12), lambda i, j: two_camps(0 if i < 9 else 1, j))
    body = login(facilitator).get(url("consultation_map", c)).content.decode()
    assert "2 groupes d'opinion." in body
    small = body.split('id="group-B"')[1].split("</section>")[0]
    assert "3 participants" in small and "ses pourcentages ne sont pas affichés" in small
    assert "% du groupe" not in small and "3 participants sur 12 placés sur la carte." in small
    big = body.split('id="group-A"')[1].split("</section>")[0]
    assert "% du groupe d'accord" in big


@pytest.mark.parametrize("voters", [6, 12])
def test_the_map_query_count_does_not_grow(
    login, make_consultation, facilitator, voters, django_assert_num_queries
):
    c = make_consultation(
        audience=Audience.ORGANISATION, results_visibility=ResultsVisibility.ALWAYS
    )
    crowd = people(voters)
    vote_all(c, crowd, two_camps)
    client = login(crowd[0])
    # Queries: session, user; the consultation (and whether the user takes part in its
    # meeting); the user's roles and led circles; his participant row; the statements
    # with his votes; the votes (the analysis, computed once and cached).
    with django_assert_num_queries(8):
        response = client.get(url("consultation_map", c))
    svg = response.content.decode().split('class="opinion-map"')[1].split("</svg>")[0]
    # One mark per voter (circles and squares), the frame, the reader's ring.
    assert svg.count("<circle") + svg.count("<rect") == voters + 2
    with django_assert_num_queries(7):  # cached
        client.get(url("consultation_map", c))
