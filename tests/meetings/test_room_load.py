"""`manage.py room_load`, the live room's load test, at a small size: every connection
gets every update, on the in-memory layer (one server) and on Redis (two servers), and
the figures are printed.

The command runs as the user runs it, in a subprocess: it makes its own throwaway
database and starts its own uvicorn servers on loopback ports, so these tests need no
database of pytest's. Redis is on the developers' machines and in CI (127.0.0.1:6379):
when it does not answer, the Redis test fails and says so.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.management import CommandError, call_command

from cercles.meetings.management.commands.room_load import DEFAULT_REDIS_URL, percentile

ROOT = Path(__file__).resolve().parents[2]
PARTICIPANTS = 20
ROUNDS = 3


def room_load(tmp_path, *args, timeout=100):
    figures = tmp_path / "figures.json"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    out = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "room_load",
            f"--participants={PARTICIPANTS}",
            f"--rounds={ROUNDS}",
            "--timeout=90",
            f"--json={figures}",
            *args,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    return out.stdout, json.loads(figures.read_text())


def check_figures(output, figures, *, layer, servers):
    connections = PARTICIPANTS + 1  # and the facilitator
    assert figures["complete"] is True and figures["problems"] == []
    assert figures["connections"] == connections
    assert figures["layer"] == layer and figures["servers"] == servers
    assert figures["database"] == "SQLite (a fresh file)"
    assert figures["message_bytes"] > 1000
    for key in ("ask", "give", "stop"):
        event = figures["events"][key]
        # Every connection received every round's update.
        assert event["received"] == event["expected"] == ROUNDS * connections
        assert 0 < event["p50"] <= event["p95"] <= event["p99"] <= event["max"]
        assert event["all_p50"] <= event["all_p95"] <= event["all_max"] == event["max"]
    given = figures["events"]["give"]
    assert f"{connections} websocket connections" in output
    line = next(x for x in output.splitlines() if x.startswith("floor given"))
    assert f"{ROUNDS * connections}/{ROUNDS * connections}" in line
    assert f"{given['all_p95']:.0f}" in line
    assert "Target (floor given on every screen, p95 under 250 ms)" in output


def test_in_memory_layer_one_server(tmp_path):
    output, figures = room_load(tmp_path, "--layer=memory")
    check_figures(output, figures, layer="memory", servers=1)
    assert "in-memory channel layer" in output


def test_redis_layer_two_servers(tmp_path):
    import redis

    client = redis.Redis.from_url(DEFAULT_REDIS_URL, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as exc:
        pytest.fail(
            f"Redis must answer at {DEFAULT_REDIS_URL} for this test (start redis-server): {exc}"
        )
    output, figures = room_load(tmp_path, "--layer=redis", timeout=160)
    check_figures(output, figures, layer="redis", servers=2)
    assert "Redis channel layer" in output
    # The Redis database is left empty, lock included.
    assert client.dbsize() == 0


def pg_url(name):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = "postgres://postgres@127.0.0.1:5432/postgres"
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def test_on_a_postgresql_database_it_creates_and_drops_with_a_markdown_table(tmp_path):
    """Nothing is left behind: neither the database nor the temporary folder."""
    import tempfile

    import psycopg

    before = set(Path(tempfile.gettempdir()).glob("cercles-room-load-*"))
    name = f"cercles_room_load_{os.getpid()}"
    output, figures = room_load(tmp_path, f"--database-url={pg_url(name)}", "--markdown")
    assert figures["database"] == "PostgreSQL" and figures["complete"] is True
    samples = ROUNDS * (PARTICIPANTS + 1)
    assert figures["events"]["give"]["received"] == samples
    assert "| event | screens updated | p50 (ms) | p95 (ms) |" in output
    assert f"| floor given | {samples}/{samples} |" in output
    assert "PostgreSQL database" in output
    with psycopg.connect(pg_url("postgres"), autocommit=True) as conn:
        left = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    assert left is None
    assert set(Path(tempfile.gettempdir()).glob("cercles-room-load-*")) <= before


def test_the_run_is_bounded_in_time(tmp_path):
    started = time.monotonic()
    out = subprocess.run(
        [sys.executable, "manage.py", "room_load", "--participants=2000", "--rounds=500"]
        + ["--timeout=6"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode != 0
    assert "Stopped: the run exceeded its 6 s limit (--timeout)." in out.stderr
    assert time.monotonic() - started < 6 + 20  # the grace before the child is killed


@pytest.mark.parametrize(
    "args, message",
    [
        (["--participants=0"], "--participants must be between 1 and 2000."),
        (["--participants=5000"], "--participants must be between 1 and 2000."),
        (["--rounds=0"], "--rounds must be between 1 and 500."),
        (["--timeout=1"], "--timeout must be between 5 and 1800 seconds."),
        (["--servers=2"], "The in-memory channel layer lives in one process"),
        (["--database-url=sqlite:///x.db"], "--database-url takes a PostgreSQL URL"),
        (["--database-url=postgres://db.example.org/x"], "a database on 127.0.0.1"),
        (["--layer=redis", "--redis-url=redis://example.org:6379/3"], "on 127.0.0.1"),
    ],
)
def test_bad_options_are_refused_before_anything_starts(args, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(".", r"\.")):
        call_command("room_load", *args)


def test_an_existing_postgresql_database_is_refused():
    """It would be dropped at the end: only a database the command creates is used."""
    with pytest.raises(CommandError, match="exists: room_load creates its database"):
        call_command("room_load", f"--database-url={pg_url('postgres')}")


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert percentile(values, 50) == 51
    assert percentile(values, 95) == 95
    assert percentile(values, 100) == 100
    assert percentile([7], 95) == 7
