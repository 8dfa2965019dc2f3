"""The knowledge pages: who sees and does what, bad input, the edit conflict, the
history and the comparison, and query counts."""

import pytest
from django.urls import reverse

from cercles.knowledge import services
from cercles.knowledge.models import Page, PageKind, PageRevision
from tests.factories import PersonFactory


def url(name, page, *args):
    return reverse(f"knowledge:{name}", args=[page.slug, *args])


def edit(client, page, **fields):
    data = {
        "title": page.title,
        "body": page.body,
        "summary": "",
        "base_revision": page.current_revision_id,
        "save": "",
    }
    data.update(fields)
    return client.post(url("page_update", page), data)


# --- who sees --------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, open_page):
    for address in (
        reverse("knowledge:home"),
        url("page_detail", open_page),
        url("page_history", open_page),
        url("page_diff", open_page),
        reverse("knowledge:page_create"),
    ):
        response = client.get(address)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_everyone_reads_an_open_page(login, agent, open_page):
    response = login(agent).get(url("page_detail", open_page))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Guide du travail collaboratif</h1>" in body
    assert '<h2 id="section-principes">Principes</h2>' in body
    assert '<nav class="page-toc"' in body and 'href="#section-outils"' in body
    assert "Modifier la page" in body  # co-written
    assert "Réglages" not in body and "Archiver" not in body and "Supprimer" not in body
    assert 'Marc Membre <span class="muted">(1 version)</span>' in body


@pytest.mark.parametrize(
    "persona, status",
    [("agent", 404), ("member", 200), ("lead_link", 200), ("facilitator", 200), ("admin", 200)],
)
def test_a_restricted_page_is_read_by_its_circle_only(
    request, login, restricted_page, persona, status
):
    person = request.getfixturevalue(persona)
    client = login(person)
    for name in ("page_detail", "page_history", "page_diff", "page_update"):
        assert client.get(url(name, restricted_page)).status_code == status, name
    assert client.get(url("revision_detail", restricted_page, 1)).status_code == status, "revision"
    listed = "Clôture de la paie" in client.get(reverse("knowledge:home")).content.decode()
    assert listed == (status == 200)


def test_the_manager_of_a_parent_circle_reads_a_restricted_page(login, org, admin, lead_link):
    page = services.page_create(
        by=admin, title="Formation interne", circle=org["formation"], restricted=True
    )
    assert login(lead_link).get(url("page_detail", page)).status_code == 200


def test_unknown_page_is_404(login, agent):
    response = login(agent).get(reverse("knowledge:page_detail", args=["inconnue"]))
    assert response.status_code == 404


# --- who edits -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona, status",
    [("agent", 403), ("member", 403), ("lead_link", 200), ("facilitator", 200), ("admin", 200)],
)
def test_a_protected_page_is_edited_by_its_stewards_only(
    request, login, protected_page, persona, status
):
    person = request.getfixturevalue(persona)
    client = login(person)
    assert client.get(url("page_update", protected_page)).status_code == status
    response = edit(client, protected_page, body="Réécrite.")
    assert response.status_code == (302 if status == 200 else 403)
    assert protected_page.revisions.count() == (2 if status == 200 else 1)
    assert client.get(url("page_settings", protected_page)).status_code == status


def test_a_protected_page_says_who_edits_it(login, member, protected_page):
    body = login(member).get(url("page_detail", protected_page)).content.decode()
    assert "Page protégée : seuls les admins" in body and "Modifier la page" not in body


def test_settings_of_an_open_page_without_circle_are_for_admins(login, agent, admin, open_page):
    assert login(agent).get(url("page_settings", open_page)).status_code == 403
    assert login(admin).get(url("page_settings", open_page)).status_code == 200


@pytest.mark.parametrize(
    "name, method, admin_status",
    [
        ("page_archive", "post", 302),
        ("page_delete", "get", 200),
    ],
)
def test_only_admins_archive_and_delete(login, agent, admin, open_page, name, method, admin_status):
    assert getattr(login(agent), method)(url(name, open_page)).status_code == 403
    assert getattr(login(admin), method)(url(name, open_page)).status_code == admin_status


# --- writing a page --------------------------------------------------------------------


def test_create_a_page(login, member, org):
    client = login(member)
    assert client.get(reverse("knowledge:page_create") + "?kind=booklet").status_code == 200
    response = client.post(
        reverse("knowledge:page_create"),
        {
            "title": "Livret d'accueil",
            "slug": "",
            "kind": PageKind.BOOKLET,
            "circle": org["rh"].pk,
            "body": "# Bienvenue\r\n\r\nVotre premier jour.",
            "summary": "Première version",
            "save": "",
        },
    )
    page = Page.objects.get()
    assert response.status_code == 302 and response.url == page.get_absolute_url()
    assert page.slug == "livret-daccueil" and page.circle == org["rh"]
    assert page.body == "# Bienvenue\n\nVotre premier jour."
    assert page.current_revision.summary == "Première version"
    follow = client.get(response.url).content.decode()
    assert "La page « Livret d&#x27;accueil » est créée." in follow


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"title": ""}, "Donnez un titre à la page."),
        ({"slug": "guide-du-travail-collaboratif"}, "Cette adresse est déjà prise par la page"),
        ({"slug": "mon adresse"}, "lettres non accentuées"),
        ({"kind": "roman"}, "Sélectionnez un choix valide"),
        ({"circle": "999999"}, "Choisissez un cercle de la liste."),
        ({"restricted": "on"}, "Choisissez le cercle dont les membres seuls liront la page."),
        ({"protected": "on"}, "Seuls les admins, le premier lien et le facilitateur"),
    ],
)
def test_bad_input_when_creating(login, member, open_page, fields, message):
    data = {
        "title": "Ma procédure",
        "slug": "",
        "kind": PageKind.PROCEDURE,
        "body": "Texte à garder <précieux>",
        "summary": "",
        "save": "",
    }
    data.update(fields)
    response = login(member).post(reverse("knowledge:page_create"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body.replace("&#x27;", "'")
    assert "Texte à garder &lt;précieux&gt;" in body  # the text is kept
    assert Page.objects.count() == 1


def test_preview_renders_without_saving(login, member):
    response = login(member).post(
        reverse("knowledge:page_create"),
        {"title": "Essai", "kind": PageKind.OTHER, "body": "# Un\n\n**gras**", "preview": ""},
    )
    body = response.content.decode()
    assert "Aperçu (pas encore enregistré)" in body and "<strong>gras</strong>" in body
    assert not Page.objects.exists()


def test_edit_a_page_writes_a_revision(login, agent, open_page):
    client = login(agent)
    form = client.get(url("page_update", open_page)).content.decode()
    assert f'name="base_revision" value="{open_page.current_revision_id}"' in form
    response = edit(client, open_page, body=open_page.body + "\nAjout.", summary="Un ajout")
    assert response.status_code == 302
    revision = open_page.revisions.get(number=2)
    assert revision.author == agent and revision.summary == "Un ajout"
    assert "La page est enregistrée (version 2)." in client.get(response.url).content.decode()


def test_saving_without_change_says_so(login, agent, open_page):
    client = login(agent)
    response = edit(client, open_page)
    assert response.status_code == 302
    assert "Vous n&#x27;avez rien modifié" in client.get(response.url).content.decode()
    assert open_page.revisions.count() == 1


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"title": ""}, "Donnez un titre à la page."),
        ({"summary": "x" * 301}, "Le résumé compte au plus 300 caractères."),
        ({"base_revision": "abc"}, "La version de départ est illisible"),
    ],
)
def test_bad_input_when_editing(login, agent, open_page, fields, message):
    response = edit(login(agent), open_page, body="Mon texte modifié, à garder.", **fields)
    body = response.content.decode()
    assert response.status_code == 200 and message in body
    assert "Mon texte modifié, à garder." in body
    assert open_page.revisions.count() == 1


def test_an_edit_conflict_keeps_both_texts(login, agent, member, open_page):
    base = open_page.current_revision_id
    services.page_update(
        page=open_page,
        by=member,
        title=open_page.title,
        body=open_page.body + "\nLigne de Marc.",
        summary="Complément de Marc",
        base_revision_id=base,
    )
    response = edit(
        login(agent), open_page, body="Le texte d'Alice.", base_revision=base, summary="Alice"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Quelqu&#x27;un a enregistré cette page pendant que vous la modifiiez" in body
    assert "version 2, par Marc Membre" in body
    assert "Complément de Marc" in body
    # Her text is in the form, his in the comparison and in full.
    assert "\nLe texte d&#x27;Alice.</textarea>" in body
    assert "Ligne de Marc." in body and "<del>" in body and "<ins>" in body
    # The form is now based on the saved version: sending it again is a choice.
    current = Page.objects.get(pk=open_page.pk).current_revision_id
    assert f'name="base_revision" value="{current}"' in body
    assert open_page.revisions.count() == 2
    again = edit(
        login(agent), open_page, body="Le texte d'Alice.", base_revision=current, summary="Alice"
    )
    assert again.status_code == 302
    assert Page.objects.get(pk=open_page.pk).body == "Le texte d'Alice."


def test_settings_form(login, facilitator, protected_page, org):
    client = login(facilitator)
    response = client.post(
        url("page_settings", protected_page),
        {"kind": PageKind.CHARTER, "circle": org["numerique"].pk, "protected": "on"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Seuls les admins, le premier lien" in body
    protected_page.refresh_from_db()
    assert protected_page.circle == org["rh"]
    response = client.post(
        url("page_settings", protected_page),
        {"kind": PageKind.CHARTER, "circle": org["rh"].pk, "restricted": "on"},
    )
    assert response.status_code == 302
    protected_page.refresh_from_db()
    assert protected_page.restricted and not protected_page.protected


# --- history, versions, comparison, restore --------------------------------------------


@pytest.fixture
def edited_page(open_page, agent, member):
    services.page_update(
        page=open_page,
        by=agent,
        title=open_page.title,
        body=open_page.body.replace("On décide ensemble.", "On décide ensemble, par consentement."),
        summary="Précision sur la décision",
    )
    services.page_update(
        page=open_page,
        by=member,
        title="Guide collaboratif",
        body=open_page.body + "\n# Rituels\n",
        summary="Rituels",
    )
    return Page.objects.get(pk=open_page.pk)


def test_history_lists_the_revisions(login, agent, edited_page):
    body = login(agent).get(url("page_history", edited_page)).content.decode()
    assert body.index("Version 3") < body.index("Version 2") < body.index("Version 1")
    assert "Précision sur la décision" in body and "Alice Agent" in body
    assert "+18 caractères" in body  # ", par consentement"
    assert 'name="from" value="2" id="from-2" checked' in body
    assert 'name="to" value="3" id="to-3" checked' in body


def test_diff_between_two_revisions(login, agent, edited_page):
    client = login(agent)
    response = client.get(url("page_diff", edited_page) + "?from=1&to=2")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<ins><span class="visually-hidden">Ajouté : </span>, par consentement</ins>' in body
    assert "1 ligne ajoutée, 1 ligne supprimée" in body
    # By default, the last change; the title change shows too.
    body = client.get(url("page_diff", edited_page)).content.decode()
    assert "Changements du texte de la version 2 à la version 3" in body
    assert "Changement du titre" in body


@pytest.mark.parametrize(
    "query, message",
    [
        ("?from=1&to=9", "Choisissez deux versions qui existent (de 1 à 3)."),
        ("?from=2&to=2", "Choisissez deux versions différentes à comparer."),
        # Unreadable numbers: the last change, as by default.
        ("?from=abc&to=-1", "Changements du texte de la version 2 à la version 3"),
    ],
)
def test_bad_diff_input(login, agent, edited_page, query, message):
    response = login(agent).get(url("page_diff", edited_page) + query)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_old_revision_and_restore(login, agent, edited_page):
    client = login(agent)
    response = client.get(url("revision_detail", edited_page, 1))
    body = response.content.decode()
    assert "Ce n'est pas la version actuelle de la page." in body
    assert "Rétablir la version 1" in body
    assert client.get(url("revision_detail", edited_page, 99)).status_code == 404
    assert client.get(url("page_restore", edited_page, 1)).status_code == 405
    response = client.post(url("page_restore", edited_page, 1), {"summary": ""})
    assert response.status_code == 302
    page = Page.objects.get(pk=edited_page.pk)
    assert page.current_revision.number == 4 and page.title == "Guide du travail collaboratif"
    assert page.current_revision.restored_from.number == 1
    follow = client.get(response.url).content.decode()
    assert "La version 1 est rétablie : c&#x27;est la version 4." in follow


def test_restoring_the_current_version_says_why_not(login, agent, edited_page):
    client = login(agent)
    response = client.post(url("page_restore", edited_page, 3), follow=True)
    assert "Cette version est déjà la version actuelle." in response.content.decode()


def test_restore_needs_the_right_to_edit(login, member, protected_page, admin):
    services.page_update(page=protected_page, by=admin, title="Charte", body="Nouveau.")
    assert login(member).post(url("page_restore", protected_page, 1)).status_code == 403
    assert protected_page.revisions.count() == 2


# --- archive and delete ----------------------------------------------------------------


def test_archive_unarchive_and_delete(login, admin, agent, edited_page):
    client = login(admin)
    client.post(url("page_archive", edited_page))
    edited_page.refresh_from_db()
    assert edited_page.is_archived
    body = login(agent).get(url("page_detail", edited_page)).content.decode()
    assert "Page archivée le" in body and "Modifier la page" not in body
    assert login(agent).get(url("page_update", edited_page)).status_code == 403
    home = login(agent).get(reverse("knowledge:home")).content.decode()
    assert "Guide collaboratif" not in home
    archived = login(agent).get(reverse("knowledge:home") + "?archived=1").content.decode()
    assert "Guide collaboratif" in archived
    client = login(admin)
    client.post(url("page_unarchive", edited_page))
    edited_page.refresh_from_db()
    assert not edited_page.is_archived
    assert (
        "La page et son historique (3 versions)"
        in client.get(url("page_delete", edited_page)).content.decode()
    )
    response = client.post(url("page_delete", edited_page))
    assert response.status_code == 302 and response.url == reverse("knowledge:home")
    assert not Page.objects.exists() and not PageRevision.objects.exists()


def test_archive_needs_post(login, admin, open_page):
    assert login(admin).get(url("page_archive", open_page)).status_code == 405


# --- the home --------------------------------------------------------------------------


def test_home_lists_pages_by_kind_and_searches_titles(
    login, agent, admin, open_page, protected_page
):
    services.page_create(by=admin, title="Livret d'accueil", kind=PageKind.BOOKLET)
    client = login(agent)
    body = client.get(reverse("knowledge:home")).content.decode()
    # In the order of the kinds, not of their codes.
    assert (
        body.index('id="kind-charter"')
        < body.index('id="kind-guide"')
        < body.index('id="kind-booklet"')
    )
    assert "Charte des réunions" in body and "Guide du travail collaboratif" in body
    assert "3 pages" in body
    found = client.get(reverse("knowledge:home") + "?q=CHARTE").content.decode()
    assert "Charte des réunions" in found and "Guide du travail" not in found
    by_kind = client.get(reverse("knowledge:home") + "?kind=guide&kind=x").content.decode()
    assert "Guide du travail" in by_kind
    none = client.get(reverse("knowledge:home") + "?q=zzz").content.decode()
    assert "Aucune page ne correspond à ces critères." in none


def test_home_filter_with_htmx_returns_the_results_only(login, agent, open_page):
    response = login(agent).get(reverse("knowledge:home") + "?q=guide", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<h2>1 page</h2>" in body and "<html" not in body


def test_bad_home_filters_are_ignored(login, agent, open_page):
    response = login(agent).get(
        reverse("knowledge:home") + "?kind=roman&circle=abc&page=zz&q=" + "x" * 500
    )
    assert response.status_code == 200


def test_the_navigation_links_to_the_knowledge_home(login, agent):
    body = login(agent).get(reverse("knowledge:home")).content.decode()
    assert '<a href="/knowledge/">Savoirs</a>' in body


# --- query counts ----------------------------------------------------------------------


def _many_pages(admin, org, count):
    for i in range(count):
        page = services.page_create(
            by=admin,
            title=f"Procédure {i}",
            body=f"# Étape\n\nTexte {i}",
            kind=PageKind.PROCEDURE if i % 2 else PageKind.GUIDE,
            circle=org["rh"] if i % 3 == 0 else None,
            restricted=i % 3 == 0,
        )
        services.page_update(page=page, by=admin, title=page.title, body=page.body + "\nSuite.")


@pytest.mark.parametrize("count", [3, 9])
def test_home_query_count(login, member, admin, org, count, django_assert_num_queries):
    _many_pages(admin, org, count)
    services.time_eater_create(by=admin, name="Courriels en copie", description="Trop.")
    client = login(member)
    # Queries: session, user; the user's roles, his led circles (restricted pages he
    # reads); the count and the page of pages with circles, editors and version numbers;
    # the circles for the filter; the most shared time eaters.
    with django_assert_num_queries(8):
        response = client.get(reverse("knowledge:home"))
    assert response.content.decode().count('class="card"') == count


@pytest.mark.parametrize("versions", [1, 6])
def test_page_detail_query_count(
    login, member, open_page, agent, versions, django_assert_num_queries
):
    for i in range(versions - 1):
        services.page_update(
            page=open_page, by=agent if i % 2 else member, title=open_page.title, body=f"v{i}"
        )
    client = login(member)
    # Queries: session, user; the user's roles, his led circles; the page with its
    # circle, authors and version number; its contributors. The text is rendered once
    # per version, then read from the cache (no query).
    with django_assert_num_queries(6):
        response = client.get(url("page_detail", open_page))
    assert response.status_code == 200


@pytest.mark.parametrize("versions", [2, 8])
def test_history_query_count(login, member, open_page, versions, django_assert_num_queries):
    for i in range(versions - 1):
        person = PersonFactory()
        services.page_update(page=open_page, by=person, title=open_page.title, body=f"v{i}")
    client = login(member)
    # Queries: session, user; the user's roles, his led circles; the page; the count and
    # the page of versions with their authors and sizes.
    with django_assert_num_queries(7):
        response = client.get(url("page_history", open_page))
    assert response.content.decode().count('name="from"') == versions


@pytest.mark.parametrize("lines", [3, 300])
def test_diff_query_count(login, member, open_page, lines, django_assert_num_queries):
    services.page_update(
        page=open_page,
        by=member,
        title=open_page.title,
        body="\n".join(f"ligne {i}" for i in range(lines)),
    )
    client = login(member)
    # Queries: session, user; the user's roles, his led circles; the page; the two
    # versions with their authors.
    with django_assert_num_queries(6):
        response = client.get(url("page_diff", open_page))
    assert response.status_code == 200


def test_revision_query_count(login, member, open_page, django_assert_num_queries):
    client = login(member)
    # Queries: session, user; the user's roles, his led circles; the page; the version.
    with django_assert_num_queries(6):
        response = client.get(url("revision_detail", open_page, 1))
    assert response.status_code == 200
