"""ASGI entry point: HTTP through Django, websockets through Channels (cercles.routing)."""

import gc
import os

from django.core.asgi import get_asgi_application

# A live room at 300 connections allocates fast: with Python's default gen-0 threshold
# (700) a full collection of 80-130 ms lands on one update in ten to fifteen, delaying it
# on every screen. A larger threshold keeps a few MB of young objects instead
# (docs/performance.md, "Live meeting room under load").
gc.set_threshold(50_000, 10, 10)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cercles.settings")
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402  (needs Django set up first)
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from cercles.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
