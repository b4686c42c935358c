import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    CityFactory,
    GroupMembershipFactory,
    ParticipationFactory,
    PartnerFactory,
    PersonFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


def test_profile_shows_who_they_are_groups_and_projects(client, cast):
    group = WorkingGroupFactory(name="E-bus group", segment__short_name="E-bus")
    GroupMembershipFactory(group=group, partner=cast.partner_a, role="lead")
    ParticipationFactory(partner=cast.partner_a, project__title="Bus trial", role="coordinator")
    response = client.get("/partners/voltaic-fleets/")
    html = response.content.decode()
    assert response.status_code == 200
    for text in [
        "Voltaic Fleets",
        "Lyon, France",
        "E-bus group",
        "E-bus",
        "Lead",
        "Bus trial",
        "Coordinator",
        "Rita Rep",
    ]:
        assert text in html
    assert 'id="partner-map"' in html and "data-lat=" in html


def test_city_profile_shows_population_and_size(client):
    CityFactory(name="Tartu", slug="tartu", city_profile__population=95_000)
    html = client.get("/partners/tartu/").content.decode()
    assert "95,000" in html and "Small (under 100,000)" in html


@pytest.mark.parametrize("who", [None, "stranger"])
def test_emails_are_not_in_the_page_for_anonymous_visitors_or_logins_without_a_person(client, cast, who):
    if who:
        client.force_login(getattr(cast, who))
    html = client.get("/partners/voltaic-fleets/").content.decode()
    assert "rep@voltaic.example" not in html
    assert "mem@voltaic.example" not in html
    assert "Members who log in see" in html


@pytest.mark.parametrize("who", ["member", "rep_b"])
def test_members_see_the_emails(client, cast, who):
    client.force_login(getattr(cast, who))
    html = client.get("/partners/voltaic-fleets/").content.decode()
    assert "mailto:rep@voltaic.example" in html


def test_a_person_of_a_former_partner_is_not_a_member(client, cast):
    client.force_login(cast.former_rep)
    assert "rep@voltaic.example" not in client.get("/partners/voltaic-fleets/").content.decode()


def test_former_partner_profile_says_they_left(client, cast):
    response = client.get("/partners/gone-ltd/")
    assert response.status_code == 200
    assert "This organisation left the network on 1 January 2018." in response.content.decode()


def test_unknown_partner_is_404(client):
    assert client.get("/partners/nobody/").status_code == 404


@pytest.mark.parametrize(
    ("who", "shown"),
    [
        (None, False),
        ("member", False),
        ("rep_a", True),
        ("rep_b", False),
        ("coordinator", True),
    ],
)
def test_edit_link_only_for_those_who_may_edit(client, cast, who, shown):
    if who:
        client.force_login(getattr(cast, who))
    assert (
        "/partners/voltaic-fleets/edit/" in client.get("/partners/voltaic-fleets/").content.decode()
    ) is shown


def _fill(partner, count: int) -> None:
    for _ in range(count):
        GroupMembershipFactory(partner=partner)
        ParticipationFactory(partner=partner)
        PersonFactory(partner=partner)
        PartnerFactory()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_profile_queries_do_not_grow_with_related_rows(client, cast):
    client.force_login(cast.member)
    _fill(cast.partner_a, 3)
    few = _queries(client, "/partners/voltaic-fleets/")
    _fill(cast.partner_a, 40)
    assert _queries(client, "/partners/voltaic-fleets/") == few
