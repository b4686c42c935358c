"""What crawlers, link checkers and link previews read: robots.txt, the sitemap, security.txt, the
favicon, HEAD on every page, and each page's <head> (canonical, OpenGraph, description, JSON-LD,
feed autodiscovery)."""

import json
import math
import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from ev4scc.sitemaps import SITEMAPS
from partners.models import Partner
from tests.factories import EventFactory, NewsItemFactory, PartnerFactory, ProjectFactory

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
PAGES = ["/", "/partners/", "/map/", "/join/", "/groups/", "/segments/", "/projects/", "/events/", "/news/"]


class Head(HTMLParser):
    """The <head>'s meta, link and JSON-LD, as a crawler reads them."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self.json_ld: list[dict] = []
        self._in_json_ld = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("name" in attrs or "property" in attrs):
            self.meta[attrs.get("name") or attrs["property"]] = attrs.get("content", "")
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))

    def handle_endtag(self, tag):
        self._in_json_ld = False


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_private_pages(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert {"Disallow: /admin/", "Disallow: /me/", "Disallow: /dashboard/"} <= set(lines)


def valid_sitemap_document(content: bytes, root_tag: str, entry: str) -> list[ET.Element]:
    """The entries of a sitemap or sitemap index, checked against the protocol's schema
    (sitemaps.org/protocol.html, sitemap.xsd and siteindex.xsd): the root element in the 0.9
    namespace, at most 50,000 entries and 50 MB, each with an absolute `loc` under 2,048
    characters, then only `lastmod` (a W3C date), `changefreq` (one of seven words) and `priority`
    (0.0 to 1.0), in that order."""
    assert len(content) <= 50 * 1024 * 1024
    root = ET.fromstring(content)  # noqa: S314 (our own answer) well-formed XML, or this raises
    assert root.tag == f"{{{SITEMAP_NS['s']}}}{root_tag}"
    entries = root.findall(f"s:{entry}", SITEMAP_NS)
    assert 0 < len(entries) == len(root) <= 50_000
    allowed = ["loc", "lastmod"] if entry == "sitemap" else ["loc", "lastmod", "changefreq", "priority"]
    for element in entries:
        names = [child.tag.removeprefix(f"{{{SITEMAP_NS['s']}}}") for child in element]
        assert names[0] == "loc" and names == sorted(set(names), key=allowed.index), names
        values = {name: child.text or "" for name, child in zip(names, element, strict=True)}
        assert re.fullmatch(r"https?://testserver/\S*", values["loc"]) and len(values["loc"]) < 2048
        if "lastmod" in values:
            assert re.fullmatch(
                r"\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d))?", values["lastmod"]
            )
        if "changefreq" in values:
            assert values["changefreq"] in {
                "always",
                "hourly",
                "daily",
                "weekly",
                "monthly",
                "yearly",
                "never",
            }
        if "priority" in values:
            assert 0 <= float(values["priority"]) <= 1
    return entries


def crawl_sitemap(client) -> list[str]:
    """Every address the sitemap gives, as a crawler finds them: the index, then each sitemap."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200 and index["Content-Type"] == "application/xml"
    locations = []
    for sitemap in valid_sitemap_document(index.content, "sitemapindex", "sitemap"):
        response = client.get(sitemap.find("s:loc", SITEMAP_NS).text.removeprefix("http://testserver"))
        assert response.status_code == 200 and response["Content-Type"] == "application/xml"
        urls = valid_sitemap_document(response.content, "urlset", "url")
        locations += [url.find("s:loc", SITEMAP_NS).text for url in urls]
    return locations


def test_the_sitemap_lists_every_public_partner_project_event_and_news_item(client, cast):
    PartnerFactory(slug="acme")
    ProjectFactory(slug="e-bus")
    EventFactory(slug="assembly")
    NewsItemFactory(slug="launch")
    NewsItemFactory(slug="scheduled", published_at=timezone.now() + timedelta(days=1))
    locations = crawl_sitemap(client)
    assert len(locations) == len(set(locations))
    expected = {f"http://testserver{path}" for path in PAGES}
    expected |= {f"http://testserver/partners/{slug}/" for slug in ("acme", "voltaic-fleets", "tartu")}
    expected |= {
        "http://testserver/projects/e-bus/",
        "http://testserver/events/assembly/",
        "http://testserver/news/launch/",
    }
    assert expected <= set(locations)
    assert "http://testserver/news/scheduled/" not in locations


def test_a_section_past_the_protocol_s_limit_is_split_into_pages_the_index_lists(client, cast, monkeypatch):
    monkeypatch.setattr(SITEMAPS["partners"], "limit", 2)
    PartnerFactory.create_batch(3)
    profiles = {f"http://testserver{partner.get_absolute_url()}" for partner in Partner.objects.all()}
    pages = math.ceil(len(profiles) / 2)
    index = client.get("/sitemap.xml").content.decode()
    assert (
        f"/sitemap-partners.xml?p={pages}<" in index and f"/sitemap-partners.xml?p={pages + 1}<" not in index
    )
    listed = [location for location in crawl_sitemap(client) if "/partners/" in location]
    assert sorted(listed) == sorted(profiles | {"http://testserver/partners/"})


@pytest.mark.parametrize(
    "path", ["/sitemap-unknown.xml", "/sitemap-partners.xml?p=99", "/sitemap-news.xml?p=x"]
)
def test_an_unknown_sitemap_or_page_is_a_404(client, path):
    assert client.get(path).status_code == 404


def test_a_second_sitemap_fetch_with_its_etag_is_304(client, cast):
    for path in ("/sitemap.xml", "/sitemap-partners.xml"):
        first = client.get(path)
        assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_security_txt_follows_rfc_9116(client):
    response = client.get("/.well-known/security.txt")
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"].startswith("mailto:")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", fields["Expires"])
    assert fields["Canonical"] == "http://testserver/.well-known/security.txt"


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")


@pytest.mark.parametrize("path", [*PAGES, "/partners/voltaic-fleets/", "/map/partners.geojson"])
def test_head_answers_like_get_without_a_body(client, cast, path):
    response = client.head(path)
    assert response.status_code == 200
    assert response.content == b""


def test_every_main_page_has_its_own_description_and_canonical_url(client, cast):
    descriptions = {}
    for path in [*PAGES, "/partners/voltaic-fleets/", "/calls/", "/solutions/", "/needs/", "/targets/"]:
        head = Head(client.get(path, {"page": "1"}).content.decode())
        assert {"rel": "canonical", "href": f"http://testserver{path}"} in head.links
        assert head.meta["og:url"] == f"http://testserver{path}"
        assert head.meta["og:title"] and head.meta["og:image"].startswith("http://testserver/")
        # Link previewers show PNG or JPEG, not SVG.
        assert head.meta["og:image"].endswith(".png") and head.meta["og:image:width"] == "1200"
        assert head.meta["og:description"] == head.meta["description"]
        descriptions[path] = head.meta["description"]
    assert len(set(descriptions.values())) == len(descriptions), descriptions


def test_the_home_page_announces_the_news_feeds(client):
    head = Head(client.get("/").content.decode())
    feeds = {link["type"]: link["href"] for link in head.links if link.get("rel") == "alternate"}
    assert feeds == {"application/atom+xml": "/news/feed/atom/", "application/rss+xml": "/news/feed/"}


def test_a_profile_describes_its_organisation_in_json_ld(client, cast):
    head = Head(client.get("/partners/voltaic-fleets/").content.decode())
    (data,) = head.json_ld
    assert data["@context"] == "https://schema.org" and data["@type"] == "Organization"
    assert data["name"] == "Voltaic Fleets"
    assert data["url"] == "http://testserver/partners/voltaic-fleets/"


def test_an_event_page_describes_its_event_in_json_ld(client):
    event = EventFactory(title="</script><b>Assembly</b>", slug="assembly", city="Lyon")
    head = Head(client.get("/events/assembly/").content.decode())
    (data,) = head.json_ld
    assert data["@type"] == "Event" and data["name"] == event.title
    assert data["startDate"].startswith(event.starts_at.date().isoformat()[:4])
    assert data["location"] == "Lyon"
