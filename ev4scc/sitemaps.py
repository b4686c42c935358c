"""/sitemap.xml (Django's sitemaps framework): the main pages and every public partner, project,
event and news item, on the site as the crawler reached it. A few queries whatever the size (no
query per item: `location` reads the slug)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from events.models import Event, NewsItem
from partners.models import Partner
from projects.models import Project


class PagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return [
            "home",
            "partners:list",
            "partners:map",
            "partners:join",
            "segments:segment_list",
            "segments:group_list",
            "projects:project_list",
            "projects:call_list",
            "projects:solution_list",
            "projects:need_list",
            "events:event_list",
            "events:news_list",
            "kpis:targets",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class PartnerSitemap(Sitemap):
    """Every partner's profile: former partners' profiles stay public (saying they left)."""

    changefreq = "weekly"

    def items(self):
        return Partner.objects.order_by("pk").only("slug")


class ProjectSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Project.objects.order_by("pk").only("slug")


class EventSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Event.objects.order_by("pk").only("slug", "updated_at")

    def lastmod(self, event: Event):
        return event.updated_at


class NewsSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return NewsItem.objects.published().order_by("pk").only("slug", "published_at")

    def lastmod(self, item: NewsItem):
        return item.published_at


SITEMAPS = {
    "pages": PagesSitemap,
    "partners": PartnerSitemap,
    "projects": ProjectSitemap,
    "events": EventSitemap,
    "news": NewsSitemap,
}
