"""Dashboards of the ideas (everyone logged in: transparency is the point) and their
export (those who answer them).

The charts are server-side SVG (`cercles.lib.svg.bar_chart`), each followed by a table
with the same numbers, and the figures come from `dashboards.dashboard`. All of it is
the same for every reader: rendered once per state of the ideas and day, and kept a
few minutes (`DASHBOARD_SECONDS`); only the export links depend on the reader.
"""

import tempfile

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cercles.core import fragments
from cercles.lib.svg import bar_chart
from cercles.organisation.exporters import export_filename

from .. import dashboards, exporters
from ..access import get_campaign_for_user
from ..models import IdeaStatus

_XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _percent(part: int, whole: int) -> str:
    share = dashboards.Share(part, whole).percent
    return "—" if share is None else f"{share} %"


def _days(value: float | None) -> str:
    if value is None:
        return "—"
    shown = formats.number_format(value, decimal_pos=0 if value == int(value) else 1)
    # The plural form is chosen on a whole number (gettext's rules take integers).
    return ngettext("%(n)s jour", "%(n)s jours", int(value)) % {"n": shown}


def _list_url(campaign, **params) -> str:
    """The ideas list, filtered (B's filters: status, objective, circle, overdue)."""
    if campaign is not None:
        params = {"campaign": campaign.pk, **params}
    return f"{reverse('ideas:idea_list')}?{urlencode(params)}"


def _chart(chart_id, title, desc, header, rows, *, centred=False, with_share=None, note=""):
    """A chart and its table: rows are (label, count, link or None)."""
    table = [
        {
            "label": label,
            "value": value,
            "href": href,
            "share": _percent(value, with_share) if with_share is not None else None,
        }
        for label, value, href in rows
    ]
    shown = [
        (r["label"], r["value"], f"{r['value']} ({r['share']})" if r["share"] else r["value"])
        for r in table
    ]
    return {
        "id": chart_id,
        "title": title,
        "header": header,
        "note": note,
        "rows": table,
        "svg": bar_chart(shown, chart_id=chart_id, title=title, desc=desc, centred=centred),
    }


def _charts(data: dashboards.Dashboard, campaign) -> list[dict]:
    labels = dict(IdeaStatus.choices)
    funnel_labels = {
        "ideas": _("Idées déposées"),
        "accepted": _("Retenues"),
        "in_project": _("En projet"),
        "implemented": _("Réalisées"),
    }
    funnel = [(funnel_labels[key], n, None) for key, n in data.funnel]
    statuses = [(str(labels[s]), n, _list_url(campaign, status=s)) for s, n in data.by_status]
    objectives = [
        (
            name if pk is not None else _("Sans objectif"),
            n,
            _list_url(campaign, objective=pk) if pk is not None else None,
        )
        for pk, name, n in data.by_objective
    ]
    circles = [(name, n, _list_url(campaign, circle=pk)) for pk, name, n in data.by_circle]
    if data.other_circles:
        circles.append((_("Autres cercles"), data.other_circles, None))
    if data.no_circle:
        circles.append((_("Sans cercle"), data.no_circle, None))
    months = [(formats.date_format(start, "F Y"), n, None) for start, n in data.by_month]
    ideas_desc = ngettext("sur %(n)d idée déposée", "sur %(n)d idées déposées", data.ideas) % {
        "n": data.ideas
    }
    return [
        _chart(
            "chart-funnel",
            _("Des idées aux réalisations"),
            _(
                "Entonnoir : %(ideas)d idées déposées, %(accepted)d retenues, "
                "%(project)d en projet, %(done)d réalisées."
            )
            % {
                "ideas": data.funnel[0][1],
                "accepted": data.funnel[1][1],
                "project": data.funnel[2][1],
                "done": data.funnel[3][1],
            },
            _("Étape"),
            funnel,
            centred=True,
            with_share=data.ideas,
            note=_(
                "Chaque étape compte les idées qui l'ont atteinte ou dépassée : une idée "
                "réalisée compte aussi parmi les retenues, et parmi les idées en projet si elle "
                "est passée par un projet. Une idée retenue peut être réalisée sans projet : "
                "l'étape « en projet » peut donc compter moins d'idées que la suivante."
            ),
        ),
        _chart(
            "chart-status",
            _("Idées par état"),
            _("Nombre d'idées dans chaque état, %(of)s.") % {"of": ideas_desc},
            _("État"),
            statuses,
            with_share=data.ideas,
        ),
        _chart(
            "chart-objective",
            _("Idées par objectif"),
            _("Nombre d'idées pour chaque objectif ; une idée peut en viser plusieurs.")
            + " "
            + ideas_desc,
            _("Objectif"),
            objectives,
        ),
        _chart(
            "chart-circle",
            _("Idées par cercle concerné"),
            _("Les %(top)d cercles qui reçoivent le plus d'idées, puis les autres, %(of)s.")
            % {"top": dashboards.TOP, "of": ideas_desc},
            _("Cercle"),
            circles,
            with_share=data.ideas,
        ),
        _chart(
            "chart-month",
            _("Idées déposées par mois"),
            _("Nombre d'idées déposées chaque mois, sur les %(n)d derniers mois.")
            % {"n": dashboards.MONTHS},
            _("Mois"),
            months,
        ),
    ]


# How long a dashboard's figures are kept. The ideas' generation renews them at once
# when a campaign or an idea changes (a new idea, an answer, a merge); supports and
# comments do not move it (they change too often), so their totals and the most
# supported ideas may be this late.
DASHBOARD_SECONDS = 5 * 60


def _body(data, campaign) -> str:
    """The figures, charts and lists: the same for every reader."""
    context = {
        "campaign": campaign,
        "data": data,
        "share_answered": _percent(data.answered, data.ideas),
        "share_in_time": _percent(data.answered_in_time, data.answered + data.overdue),
        "median": _days(data.median_days),
        "overdue_url": _list_url(campaign, overdue=1),
        "charts": _charts(data, campaign),
    }
    return get_template("ideas/dashboard.html#body").render(context)


def dashboard_key(campaign, today) -> str:
    return ":".join(
        [
            "idea-dashboard",
            fragments.generation(fragments.IDEAS),
            fragments.generation(fragments.ORGANISATION),  # the circles' names
            str(today),
            get_language() or "",
            str(campaign.pk) if campaign is not None else "all",
        ]
    )


def _render(request, campaign):
    today = timezone.localdate()
    key = dashboard_key(campaign, today)
    body = cache.get(key)
    if body is None:
        # Queries (only when not cached): the seven of dashboards.dashboard.
        body = _body(dashboards.dashboard(campaign=campaign, today=today), campaign)
        cache.set(key, body, DASHBOARD_SECONDS)
    exportable = exporters.may_export(request.user, campaign)
    if campaign is None:
        export_csv = reverse("ideas:idea_export_csv")
        export_xlsx = reverse("ideas:idea_export_xlsx")
    else:
        export_csv = reverse("ideas:campaign_export_csv", args=[campaign.pk])
        export_xlsx = reverse("ideas:campaign_export_xlsx", args=[campaign.pk])
    return render(
        request,
        "ideas/dashboard.html",
        {
            "campaign": campaign,
            # Only HTML rendered by our template is ever stored under this key.
            "body": mark_safe(body),
            "exportable": exportable,
            "export_csv": export_csv,
            "export_xlsx": export_xlsx,
        },
    )


@login_required
@require_GET
def dashboard(request):
    # Queries: session; user; the seven of dashboards.dashboard, unless cached.
    return _render(request, None)


@login_required
@require_GET
def campaign_dashboard(request, pk):
    # Queries: session; user; the campaign; the seven of dashboards.dashboard, unless
    # cached; for a user who is not an admin, his facilitated and led circles (the
    # export link).
    campaign, _abilities = get_campaign_for_user(request, pk)
    return _render(request, campaign)


# --- export ------------------------------------------------------------------------------


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


def _stem(campaign) -> str:
    return "idees" if campaign is None else f"idees-campagne-{campaign.pk}"


def _csv_response(request, campaign):
    if not exporters.may_export(request.user, campaign):
        raise PermissionDenied
    ideas = exporters.export_ideas(campaign)
    response = StreamingHttpResponse(
        exporters.ideas_csv(ideas, base_url=_base_url(request)),
        content_type="text/csv; charset=utf-8",
    )
    filename = export_filename(_stem(campaign), "csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _xlsx_response(request, campaign):
    if not exporters.may_export(request.user, campaign):
        raise PermissionDenied
    # A zip needs its whole content before the central directory: write it to a
    # temporary file (on disk past a few MB), then stream that file. FileResponse
    # closes it, and so deletes it, when the response is done.
    file = tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024)  # noqa: SIM115
    exporters.ideas_xlsx(exporters.export_ideas(campaign), base_url=_base_url(request), file=file)
    file.seek(0)
    return FileResponse(
        file,
        as_attachment=True,
        filename=export_filename(_stem(campaign), "xlsx"),
        content_type=_XLSX_TYPE,
    )


@login_required
@require_GET
def idea_export_csv(request):
    return _csv_response(request, None)


@login_required
@require_GET
def idea_export_xlsx(request):
    return _xlsx_response(request, None)


@login_required
@require_GET
def campaign_export_csv(request, pk):
    campaign, _abilities = get_campaign_for_user(request, pk)
    return _csv_response(request, campaign)


@login_required
@require_GET
def campaign_export_xlsx(request, pk):
    campaign, _abilities = get_campaign_for_user(request, pk)
    return _xlsx_response(request, campaign)
