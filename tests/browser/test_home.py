import pytest

from tests.factories import CityFactory, SegmentFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_renders_without_errors_and_passes_axe(live_server, page, axe_violations, console_errors):
    SegmentFactory(name="Smart electrification of public transport", lead_city=CityFactory(name="Gothenburg"))
    page.goto(live_server.url + "/")
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "Electric Vehicles for Smart Cities and Communities"
    )
    assert page.get_by_text("Lead city: Gothenburg").is_visible()
    assert axe_violations(page) == []
    assert console_errors == []
