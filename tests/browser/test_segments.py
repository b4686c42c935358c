"""A city asks to join a group by request, the group's lead approves it, and the city is listed."""

import pytest

from segments.models import Admission, GroupRole
from tests.factories import (
    CityFactory,
    GroupMembershipFactory,
    RepresentativeFactory,
    SegmentFactory,
    UserFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "correct horse battery staple"


def log_in(page, base: str, username: str, next_path: str) -> None:
    page.goto(f"{base}/accounts/login/?next={next_path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}{next_path}")


def log_out(page) -> None:
    page.get_by_role("button", name="Log out").click()


def test_a_city_asks_to_join_and_the_lead_admits_it(live_server, page, axe_violations, console_errors):
    segment = SegmentFactory(name="Smart urban logistics", slug="urban-logistics")
    group = WorkingGroupFactory(
        segment=segment, name="E-freight", slug="e-freight", admission=Admission.REQUEST
    )
    aarhus, tartu = CityFactory(name="Aarhus"), CityFactory(name="Tartu", city_profile__population=95_000)
    GroupMembershipFactory(group=group, partner=aarhus, role=GroupRole.LEAD)
    RepresentativeFactory(partner=aarhus, user=UserFactory(username="aarhus"))
    RepresentativeFactory(partner=tartu, user=UserFactory(username="tartu"))
    base = live_server.url

    page.goto(f"{base}/segments/")
    page.get_by_role("link", name="E-freight").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "E-freight"
    assert axe_violations(page) == []

    log_in(page, base, "tartu", "/groups/e-freight/")
    page.get_by_label("Message (optional)").fill("Tartu would like to join.")
    page.get_by_role("button", name="Ask to join for Tartu").click()
    assert page.get_by_text("Your request to join E-freight was sent to the group's lead.").is_visible()
    assert axe_violations(page) == []
    log_out(page)

    log_in(page, base, "aarhus", "/groups/e-freight/")
    assert page.get_by_text("Tartu would like to join.").is_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Approve Tartu").click()
    page.get_by_role("button", name="Yes, approve Tartu").click()  # it asks first
    assert page.get_by_text("Tartu is now a member.").is_visible()

    members = page.get_by_role("table")
    assert members.get_by_role("link", name="Tartu").is_visible()
    assert axe_violations(page) == []
    assert console_errors == []
