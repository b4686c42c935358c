import re

import pytest
from playwright.sync_api import expect

from partners.models import MembershipApplication, Partner
from tests.factories import CityFactory, PartnerFactory, SegmentFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_filtering_the_directory_by_a_facet_updates_the_list_in_place(
    live_server, page, axe_violations, console_errors
):
    CityFactory(name="Tartu", country="EE")
    PartnerFactory(name="Volt Co", country="DE")
    page.goto(live_server.url + "/partners/")
    expect(page.get_by_role("heading", name="2 partners")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("checkbox", name=re.compile(r"^City")).check()
    expect(page.get_by_role("heading", name="1 partner", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Volt Co")).to_have_count(0)
    expect(page.get_by_role("link", name="Tartu")).to_be_visible()
    assert "kind=city" in page.url  # the filtered view is in the URL
    page.get_by_label("Search name, city or description").fill("nothing like it")
    expect(page.get_by_text("No partner matches these filters.")).to_be_visible()
    assert axe_violations(page) == []
    assert console_errors == []


def test_clicking_a_country_on_the_map_opens_the_filtered_directory(
    live_server, page, axe_violations, console_errors
):
    PartnerFactory(name="Berlin Volt", country="DE", latitude=None, longitude=None)
    PartnerFactory(name="Lyon Volt", country="FR", latitude=None, longitude=None)
    page.goto(live_server.url + "/map/")
    expect(page.locator("#network-map[data-ready=true]")).to_have_count(1)
    assert axe_violations(page) == []
    page.locator("path.country-276").click()
    page.wait_for_url(re.compile(r"/partners/\?country=DE$"))
    expect(page.get_by_role("link", name="Berlin Volt")).to_be_visible()
    expect(page.get_by_role("link", name="Lyon Volt")).to_have_count(0)
    assert console_errors == []


def test_an_organisation_applies_and_a_coordinator_approves_it(
    live_server, page, axe_violations, console_errors
):
    SegmentFactory(name="Smart electrification of public transport")
    UserFactory(username="coordinator", is_staff=True)
    page.goto(live_server.url + "/join/")
    assert axe_violations(page) == []
    page.get_by_label("Organisation", exact=True).fill("Nordic E-Buses AB")
    page.get_by_label("Kind").select_option("company")
    page.get_by_label("Country").select_option("SE")
    page.get_by_label("City", exact=True).fill("Göteborg")
    page.get_by_label("Contact name").fill("Astrid Berg")
    page.get_by_label("Contact email").fill("astrid@nordic.example")
    page.get_by_label("Smart electrification of public transport").check()
    page.get_by_role("checkbox", name=re.compile("I agree")).check()
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    assert MembershipApplication.objects.get().status == "pending"

    page.goto(live_server.url + "/accounts/login/?next=/coordination/applications/")
    page.get_by_label("Username").fill("coordinator")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Nordic E-Buses AB").click()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Approve the application").click()
    page.get_by_role("button", name=re.compile("^Yes, approve")).click()  # it asks first
    expect(page.get_by_text("Nordic E-Buses AB is now a partner")).to_be_visible()
    partner = Partner.objects.get(name="Nordic E-Buses AB")
    page.goto(live_server.url + partner.get_absolute_url())
    expect(page.get_by_role("heading", name="Nordic E-Buses AB")).to_be_visible()
    expect(page.get_by_text("Astrid Berg")).to_be_visible()
    assert console_errors == []
