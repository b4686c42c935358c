from django.contrib import admin
from django.urls import include, path

from partners.languages import set_language

from . import crawlers, health, views

# Each app's urls.py carries its own full paths (/partners/, /map/, /groups/, ...).
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # The language switcher: the cookie, and a member's account (no language prefix in any URL).
    path("i18n/setlang/", set_language, name="set_language"),
    path("robots.txt", crawlers.robots_txt, name="robots_txt"),
    path("sitemap.xml", crawlers.sitemap_xml, name="sitemap"),
    path(".well-known/security.txt", crawlers.security_txt, name="security_txt"),
    path("favicon.ico", crawlers.favicon, name="favicon"),
    path("me/", views.me, name="me"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("ev4scc.api_urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("partners.urls")),
    path("", include("segments.urls")),
    path("", include("projects.urls")),
    path("", include("events.urls")),
    path("", include("kpis.urls")),
    path("", include("digests.urls")),
]

# A path that matches nothing: under /api/ the API's JSON error body, elsewhere the 404 page.
handler404 = "core.api.not_found"
