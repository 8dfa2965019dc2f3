"""Websocket routes. The live meeting room joins here with the meetings module."""

websocket_urlpatterns: list = []
