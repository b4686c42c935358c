from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import CityFactory, PartnerFactory

pytestmark = pytest.mark.django_db


def figure(response, label: str) -> str:
    """The number shown under a label in the home page's figures."""
    html = response.content.decode()
    start = html.index(f"<dt>{label}</dt>")
    return html[html.index("<dd>", start) + 4 : html.index("</dd>", start)]


def test_home_figures_come_from_the_database(client):
    PartnerFactory(country="FR")
    CityFactory(country="DE")
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert figure(response, "Partners") == "2"
    assert figure(response, "Countries") == "2"
    assert figure(response, "Cities and regions") == "1"

    PartnerFactory(country="SE")
    PartnerFactory(country="SE", left_on=date(2020, 1, 1))  # a former partner is not counted
    response = client.get(reverse("home"))
    assert figure(response, "Partners") == "3"
    assert figure(response, "Countries") == "3"


def test_home_tells_the_launch_figures(client):
    response = client.get(reverse("home"))
    assert "28 January 2016" in response.content.decode()


def test_home_runs_the_same_number_of_queries_with_more_partners(client):
    CityFactory()
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home"))
    for _ in range(20):
        CityFactory()
    cache.clear()  # the targets summary is cached
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("home"))
    assert len(many) == len(few)


def test_health_check_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
