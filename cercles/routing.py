"""Websocket routes: the live meeting room."""

from django.urls import path

from cercles.meetings.consumers import MeetingRoomConsumer

websocket_urlpatterns: list = [
    path("ws/meetings/<int:pk>/", MeetingRoomConsumer.as_asgi()),
]
