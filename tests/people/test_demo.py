"""The people demo: functions, the catalogue, paths with entries, suggestions, a share."""

import pytest
from django.urls import reverse

from cercles.accounts.models import Person
from cercles.core.models import Notification
from cercles.organisation import demo as org_demo
from cercles.people import demo
from cercles.people.functions import holders
from cercles.people.models import (
    EntryKind,
    FormatKey,
    Function,
    ItemKind,
    PathEntry,
    PathItem,
    PathShare,
    PeopleFunction,
    Suggestion,
    SuggestionStatus,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_org():
    org_demo.load(log=lambda *_: None)


def test_load_is_realistic_then_wipe_removes_it(
    demo_org, client, django_capture_on_commit_callbacks
):
    assert not demo.is_loaded()
    with django_capture_on_commit_callbacks(execute=True):
        result = demo.load(log=lambda *_: None)
    assert demo.is_loaded()
    # Pending suggestions stay unread; answered ones and the share are settled.
    assert demo.settle_notifications() == 3
    unread = Notification.objects.unread().filter(kind="people_suggestion")
    assert set(unread.values_list("recipient_id", flat=True)) == set(
        Suggestion.objects.filter(status="pending").values_list("person_id", flat=True)
    )
    assert result["items"] == 14 and result["suggestions"] == 4 and result["shares"] == 1
    assert result["entries"] == 5 + 3 + 1  # own entries, questionnaires, one accepted
    counts = {k: PathItem.objects.filter(kind=k).count() for k in ItemKind.values}
    assert counts == {"entry": 4, "detection": 4, "format": 6}
    assert set(PathItem.objects.exclude(format="").values_list("format", flat=True)) == set(
        FormatKey.values
    )
    assert holders(Function.HR).count() == 1
    assert holders(Function.COACHING_COORDINATOR).count() == 1
    assert PathEntry.objects.filter(kind=EntryKind.CHOICE, private=True).count() == 3
    statuses = sorted(Suggestion.objects.values_list("status", flat=True))
    assert statuses == sorted(["pending", "pending", "accepted", "dismissed"])
    accepted = Suggestion.objects.get(status=SuggestionStatus.ACCEPTED)
    assert accepted.entry.kind == EntryKind.SUGGESTION
    assert Suggestion.objects.filter(from_lead_link=True).count() == 2
    # The shared path reads for its viewer; every catalogue page answers.
    share = PathShare.objects.get()
    client.force_login(share.viewer)
    response = client.get(reverse("people:person_path", args=[share.owner_id]))
    assert response.status_code == 200
    client.force_login(Person.objects.get(email=org_demo.ADMIN_EMAIL))
    for item in PathItem.objects.all():
        assert client.get(item.get_absolute_url()).status_code == 200
    assert client.get(reverse("people:catalogue")).status_code == 200
    demo.wipe()
    assert not PathItem.objects.exists() and not PathEntry.objects.exists()
    assert not Suggestion.objects.exists() and not PeopleFunction.objects.exists()


def test_load_is_deterministic(demo_org):
    demo.load(log=lambda *_: None)
    first = sorted(PathEntry.objects.values_list("person__email", "title"))
    demo.wipe()
    demo.load(log=lambda *_: None)
    assert sorted(PathEntry.objects.values_list("person__email", "title")) == first
