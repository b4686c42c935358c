"""The coordinators' way in and a new member's way to a password, on a desktop and on a phone:
the workspace, the menu button, the confirmation page, the error summary, the invitation's link on
the address the demo runs on (the live server's port is not SITE_URL's 8000).

With SCREENSHOT_DIR set (docs/screenshots), the pages are saved there for the documentation."""

import os
import re
from pathlib import Path

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import Page, expect

from partners.models import MembershipApplication, Partner
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=list(SIZES))
def screen(request, browser):
    """A page at one of the two widths, with the JavaScript errors it reports."""
    context = browser.new_context(viewport=SIZES[request.param])
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    # A 404 or 400 page's own status is reported as a console error too; that is no fault of the page.
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and not message.text.startswith(
                "Failed to load resource: the server responded with a status of 4"
            )
            and page.errors.append(message.text)
        ),
    )
    yield request.param, page
    context.close()


def shoot(page: Page, name: str, width: str) -> None:
    if folder := os.environ.get("SCREENSHOT_DIR"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}-{width}.png")


def go_to(page: Page, width: str, link: str) -> None:
    """A link of the main navigation: in the row on a desktop, behind the menu button on a phone."""
    if width == "phone":
        nav = page.get_by_role("navigation", name="Main")
        expect(nav.get_by_role("link", name=link)).to_be_hidden()
        nav.get_by_text("Menu").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name=link).click()


def log_in(page: Page, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.locator("main").get_by_role("button", name="Log in").click()


def test_a_coordinator_approves_an_application_from_the_workspace(live_server, screen, axe_violations):
    width, page = screen
    UserFactory(username="coordinator", is_staff=True)
    MembershipApplication.objects.create(
        organisation_name="Uppsala kommun",
        kind="city",
        country="SE",
        city="Uppsala",
        website="https://uppsala.example",
        contact_name="Ebba Lind",
        contact_email="ebba@uppsala.example",
        consented_at=timezone.now(),
    )
    log_in(page, live_server.url, "coordinator")
    page.wait_for_url(live_server.url + "/me/")  # no `next`: the member's own page
    nav_height = page.get_by_role("navigation", name="Main").bounding_box()["height"]
    assert nav_height < 100  # one row, never three
    if width == "phone":
        page.get_by_role("navigation", name="Main").get_by_text("Menu").click()
        shoot(page, "nav-menu-open", width)
        page.get_by_role("navigation", name="Main").get_by_text("Menu").click()
    go_to(page, width, "Coordination")
    page.wait_for_url(live_server.url + "/coordination/")
    card = page.get_by_role("article", name="Membership applications")
    expect(card.locator(".workspace-count")).to_have_text("1 waiting")
    assert axe_violations(page) == []
    shoot(page, "workspace", width)

    card.get_by_role("link", name="Uppsala kommun").click()
    page.get_by_role("button", name="Approve the application").click()
    expect(page.get_by_role("heading", name="Approve Uppsala kommun?")).to_be_visible()
    assert Partner.objects.filter(name="Uppsala kommun").count() == 0  # asking changed nothing
    assert axe_violations(page) == []
    shoot(page, "confirm", width)
    page.get_by_role("button", name="Yes, approve Uppsala kommun").click()
    expect(page.get_by_text("Uppsala kommun is now a partner")).to_be_visible()
    assert Partner.objects.filter(name="Uppsala kommun").count() == 1
    page.goto(live_server.url + "/coordination/")
    card = page.get_by_role("article", name="Membership applications")
    expect(card.locator(".workspace-count")).to_have_text("0 waiting")
    assert page.errors == []


def test_a_new_member_sets_a_password_from_the_invitation_and_logs_in(live_server, screen, axe_violations):
    width, page = screen
    UserFactory(username="coordinator", is_staff=True)
    MembershipApplication.objects.create(
        organisation_name="Tartu Linn",
        kind="city",
        country="EE",
        city="Tartu",
        contact_name="Kai Tamm",
        contact_email="kai@tartu.example",
        consented_at=timezone.now(),
    )
    application = MembershipApplication.objects.get()
    with override_settings(SITE_URL="http://127.0.0.1:8000"):  # where `make run` used to point
        log_in(page, live_server.url, "coordinator")
        page.goto(f"{live_server.url}/coordination/applications/{application.pk}/approve/")
        page.get_by_role("button", name="Yes, approve Tartu Linn").click()
        expect(page.get_by_text("Tartu Linn is now a partner")).to_be_visible()
    page.context.clear_cookies()  # the coordinator leaves; the new member uses the same browser

    invitation = next(message for message in mail.outbox if "kai@tartu.example" in message.to)
    link = re.search(r"https?://\S+/accounts/reset/\S+/", invitation.body).group(0)
    assert link.startswith(live_server.url + "/")  # the port the demo runs on, not SITE_URL's
    username = re.search(r"Your username is (\S+)\.", invitation.body).group(1)
    page.goto(link)
    page.get_by_label("New password", exact=True).fill("short")
    page.get_by_label("New password confirmation").fill("short")
    page.get_by_role("button", name=re.compile("password", re.I)).click()
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_focused()
    assert axe_violations(page) == []
    shoot(page, "form-errors", width)
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("New password", exact=True)).to_be_focused()
    page.get_by_label("New password", exact=True).fill("a long password 7781")
    page.get_by_label("New password confirmation").fill("a long password 7781")
    page.get_by_role("button", name=re.compile("password", re.I)).click()

    log_in(page, live_server.url, username, "a long password 7781")
    page.wait_for_url(live_server.url + "/me/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.errors == []


def test_the_pages_touched_pass_axe(live_server, screen, axe_violations):
    width, page = screen
    UserFactory(username="coordinator", is_staff=True)
    for path in ("/join/", "/accounts/login/", "/no-such-page/"):
        page.goto(live_server.url + path)
        assert axe_violations(page) == [], path
    page.goto(live_server.url + "/join/")
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_be_focused()
    assert axe_violations(page) == []
    log_in(page, live_server.url, "coordinator")
    page.goto(live_server.url + "/coordination/digests/preview/?q=nobody")
    assert axe_violations(page) == []
    if width == "phone":
        page.get_by_role("navigation", name="Main").get_by_text("Menu").click()
    page.get_by_role("navigation", name="Main").get_by_role("button", name="Log out").click()
    expect(page.get_by_text("You are logged out.")).to_be_visible()
    assert page.errors == []
