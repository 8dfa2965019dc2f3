"""Load test of the live meeting room: N websocket participants in one meeting.

    python manage.py room_load --participants 300 --rounds 20 [--layer memory|redis]
                               [--servers N] [--markdown] [--json FILE] [--timeout 120]

What it measures: the time from the facilitator's "Donner la parole" (the message his
page's form sends through the websocket) to each participant's screen receiving the
update that shows the new speaker, and the time until *every* screen has it (the
slowest connection of the round). Each round, one participant asks for the floor
through his websocket, the facilitator gives it, then stops it; the command waits until
every connection has seen each change before the next one, and reports the asking and
the stopping too.

Your data is never touched. The command runs everything in a child process pointed at
a database of its own: by default a fresh SQLite file in a temporary folder (migrated,
filled with invented people `@room-load.invalid`, deleted at the end); with
`--database-url postgres://…/name` a PostgreSQL database that must not exist yet, which
it creates and drops. With `--layer redis` the servers share a Redis database that must
be empty (db 14 by default, `--redis-url`): the command holds a lock key there while it
runs and empties it at the end.

Everything stays on the loopback interface: the ASGI servers are uvicorn subprocesses
(`cercles.asgi:application`, `ws="websockets-sansio"`, as `make serve`) on free ports of
127.0.0.1, and the clients are the `websockets` library's, all in one asyncio loop,
authenticated by session cookies (sessions written in the throwaway database) and
sending the Origin header the consumer checks. The in-memory layer lives in one process,
so it takes one server; Redis takes several (2 by default), the clients spread across
them, which shows the fan-out between processes.

The run is bounded: at most 2,000 participants and 500 rounds, each change waited for at
most 30 s, and the whole command (set-up included) stops after `--timeout` seconds (120
by default) with a non-zero exit status; the child process and its servers are then
killed. It also exits non-zero when a screen missed an update or the server refused an
action. Figures: docs/performance.md, "Live meeting room under load".
"""

import asyncio
import contextlib
import json
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from argparse import SUPPRESS
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/14"
LOCK_KEY = "cercles:room_load:lock"
EMAIL_DOMAIN = "room-load.invalid"
MAX_PARTICIPANTS = 2000
MAX_ROUNDS = 500
MAX_TIMEOUT = 1800
EVENT_TIMEOUT = 30.0
TARGET_MS = 250
# What each round does, in order: (key, label).
EVENTS = (("ask", "floor asked"), ("give", "floor given"), ("stop", "floor stopped"))
PG_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def percentile(values, pct):
    """Nearest rank, as `manage.py bench`."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


class Command(BaseCommand):
    help = (
        "Load test of the live meeting room: N websocket participants in one meeting, the "
        "time from 'floor given' to every screen (loopback, throwaway database)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--participants",
            type=int,
            default=300,
            help="Participants connected (300), and the facilitator.",
        )
        parser.add_argument("--rounds", type=int, default=20, help="Measured rounds (20).")
        parser.add_argument(
            "--warmup", type=int, default=1, help="Rounds played first, not counted (1)."
        )
        parser.add_argument(
            "--layer", choices=("memory", "redis"), default="memory", help="Channel layer (memory)."
        )
        parser.add_argument(
            "--servers", type=int, help="ASGI server processes (memory: 1; redis: 2 by default)."
        )
        parser.add_argument(
            "--redis-url",
            default=DEFAULT_REDIS_URL,
            help=f"An empty Redis database of its own ({DEFAULT_REDIS_URL}), emptied afterwards.",
        )
        parser.add_argument(
            "--database-url",
            default="",
            help="A PostgreSQL database to create and drop (it must not exist); "
            "a fresh SQLite file otherwise.",
        )
        parser.add_argument(
            "--timeout", type=float, default=120.0, help="Limit for the whole run (120 s)."
        )
        parser.add_argument("--markdown", action="store_true", help="Print a Markdown table.")
        parser.add_argument("--json", default="", help="Also write the figures to this file.")
        parser.add_argument(
            "--no-compression",
            action="store_true",
            help="Clients do not offer permessage-deflate (browsers do).",
        )
        # The child process's options (the parent sets them).
        parser.add_argument("--worker", default="", help=SUPPRESS)
        parser.add_argument("--deadline", type=float, default=0.0, help=SUPPRESS)

    def handle(self, *args, **options):
        if options["worker"]:
            code = Worker(self, options).run()
            if code:
                sys.exit(code)
            return
        Parent(self, options).run()


# --- the parent: checks, a database and a Redis db of its own, the child, the limit --------


class Parent:
    def __init__(self, command, options):
        self.command = command
        self.out = command.stdout
        self.options = options
        self.servers = options["servers"] or (2 if options["layer"] == "redis" else 1)
        self.tmp = None
        self.pg = None  # (maintenance connection URL, database name) once created
        self.redis = None

    def check(self):
        o = self.options
        if not 1 <= o["participants"] <= MAX_PARTICIPANTS:
            raise CommandError(f"--participants must be between 1 and {MAX_PARTICIPANTS}.")
        if not 1 <= o["rounds"] <= MAX_ROUNDS:
            raise CommandError(f"--rounds must be between 1 and {MAX_ROUNDS}.")
        if not 0 <= o["warmup"] <= 10:
            raise CommandError("--warmup must be between 0 and 10.")
        if not 5 <= o["timeout"] <= MAX_TIMEOUT:
            raise CommandError(f"--timeout must be between 5 and {MAX_TIMEOUT} seconds.")
        if not 1 <= self.servers <= 8:
            raise CommandError("--servers must be between 1 and 8.")
        if o["layer"] == "memory" and self.servers != 1:
            raise CommandError(
                "The in-memory channel layer lives in one process: one server only "
                "(use --layer redis for several)."
            )
        url = o["database_url"]
        if url and urlsplit(url).scheme not in ("postgres", "postgresql"):
            raise CommandError("--database-url takes a PostgreSQL URL (postgres://…/name).")
        if url and urlsplit(url).hostname not in ("127.0.0.1", "localhost"):
            raise CommandError("--database-url must be a database on 127.0.0.1.")
        if o["layer"] == "redis":
            parts = urlsplit(o["redis_url"])
            if parts.scheme != "redis" or parts.hostname not in ("127.0.0.1", "localhost"):
                raise CommandError("--redis-url must be a redis:// URL on 127.0.0.1.")
        self.raise_open_files_limit(o["participants"] + 64 * self.servers)

    @staticmethod
    def raise_open_files_limit(needed):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft != resource.RLIM_INFINITY and soft < needed:
            if hard != resource.RLIM_INFINITY and hard < needed:
                raise CommandError(
                    f"{needed} open files are needed, the limit is {hard} (ulimit -n)."
                )
            resource.setrlimit(resource.RLIMIT_NOFILE, (needed, hard))

    def run(self):
        self.check()
        o = self.options
        started = time.time()
        deadline = started + o["timeout"]
        try:
            env = self.environment()
            code = self.run_child(env, deadline)
        finally:
            self.clean_up()
        if code == "timeout":
            raise CommandError(
                f"Stopped: the run exceeded its {o['timeout']:.0f} s limit (--timeout)."
            )
        if code != 0:
            raise CommandError(f"The load test failed (exit status {code}).")

    def environment(self) -> dict:
        o = self.options
        self.tmp = Path(tempfile.mkdtemp(prefix="cercles-room-load-"))
        env = dict(os.environ)
        if o["database_url"]:
            env["DATABASE_URL"] = self.create_pg_database(o["database_url"])
        else:
            env["DATABASE_URL"] = f"sqlite:///{self.tmp / 'room_load.sqlite3'}"
        env["REDIS_URL"] = self.take_redis(o["redis_url"]) if o["layer"] == "redis" else ""
        env.update(
            DEBUG="false",
            ALLOWED_HOSTS="127.0.0.1,localhost",
            PYTHONUNBUFFERED="1",
        )
        # Loopback only: no proxy for the clients.
        for name in ("http_proxy", "https_proxy", "all_proxy", "ws_proxy", "wss_proxy"):
            env.pop(name, None)
            env.pop(name.upper(), None)
        return env

    def create_pg_database(self, url) -> str:
        import psycopg
        from psycopg import sql

        parts = urlsplit(url)
        name = parts.path.lstrip("/")
        if not PG_NAME.match(name):
            raise CommandError(
                "The PostgreSQL database name must be lower case letters, digits and _."
            )
        maintenance = urlunsplit(parts._replace(path="/postgres"))
        try:
            with psycopg.connect(maintenance, autocommit=True, connect_timeout=5) as conn:
                exists = conn.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", [name]
                ).fetchone()
                if exists:
                    raise CommandError(
                        f"The database {name} exists: room_load creates its database and "
                        "drops it afterwards, so give the name of one that does not exist."
                    )
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except psycopg.OperationalError as exc:
            raise CommandError(f"PostgreSQL does not answer at {maintenance}: {exc}") from exc
        self.pg = (maintenance, name)
        return url

    def drop_pg_database(self):
        import psycopg
        from psycopg import sql

        maintenance, name = self.pg
        with psycopg.connect(maintenance, autocommit=True, connect_timeout=5) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    def take_redis(self, url) -> str:
        """Wait for the lock of the Redis db; it must hold nothing else."""
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=10)
        try:
            client.ping()
        except redis.exceptions.ConnectionError as exc:
            raise CommandError(
                f"Redis does not answer at {url} ({exc}): start it (redis-server) "
                "or use --layer memory."
            ) from exc
        token = f"{os.getpid()}-{time.time()}"
        ttl = int(self.options["timeout"]) + 60
        waited_until = time.monotonic() + min(60.0, self.options["timeout"] / 2)
        while not client.set(LOCK_KEY, token, nx=True, ex=ttl):
            if time.monotonic() > waited_until:
                raise CommandError(
                    f"Another room_load holds {url} (key {LOCK_KEY}); try again later."
                )
            time.sleep(0.5)
        self.redis = (client, token)
        keys = client.dbsize()
        if keys != 1:
            raise CommandError(
                f"The Redis database {url} holds {keys - 1} keys: room_load needs one of its "
                "own, which it empties afterwards. Pick an empty one with --redis-url "
                "redis://127.0.0.1:6379/<n>."
            )
        return url

    def release_redis(self):
        client, token = self.redis
        if client.get(LOCK_KEY) == token.encode():
            # Everything else in this db was written by this run's servers: the
            # channel layer's queues and groups and the cache of the throwaway database.
            client.flushdb()

    def run_child(self, env, deadline):
        o = self.options
        args = [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "room_load",
            f"--worker={self.tmp}",
            f"--deadline={deadline}",
            "--skip-checks",
            f"--participants={o['participants']}",
            f"--rounds={o['rounds']}",
            f"--warmup={o['warmup']}",
            f"--layer={o['layer']}",
            f"--servers={self.servers}",
        ]
        if o["markdown"]:
            args.append("--markdown")
        if o["no_compression"]:
            args.append("--no-compression")
        if o["json"]:
            args.append(f"--json={Path(o['json']).resolve()}")
        # A session of its own, so that the child and its servers stop together.
        child = subprocess.Popen(
            args,
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        relay = threading.Thread(target=self.relay, args=(child.stdout,), daemon=True)
        relay.start()
        try:
            # The child keeps to the deadline itself; a grace period, then it is killed.
            code = child.wait(timeout=max(1.0, deadline - time.time()) + 15)
        except subprocess.TimeoutExpired:
            self.kill(child)
            code = "timeout"
        except BaseException:
            self.kill(child)
            raise
        relay.join(timeout=5)
        if code == 3:  # the child's own "deadline passed"
            code = "timeout"
        return code

    def relay(self, stream):
        for line in stream:
            self.out.write(line.rstrip("\n"))

    @staticmethod
    def kill(child):
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, sig)
            try:
                child.wait(timeout=5)
                return
            except subprocess.TimeoutExpired:
                continue

    def clean_up(self):
        errors = []
        if self.pg:
            try:
                self.drop_pg_database()
            except Exception as exc:  # report, and still clean the rest
                errors.append(f"could not drop the database {self.pg[1]}: {exc}")
        if self.redis:
            try:
                self.release_redis()
            except Exception as exc:
                errors.append(f"could not empty Redis: {exc}")
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)
        for error in errors:
            self.command.stderr.write(error)


# --- the child: the data, the servers, the clients -------------------------------------------


class Deadline(Exception):
    pass


class Worker:
    def __init__(self, command, options):
        self.out = command.stdout
        self.options = options
        self.tmp = Path(options["worker"])
        self.deadline = options["deadline"] or time.time() + options["timeout"]
        self.servers = []  # (process, port, log path)

    def say(self, text):
        self.out.write(text)
        self.out.flush()

    def remaining(self) -> float:
        left = self.deadline - time.time()
        if left <= 0:
            raise Deadline
        return left

    def run(self) -> int:
        code = 2
        try:
            code = self._run()
            return code
        except Deadline:
            self.say("Deadline reached: stopping.")
            code = 3
            return code
        finally:
            self.stop_servers()
            if code:
                self.show_server_logs()

    def show_server_logs(self):
        """What the servers said, when something went wrong (their log files go with the
        temporary folder)."""
        for index, (process, port, log) in enumerate(self.servers):
            with contextlib.suppress(OSError):
                text = log.read_text().strip()
                if text:
                    self.say(f"--- server {index} (port {port}, exit {process.returncode}):")
                    self.say(text[-3000:])

    def _run(self) -> int:
        from django.core.management import call_command
        from django.db import connection

        o = self.options
        started = time.monotonic()
        call_command("migrate", interactive=False, verbosity=0)
        facilitator, people, meeting = populate(o["participants"])
        cookies = session_cookies([facilitator, *people])
        vendor = {"sqlite": "SQLite (a fresh file)", "postgresql": "PostgreSQL"}.get(
            connection.vendor, connection.vendor
        )
        connection.close()
        self.say(f"Set up in {time.monotonic() - started:.1f} s; starting the servers.")
        self.remaining()
        for index in range(o["servers"]):
            self.start_server(index)
        for process, port, log in self.servers:
            self.wait_for_server(process, port, log)
        clients = [
            ClientSpec(
                index=i,
                port=self.servers[i % len(self.servers)][1],
                cookie=cookies[i],
                meeting_id=meeting.pk,
            )
            for i in range(len(cookies))
        ]
        askers = [(people[i].pk, people[i].full_name) for i in range(len(people))]
        bench = RoomBench(
            clients=clients,
            askers=askers,
            rounds=o["rounds"],
            warmup=o["warmup"],
            deadline=self.deadline,
            compression=not o["no_compression"],
            say=self.say,
            cpu=self.server_cpu,
        )
        try:
            result = asyncio.run(asyncio.wait_for(bench.run(), timeout=self.remaining()))
        except TimeoutError as exc:
            raise Deadline from exc
        result.update(
            layer=o["layer"],
            servers=len(self.servers),
            participants=len(people),
            database=vendor,
            compression=not o["no_compression"],
        )
        self.report(result)
        if o["json"]:
            Path(o["json"]).write_text(json.dumps(result, indent=2))
        return 0 if result["complete"] else 1

    # servers

    def start_server(self, index):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        log = self.tmp / f"server-{index}.log"
        with open(log, "w") as log_file:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "uvicorn",
                    "cercles.asgi:application",
                    "--host=127.0.0.1",
                    f"--port={port}",
                    "--ws=websockets-sansio",
                    "--lifespan=off",
                    "--log-level=warning",
                    "--no-access-log",
                ],
                cwd=settings.BASE_DIR,
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
        self.servers.append((process, port, log))

    def wait_for_server(self, process, port, log):
        limit = time.monotonic() + min(30.0, self.remaining())
        while time.monotonic() < limit:
            if process.poll() is not None:
                raise CommandError(f"The server on port {port} stopped:\n{log.read_text()[-2000:]}")
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                return
            time.sleep(0.1)
        raise CommandError(f"The server on port {port} did not start in time.")

    def server_cpu(self) -> float:
        """CPU seconds the servers have used so far (Linux /proc; 0 elsewhere)."""
        ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        total = 0.0
        for process, _port, _log in self.servers:
            try:
                fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                return 0.0
            total += (int(fields[11]) + int(fields[12])) / ticks
        return total

    def stop_servers(self):
        for process, _port, _log in self.servers:
            if process.poll() is None:
                process.terminate()
        for process, _port, _log in self.servers:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)

    # the report

    def report(self, r):
        connections = r["connections"]
        self.say(
            f"Live room under load: {connections} websocket connections ({r['participants']} "
            f"participants and the facilitator) to {r['servers']} server(s), "
            f"{'Redis' if r['layer'] == 'redis' else 'in-memory'} channel layer, "
            f"{r['database']} database, {r['rounds']} rounds (after {r['warmup']} warm-up)."
        )
        self.say(
            f"Connected in {r['connect_seconds']:.1f} s. Update sent to a participant: "
            f"{r['message_bytes'] / 1000:.1f} kB before compression "
            f"(permessage-deflate {'on' if r['compression'] else 'off'})."
        )
        rows = [(label, r["events"][key]) for key, label in EVENTS]
        if self.options["markdown"]:
            self.say("")
            self.say(
                "| event | screens updated | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) "
                "| every screen p50 (ms) | every screen p95 (ms) | every screen max (ms) |"
            )
            self.say("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
            for label, e in rows:
                self.say(
                    f"| {label} | {e['received']}/{e['expected']} | {fmt(e['p50'])} "
                    f"| {fmt(e['p95'])} | {fmt(e['p99'])} | {fmt(e['max'])} "
                    f"| {fmt(e['all_p50'])} | {fmt(e['all_p95'])} | {fmt(e['all_max'])} |"
                )
            self.say("")
        else:
            self.say(
                f"{'event':<14} {'screens':>11} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
                f"{'max ms':>8} {'all p50':>8} {'all p95':>8} {'all max':>8}"
            )
            for label, e in rows:
                self.say(
                    f"{label:<14} {e['received']:>5}/{e['expected']:<5} {fmt(e['p50']):>8} "
                    f"{fmt(e['p95']):>8} {fmt(e['p99']):>8} {fmt(e['max']):>8} "
                    f"{fmt(e['all_p50']):>8} {fmt(e['all_p95']):>8} {fmt(e['all_max']):>8}"
                )
            self.say("('all': the time until every screen had it, one figure per round.)")
        self.say(
            f"CPU during the rounds ({r['seconds']:.1f} s): servers {r['server_cpu']:.1f} s, "
            f"clients {r['client_cpu']:.1f} s; load average {r['load']}."
        )
        given = r["events"]["give"]
        if not r["complete"]:
            self.say(f"INCOMPLETE: {'; '.join(r['problems']) or 'updates were missed'}.")
        elif given["all_p95"] is not None:
            verdict = "met" if given["all_p95"] < TARGET_MS else "NOT met"
            self.say(
                f"Target (floor given on every screen, p95 under {TARGET_MS} ms): {verdict} "
                f"({fmt(given['all_p95'])} ms)."
            )


def fmt(value) -> str:
    return "—" if value is None else f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def populate(participants: int):
    """A circle, its facilitator and `participants` invented people, all present, in a
    meeting that is live."""
    from django.db import transaction
    from django.utils import timezone

    from cercles.accounts.models import Person
    from cercles.meetings import services
    from cercles.meetings.models import Participant
    from cercles.organisation import services as org_services

    def person(email, first, last, **extra):
        p = Person(email=f"{email}@{EMAIL_DOMAIN}", first_name=first, last_name=last, **extra)
        p.set_unusable_password()
        p.search_text = p.compute_search_text()
        return p

    with transaction.atomic():
        admin = person("admin", "Ada", "Administratrice", is_org_admin=True)
        facilitator = person("facilitateur", "Fabien", "Facilitateur")
        people = [person(f"p{i:04d}", "Personne", f"{i:04d}") for i in range(1, participants + 1)]
        Person.objects.bulk_create([admin, facilitator, *people])
        circle = org_services.circle_create(
            by=admin, name="Assemblée du personnel", purpose="Réunir tout le monde."
        )
        meeting = services.meeting_create(
            by=admin,
            circle=circle,
            title="Assemblée générale",
            starts_at=timezone.now(),
            kind="other",
            facilitator=facilitator,
            secretary=None,
            participants=people,
        )
        Participant.objects.filter(meeting=meeting).update(present=True)
    meeting = services.meeting_start(meeting=meeting, by=facilitator)
    return facilitator, people, meeting


def session_cookies(people) -> list[str]:
    """A logged-in session per person, as `login()` leaves it; the Cookie header."""
    from importlib import import_module

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.db import transaction

    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    cookies = []
    with transaction.atomic():
        for person in people:
            store = store_class()
            store[SESSION_KEY] = str(person.pk)
            store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            store[HASH_SESSION_KEY] = person.get_session_auth_hash()
            store.create()
            cookies.append(f"{settings.SESSION_COOKIE_NAME}={store.session_key}")
    return cookies


# --- the clients ---------------------------------------------------------------------------


@dataclass
class ClientSpec:
    index: int  # 0: the facilitator
    port: int
    cookie: str
    meeting_id: int

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws/meetings/{self.meeting_id}/"

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Probe:
    """One change being waited for: who has seen it, when."""

    kind: str
    needle: bytes
    expected: int
    t0: float = 0.0
    times: dict = field(default_factory=dict)
    done: asyncio.Event = field(default_factory=asyncio.Event)


def segments(data: bytes):
    """(speaker box, queue box) of a room update, or None."""
    speaker = data.find(b'id="room-speaker"')
    if speaker < 0:
        return None
    queue = data.find(b'id="room-queue"', speaker)
    times = data.find(b'id="room-times"', queue)
    return data[speaker:queue], data[queue:times]


def shows(probe: Probe, data: bytes) -> bool:
    parts = segments(data)
    if parts is None:
        return False
    speaker, queue = parts
    if probe.kind == "ask":
        return probe.needle in queue
    if probe.kind == "give":
        return probe.needle in speaker
    return b"data-countdown-end" not in speaker  # stop: nobody has the floor


class RoomBench:
    def __init__(self, *, clients, askers, rounds, warmup, deadline, compression, say, cpu):
        self.clients = clients
        self.askers = askers
        self.rounds = rounds
        self.warmup = warmup
        self.deadline = deadline
        self.compression = compression
        self.say = say
        self.cpu = cpu
        self.probe: Probe | None = None
        self.problems: list[str] = []
        self.sizes: list[int] = []
        self.closing = False

    def seen(self, index: int, data: bytes, at: float):
        probe = self.probe
        if data.startswith(b'<div id="room-error"'):
            text = re.sub(rb"<[^>]+>", b"", data).strip()
            if text:
                self.problems.append(f"connection {index}: {text.decode(errors='replace')}")
                if probe is not None:
                    probe.done.set()
            return
        if probe is None or index in probe.times or not shows(probe, data):
            return
        probe.times[index] = at
        if probe.kind == "give" and index == 1:
            self.sizes.append(len(data))
        if len(probe.times) == probe.expected:
            probe.done.set()

    async def open(self, spec: ClientSpec, gate: asyncio.Semaphore):
        from websockets.asyncio.client import connect

        async with gate:
            ws = await connect(
                spec.url,
                origin=spec.origin,
                additional_headers={"Cookie": spec.cookie},
                compression="deflate" if self.compression else None,
                proxy=None,
                open_timeout=EVENT_TIMEOUT,
                ping_interval=None,
                max_size=2**24,
            )
            first = await asyncio.wait_for(ws.recv(decode=False), EVENT_TIMEOUT)
            if b'id="room-speaker"' not in first:
                raise CommandError(f"Connection {spec.index} did not receive the room.")
            return ws

    async def read(self, index: int, ws):
        from websockets.exceptions import ConnectionClosed

        try:
            while True:
                data = await ws.recv(decode=False)
                self.seen(index, data, time.perf_counter())
        except ConnectionClosed as exc:
            if self.closing:
                return
            self.problems.append(f"connection {index} closed by the server ({exc})")
            if self.probe is not None:
                self.probe.done.set()

    async def change(self, kind, ws, message, needle) -> Probe:
        from websockets.exceptions import ConnectionClosed

        probe = Probe(kind=kind, needle=needle, expected=len(self.clients))
        self.probe = probe
        probe.t0 = time.perf_counter()
        try:
            await ws.send(json.dumps(message))
        except ConnectionClosed as exc:
            self.problems.append(f"{kind}: the connection was closed ({exc})")
            self.probe = None
            return probe
        left = self.deadline - time.time()
        if left <= 0:
            raise Deadline
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(probe.done.wait(), timeout=min(EVENT_TIMEOUT, left))
        self.probe = None
        if len(probe.times) < probe.expected and not self.problems:
            self.problems.append(
                f"{kind}: {probe.expected - len(probe.times)} screens without the update "
                f"after {EVENT_TIMEOUT:.0f} s"
            )
        return probe

    async def run(self) -> dict:
        gate = asyncio.Semaphore(50)
        started = time.perf_counter()
        sockets = await asyncio.gather(*(self.open(spec, gate) for spec in self.clients))
        connect_seconds = time.perf_counter() - started
        self.say(f"{len(sockets)} connections open in {connect_seconds:.1f} s; playing the rounds.")
        readers = [asyncio.create_task(self.read(i, ws)) for i, ws in enumerate(sockets)]
        samples = {key: [] for key, _label in EVENTS}
        rounds = {key: [] for key, _label in EVENTS}
        received = dict.fromkeys(samples, 0)
        facilitator = sockets[0]
        cpu_start = (self.cpu(), time.process_time(), time.perf_counter())
        total = self.warmup + self.rounds
        for number in range(total):
            measured = number >= self.warmup
            if measured and number == self.warmup:
                cpu_start = (self.cpu(), time.process_time(), time.perf_counter())
            who = 1 + number % len(self.askers)
            person_id, name = self.askers[who - 1]
            steps = (
                (
                    "ask",
                    sockets[who],
                    {"action": "ask", "kind": "speak"},
                    b'data-person="%d"' % person_id,
                ),
                ("give", facilitator, {"action": "give"}, b"<strong>%s</strong>" % name.encode()),
                ("stop", facilitator, {"action": "stop"}, b""),
            )
            for kind, ws, message, needle in steps:
                probe = await self.change(kind, ws, message, needle)
                if self.problems:
                    break
                if measured:
                    latencies = [(t - probe.t0) * 1000 for t in probe.times.values()]
                    samples[kind] += latencies
                    received[kind] += len(latencies)
                    if len(latencies) == probe.expected:
                        rounds[kind].append(max(latencies))
            if self.problems:
                break
            if measured and (number - self.warmup + 1) % 5 == 0:
                self.say(f"round {number - self.warmup + 1}/{self.rounds}")
        server_cpu = self.cpu() - cpu_start[0]
        client_cpu = time.process_time() - cpu_start[1]
        seconds = time.perf_counter() - cpu_start[2]
        self.closing = True
        await asyncio.wait(
            [asyncio.create_task(ws.close()) for ws in sockets], timeout=EVENT_TIMEOUT
        )
        for reader in readers:
            reader.cancel()
        expected = self.rounds * len(self.clients)
        events = {}
        for key, _label in EVENTS:
            values, per_round = samples[key], rounds[key]
            events[key] = {
                "expected": expected,
                "received": received[key],
                **{
                    name: (percentile(values, pct) if values else None)
                    for name, pct in (("p50", 50), ("p95", 95), ("p99", 99), ("max", 100))
                },
                **{
                    name: (percentile(per_round, pct) if per_round else None)
                    for name, pct in (("all_p50", 50), ("all_p95", 95), ("all_max", 100))
                },
            }
        return {
            "connections": len(self.clients),
            "rounds": self.rounds,
            "warmup": self.warmup,
            "connect_seconds": connect_seconds,
            "message_bytes": max(self.sizes) if self.sizes else 0,
            "events": events,
            "complete": not self.problems
            and all(e["received"] == expected for e in events.values()),
            "problems": self.problems,
            "server_cpu": server_cpu,
            "client_cpu": client_cpu,
            "seconds": seconds,
            "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        }
