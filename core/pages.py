"""Small helpers that list pages share: pagination that answers 404 past the end, htmx partial
rendering (the same URL renders the whole page without JavaScript), and lazy values for lists
served from a cached fragment."""

from collections.abc import Callable
from functools import cache
from typing import Any

from django.core.exceptions import BadRequest
from django.core.paginator import EmptyPage, Page
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from .versions import CachedCountPaginator


def paginate(request: HttpRequest, queryset, per_page: int = 24) -> Page:
    """The requested page of `queryset`; a page that is not a whole number from 1 is a 400 (as on
    the API), a page past the last a 404."""
    paginator = CachedCountPaginator(queryset, per_page)
    raw = request.GET.get("page") or "1"
    if not (raw.isdigit() and int(raw) >= 1):
        raise BadRequest(_("page: a whole number from 1."))
    try:
        return paginator.page(raw)
    except EmptyPage as error:
        raise Http404(_("There is no such page.")) from error


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )


def render_list(request: HttpRequest, template: str, partial: str, context: dict[str, Any]) -> HttpResponse:
    """The whole page, or only the `partial` that htmx swaps in place of the list."""
    response = render(request, partial if is_htmx(request) else template, context)
    response["Vary"] = "HX-Request"
    return response


def lazy(compute: Callable[[], dict[str, Any]], *names: str) -> dict[str, Any]:
    """The values `compute()` returns by name, computed (once) when the template first reads one: a
    list served from a cached fragment (core/templatetags/fragments.py) then builds no filter set and
    makes none of its queries. An error it raises (a page past the end) is raised while rendering."""
    once = cache(compute)
    return {name: SimpleLazyObject(lambda name=name: once()[name]) for name in names}
