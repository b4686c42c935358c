"""A member registers for a full event, lands on the waiting list, and is promoted when a confirmed
attendee cancels; the event pages pass axe."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.factories import EventFactory, NewsItemFactory, PartnerFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"


def log_in(page, base: str, username: str, next_url: str) -> None:
    page.goto(f"{base}/accounts/login/?next={next_url}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_waiting_list_promotion_end_to_end(live_server, browser, axe_violations):
    event = EventFactory(
        title="Site visit: opportunity charging",
        slug="site-visit",
        capacity=1,
        latitude=59.33,
        longitude=18.07,
    )
    url = f"/events/{event.slug}/"
    partner = PartnerFactory(name="Tartu linn")
    PersonFactory(partner=partner, name="Anna Early", user=UserFactory(username="anna"))
    PersonFactory(partner=partner, name="Bert Late", user=UserFactory(username="bert"))

    anna = browser.new_context().new_page()
    log_in(anna, live_server.url, "anna", url)
    anna.get_by_role("button", name="Register").click()
    expect(anna.get_by_text("Anna Early is registered.")).to_be_visible()

    bert = browser.new_context().new_page()
    errors: list[str] = []
    bert.on("console", lambda message: message.type == "error" and errors.append(message.text))
    bert.on("pageerror", lambda error: errors.append(str(error)))
    log_in(bert, live_server.url, "bert", url)
    expect(bert.get_by_text("Full · 0 waiting")).to_be_visible()
    bert.get_by_role("button", name="Join the waiting list").click()
    expect(bert.get_by_text("The event is full: Bert Late is on the waiting list.")).to_be_visible()
    expect(bert.locator(".my-registrations").get_by_text("On the waiting list")).to_be_visible()
    assert axe_violations(bert) == []

    anna.reload()
    anna.get_by_role("button", name="Cancel the seat of Anna Early").click()
    anna.get_by_role("button", name="Yes, cancel the seat").click()  # it asks first
    expect(anna.get_by_text("Bert Late moved up from the waiting list.")).to_be_visible()

    bert.reload()
    expect(bert.locator(".my-registrations").get_by_text("Confirmed")).to_be_visible()
    expect(bert.get_by_role("button", name="Cancel the seat of Bert Late")).to_be_visible()
    assert any(
        message.to == [event.registrations.get(person__name="Bert Late").person.email]
        and "A seat is yours" in message.subject
        for message in mail.outbox
    )
    # The venue's map drew: Leaflet put the venue's marker in its panes.
    expect(bert.locator("#event-map path")).not_to_have_count(0)
    assert errors == []


@pytest.mark.parametrize("path", ["/events/", "/news/", "/contact/"])
def test_event_pages_pass_axe(live_server, page, axe_violations, console_errors, path):
    EventFactory(title="Webinar")
    NewsItemFactory(title="News")
    page.goto(live_server.url + path)
    assert axe_violations(page) == []
    assert console_errors == []


def test_event_page_shows_the_readers_time_zone(live_server, browser):
    EventFactory(slug="brussels", time_zone="Europe/Brussels")
    page = browser.new_context(timezone_id="America/New_York").new_page()
    page.goto(live_server.url + "/events/brussels/")
    expect(page.locator("[data-local-time]")).to_contain_text("America/New_York")


def test_filters_update_the_list_and_the_url_and_show_errors(live_server, page, console_errors):
    EventFactory(title="A webinar", kind="webinar")
    EventFactory(title="A workshop", kind="workshop")
    page.goto(live_server.url + "/events/")
    page.get_by_label("Webinar").check()
    page.wait_for_url(re.compile(r"/events/\?kind=webinar"))
    results = page.locator("#event-results")
    expect(results.get_by_text("A webinar")).to_be_visible()
    expect(results.get_by_text("A workshop")).to_have_count(0)
    page.get_by_label("From").fill("2030-02-01")
    page.get_by_label("To").fill("2030-01-01")
    expect(results.get_by_text("The end of the range is before its start.")).to_be_visible()
    assert console_errors == [] or all("400" in error for error in console_errors)
