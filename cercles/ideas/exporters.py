"""The ideas as a spreadsheet (CSV for Excel, XLSX), for those who answer them.

One row per posted idea (drafts stay their authors'). An anonymous idea has an empty
author, and no column finer than the day: the posting, deadline and answer columns
are dates, which is what the idea itself keeps (`models.day_start`).

Streamed at any size: two queries read the ideas and their objectives side by side,
both ordered by idea id, through `iterator(chunk_size=…)` and `values()`, so rows are
written as they come and never all held in memory. The CSV follows the organisation's
exports: `;`-separated, UTF-8 with a byte-order mark, cells that a spreadsheet would
run as a formula neutralised.
"""

import csv
import io
from collections.abc import Iterator

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cercles.organisation.importers import FORMULA_CHARS
from cercles.organisation.permissions import is_admin

from .models import Campaign, Comment, Idea, IdeaStatus
from .permissions import moderates_circle

CHUNK = 2000
CSV_LINES_PER_CHUNK = 500


def may_export(user, campaign: Campaign | None = None) -> bool:
    """All the ideas: admins. A campaign's: those who answer its ideas (the moderators of
    its circle, `permissions.moderates_circle`), admins included."""
    if campaign is None:
        return is_admin(user)
    return moderates_circle(user, campaign.circle_id)


def headers() -> list[str]:
    return [
        _("n°"),
        _("campagne"),
        _("titre"),
        _("état"),
        _("objectifs"),
        _("cercle"),
        _("auteur"),
        _("déposée le"),
        _("réponse attendue le"),
        _("première réponse le"),
        _("soutiens"),
        _("commentaires"),
        _("fusionnée dans"),
        _("adresse"),
    ]


def export_ideas(campaign: Campaign | None = None) -> QuerySet:
    ideas = Idea.objects.published()
    if campaign is not None:
        ideas = ideas.filter(campaign=campaign)
    return ideas


def _objectives(ideas: QuerySet) -> Iterator[tuple[int, str]]:
    return (
        Idea.objectives.through.objects.filter(idea__in=ideas)
        .order_by("idea_id", "objective__position", "objective__name", "objective_id")
        .values_list("idea_id", "objective__name")
        .iterator(chunk_size=CHUNK)
    )


def _url_maker(base_url: str):
    # One reverse() for the whole file: the address differs only by the id.
    sentinel = 987654321
    pattern = base_url.rstrip("/") + reverse("ideas:idea_detail", args=[sentinel])
    head, tail = pattern.split(str(sentinel))
    return lambda pk: f"{head}{pk}{tail}"


def _day(moment):
    return timezone.localdate(moment) if moment is not None else None


def idea_rows(ideas: QuerySet, *, base_url: str) -> Iterator[list]:
    """The rows under `headers()`, typed (dates, numbers); two queries in all."""
    comments = (
        Comment.objects.filter(idea_id=OuterRef("pk"), hidden_at__isnull=True)
        .order_by()
        .values("idea_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        ideas.order_by("id")
        .annotate(
            scope_name=Coalesce("circle__name", "campaign__circle__name"),
            comment_count=Coalesce(Subquery(comments, output_field=IntegerField()), 0),
        )
        .values(
            "id",
            "campaign__title",
            "title",
            "status",
            "scope_name",
            "is_anonymous",
            "author__first_name",
            "author__last_name",
            "submitted_at",
            "answer_due_on",
            "answered_at",
            "support_count",
            "comment_count",
            "merged_into_id",
        )
        .iterator(chunk_size=CHUNK)
    )
    labels = {value: str(label) for value, label in IdeaStatus.choices}
    url = _url_maker(base_url)
    links = _objectives(ideas)
    pending = next(links, None)
    for idea in rows:
        # Both queries run in idea id order: take this idea's objectives off the other.
        names = []
        while pending is not None and pending[0] <= idea["id"]:
            if pending[0] == idea["id"]:
                names.append(pending[1])
            pending = next(links, None)
        author = ""
        if not idea["is_anonymous"]:
            author = f"{idea['author__first_name']} {idea['author__last_name']}".strip()
        yield [
            idea["id"],
            idea["campaign__title"] or "",
            idea["title"],
            labels.get(idea["status"], idea["status"]),
            ", ".join(names),
            idea["scope_name"] or "",
            author,
            _day(idea["submitted_at"]),
            idea["answer_due_on"],
            _day(idea["answered_at"]),
            idea["support_count"],
            idea["comment_count"],
            idea["merged_into_id"],
            url(idea["id"]),
        ]


def _csv_safe(value) -> str:
    if value is None:
        return ""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    # A leading = + - @ would run as a formula in a spreadsheet (CSV injection).
    return f"'{text}" if text.startswith(FORMULA_CHARS) else text


def ideas_csv(ideas: QuerySet, *, base_url: str) -> Iterator[bytes]:
    """The CSV file in pieces of a few hundred lines, for a streaming response."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers())
    yield buffer.getvalue().encode("utf-8-sig")
    buffer.seek(0)
    buffer.truncate()
    for i, row in enumerate(idea_rows(ideas, base_url=base_url), start=1):
        writer.writerow([_csv_safe(v) for v in row])
        if i % CSV_LINES_PER_CHUNK == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode("utf-8")


def ideas_xlsx(ideas: QuerySet, *, base_url: str, file) -> None:
    """Write the XLSX file into `file`. openpyxl's write-only mode spools the rows to a
    temporary file as they are appended, so memory stays flat whatever the size."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Idées"))
    sheet.append(headers())
    for row in idea_rows(ideas, base_url=base_url):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str) and value.startswith("="):
                # openpyxl would store it as a formula; it is a title or a name.
                cell.data_type = "s"
            elif hasattr(value, "isoformat"):
                cell.number_format = "dd/mm/yyyy"
            cells.append(cell)
        sheet.append(cells)
    workbook.save(file)
