"""The API's documentation page renders under the strict Content Security Policy, from the
project's own files, and lists the endpoints."""

import pytest

from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_api_docs_render_without_csp_errors(live_server, page, console_errors):
    PartnerFactory(slug="aarhus", name="Aarhus Kommune")
    outside = []
    page.on(
        "request",
        lambda request: outside.append(request.url) if not request.url.startswith(live_server.url) else None,
    )
    page.goto(live_server.url + "/api/v1/docs/")
    page.get_by_text("/api/v1/partners/", exact=True).first.wait_for()
    assert page.get_by_role("heading", name="EV4SCC API").is_visible()
    assert page.locator(".opblock").count() >= 17
    assert console_errors == []  # a Content Security Policy violation is a console error
    assert [url for url in outside if not url.startswith("data:")] == []
