"""Notifications: sent after commit, the page, the badge, the daily e-mail digest."""

from django.core import mail
from django.urls import reverse

from cercles.core.models import Notification
from cercles.core.notifications import notify, unread_count
from cercles.core.tasks import send_notification_digests
from tests.factories import PersonFactory

PAGE = reverse("core:notifications")


def test_notify_waits_for_the_commit_and_drops_repeats(db, django_capture_on_commit_callbacks):
    alice, bob = PersonFactory(), PersonFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify([alice, bob, alice.pk, None], kind="test", text="Bonjour", url="/ideas/1/")
    assert not Notification.objects.exists()
    callbacks[0]()
    assert sorted(Notification.objects.values_list("recipient_id", flat=True)) == sorted(
        [alice.pk, bob.pk]
    )


def test_page_lists_mine_and_marks_them_read(client, db, django_capture_on_commit_callbacks):
    alice, bob = PersonFactory(), PersonFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notify([alice], kind="test", text="Pour Alice", url="/ideas/1/")
        notify([bob], kind="test", text="Pour Bob")
    client.force_login(alice)
    body = client.get(PAGE).content.decode()
    assert "Pour Alice" in body and "Pour Bob" not in body
    assert '<a href="/ideas/1/">Pour Alice</a>' in body
    # The badge in the navigation.
    assert '<span class="badge">1<span class="visually-hidden"> non lues</span></span>' in body
    response = client.post(PAGE)
    assert response.status_code == 302
    assert Notification.objects.get(recipient=alice).read_at is not None
    assert Notification.objects.get(recipient=bob).read_at is None
    assert unread_count(alice) == 0


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(PAGE)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_badge_costs_no_query_once_counted(
    client, db, django_assert_num_queries, django_capture_on_commit_callbacks
):
    alice = PersonFactory()
    client.force_login(alice)  # counted at login
    # session; user; the count (zero: no page of rows to read).
    with django_assert_num_queries(3):
        client.get(PAGE)
    with django_capture_on_commit_callbacks(execute=True):
        notify([alice], kind="test", text="Nouveau")
    # A new notification drops the cached badge count: session; user; the badge's
    # count; the page's count; the page.
    with django_assert_num_queries(5):
        body = client.get(PAGE).content.decode()
    assert '<span class="badge">1<span' in body


def test_page_queries_do_not_grow(
    client, db, django_assert_num_queries, django_capture_on_commit_callbacks
):
    alice = PersonFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(3):
            notify([alice], kind="test", text=f"Message {i}")
    client.force_login(alice)
    # session; user; count; the page.
    with django_assert_num_queries(4):
        client.get(PAGE)
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(5):
            notify([alice], kind="test", text=f"Autre {i}")
    client.get(PAGE)  # the badge's count is read again once
    with django_assert_num_queries(4):
        body = client.get(PAGE).content.decode()
    assert body.count('class="card unread"') == 8


def test_digest_sends_one_mail_per_person_once(db, django_capture_on_commit_callbacks):
    alice, bob = PersonFactory(email="alice@exemple.fr"), PersonFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notify([alice], kind="test", text="Première", url="/ideas/1/")
        notify([alice], kind="test", text="Seconde")
    assert send_notification_digests.delay().get() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@exemple.fr"]
    assert message.subject == "Cercles : 2 notification(s) non lue(s)"
    assert "- Première\n  /ideas/1/\n- Seconde" in message.body
    # Already sent: nothing new tomorrow.
    assert send_notification_digests.delay().get() == 0
    assert bob.email not in [m.to[0] for m in mail.outbox]
