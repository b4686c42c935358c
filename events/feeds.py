"""The news as RSS 2.0 (/news/feed/) and Atom 1.0 (/news/feed/atom/), by Django's syndication framework."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import NewsItem
from .rendering import render_markdown

FEED_LENGTH = 20


class NewsFeed(Feed):
    title = _("EV4SCC news")
    link = "/news/"
    description = _("News from EV4SCC, Electric Vehicles for Smart Cities and Communities.")

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
        return f"news-{item.pk}@ev4scc"

    item_guid_is_permalink = False

    def item_categories(self, item: NewsItem) -> list[str]:
        return [item.segment.short_name] if item.segment else []


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description
