from datetime import date

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render

from core.csv import csv_response, file_name
from partners.access import coordinator_required

from . import cache
from .breakdowns import BREAKDOWNS
from .forms import AsOfForm
from .models import Metric


@coordinator_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Every target on the chosen date (each judged on the earlier of that date and its deadline: the
    assessments the API serialises too), with its chart, and the breakdowns of the network on the
    date."""
    form = AsOfForm(request.GET or None)
    as_of = form.as_of_date()
    context = {
        "form": form,
        "as_of": as_of,
        "assessments": cache.assessments(as_of),
        "breakdowns": cache.breakdowns(as_of, list(BREAKDOWNS)),
    }
    return render(request, "kpis/dashboard.html", context, status=400 if form.errors else 200)


def _csv_as_of(request: HttpRequest) -> date | HttpResponse:
    """The date of a CSV download, or a 400 that says what is wrong with it."""
    form = AsOfForm(request.GET or None)
    if form.errors:
        message = "as_of: " + " ".join(form.errors["as_of"])
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    return form.as_of_date()


@coordinator_required
def metric_csv(request: HttpRequest, metric: str) -> HttpResponse:
    """The monthly series of every target of one metric, up to the date it is judged on (the date
    asked, at most the deadline): the dashboard's assessments, as the API's series."""
    if metric not in Metric.values:
        raise Http404
    as_of = _csv_as_of(request)
    if isinstance(as_of, HttpResponse):
        return as_of
    rows = [
        [assessment.target.deadline, day, value, assessment.target.target_value]
        for assessment in cache.assessments(as_of)
        if assessment.target.metric == metric
        for day, value in zip(assessment.dates, assessment.values, strict=True)
    ]
    return csv_response(
        file_name("kpi", metric, as_of), ["target_deadline", "date", "value", "target_value"], rows
    )


@coordinator_required
def breakdown_csv(request: HttpRequest, name: str) -> HttpResponse:
    if name not in BREAKDOWNS:
        raise Http404
    as_of = _csv_as_of(request)
    if isinstance(as_of, HttpResponse):
        return as_of
    (table,) = cache.breakdowns(as_of, [name])
    return csv_response(file_name("breakdown", name, as_of), table.header, table.rows)


def targets(request: HttpRequest) -> HttpResponse:
    """The public explanation of each target and how it is measured: the targets of the summary the
    page shows (today's assessments, read once from the cache)."""
    assessments = cache.current_assessments()
    return render(request, "kpis/targets.html", {"targets": [a.target for a in assessments]})
