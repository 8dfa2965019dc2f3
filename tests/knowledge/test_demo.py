"""The knowledge demo: pages with versions by several people, the charter, time eaters."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from cercles.accounts.models import Person
from cercles.knowledge import demo
from cercles.knowledge.models import Page, PageKind, PageRevision, TimeEater
from cercles.organisation import demo as org_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_org():
    org_demo.load(log=lambda *_: None)


def test_load_is_idempotent_and_realistic(demo_org, client):
    assert not demo.is_loaded()
    result = demo.load(log=lambda *_: None)
    assert demo.is_loaded()
    assert result["pages"] == 6 and result["time_eaters"] >= 10
    kinds = set(Page.objects.values_list("kind", flat=True))
    assert kinds == {
        PageKind.CHARTER,
        PageKind.GUIDE,
        PageKind.KIT,
        PageKind.BOOKLET,
        PageKind.PROCEDURE,
    }
    charter = demo.charter_page()
    assert charter == Page.objects.charter() and charter.slug == "charte-des-reunions"
    assert charter.protected and charter.current_revision.number == 4
    assert "compte rendu part sous 48 heures" in charter.body
    # Versions by several people, dated in the past, oldest first.
    revisions = list(charter.revisions.order_by("number"))
    assert len({r.author_id for r in revisions}) >= 3
    assert [r.created_at for r in revisions] == sorted(r.created_at for r in revisions)
    assert Page.objects.filter(restricted=True).count() == 1
    assert TimeEater.objects.filter(concerns__isnull=False).distinct().count() >= 10
    assert TimeEater.objects.filter(proposals__isnull=False).exists()
    # The admin reads every page, its history and a comparison.
    client.force_login(Person.objects.get(email=org_demo.ADMIN_EMAIL))
    for page in Page.objects.all():
        for name in ("page_detail", "page_history", "page_diff"):
            response = client.get(reverse(f"knowledge:{name}", args=[page.slug]))
            assert response.status_code == 200, (page.slug, name)
    assert client.get(reverse("knowledge:time_eater_list")).status_code == 200
    # A second load is refused by is_loaded(); wipe removes everything.
    demo.wipe()
    assert not Page.objects.exists() and not PageRevision.objects.exists()
    assert not TimeEater.objects.exists()


def test_load_demo_command_loads_knowledge_before_meetings():
    out = StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    assert "Savoirs chargés : 6 pages" in text
    assert text.index("Savoirs chargés") < text.index("Réunions chargées")
    call_command("load_demo", stdout=StringIO())
    assert Page.objects.count() == 6
