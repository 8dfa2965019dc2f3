"""Time the main pages on the data in the database (seed it first: `make bench` does).

Each page is requested through the full middleware stack with Django's test client,
as a logged-in admin (the persona whose pages show the most). For each page we print
the median and 95th percentile of the server time and the number of SQL queries,
next to a trivial "hello" view through the same middleware.

The ideas pages come when the database holds ideas (`manage.py seed` writes them):
the list, the most supported idea's page, the dashboard of the campaign with the most
ideas, and the similar-ideas endpoint (a POST of a new idea's title and text, which
embeds the query and searches every idea).

Long lists keep their rendered rows in the cache until the organisation changes
(cercles.core.fragments); `--cold` empties the cache before each request, to time
the first reader after a change.
"""

import contextlib
import json
import statistics
import time

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

# What someone types before the similar ideas appear: a paraphrase of a common proposal.
SIMILAR_QUERY = {
    "title": "Raccourcir nos réunions",
    "body": (
        "On passe des heures en réunion sans savoir pourquoi on est là. Il faudrait des "
        "créneaux plus courts, un ordre du jour envoyé à l'avance et un compte rendu clair."
    ),
    "limit": 5,
}


def percentile(values, pct):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


class Command(BaseCommand):
    help = "Time the main pages (median, p95, SQL queries) against a trivial hello view."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=30, help="Requests per page (default 30).")
        parser.add_argument("--warmup", type=int, default=3)
        parser.add_argument("--markdown", action="store_true", help="Print a Markdown table.")
        parser.add_argument(
            "--cold",
            action="store_true",
            help="Empty the cache before each request (the first reader after a change).",
        )

    def handle(self, *args, runs, warmup, markdown, cold, **options):
        from cercles.accounts.models import Person
        from cercles.ideas.models import Idea, Support
        from cercles.organisation.models import Assignment, Circle

        admin = Person.objects.filter(is_org_admin=True, is_active=True).first()
        if admin is None:
            raise CommandError(
                "No organisation admin in this database: seed it first (manage.py seed)."
            )
        # A circle from the middle of the tree with the most roles, a person holding roles.
        circle = (
            Circle.objects.active()
            .filter(parent__isnull=False)
            .annotate(n=Count("roles"))
            .order_by("-n", "id")
            .first()
        )
        person_id = (
            Assignment.objects.current()
            .values_list("person_id", flat=True)
            .order_by("person_id")
            .first()
        )
        surname = Person.objects.get(pk=person_id).last_name[:4]
        client = Client()
        client.force_login(admin)
        pages = [
            ("hello", "/hello/"),
            ("org chart", reverse("organisation:chart")),
            ("circle", reverse("organisation:circle_detail", args=[circle.pk])),
            ("person", reverse("organisation:person_detail", args=[person_id])),
            ("directory search", reverse("organisation:people") + f"?q={surname}"),
            ("search box", reverse("core:search") + f"?q={surname}"),
            ("history", reverse("organisation:history")),
            ("API circles list", "/api/v1/circles/"),
            ("API people list", "/api/v1/people/?limit=50"),
            *self._idea_pages(),
        ]
        counts = {
            "people": Person.objects.count(),
            "circles": Circle.objects.count(),
            "assignments": Assignment.objects.count(),
        }
        ideas = Idea.objects.count()
        ideas_note = f", {ideas} ideas, {Support.objects.count()} supports" if ideas else ""
        self.stdout.write(
            f"Database: {connection.vendor}; {counts['people']} people, {counts['circles']} circles, "
            f"{counts['assignments']} assignments{ideas_note}; {runs} runs per page"
            f"{', cache emptied before each request' if cold else ''}."
        )
        rows = []
        for name, url, *body in pages:

            def request(url=url, body=body):
                if body:  # a POST of JSON
                    return client.post(url, data=body[0], content_type="application/json")
                return client.get(url)

            for _ in range(warmup):
                request()
            timings = []
            queries = None
            for _ in range(runs):
                if cold:
                    cache.clear()
                with CaptureQueriesContext(connection) as ctx:
                    start = time.perf_counter()
                    response = request()
                    timings.append((time.perf_counter() - start) * 1000)
                if response.status_code != 200:
                    raise CommandError(f"{name} ({url}) answered {response.status_code}")
                queries = len(ctx.captured_queries)
            rows.append((name, url, statistics.median(timings), percentile(timings, 95), queries))
        hello_p95 = rows[0][3]
        if markdown:
            self.stdout.write("| page | median (ms) | p95 (ms) | p95 / hello | SQL queries |")
            self.stdout.write("| --- | ---: | ---: | ---: | ---: |")
            for name, _url, med, p95, q in rows:
                self.stdout.write(
                    f"| {name} | {med:.1f} | {p95:.1f} | {p95 / hello_p95:.1f}× | {q} |"
                )
        else:
            self.stdout.write(
                f"{'page':<20} {'median ms':>10} {'p95 ms':>10} {'p95/hello':>10} {'queries':>8}"
            )
            for name, _url, med, p95, q in rows:
                self.stdout.write(
                    f"{name:<20} {med:>10.1f} {p95:>10.1f} {p95 / hello_p95:>9.1f}x {q:>8}"
                )

    def _idea_pages(self):
        """(name, url[, JSON body]) of the ideas pages, when there are ideas."""
        from cercles.ideas.models import Campaign, Idea

        idea = Idea.objects.published().order_by("-support_count", "-id").first()
        if idea is None:
            return []
        pages = [
            ("idea list", reverse("ideas:idea_list")),
            ("idea page", reverse("ideas:idea_detail", args=[idea.pk])),
        ]
        campaign = Campaign.objects.annotate(n=Count("ideas")).order_by("-n", "id").first()
        # Skipped only when the dashboards are not installed.
        with contextlib.suppress(NoReverseMatch):
            if campaign is not None:
                url = reverse("ideas:campaign_dashboard", args=[campaign.pk])
                pages.append(("campaign dashboard", url))
        pages.append(("similar ideas API", "/api/v1/ideas/similar/", json.dumps(SIMILAR_QUERY)))
        return pages
