from django.contrib import admin
from django.urls import include, path

from partners.languages import set_language

from . import views

# Each app's urls.py carries its own full paths (/partners/, /map/, /groups/, ...).
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # The language switcher: the cookie, and a member's account (no language prefix in any URL).
    path("i18n/setlang/", set_language, name="set_language"),
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
