"""partners.access, both ways for everyone: anonymous, a login without a person, a plain member, a
representative of partner A, a representative of partner B, a representative of a former partner
and a coordinator. The definitions every other app builds on."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from partners.access import (
    acting_representative,
    acts_for_partner,
    coordinator_required,
    get_editable_partner,
    in_network,
    is_coordinator,
    is_member,
    is_representative,
    may_hold_api_token,
    member_of_network,
    person_of,
    representative_required,
    represents,
)
from tests.factories import PartnerFactory, PersonFactory, RepresentativeFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "no_person", "member", "representative", "other", "former", "coordinator"]


@pytest.fixture
def people():
    partner = PartnerFactory(slug="partner-a")
    users = {
        "anonymous": AnonymousUser(),
        "no_person": UserFactory(),
        "member": PersonFactory(partner=partner, user=UserFactory()).user,
        "representative": RepresentativeFactory(partner=partner).user,
        "other": RepresentativeFactory(partner=PartnerFactory(slug="partner-b")).user,
        "former": RepresentativeFactory(partner=PartnerFactory(left_on=date(2020, 1, 1))).user,
        "coordinator": UserFactory(is_staff=True),
    }
    return partner, users


def only(*roles: str) -> list:
    return [pytest.param(role, role in roles, id=role) for role in ROLES]


@pytest.mark.parametrize(("role", "expected"), only("coordinator"))
def test_is_coordinator(people, role, expected):
    assert is_coordinator(people[1][role]) is expected


def test_an_inactive_staff_login_is_no_coordinator():
    assert not is_coordinator(UserFactory.build(is_staff=True, is_active=False))
    assert not is_coordinator(None)


@pytest.mark.parametrize(("role", "expected"), only("member", "representative", "other"))
def test_is_member(people, role, expected):
    assert is_member(people[1][role]) is expected
    assert (member_of_network(people[1][role]) is not None) is expected
    assert in_network(person_of(people[1][role])) is expected


@pytest.mark.parametrize(("role", "expected"), only("representative", "other"))
def test_is_representative_of_an_active_partner(people, role, expected):
    user = people[1][role]
    assert is_representative(user) is expected
    assert (acting_representative(user) is not None) is expected
    assert acts_for_partner(person_of(user)) is expected


def test_a_partner_that_has_not_joined_yet_has_no_members_nor_representatives():
    future = PartnerFactory(joined_on=date.today() + timedelta(days=10))
    user = RepresentativeFactory(partner=future).user
    assert person_of(user).partner == future
    assert not is_member(user) and not is_representative(user) and not represents(user, future)


def test_a_partner_leaving_later_still_acts_until_then():
    leaving = PartnerFactory(left_on=date.today() + timedelta(days=10))
    user = RepresentativeFactory(partner=leaving).user
    assert is_member(user) and is_representative(user) and represents(user, leaving)


@pytest.mark.parametrize(("role", "expected"), only("representative", "coordinator"))
def test_represents_partner_a(people, role, expected):
    partner, users = people
    assert represents(users[role], partner) is expected


@pytest.mark.parametrize(("role", "expected"), only("representative", "other", "coordinator"))
def test_may_hold_an_api_token(people, role, expected):
    assert may_hold_api_token(people[1][role]) is expected


@pytest.mark.parametrize(("role", "expected"), only("representative", "coordinator"))
def test_get_editable_partner(people, role, expected):
    partner, users = people
    request = RequestFactory().get("/")
    request.user = users[role]
    if expected:
        assert get_editable_partner(request, partner.slug) == partner
    else:
        with pytest.raises(PermissionDenied):
            get_editable_partner(request, partner.slug)


def call(decorator, user):
    def view(request, **kwargs):
        return HttpResponse(kwargs["person"].name if "person" in kwargs else "ok")

    request = RequestFactory().get("/somewhere/")
    request.user = user
    try:
        return decorator(view)(request)
    except PermissionDenied:
        return HttpResponse(status=403)


@pytest.mark.parametrize("role", ROLES)
def test_coordinator_required(people, role):
    response = call(coordinator_required, people[1][role])
    if role == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == (200 if role == "coordinator" else 403)


@pytest.mark.parametrize("role", ROLES)
def test_representative_required_passes_on_the_person(people, role):
    user = people[1][role]
    response = call(representative_required, user)
    if role == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    elif role in ("representative", "other"):
        assert response.status_code == 200 and response.content.decode() == person_of(user).name
    else:
        assert response.status_code == 403


@pytest.mark.parametrize(("role", "status"), [("representative", 200), ("former", 403), ("member", 403)])
def test_only_those_who_may_hold_one_create_an_api_token(client, people, role, status):
    client.force_login(people[1][role])
    assert client.post("/api/v1/token/", {"name": "CRM"}).status_code == status


@pytest.mark.parametrize("role", ROLES)
def test_templates_ask_the_same_questions(people, role):
    from django.template import Context, Template

    user = people[1][role]
    rendered = Template(
        "{% load partners_access %}{{ person|acts_for_partner }} {{ person|in_network }} "
        "{{ user|is_coordinator }} {{ user|may_hold_api_token }}"
    ).render(Context({"person": person_of(user), "user": user}))
    expected = [is_representative(user), is_member(user), is_coordinator(user), may_hold_api_token(user)]
    assert rendered.split() == [str(answer) for answer in expected]


@pytest.mark.parametrize(
    ("role", "offered"),
    [("rep_a", True), ("member", False), ("former_rep", False)],
)
def test_my_page_offers_a_token_and_the_profile_editor_only_to_those_who_may_use_them(cast, role, offered):
    """The page asks partners.access, as the token view and the editor do: a former partner's
    representative is offered neither (the view would answer 403)."""
    page = cast.client(role).get("/me/").content.decode()
    assert ("Create an API token" in page) is offered
    assert (f'href="/partners/{cast.user(role).person.partner.slug}/edit/"' in page) is offered


@pytest.mark.parametrize(("role", "shown"), [("coordinator", True), ("rep_a", False), ("anonymous", False)])
def test_the_dashboard_link_is_for_coordinators(cast, role, shown):
    assert ('href="/dashboard/"' in cast.client(role).get("/").content.decode()) is shown
