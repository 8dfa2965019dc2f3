"""The live room's websocket: ws/meetings/<id>/.

The user comes from the session (`AuthMiddlewareStack` in asgi.py). Anonymous people
and people who are neither participants nor allowed to drive the room are refused
before the handshake completes. On connect the consumer sends the room's current state
(so a dropped connection resyncs on reconnect); then it forwards every broadcast
(`live.broadcast_room`), with the variant that matches the person's rights and his own
buttons. Messages from the browser are the htmx websocket extension's JSON (the form's
fields): `{"action": "ask" | "withdraw" | "give" | "stop" | "up" | "down",
"request": id?, "kind": ...?}`. Every action goes through `live.room_action`, hence the
services, which check who may.
"""

import json

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.html import escape
from django.utils.translation import gettext as _

from cercles.organisation import permissions as org_permissions

from . import live, permissions
from .models import Meeting

ERROR_ID = "room-error"


def error_fragment(message: str) -> str:
    return f'<div id="{ERROR_ID}" hx-swap-oob="true" role="alert">{escape(message)}</div>'


class MeetingRoomConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.user = self.scope.get("user")
        if not (self.user and self.user.is_authenticated):
            await self.close(code=4401)
            return
        self.meeting_id = int(self.scope["url_route"]["kwargs"]["pk"])
        first = await database_sync_to_async(self._join)()
        if first is None:
            await self.close(code=4403)
            return
        self.group = live.group_name(self.meeting_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send(text_data=first)

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    def _meeting(self):
        return Meeting.objects.select_related("circle").filter(pk=self.meeting_id).first()

    def _join(self) -> str | None:
        """Check the person may be in the room; the room as it is now, or None."""
        meeting = self._meeting()
        if meeting is None:
            return None
        abilities = permissions.meeting_abilities(self.user, meeting)
        if not abilities["live_room"]:
            return None
        self.driver = abilities["live_room"] and permissions._drives(self.user, meeting)
        self.take_part = abilities["take_part"]
        state = live.room_state(meeting, brief=True)
        return live.render_room(state, driver=self.driver) + self._controls(
            status=meeting.status,
            waiting=state.waiting_person_ids,
            speaker=state.speaker.person_id if state.speaker else None,
        )

    def _controls(self, *, status, waiting, speaker) -> str:
        return live.render_controls(
            meeting_id=self.meeting_id,
            status=status,
            user_id=self.user.pk,
            waiting=waiting,
            speaker=speaker,
            take_part=self.take_part,
        )

    def _act(self, content: dict) -> str | None:
        # A long connection must not act on yesterday's rights: read them afresh.
        org_permissions.forget(self.user)
        permissions.forget(self.user)
        meeting = self._meeting()
        if meeting is None:
            return _("Réunion introuvable.")
        try:
            live.room_action(
                user=self.user,
                meeting=meeting,
                action=str(content.get("action", "")),
                data=content,
            )
        except (ValidationError, PermissionDenied) as exc:
            return live.error_text(exc)
        return None

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        # A frame that is not JSON gets an error message, not a closed connection.
        try:
            content = json.loads(text_data) if text_data else None
        except ValueError:
            content = None
        await self.receive_json(content)

    async def receive_json(self, content, **kwargs):
        if not isinstance(content, dict):
            await self.send(text_data=error_fragment(_("Message illisible.")))
            return
        error = await database_sync_to_async(self._act)(content)
        await self.send(text_data=error_fragment(error or ""))

    async def dispatch(self, message):
        # Channels closes stale database connections before every handler, through a
        # hop to the one database thread. A room update reads no database: with 300
        # connections, 300 hops queued behind each other after every change
        # (docs/performance.md, "Live meeting room under load").
        if message["type"] == "room.update":
            await self.room_update(message)
            return
        await super().dispatch(message)

    async def room_update(self, event):
        html = event["driver"] if self.driver else event["participant"]
        controls = self._controls(
            status=event["status"], waiting=event["waiting"], speaker=event["speaker"]
        )
        await self.send(text_data=html + controls)
