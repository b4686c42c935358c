"""The news as RSS 2.0 (/news/feed/) and Atom 1.0 (/news/feed/atom/), by Django's syndication
framework: links absolute on the site as the client reached it, entry ids as `tag:` URIs (RFC 4151,
stable whatever the host), an author, and 304 Not Modified to a reader that has the latest
(core.conditional, from If-None-Match or If-Modified-Since)."""

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from core.conditional import conditional

from .models import NewsItem
from .rendering import render_markdown

FEED_LENGTH = 20
#: The authority and date of the `tag:` URIs (RFC 4151) naming the entries; never changes.
TAG = "tag:ev4scc.eu,2016"


class NewsFeed(Feed):
    title = _("EV4SCC news")
    link = "/news/"
    description = _("News from EV4SCC, Electric Vehicles for Smart Cities and Communities.")
    author_name = "EV4SCC"
    feed_guid = f"{TAG}:news"

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return conditional(request, super().__call__(request, *args, **kwargs), max_age=300)

    def items(self):
        return NewsItem.objects.published().select_related("segment")[:FEED_LENGTH]

    def item_title(self, item: NewsItem) -> str:
        return item.title

    def item_description(self, item: NewsItem) -> str:
        return render_markdown(item.body)

    def item_pubdate(self, item: NewsItem):
        return item.published_at

    def item_updateddate(self, item: NewsItem):
        return item.published_at

    def item_guid(self, item: NewsItem) -> str:
        return f"{TAG}:news/{item.pk}"

    item_guid_is_permalink = False

    def item_categories(self, item: NewsItem) -> list[str]:
        return [item.segment.short_name] if item.segment else []


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description
