"""The same code is configured by the environment: embedded defaults, or PostgreSQL and Redis."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, django
from django.conf import settings
django.setup()
from django.core.cache import cache
cache.set("cercles-probe", "ok", 5)
print(json.dumps({
    "db": settings.DATABASES["default"]["ENGINE"],
    "db_name": settings.DATABASES["default"]["NAME"],
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_roundtrip": cache.get("cercles-probe"),
    "channels": settings.CHANNEL_LAYERS["default"]["BACKEND"],
    "broker": settings.CELERY_BROKER_URL,
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "asgi": settings.ASGI_APPLICATION,
}))
"""


def probe(**env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="cercles.settings")
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_embedded_defaults_need_no_service():
    conf = probe()
    assert conf["db"] == "django.db.backends.sqlite3"
    assert conf["db_name"].endswith("db.sqlite3")
    assert conf["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert conf["cache_roundtrip"] == "ok"
    assert conf["channels"] == "channels.layers.InMemoryChannelLayer"
    assert conf["broker"] == "memory://"
    assert conf["eager"] is True
    assert conf["asgi"] == "cercles.asgi.application"


def test_production_uses_postgresql_and_redis():
    conf = probe(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/cercles",
        REDIS_URL="redis://127.0.0.1:6379/15",
    )
    assert conf["db"] == "django.db.backends.postgresql"
    assert conf["db_name"] == "cercles"
    assert conf["cache"] == "django.core.cache.backends.redis.RedisCache"
    # A real round trip through the machine's Redis.
    assert conf["cache_roundtrip"] == "ok"
    assert conf["channels"] == "channels_redis.core.RedisChannelLayer"
    assert conf["broker"] == "redis://127.0.0.1:6379/15"
    assert conf["eager"] is False
