"""Security headers and cookies with the production settings (behind a TLS-terminating proxy that
sets X-Forwarded-Proto): http is redirected to https, HSTS, a strict Content Security Policy, no
sniffing, a referrer policy, no framing, and secure HttpOnly session and CSRF cookies."""

import pytest
from django.test import Client

from tests.factories import UserFactory

HTTPS = {"HTTP_X_FORWARDED_PROTO": "https"}
PAGES = ["/", "/partners/", "/join/", "/accounts/login/", "/events/", "/api/v1/partners/"]

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True


@pytest.mark.parametrize("path", PAGES)
def test_plain_http_is_redirected_to_https(client, path):
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == f"https://testserver{path}"


def test_the_health_check_answers_on_plain_http(client):
    # The proxy and the container probe it without TLS (SECURE_REDIRECT_EXEMPT).
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("path", PAGES)
def test_https_pages_carry_the_security_headers(client, path):
    response = client.get(path, **HTTPS)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", PAGES)
def test_the_content_security_policy_allows_no_inline_code(client, path):
    policy = client.get(path, **HTTPS)["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_the_csrf_cookie_is_secure_and_http_only(client):
    cookie = client.get("/accounts/login/", **HTTPS).cookies["csrftoken"]
    assert cookie["secure"] and cookie["httponly"]


def test_the_session_cookie_is_secure_and_http_only():
    UserFactory(username="anna")
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": "anna", "password": "correct horse battery staple"}, **HTTPS
    )
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] and cookie["httponly"]
    assert cookie["samesite"] == "Lax"
