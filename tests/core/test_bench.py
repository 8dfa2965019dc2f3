"""`manage.py bench` times every main page on a seeded database."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cercles.ideas.seed import seed as seed_ideas
from cercles.organisation.seed import seed

PAGES = (
    "hello",
    "org chart",
    "circle",
    "person",
    "directory search",
    "search box",
    "history",
    "API circles list",
    "API people list",
    "idea list",
    "idea page",
    "campaign dashboard",
    "similar ideas API",
)


def run_bench(*args):
    out = StringIO()
    call_command("bench", "--runs", "3", "--warmup", "1", "--markdown", *args, stdout=out)
    return out.getvalue()


def table(output):
    rows = [line.split("|")[1:-1] for line in output.splitlines() if line.startswith("| ")]
    return {cells[0].strip(): [c.strip() for c in cells[1:]] for cells in rows[2:]}


def test_bench_needs_a_seeded_database(db):
    with pytest.raises(CommandError, match="seed it first"):
        run_bench()


@pytest.mark.parametrize("cold", [False, True])
def test_bench_times_every_main_page_warm_and_cold(db, cold):
    seed("team", log=lambda *_: None)
    seed_ideas("team", log=lambda *_: None)
    output = run_bench(*(["--cold"] if cold else []))
    rows = table(output)
    assert tuple(rows) == PAGES
    assert rows["hello"][2] == "1.0×" and rows["hello"][3] == "2"
    # Warm: session, user, the page's ids; cold: also the count, the changes, their
    # people and the moved circles' parents.
    assert rows["history"][3] == ("7" if cold else "3")
    assert ("cache emptied before each request" in output) is cold
    assert "150 ideas, 600 supports" in output
    # The ideas list as its page test counts it (cards, count and filters cached when
    # warm); cold, also the unread notifications.
    assert rows["idea list"][3] == ("10" if cold else "4")


def test_bench_leaves_the_ideas_pages_out_without_ideas(db):
    seed("team", log=lambda *_: None)
    assert tuple(table(run_bench())) == PAGES[:9]
