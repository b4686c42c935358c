from datetime import date

import pytest
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


def test_home_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(20):
        CityFactory()
    with django_assert_max_num_queries(4):
        client.get(reverse("home"))


def test_health_check_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
