"""Where a form sends the browser afterwards (`next`): only to a page of this site, never to another
host, however the address is spelt."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from .conftest import attempt

SAFE = "/me/"
OFF_SITE = ["https://evil.example/", "//evil.example/", "\\\\evil.example/"]
# Browsers read a backslash as a slash: "/\evil.example/" is "//evil.example/", another host.
BACKSLASH = "/\\evil.example/"


def _cancel(scene, next_url: str):
    url = reverse("events:registration_cancel", args=[scene.event.slug, scene.registration.pk])
    return attempt(scene.client("rep_b"), "POST", url, {"next": next_url})


@pytest.mark.django_db
def test_cancelling_returns_to_a_page_of_the_site(scene):
    assert _cancel(scene, SAFE)["Location"] == SAFE


def _stays_on_site(location: str) -> bool:
    """Whether a browser following this Location stays on this host."""
    return urlsplit(location.replace("\\", "/")).netloc in ("", "testserver")


@pytest.mark.django_db
@pytest.mark.parametrize("next_url", [*OFF_SITE, BACKSLASH])
def test_cancelling_never_redirects_off_site(scene, next_url):
    response = _cancel(scene, next_url)
    assert response.status_code == 302 and _stays_on_site(response["Location"])


@pytest.mark.django_db
@pytest.mark.parametrize("next_url", [*OFF_SITE, BACKSLASH])
def test_logging_in_never_redirects_off_site(cast, next_url):
    cast.rep_b.set_password("correct horse battery staple")
    cast.rep_b.save()
    response = attempt(
        cast.client("anonymous"),
        "POST",
        reverse("login"),
        {"username": "rep_b", "password": "correct horse battery staple", "next": next_url},
    )
    assert response.status_code == 302 and _stays_on_site(response["Location"])
