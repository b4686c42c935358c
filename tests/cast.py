"""The one cast of the test suite: the same people and organisations, under the same names, in every
test module (like healthchecks' alice, bob and charlie). Ask for the `cast` fixture (tests/conftest.py).

Who is who:

- `anonymous` is None: a visitor who is not logged in.
- `member` (Mette Member, mem@voltaic.example) works at partner A and has a login, but is not its
  representative.
- `rep_a` (Rita Rep, rep@voltaic.example) represents partner A; `rep_b` (Tom Tartu,
  rep@tartu.example) represents partner B.
- `lead` (Lena Lead, lead@aarhus.example) represents the lead partner of the working group.
- `coordinator` is the network's coordination (staff), with no person and no partner.
- `stranger` has a login but no person (an account whose person was erased, say).
- `former_rep` represents a partner that has left the network.

What they relate to:

- `partner_a`: Voltaic Fleets, a company in Lyon (FR), an active member of `group`.
- `partner_b`: Tartu, a city (EE, 95,000 people) interested in `segment`, in no group.
- `lead_partner`: Aarhus, a city (DK) that leads `group`.
- `former_partner`: Gone Ltd (IE), which joined in 2016 and left at the start of 2018.
- `segment`: Smart urban logistics; `group`: E-freight, in that segment, joined by request.
- `membership_a` and `lead_membership`: the active memberships of partner A and of the lead in `group`.

Naming: the login of a role is named by the role and is a User (`cast.member`, `cast.rep_a`,
`cast.rep_b`, `cast.lead`, `cast.coordinator`); the Person behind it has the suffix `_person`
(`cast.member_person`, `cast.rep_a_person`, ...); every other object is named by what it is
(`cast.partner_a`, `cast.lead_partner`, `cast.group`, `cast.membership_a`). `ROLES` lists the roles
in the order a permission table reads them; `cast.user(name)` and `cast.client(name)` turn the name
of a role (or of `stranger` and `former_rep`) into its User (None for anonymous) and into a new test
client logged in as it.

A directory's conftest may add fixtures for its own objects, built on the cast, under names that say
what they are; it never defines another `cast`. Today: `event` and `colleague` (Carl Colleague, at
partner A, without a login) in tests/events, `open_group` (Cargo bikes) in tests/segments, `project`
(coordinated by partner A) in tests/projects, and the `scene` of tests/security.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.test import Client

from partners.models import Partner, Person
from segments.models import Admission, GroupMembership, GroupRole, Segment, WorkingGroup
from tests.factories import (
    CityFactory,
    GroupMembershipFactory,
    PartnerFactory,
    PersonFactory,
    RepresentativeFactory,
    SegmentFactory,
    UserFactory,
    WorkingGroupFactory,
)

#: Every role of the cast, from no rights to all rights.
ROLES = ("anonymous", "member", "rep_a", "rep_b", "lead", "coordinator")
#: Every name `Cast.user()` and `Cast.client()` know: the roles and the two other logins.
LOGINS = (*ROLES, "stranger", "former_rep")


@dataclass
class Cast:
    # Logins, named by role.
    anonymous: None
    member: AbstractBaseUser
    rep_a: AbstractBaseUser
    rep_b: AbstractBaseUser
    lead: AbstractBaseUser
    coordinator: AbstractBaseUser
    stranger: AbstractBaseUser
    former_rep: AbstractBaseUser
    # The persons behind the logins.
    member_person: Person
    rep_a_person: Person
    rep_b_person: Person
    lead_person: Person
    former_rep_person: Person
    # What they belong to.
    partner_a: Partner
    partner_b: Partner
    lead_partner: Partner
    former_partner: Partner
    segment: Segment
    group: WorkingGroup
    membership_a: GroupMembership
    lead_membership: GroupMembership

    def user(self, name: str) -> AbstractBaseUser | None:
        """The login of a role or other login (one of LOGINS); None for anonymous."""
        if name not in LOGINS:
            raise ValueError(f"{name!r} is not a login of the cast: {LOGINS}")
        return getattr(self, name)

    def client(self, name: str) -> Client:
        """A new test client logged in as a role or other login (not logged in for anonymous)."""
        client = Client()
        if (user := self.user(name)) is not None:
            client.force_login(user)
        return client


def build_cast() -> Cast:
    """Creates the cast's rows (a test needs the database)."""
    segment = SegmentFactory(name="Smart urban logistics", short_name="E-logistics", slug="urban-logistics")
    group = WorkingGroupFactory(
        segment=segment, name="E-freight", slug="e-freight", admission=Admission.REQUEST
    )
    partner_a = PartnerFactory(
        name="Voltaic Fleets",
        slug="voltaic-fleets",
        country="FR",
        city="Lyon",
        latitude=Decimal("45.76"),
        longitude=Decimal("4.84"),
    )
    partner_b = CityFactory(
        name="Tartu",
        slug="tartu",
        country="EE",
        city="Tartu",
        latitude=Decimal("58.38"),
        longitude=Decimal("26.72"),
        city_profile__population=95_000,
    )
    lead_partner = CityFactory(
        name="Aarhus",
        slug="aarhus",
        country="DK",
        city="Aarhus",
        latitude=Decimal("56.16"),
        longitude=Decimal("10.2"),
    )
    former_partner = PartnerFactory(
        name="Gone Ltd", slug="gone-ltd", country="IE", joined_on=date(2016, 2, 1), left_on=date(2018, 1, 1)
    )
    segment.interested_partners.add(partner_b)
    lead_membership = GroupMembershipFactory(group=group, partner=lead_partner, role=GroupRole.LEAD)
    membership_a = GroupMembershipFactory(group=group, partner=partner_a)

    member_person = PersonFactory(
        partner=partner_a,
        name="Mette Member",
        email="mem@voltaic.example",
        user=UserFactory(username="member"),
    )
    rep_a_person = RepresentativeFactory(
        partner=partner_a, name="Rita Rep", email="rep@voltaic.example", user=UserFactory(username="rep_a")
    )
    rep_b_person = RepresentativeFactory(
        partner=partner_b, name="Tom Tartu", email="rep@tartu.example", user=UserFactory(username="rep_b")
    )
    lead_person = RepresentativeFactory(
        partner=lead_partner, name="Lena Lead", email="lead@aarhus.example", user=UserFactory(username="lead")
    )
    former_rep_person = RepresentativeFactory(
        partner=former_partner,
        name="Fred Former",
        email="rep@gone.example",
        user=UserFactory(username="former_rep"),
    )
    return Cast(
        anonymous=None,
        member=member_person.user,
        rep_a=rep_a_person.user,
        rep_b=rep_b_person.user,
        lead=lead_person.user,
        coordinator=UserFactory(username="coordinator", is_staff=True),
        stranger=UserFactory(username="stranger"),
        former_rep=former_rep_person.user,
        member_person=member_person,
        rep_a_person=rep_a_person,
        rep_b_person=rep_b_person,
        lead_person=lead_person,
        former_rep_person=former_rep_person,
        partner_a=partner_a,
        partner_b=partner_b,
        lead_partner=lead_partner,
        former_partner=former_partner,
        segment=segment,
        group=group,
        membership_a=membership_a,
        lead_membership=lead_membership,
    )
