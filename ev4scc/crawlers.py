"""What crawlers, link checkers and security researchers look for at fixed addresses: /robots.txt,
/.well-known/security.txt (RFC 9116) and /favicon.ico. The sitemap is ev4scc/sitemaps.py: /sitemap.xml
is an index of one sitemap per section, each split into pages of at most 50,000 addresses (the
protocol's limit, which the partners alone pass at 100,000)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from core.conditional import conditional

from .sitemaps import SITEMAPS

#: Pages for people who are logged in, and the machinery: nothing for a search engine.
DISALLOWED = ["/admin/", "/accounts/", "/me/", "/dashboard/", "/coordination/", "/api/v1/token/"]
#: RFC 9116 asks for an expiry under a year ahead; the file is rebuilt with each request.
SECURITY_TXT_VALID_FOR = timedelta(days=180)


def _text(request: HttpRequest, body: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    return conditional(request, response, max_age=3600)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), ""]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return _text(request, "\n".join(lines) + "\n")


@require_safe
def security_txt(request: HttpRequest) -> HttpResponse:
    expires = (timezone.now() + SECURITY_TXT_VALID_FOR).replace(hour=0, minute=0, second=0, microsecond=0)
    contacts = [f"Contact: mailto:{address}" for address in settings.COORDINATORS_EMAIL]
    lines = [
        *contacts,
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: en",
        f"Canonical: {request.build_absolute_uri(request.path)}",
    ]
    return _text(request, "\n".join(lines) + "\n")


@require_safe
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """The index of the sections' sitemaps (and their pages), with validators: a crawler that has it
    gets 304. A section with nothing in it is left out: the protocol wants a sitemap to list at
    least one address."""
    sections = {name: section for name, section in SITEMAPS.items() if _lists_something(section())}
    response = sitemap_views.index(request, sitemaps=sections, sitemap_url_name="sitemap_section")
    response.render()
    return conditional(request, response, max_age=3600)


def _lists_something(section: Sitemap) -> bool:
    # exists(), not the paginator's count: the index counts each section once more anyway.
    items = section.items()
    return items.exists() if isinstance(items, QuerySet) else bool(items)


@require_safe
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    """One section's sitemap, one page of it with `?p=`; an unknown section or page is a 404."""
    response = sitemap_views.sitemap(request, sitemaps=SITEMAPS, section=section)
    response.render()
    return conditional(request, response, max_age=3600)


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and crawlers ask for /favicon.ico whatever the page says: the site's icon."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))
