"""The shared cast (tests/cast.py) is who its docstring says: every test that names a role relies on it."""

import pytest

from partners.models import Person
from segments.models import GroupMembership, GroupRole, MembershipStatus
from tests.cast import LOGINS

pytestmark = pytest.mark.django_db


def test_each_login_belongs_to_its_person_and_partner(cast):
    people = [
        (cast.member, cast.member_person, cast.partner_a, False),
        (cast.rep_a, cast.rep_a_person, cast.partner_a, True),
        (cast.rep_b, cast.rep_b_person, cast.partner_b, True),
        (cast.lead, cast.lead_person, cast.lead_partner, True),
        (cast.former_rep, cast.former_rep_person, cast.former_partner, True),
    ]
    for user, person, partner, represents in people:
        person = Person.objects.get(pk=person.pk)
        assert (person.user, person.partner, person.is_representative) == (user, partner, represents)
        assert not user.is_staff


def test_the_coordinator_is_staff_and_nobody_and_the_stranger_is_a_login_without_a_person(cast):
    assert cast.coordinator.is_staff and not cast.stranger.is_staff
    assert not Person.objects.filter(user__in=[cast.coordinator, cast.stranger]).exists()
    assert cast.anonymous is None


def test_the_partners_are_what_their_names_say(cast):
    assert [p.is_city for p in (cast.partner_a, cast.partner_b, cast.lead_partner)] == [False, True, True]
    assert all(p.is_active() for p in (cast.partner_a, cast.partner_b, cast.lead_partner))
    assert not cast.former_partner.is_active()
    assert cast.partner_b.city_profile.population == 95_000
    assert list(cast.segment.interested_partners.all()) == [cast.partner_b]


def test_the_group_is_led_by_the_lead_partner_with_partner_a_as_its_member(cast):
    rows = GroupMembership.objects.filter(group=cast.group).order_by("pk")
    assert [(m.partner, m.role, m.status) for m in rows] == [
        (cast.lead_partner, GroupRole.LEAD, MembershipStatus.ACTIVE),
        (cast.partner_a, GroupRole.MEMBER, MembershipStatus.ACTIVE),
    ]
    assert list(rows) == [cast.lead_membership, cast.membership_a]
    assert cast.group.segment == cast.segment and not cast.group.is_open


@pytest.mark.parametrize("name", LOGINS)
def test_a_role_name_gives_its_login_and_a_client_logged_in_as_it(cast, name):
    user = cast.user(name)
    assert user is getattr(cast, name)
    session = cast.client(name).session
    assert session.get("_auth_user_id") == (str(user.pk) if user else None)


def test_an_unknown_role_is_an_error(cast):
    with pytest.raises(ValueError, match="not a login"):
        cast.user("rep_c")
