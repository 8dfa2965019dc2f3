"""Promise 3: once an anonymous idea is posted, nothing ties it back to its author.

The idea is posted through the page and through the API, with every log record kept
(DEBUG, all loggers, SQL included). Then:
- no row of any table (every model, join tables included) that concerns the idea
  names the author: no foreign key to him, no text or JSON holding his e-mail or name;
- no log record that speaks of the idea names him (e-mail, name or id);
- the pages and the API answers about the idea show no author, to anyone (admins too);
- no cache entry that speaks of the idea names him;
- the CSV and XLSX exports and the dashboards show no author for it;
- no row anywhere (the idea's or not) holds his id with a time inside the posting
  window: such a row (a follow, a token's last use…) would date his request to the
  second and so tie him to the idea's line in the access logs;
- ids are random, not in posting order: sequential ids would place the anonymous idea
  between signed ones whose exact times are public;
- an anonymous idea carries no attachment (the file's own metadata may name him).
"""

import datetime
import io
import json
import logging
import pickle
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from cercles.accounts.tokens import api_token_create
from cercles.ideas import services
from cercles.ideas.models import RANDOM_ID_MAX, Idea, IdeaObjective, Objective
from tests.factories import PersonFactory

TITLE = "Ouvrir la crèche le samedi matin"
BODY = "Marqueur-anonymat-7f3c : les agents du week-end n'ont pas de solution de garde."
API_TITLE = "Un vestiaire chauffé au dépôt"
API_BODY = "Marqueur-anonymat-9b1d : l'hiver, on se change dans le froid."


@pytest.fixture
def secret_author(db):
    return PersonFactory(
        first_name="Zoé", last_name="Discrète", email="zoe.discrete@exemple.fr", job_title="Agente"
    )


@pytest.fixture
def all_logs(caplog):
    """Every record of every logger, SQL queries included."""
    caplog.set_level(logging.DEBUG)
    for name in ("django", "django.db.backends", "django.request", "celery", "cercles"):
        caplog.set_level(logging.DEBUG, logger=name)
    connection.force_debug_cursor = True
    yield caplog
    connection.force_debug_cursor = False


def _author_markers(author) -> list[str]:
    return [author.email, author.email.split("@")[0], author.first_name, author.last_name]


def _mentions_author_text(text: str, author) -> bool:
    lowered = text.lower()
    return any(marker.lower() in lowered for marker in _author_markers(author))


def _id_pattern(author):
    # "author_id = 5", "'user': 5", "person 5", "by=5"… but not any stray 5.
    return re.compile(
        rf"(author|person|user|recipient|by|created_by|hidden_by)(_id)?[\"']?\W{{0,4}}{author.pk}\b",
        re.IGNORECASE,
    )


def _text_values(row: dict, model) -> list[str]:
    values = []
    for field in model._meta.concrete_fields:
        value = row.get(field.attname)
        if value is None:
            continue
        if isinstance(field, models.JSONField):
            values.append(json.dumps(value, ensure_ascii=False))
        elif isinstance(field, models.CharField | models.TextField):
            values.append(str(value))
    return values


def assert_no_row_links(author, idea: Idea, markers: list[str]):
    """No row concerning the idea names the author."""
    person_model = apps.get_model(settings.AUTH_USER_MODEL)
    checked = 0
    for model in apps.get_models(include_auto_created=True):
        fields = model._meta.concrete_fields
        person_fks = [f for f in fields if f.is_relation and f.related_model is person_model]
        idea_fks = [f for f in fields if f.is_relation and f.related_model is Idea]
        for row in model._default_manager.all().values():
            texts = _text_values(row, model)
            about_idea = (
                (model is Idea and row["id"] == idea.pk)
                or any(row.get(f.attname) == idea.pk for f in idea_fks)
                or any(m in t for t in texts for m in markers)
            )
            if not about_idea:
                continue
            checked += 1
            names_author = any(row.get(f.attname) == author.pk for f in person_fks) or any(
                _mentions_author_text(t, author) for t in texts
            )
            assert not names_author, f"{model._meta.label} row {row} ties the idea to its author"
    assert checked >= 1  # the idea row itself at least


def assert_no_log_links(records, author, markers: list[str], idea: Idea):
    pattern = _id_pattern(author)
    idea_refs = [*markers, f"/ideas/{idea.pk}/"]
    seen = 0
    for record in records:
        text = record.getMessage()
        if record.args:
            text += repr(record.args)
        if not any(ref in text for ref in idea_refs):
            continue
        seen += 1
        assert not _mentions_author_text(text, author), text
        assert not pattern.search(text), text
    assert seen >= 1  # the capture works: the idea's INSERT at least was logged


def assert_no_cache_links(author, markers: list[str], idea: Idea):
    pattern = _id_pattern(author)
    store = getattr(cache, "_cache", None)
    assert store is not None, "the test cache is Django's local-memory cache"
    for key, raw in list(store.items()):
        try:
            value = repr(pickle.loads(raw))
        except Exception:  # any failure: an entry we cannot read is shown raw
            value = repr(raw)
        text = f"{key} {value}"
        if not any(m in text for m in markers) and f"idea:{idea.pk}" not in text:
            continue
        assert not _mentions_author_text(text, author), key
        assert not pattern.search(text), key


def assert_no_row_in_the_window(author, start, end):
    """No row of any table holds the author's id (a foreign key to him, or his own row)
    with a time inside [start, end], the window of the anonymous post."""
    person_model = apps.get_model(settings.AUTH_USER_MODEL)
    checked = 0
    for model in apps.get_models(include_auto_created=True):
        fields = model._meta.concrete_fields
        times = [f for f in fields if isinstance(f, models.DateTimeField)]
        if model is person_model:
            links = [model._meta.pk]
        else:
            links = [f for f in fields if f.is_relation and f.related_model is person_model]
        if not times or not links:
            continue
        checked += 1
        for link in links:
            for row in model._default_manager.filter(**{link.attname: author.pk}).values():
                for field in times:
                    moment = row[field.attname]
                    assert moment is None or not (start <= moment <= end), (
                        f"{model._meta.label}.{field.name} = {moment} names the author "
                        f"within the posting window: {row}"
                    )
    assert checked >= 3  # people, follows, supports, tokens… are looked at


def assert_exports_show_no_author(author, idea: Idea, client):
    client.force_login(PersonFactory(is_org_admin=True))
    data = b"".join(client.get("/ideas/export.csv").streaming_content).decode("utf-8-sig")
    lines = [line for line in data.split("\r\n") if line.startswith(f"{idea.pk};")]
    assert len(lines) == 1
    assert lines[0].split(";")[6] == ""  # the "auteur" column
    assert not _mentions_author_text(data, author)
    response = client.get("/ideas/export.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [row for row in sheet.iter_rows(values_only=True) if row[0] == idea.pk]
    assert len(rows) == 1 and rows[0][6] in (None, "")
    text = " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)
    assert not _mentions_author_text(text, author)


def assert_answers_show_no_author(author, idea: Idea, client, api):
    assert_exports_show_no_author(author, idea, client)
    viewers = [author, PersonFactory(is_org_admin=True)]
    for viewer in viewers:
        client.force_login(viewer)
        pages = [idea.get_absolute_url(), "/ideas/", "/ideas/?q=marqueur", "/ideas/dashboard/"]
        if idea.campaign_id:
            pages.append(f"/campaigns/{idea.campaign_id}/dashboard/")
        for url in pages:
            body = client.get(url).content.decode()
            # The viewer's own name is in the page header when he is the author: look at
            # the main content only.
            main = body.split('<main id="main"', 1)[1]
            assert not _mentions_author_text(main, author), (viewer, url)
        api.force_authenticate(viewer)
        for url in (f"/api/v1/ideas/{idea.pk}/", "/api/v1/ideas/"):
            data = api.get(url).json()
            text = json.dumps(data, ensure_ascii=False)
            assert not _mentions_author_text(text, author), (viewer, url)
            items = data.get("results", [data])
            for item in items:
                if item["id"] == idea.pk:
                    assert item["author"] is None and item["author_name"] is None
        api.force_authenticate(None)


def test_anonymous_idea_posted_through_the_page(
    client, secret_author, all_logs, django_capture_on_commit_callbacks
):
    objective = Objective.objects.create(name="Simplifier")
    client.force_login(secret_author)
    start = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/ideas/new/",
            {
                "title": TITLE,
                "body": BODY,
                "anonymous": "on",
                "action": "submit",
                "objectives": [objective.pk],
            },
        )
    end = timezone.now()
    assert response.status_code == 302
    idea = Idea.objects.get(title=TITLE)
    assert idea.author_id is None and idea.is_anonymous
    assert list(idea.objectives.all()) == [objective]
    assert_no_row_in_the_window(secret_author, start, end)
    # Nor his session (it holds his id): saved during the post, its expiry would give
    # the second of it. The confirmation message travels in a cookie.
    age = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    for session in Session.objects.all():
        assert not (start <= session.expire_date - age <= end)
    markers = [TITLE, "Marqueur-anonymat-7f3c"]
    assert_no_row_links(secret_author, idea, markers)
    assert_no_log_links(all_logs.records, secret_author, markers, idea)
    assert_no_cache_links(secret_author, markers, idea)
    assert_answers_show_no_author(secret_author, idea, client, APIClient())
    # And still nothing after the pages were read.
    assert_no_row_links(secret_author, idea, markers)
    assert_no_cache_links(secret_author, markers, idea)


def test_anonymous_idea_posted_through_the_api(
    client, secret_author, all_logs, django_capture_on_commit_callbacks
):
    _token, raw = api_token_create(person=secret_author, name="mobile")
    api = APIClient()
    start = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            "/api/v1/ideas/",
            {"title": API_TITLE, "body": API_BODY, "anonymous": True},
            format="json",
            HTTP_AUTHORIZATION=f"Token {raw}",
        )
    end = timezone.now()
    assert response.status_code == 201
    # The token's last use keeps the day, not the second of this call.
    assert_no_row_in_the_window(secret_author, start, end)
    data = response.json()
    assert data["author"] is None and data["author_name"] is None
    assert not _mentions_author_text(json.dumps(data, ensure_ascii=False), secret_author)
    idea = Idea.objects.get(pk=data["id"])
    markers = [API_TITLE, "Marqueur-anonymat-9b1d"]
    assert_no_row_links(secret_author, idea, markers)
    assert_no_log_links(all_logs.records, secret_author, markers, idea)
    assert_no_cache_links(secret_author, markers, idea)
    assert_answers_show_no_author(secret_author, idea, client, APIClient())


def test_the_check_would_catch_a_signed_idea(
    client, secret_author, all_logs, django_capture_on_commit_callbacks
):
    """The same checks fail for a signed idea: they are able to see a link."""
    client.force_login(secret_author)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/ideas/new/", {"title": TITLE, "body": BODY, "action": "submit"})
    idea = Idea.objects.get(title=TITLE)
    with pytest.raises(AssertionError, match="ties the idea to its author"):
        assert_no_row_links(secret_author, idea, [TITLE])
    # His follow of his signed idea carries the exact time of the post.
    with pytest.raises(AssertionError, match="within the posting window"):
        assert_no_row_in_the_window(
            secret_author, idea.created_at - datetime.timedelta(seconds=1), timezone.now()
        )


def test_ids_are_random_not_in_posting_order(secret_author):
    """Ideas 1 (signed, exact time public), 2 (anonymous), 3 (signed) would date the
    anonymous one to the second: the ids of ideas and of their objective links are
    drawn at random, below 2**53 (read exactly by JavaScript clients)."""
    objective = Objective.objects.create(name="Simplifier")
    ideas = [
        services.idea_create(
            by=secret_author,
            title=f"Idée {n}",
            body="Texte.",
            anonymous=n % 2 == 1,
            objectives=[objective],
        )
        for n in range(20)
    ]
    ids = [idea.pk for idea in ideas]
    assert all(0 < pk <= RANDOM_ID_MAX for pk in ids)
    assert ids != sorted(ids) and ids != sorted(ids, reverse=True)
    # Not even nearly in order: about half the consecutive pairs go down.
    assert 3 <= sum(a > b for a, b in zip(ids, ids[1:], strict=False)) <= 16
    links = [IdeaObjective.objects.get(idea=idea).pk for idea in ideas]
    assert all(0 < pk <= RANDOM_ID_MAX for pk in links)
    assert links != sorted(links) and links != sorted(links, reverse=True)
    if connection.vendor == "sqlite":
        # With a key declared other than INTEGER, SQLite keeps a hidden rowid counting
        # the insertions: the random id must be that rowid (cercles.lib.random_ids).
        with connection.cursor() as cursor:
            for table in ("ideas_idea", "ideas_ideaobjective"):
                cursor.execute(f"SELECT rowid, id FROM {table}")  # noqa: S608
                rows = cursor.fetchall()
                assert len(rows) == 20 and all(rowid == pk for rowid, pk in rows), table


def test_anonymous_idea_carries_no_attachment(client, secret_author):
    """A file keeps the exact time on the server's disk, and its own metadata (a PDF's
    /Author) may name him: refused by the page, the API and the service."""
    pdf = b"%PDF-1.4\n1 0 obj << /Author (Zoe Discrete) >> endobj\n"
    client.force_login(secret_author)
    response = client.post(
        "/ideas/new/",
        {
            "title": TITLE,
            "body": BODY,
            "anonymous": "on",
            "attachment": SimpleUploadedFile("note.pdf", pdf),
        },
    )
    assert response.status_code == 200
    assert "Une idée anonyme ne peut pas porter de pièce jointe" in response.content.decode()
    api = APIClient()
    api.force_authenticate(secret_author)
    response = api.post(
        "/api/v1/ideas/",
        {"title": TITLE, "body": BODY, "anonymous": True, "attachment": "note.pdf"},
        format="json",
    )
    assert response.status_code == 400
    assert "pièce jointe" in response.json()["attachment"][0]
    with pytest.raises(ValidationError) as exc:
        services.idea_create(
            by=secret_author,
            title=TITLE,
            body=BODY,
            anonymous=True,
            attachment=SimpleUploadedFile("note.pdf", pdf),
        )
    assert "pièce jointe" in exc.value.message_dict["attachment"][0]
    assert not Idea.objects.exists()
