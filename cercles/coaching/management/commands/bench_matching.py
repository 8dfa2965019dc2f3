"""Time the coach matching engine on a synthetic batch (no database writes)."""

import time

from django.core.management.base import BaseCommand

from cercles.coaching import matching
from cercles.coaching.bench import synthetic


class Command(BaseCommand):
    help = "Chronomètre l'appariement des accompagnants sur un lot synthétique."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=500)
        parser.add_argument("--coaches", type=int, default=200)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--markdown", action="store_true", help="Une ligne de tableau.")

    def handle(self, *args, requests, coaches, seed, markdown, **options):
        started = time.perf_counter()
        request_data, coach_data = synthetic(requests=requests, coaches=coaches, seed=seed)
        built = time.perf_counter() - started
        started = time.perf_counter()
        pairs = matching.solve(request_data, coach_data)
        seconds = time.perf_counter() - started
        places = sum(max(c.places, 0) for c in coach_data if c.active)
        if markdown:
            self.stdout.write(
                f"| coaching matching | {requests} requests × {coaches} coaches "
                f"({places} places) | {seconds:.3f} s | {len(pairs)} matched |"
            )
            return
        self.stdout.write(
            f"{requests} demandes, {coaches} accompagnants ({places} places) : "
            f"{len(pairs)} appariées, score total {matching.total(pairs)}, "
            f"{seconds:.3f} s (données construites en {built:.3f} s)"
        )
