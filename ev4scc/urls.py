from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from core.forms import PasswordChangeForm, SetPasswordForm
from partners.languages import set_language
from partners.password_reset import PasswordResetView

from . import crawlers, health, views

# Each app's urls.py carries its own full paths (/partners/, /map/, /groups/, ...).
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # The language switcher: the cookie, and a member's account (no language prefix in any URL).
    path("i18n/setlang/", set_language, name="set_language"),
    path("robots.txt", crawlers.robots_txt, name="robots_txt"),
    path("sitemap.xml", crawlers.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", crawlers.sitemap_section, name="sitemap_section"),
    path(".well-known/security.txt", crawlers.security_txt, name="security_txt"),
    path("favicon.ico", crawlers.favicon, name="favicon"),
    path("me/", views.me, name="me"),
    path("coordination/", views.coordination, name="coordination"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("ev4scc.api_urls")),
    # Before Django's own: the reset limited per address and account, and sent in the background.
    path("accounts/password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    # Django's password pages, with the validators' errors on the password field (core.forms).
    path(
        "accounts/password_change/",
        auth_views.PasswordChangeView.as_view(form_class=PasswordChangeForm),
        name="password_change",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=SetPasswordForm),
        name="password_reset_confirm",
    ),
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
