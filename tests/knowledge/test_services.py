"""The knowledge services: revisions, conflicts, restore, settings, time eaters."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cercles.core.models import Notification
from cercles.knowledge import services
from cercles.knowledge.models import (
    Page,
    PageKind,
    PageRevision,
    RemedyProposal,
    TimeEater,
    TimeEaterCategory,
    TimeEaterConcern,
)

# --- pages and revisions ---------------------------------------------------------------


def test_creating_a_page_writes_its_first_revision(open_page, member):
    revision = open_page.current_revision
    assert revision.number == 1 and revision.author == member
    assert revision.title == open_page.title and revision.body == open_page.body
    assert revision.summary == "Création de la page"
    assert open_page.slug == "guide-du-travail-collaboratif"
    assert open_page.created_by == member and open_page.updated_by == member


def test_each_save_writes_a_revision_with_its_summary(open_page, agent):
    revision = services.page_update(
        page=open_page,
        by=agent,
        title="Guide du travail collaboratif",
        body=open_page.body + "\n# Rituels\n\nUne météo en début de réunion.\n",
        summary="Ajout des rituels",
        base_revision_id=open_page.current_revision_id,
    )
    assert revision.number == 2 and revision.author == agent
    assert revision.summary == "Ajout des rituels"
    page = Page.objects.get(pk=open_page.pk)
    assert page.current_revision == revision and page.updated_by == agent
    assert "Rituels" in page.body
    assert list(page.revisions.values_list("number", flat=True)) == [2, 1]
    # The first revision keeps the text it had.
    assert "Rituels" not in page.revisions.get(number=1).body


def test_saving_the_same_text_writes_nothing(open_page, agent):
    result = services.page_update(
        page=open_page,
        by=agent,
        title=open_page.title,
        body=open_page.body.replace("\n", "\r\n"),  # a browser's line ends
        base_revision_id=open_page.current_revision_id,
    )
    assert result is None
    assert open_page.revisions.count() == 1


def test_a_save_based_on_an_old_revision_is_a_conflict(open_page, agent, member):
    base = open_page.current_revision_id
    services.page_update(
        page=open_page,
        by=member,
        title=open_page.title,
        body="Texte de Marc.",
        base_revision_id=base,
    )
    stale = Page.objects.get(pk=open_page.pk)
    with pytest.raises(services.EditConflict) as caught:
        services.page_update(
            page=stale, by=agent, title=stale.title, body="Texte d'Alice.", base_revision_id=base
        )
    conflict = caught.value
    assert conflict.current.number == 2 and conflict.current.author == member
    assert "pendant que vous la modifiiez" in conflict.messages[0]
    assert "Marc Membre" in conflict.messages[0]
    # Nothing written.
    assert Page.objects.get(pk=open_page.pk).body == "Texte de Marc."
    assert open_page.revisions.count() == 2


def test_a_base_revision_of_another_page_is_refused(open_page, protected_page, admin):
    with pytest.raises(ValidationError, match="n'appartient pas"):
        services.page_update(
            page=open_page,
            by=admin,
            title="T",
            body="B",
            base_revision_id=protected_page.current_revision_id,
        )


def test_without_a_base_revision_the_save_goes_through(open_page, agent):
    revision = services.page_update(page=open_page, by=agent, title="Nouveau titre", body="x")
    assert revision.number == 2 and revision.title == "Nouveau titre"


@pytest.mark.parametrize(
    "title, body, summary, field, message",
    [
        ("  ", "x", "", "title", "Donnez un titre à la page."),
        ("t" * 201, "x", "", "title", "Le titre compte au plus 200 caractères."),
        ("T", "x" * 100_001, "", "body", "découpez-le en plusieurs pages"),
        ("T", "x", "s" * 301, "summary", "Le résumé compte au plus 300 caractères."),
    ],
)
def test_bad_text_is_refused(open_page, agent, title, body, summary, field, message):
    with pytest.raises(ValidationError) as caught:
        services.page_update(page=open_page, by=agent, title=title, body=body, summary=summary)
    assert message in " ".join(caught.value.message_dict[field])
    assert open_page.revisions.count() == 1


def test_restoring_an_old_revision_writes_a_new_one(open_page, agent, member):
    first = open_page.current_revision
    services.page_update(page=open_page, by=agent, title="Autre titre", body="Tout effacé.")
    restored = services.page_restore(page=open_page, revision=first, by=member)
    assert restored.number == 3 and restored.restored_from == first
    assert restored.summary == "Retour à la version 1"
    page = Page.objects.get(pk=open_page.pk)
    assert page.title == first.title and page.body == first.body
    assert page.current_revision == restored


def test_restoring_the_current_revision_is_refused(open_page, member):
    with pytest.raises(ValidationError, match="déjà la version actuelle"):
        services.page_restore(page=open_page, revision=open_page.current_revision, by=member)


def test_restoring_a_revision_of_another_page_is_refused(open_page, protected_page, admin):
    with pytest.raises(ValidationError, match="n'appartient pas"):
        services.page_restore(page=open_page, revision=protected_page.current_revision, by=admin)


def test_an_archived_page_is_not_edited(open_page, admin):
    services.page_archive(page=open_page, by=admin)
    with pytest.raises(ValidationError, match="archivée"):
        services.page_update(page=open_page, by=admin, title="T", body="B")
    services.page_unarchive(page=open_page, by=admin)
    assert services.page_update(page=open_page, by=admin, title="T", body="B").number == 2


def test_deleting_a_page_deletes_its_history(open_page, admin):
    services.page_update(page=open_page, by=admin, title="T", body="B")
    services.page_delete(page=open_page, by=admin)
    assert not Page.objects.filter(pk=open_page.pk).exists()
    assert not PageRevision.objects.exists()


# --- addresses -------------------------------------------------------------------------


def test_slugs_are_unique_and_made_from_the_title(member):
    first = services.page_create(by=member, title="Livret d'accueil")
    second = services.page_create(by=member, title="Livret d’accueil !")
    third = services.page_create(by=member, title="???")
    reserved = services.page_create(by=member, title="New")
    assert first.slug == "livret-daccueil"
    assert second.slug == "livret-daccueil-2"
    assert third.slug == "page"
    assert reserved.slug == "new-1"


@pytest.mark.parametrize(
    "slug, message",
    [
        ("guide-du-travail-collaboratif", "Cette adresse est déjà prise par la page « Guide"),
        ("avec espace", "lettres non accentuées"),
        ("élan", "lettres non accentuées"),
        ("new", "réservée"),
        ("x" * 101, "au plus 100 caractères"),
    ],
)
def test_a_chosen_slug_is_checked(open_page, member, slug, message):
    with pytest.raises(ValidationError) as caught:
        services.page_create(by=member, title="Autre", slug=slug)
    assert message in caught.value.message_dict["slug"][0]
    assert Page.objects.count() == 1


def test_the_database_refuses_a_duplicate_slug(open_page):
    with pytest.raises(IntegrityError), transaction.atomic():
        Page.objects.create(slug=open_page.slug, title="Doublon")


# --- restriction and protection --------------------------------------------------------


def test_restricting_needs_a_circle(member):
    with pytest.raises(ValidationError) as caught:
        services.page_create(by=member, title="Secret", restricted=True)
    assert "Choisissez le cercle" in caught.value.message_dict["restricted"][0]


def test_one_restricts_a_page_only_to_a_circle_one_reads(org, member, agent, lead_link):
    with pytest.raises(ValidationError) as caught:
        services.page_create(by=agent, title="Secret", circle=org["rh"], restricted=True)
    assert "dont vous faites partie" in caught.value.message_dict["restricted"][0]
    assert services.page_create(by=member, title="RH", circle=org["rh"], restricted=True)
    # The lead link of RH manages Formation, below it.
    assert services.page_create(
        by=lead_link, title="Formation", circle=org["formation"], restricted=True
    )


def test_only_stewards_protect_a_page(org, member, facilitator, lead_link, admin):
    for person in (member,):
        with pytest.raises(ValidationError) as caught:
            services.page_create(by=person, title="Charte", circle=org["rh"], protected=True)
        assert "Seuls les admins" in caught.value.message_dict["protected"][0]
    with pytest.raises(ValidationError):
        services.page_create(by=facilitator, title="Sans cercle", protected=True)
    assert services.page_create(by=facilitator, title="A", circle=org["rh"], protected=True)
    assert services.page_create(by=lead_link, title="B", circle=org["rh"], protected=True)
    assert services.page_create(by=admin, title="C", protected=True)


def test_configure_checks_what_changes(open_page, org, facilitator, member, admin):
    services.page_configure(page=open_page, by=admin, circle=org["rh"], protected=True)
    open_page.refresh_from_db()
    assert open_page.protected and open_page.circle == org["rh"]
    assert open_page.updated_by == member  # the last one who changed the text
    # The facilitator keeps the page's circle: he may restrict it.
    services.page_configure(page=open_page, by=facilitator, restricted=True, kind=PageKind.KIT)
    open_page.refresh_from_db()
    assert open_page.restricted and open_page.kind == PageKind.KIT
    # Moving it to a circle he does not steward, protected, is refused.
    with pytest.raises(ValidationError) as caught:
        services.page_configure(page=open_page, by=facilitator, circle=org["numerique"])
    assert set(caught.value.message_dict) == {"restricted", "protected"}
    with pytest.raises(ValidationError):
        services.page_configure(page=open_page, by=facilitator, circle=None)


def test_the_database_refuses_a_restricted_page_without_circle(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Page.objects.create(slug="x", title="X", restricted=True)


def test_charter_lookup(protected_page, restricted_page, admin):
    services.page_create(by=admin, title="Autre charte", kind=PageKind.CHARTER)
    assert Page.objects.charter() == protected_page
    services.page_archive(page=protected_page, by=admin)
    assert Page.objects.charter().title == "Autre charte"


# --- time eaters -----------------------------------------------------------------------


@pytest.fixture
def meetings_eater(member):
    return services.time_eater_create(
        by=member,
        name="Réunions sans ordre du jour",
        description="On vient sans savoir pourquoi.",
        remedies="- Envoyer l'ordre du jour 48 h avant",
        category=TimeEaterCategory.MEETINGS,
    )


def test_the_author_of_a_time_eater_is_concerned(meetings_eater, member):
    assert meetings_eater.slug == "reunions-sans-ordre-du-jour"
    assert TimeEaterConcern.objects.filter(time_eater=meetings_eater, person=member).exists()


def test_a_time_eater_is_listed_once(meetings_eater, agent):
    with pytest.raises(ValidationError) as caught:
        services.time_eater_create(
            by=agent, name="réunions SANS ordre du jour", description="Pareil."
        )
    assert "déjà au catalogue" in caught.value.message_dict["name"][0]


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"name": " ", "description": "x"}, "name"),
        ({"name": "X", "description": "  "}, "description"),
        ({"name": "X", "description": "x", "category": "bavardage"}, "category"),
    ],
)
def test_bad_time_eaters_are_refused(agent, fields, field):
    with pytest.raises(ValidationError) as caught:
        services.time_eater_create(by=agent, **fields)
    assert field in caught.value.message_dict
    assert not TimeEater.objects.exists()


def test_concern_once_per_person(meetings_eater, agent):
    services.concern_add(time_eater=meetings_eater, person=agent)
    services.concern_add(time_eater=meetings_eater, person=agent)
    counted = TimeEater.objects.with_counts(agent).get(pk=meetings_eater.pk)
    assert counted.concern_count == 2 and counted.is_mine
    services.concern_remove(time_eater=meetings_eater, person=agent)
    counted = TimeEater.objects.with_counts(agent).get(pk=meetings_eater.pk)
    assert counted.concern_count == 1 and not counted.is_mine


def test_the_database_refuses_a_second_concern(meetings_eater, member):
    with pytest.raises(IntegrityError), transaction.atomic():
        TimeEaterConcern.objects.create(time_eater=meetings_eater, person=member)


def test_proposing_a_remedy_notifies_the_author(
    meetings_eater, agent, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = services.remedy_propose(
            time_eater=meetings_eater, author=agent, body="Annuler si pas d'ordre du jour."
        )
    note = Notification.objects.get(recipient=member)
    assert "Alice Agent propose un remède" in note.text
    assert note.url.endswith(f"#remede-{proposal.pk}")
    with pytest.raises(ValidationError):
        services.remedy_propose(time_eater=meetings_eater, author=agent, body="   ")


def test_adopting_a_remedy_appends_it(meetings_eater, agent, admin):
    proposal = services.remedy_propose(
        time_eater=meetings_eater, author=agent, body="Annuler la réunion\nsans ordre du jour."
    )
    services.remedy_adopt(proposal=proposal, by=admin)
    meetings_eater.refresh_from_db()
    assert meetings_eater.remedies.endswith("- Annuler la réunion\n  sans ordre du jour.")
    proposal.refresh_from_db()
    assert proposal.adopted_at is not None
    with pytest.raises(ValidationError, match="déjà retenu"):
        services.remedy_adopt(proposal=proposal, by=admin)


def test_an_archived_time_eater_takes_nothing_more(meetings_eater, agent, admin):
    services.time_eater_archive(time_eater=meetings_eater, by=admin)
    with pytest.raises(ValidationError):
        services.concern_add(time_eater=meetings_eater, person=agent)
    with pytest.raises(ValidationError):
        services.remedy_propose(time_eater=meetings_eater, author=agent, body="x")
    assert not RemedyProposal.objects.exists()
    assert TimeEater.objects.active().count() == 0
