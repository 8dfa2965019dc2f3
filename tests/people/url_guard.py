"""The people app's part of the URL guard (tests/core/test_url_guard.py).

The member's path is shared with the lead link only; the member has a path entry and a
pending suggestion from the lead link; the catalogue has one format. HR is held by
admins only here (the lead link is not HR).
"""

from cercles.people import services
from cercles.people.models import Function
from tests.guard import API_READ, LOGIN, admins, logged_in

# The member's path: himself and the lead link he shared it with; others get a 404.
MEMBER_PATH = {"anonymous": LOGIN, "agent": 404, "member": 200, "lead_link": 200, "admin": 404}


def item(ctx):
    return {"slug": ctx["people_item"].slug}


def member_pk(ctx):
    return {"pk": ctx["member"].pk}


def entry(ctx):
    return {"pk": ctx["people_entry"].pk}


EXPECTED = {
    "people:home": (None, logged_in()),
    "people:functions": (None, admins()),
    "people:function_revoke": (lambda ctx: {"pk": ctx["people_grant"].pk}, logged_in(405)),
    "people:catalogue": (None, logged_in()),
    "people:item_create": (None, admins()),
    "people:item_detail": (item, logged_in()),
    "people:item_update": (item, admins()),
    "people:item_archive": (item, logged_in(405)),
    "people:item_unarchive": (item, logged_in(405)),
    "people:item_move": (item, logged_in(405)),
    "people:chooser": (None, logged_in()),
    "people:chooser_save": (None, logged_in(405)),
    "people:my_path": (None, logged_in()),
    "people:person_path": (member_pk, MEMBER_PATH),
    "people:suggest": (member_pk, {**logged_in(), "member": 403}),  # not to oneself
    "people:entry_create": (None, logged_in()),
    "people:entry_update": (entry, {**logged_in(404), "member": 200}),
    "people:entry_delete": (entry, logged_in(405)),
    "people:shares": (None, logged_in()),
    "people:share_revoke": (lambda ctx: {"pk": ctx["people_share"].pk}, logged_in(405)),
    "people:suggestion_accept": (
        lambda ctx: {"pk": ctx["people_suggestion"].pk},
        logged_in(405),
    ),
    "people:suggestion_dismiss": (
        lambda ctx: {"pk": ctx["people_suggestion"].pk},
        logged_in(405),
    ),
    "v1:development-item-list": (None, API_READ),
    "v1:development-item-detail": (lambda ctx: {"pk": ctx["people_item"].pk}, API_READ),
    "v1:development-entry-list": (None, API_READ),
    "v1:development-entry-detail": (
        lambda ctx: {"pk": ctx["people_entry"].pk},
        {**logged_in(404, anonymous=401), "member": 200},  # one's own entries only
    ),
}


def context(*, org, admin, agent, member, lead_link) -> dict:
    item = services.item_create(
        by=admin,
        kind="format",
        format="coaching",
        name="Le coaching entre collègues",
        summary="Un collègue vous aide à avancer.",
    )
    return {
        "people_item": item,
        "people_grant": services.function_grant(
            person=agent, function=Function.COACHING_COORDINATOR, by=admin
        ),
        "people_entry": services.entry_create(person=member, title="Animer un atelier"),
        "people_share": services.share_add(owner=member, viewer=lead_link),
        "people_suggestion": services.suggestion_create(
            author=lead_link, person=member, item=item, message="Un coaching t'aiderait."
        ),
    }
