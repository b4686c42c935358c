"""Issue 20's journeys of UX-B, each on a desktop (1366x900) and a phone (390x844): the directory
shows results first and folds its filters on a phone; a city asks to join a group and the lead
decides, the request queue first; a representative registers a colleague who is not yet a contact."""

import re

import pytest
from playwright.sync_api import expect

from partners.models import Person
from segments.models import Admission, GroupRole
from tests.factories import (
    CityFactory,
    EventFactory,
    GroupMembershipFactory,
    PartnerFactory,
    RepresentativeFactory,
    SegmentFactory,
    UserFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "correct horse battery staple"
SIZES = {"desktop": (1366, 900), "phone": (390, 844)}


@pytest.fixture(params=list(SIZES))
def width(request, page) -> str:
    """The journey at each width: the page sized as a desktop or a phone."""
    w, h = SIZES[request.param]
    page.set_viewport_size({"width": w, "height": h})
    return request.param


def log_in(page, base: str, username: str, next_path: str) -> None:
    page.goto(f"{base}/accounts/login/?next={next_path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}{next_path}")


def top(locator) -> float:
    return locator.bounding_box()["y"]


def test_the_directory_shows_results_first_and_opens_its_filters(
    live_server, page, width, axe_violations, console_errors
):
    # 22 countries, as the issue counted: on a phone they used to push the results 2,000 px down.
    countries = [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
    ]
    for country in countries:
        PartnerFactory(name=f"Volt {country}", country=country)
    CityFactory(name="Tartu", country="EE")
    page.goto(live_server.url + "/partners/")
    first = page.get_by_role("link", name="Tartu")
    finland = page.get_by_role("checkbox", name=re.compile(r"^Finland"))
    summary = page.locator("#directory-filters > summary")
    if width == "phone":
        # The first partner within the first screen; the facets folded behind "Filters".
        assert top(page.get_by_role("heading", name="23 partners")) < 844
        expect(finland).to_be_hidden()
        summary.click()
    else:
        expect(summary).to_be_hidden()
    expect(finland).to_be_visible()
    assert axe_violations(page) == []
    finland.check()
    expect(page.get_by_role("heading", name="1 partner", exact=True)).to_be_visible()
    expect(first).to_have_count(0)
    assert "country=FI" in page.url
    if width == "phone":
        # Ticking changed what is shown: the panel stays open and says what narrows the list.
        expect(finland).to_be_visible()
        expect(summary).to_contain_text("1 selected")
        page.get_by_role("link", name="Show the results").click()
        expect(page.get_by_role("link", name="Volt FI")).to_be_in_viewport()
    assert axe_violations(page) == []
    assert console_errors == []


def test_a_city_asks_to_join_and_the_lead_decides_requests_first(
    live_server, page, width, axe_violations, console_errors
):
    segment = SegmentFactory(name="Smart urban logistics", slug="urban-logistics")
    group = WorkingGroupFactory(
        segment=segment, name="E-freight", slug="e-freight", admission=Admission.REQUEST
    )
    aarhus, tartu = CityFactory(name="Aarhus"), CityFactory(name="Tartu")
    GroupMembershipFactory(group=group, partner=aarhus, role=GroupRole.LEAD)
    for n in range(18):  # the 18 members whose role selectors used to bury the queue
        GroupMembershipFactory(group=group, partner=PartnerFactory(name=f"Member {n:02}"))
    RepresentativeFactory(partner=aarhus, user=UserFactory(username="aarhus"))
    RepresentativeFactory(partner=tartu, user=UserFactory(username="tartu"))
    base = live_server.url

    log_in(page, base, "tartu", "/groups/e-freight/")
    page.get_by_label("Message (optional)").fill("Tartu would like to join.")
    page.get_by_role("button", name="Ask to join for Tartu").click()
    expect(page.get_by_text("Your request to join E-freight was sent to the group's lead.")).to_be_visible()
    page.context.clear_cookies()  # log out (on a phone the button sits in the menu)

    log_in(page, base, "aarhus", "/groups/e-freight/")
    requests = page.get_by_role("heading", name=re.compile("^Requests to join"))
    members = page.get_by_role("heading", name="Members", exact=True)
    assert top(requests) < top(members)
    approve = page.get_by_role("button", name="Approve Tartu")
    # On the first screens, not under the members' controls: within two phone screens at most.
    assert top(approve) < 2 * 844
    # Compact members: one "Manage" a row, the role selector folded away until asked for.
    expect(page.get_by_label("Role of Member 00")).to_be_hidden()
    page.get_by_text("Manage Member 00").click()
    expect(page.get_by_label("Role of Member 00")).to_be_visible()
    assert axe_violations(page) == []
    approve.click()
    page.get_by_role("button", name="Yes, approve Tartu").click()  # it asks first
    expect(page.get_by_text("Tartu is now a member.")).to_be_visible()
    expect(page.get_by_role("table").get_by_role("link", name="Tartu")).to_be_attached()
    assert axe_violations(page) == []
    assert console_errors == []


def test_a_representative_registers_a_new_colleague(live_server, page, width, axe_violations, console_errors):
    gothenburg = CityFactory(name="Gothenburg")
    RepresentativeFactory(partner=gothenburg, name="Greta Rep", user=UserFactory(username="greta"))
    event = EventFactory(title="E-bus site visit", slug="e-bus-site-visit", capacity=10)
    base = live_server.url
    log_in(page, base, "greta", event.get_absolute_url())
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("Greta Rep is registered.")).to_be_visible()
    # Greta is registered: the selector no longer offers her.
    expect(page.get_by_text("Everyone at your organisation is registered.")).to_be_visible()
    page.get_by_text("Register a colleague who is not listed").click()
    page.get_by_label("Colleague's name").fill("Nils New")
    # The browser lets it through (no dot needed there); the server asks for a whole address.
    page.get_by_label("Colleague's email").fill("nils@gothenburg")
    page.get_by_role("button", name="Add and register").click()
    expect(page.get_by_text("Enter a valid email address.").first).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Colleague's email").fill("nils@gothenburg.example")
    page.get_by_role("button", name="Add and register").click()
    expect(page.get_by_text("Nils New is registered.")).to_be_visible()
    assert Person.objects.get(email="nils@gothenburg.example").partner == gothenburg
    assert event.registrations.filter(person__name="Nils New").exists()
    assert axe_violations(page) == []
    # The refused form came back as a 400, as it should; the browser logs that status, nothing else.
    assert [error for error in console_errors if "status of 400" not in error] == []


def test_digest_settings_by_checkboxes_and_search(live_server, page, width, axe_violations, console_errors):
    gothenburg = CityFactory(name="Gothenburg")
    RepresentativeFactory(partner=gothenburg, name="Greta Rep", user=UserFactory(username="greta"))
    segment = SegmentFactory(name="Smart electrification of public transport", short_name="E-bus")
    WorkingGroupFactory(segment=segment, name="E-bus procurement")
    log_in(page, live_server.url, "greta", "/me/digest/")
    search = page.get_by_label("Find a segment, group, project or country")
    expect(search).to_be_visible()  # shown by the script
    sweden = page.get_by_role("checkbox", name="Sweden")
    expect(sweden).to_be_hidden()  # folded in its region
    search.fill("swed")
    expect(sweden).to_be_visible()
    expect(page.get_by_role("checkbox", name="France")).to_be_hidden()
    sweden.check()
    search.fill("")
    page.get_by_role("checkbox", name="E-bus procurement").check()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your digest settings are saved.")).to_be_visible()
    followed = page.locator("section.followed")
    expect(followed).to_contain_text("Sweden")
    expect(followed).to_contain_text("E-bus procurement")
    expect(page.get_by_role("checkbox", name="Sweden")).to_be_checked()
    assert axe_violations(page) == []
    assert console_errors == []


def test_a_member_contacts_a_provider_and_a_city_closes_its_need(
    live_server, page, width, axe_violations, console_errors
):
    from tests.projects.factories import NeedFactory, SolutionFactory

    provider, tartu = PartnerFactory(name="Volt Co"), CityFactory(name="Tartu")
    RepresentativeFactory(partner=provider, email="sales@volt.example")
    RepresentativeFactory(partner=tartu, name="Kai Tamm", user=UserFactory(username="tartu"))
    solution = SolutionFactory(provider=provider, title="Opportunity charging", slug="opportunity-charging")
    need = NeedFactory(city=tartu, segment=solution.segment, title="Night charging", slug="night-charging")
    log_in(page, live_server.url, "tartu", solution.get_absolute_url())
    assert "sales@volt.example" not in page.content()
    page.get_by_label("Your message").fill("Does it work at -20 °C?")
    page.get_by_role("button", name="Send the message").click()
    expect(page.get_by_text("Your message went to Volt Co's representatives.")).to_be_visible()
    assert axe_violations(page) == []
    page.goto(live_server.url + need.get_absolute_url())
    assert axe_violations(page) == []
    page.get_by_role("button", name="Close the need").click()
    expect(page.get_by_role("button", name="Open the need again")).to_be_visible()
    page.get_by_role("button", name="Edit the need").or_(
        page.get_by_role("link", name="Edit the need")
    ).click()
    page.get_by_label("Title").fill("Night charging at depots")
    page.get_by_role("button", name=re.compile("Save|Publish|Submit")).click()
    expect(page.get_by_role("heading", name="Night charging at depots")).to_be_visible()
    assert console_errors == []
