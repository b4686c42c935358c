"""Bulk-generated partners with proportional projects, groups, events and registrations, for
benchmarks: `seed_demo --scale 100000` loads in minutes because every table is filled with
bulk inserts of generated rows, without per-row queries."""

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import connection

from events.models import Event, EventKind, Registration, RegistrationStatus
from partners.models import CityProfile, Partner, PartnerKind, Person
from projects.models import Participation, ParticipationRole, Project, ProjectStatus, ProjectStatusChange
from segments.models import Admission, GroupMembership, GroupRole, MembershipStatus, Segment, WorkingGroup

from .names import any_company_name, person_name
from .places import TOWNS

BATCH = 2_000
KINDS = [PartnerKind.CITY] * 2 + [PartnerKind.COMPANY] * 6 + [PartnerKind.RESEARCH, PartnerKind.ASSOCIATION]
START, END = date(2016, 2, 1), date(2025, 12, 31)


def day_between(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


def load(*, scale_by: int, rng: random.Random, log: Callable[[str], object]) -> None:
    offset = Partner.objects.filter(slug__startswith="scale-").count()
    segments = list(Segment.objects.order_by("position"))
    countries = sorted(TOWNS)
    partners = []
    for index in range(offset, offset + scale_by):
        country = rng.choice(countries)
        town, lat, lon = rng.choice(TOWNS[country])
        kind = rng.choice(KINDS)
        is_city = kind == PartnerKind.CITY
        sme = not is_city and rng.random() < 0.6
        name = f"{town} {index}" if is_city else f"{any_company_name(rng, country)} {index}"
        partners.append(
            Partner(
                name=name,
                slug=f"scale-{index}",
                kind=kind,
                country=country,
                city=town,
                is_sme=sme,
                staff_count=None if is_city else rng.randint(5, 240 if sme else 5_000),
                turnover_eur_m=None if is_city else Decimal(rng.randint(1, 49 if sme else 900)),
                joined_on=day_between(rng, START, END),
                is_demo=True,
                latitude=Decimal(str(round(lat + rng.uniform(-0.2, 0.2), 5))),
                longitude=Decimal(str(round(lon + rng.uniform(-0.3, 0.3), 5))),
                description=f"Generated for benchmarks: a partner in {town}.",
            )
        )
    partners = Partner.objects.bulk_create(partners, batch_size=BATCH)
    log(f"  {len(partners)} partners")
    CityProfile.objects.bulk_create(
        [CityProfile(partner=p, population=rng.randint(30_000, 1_500_000)) for p in partners if p.is_city],
        batch_size=BATCH,
    )
    people = Person.objects.bulk_create(
        [
            Person(
                partner=p,
                name=person_name(rng),
                email=f"person-{p.slug}@scale.example",
                is_representative=True,
            )
            for p in partners
        ],
        batch_size=BATCH,
    )
    log(f"  {len(people)} people")
    groups = WorkingGroup.objects.bulk_create(
        [
            WorkingGroup(
                segment=segments[i % len(segments)],
                name=f"Scale group {offset + i}",
                slug=f"scale-group-{offset + i}",
                admission=rng.choice([Admission.OPEN, Admission.REQUEST]),
                formed_on=START,
            )
            for i in range(max(1, scale_by // 100))
        ],
        batch_size=BATCH,
    )
    members = rng.sample(partners, len(partners) * 3 // 10)
    GroupMembership.objects.bulk_create(
        [
            GroupMembership(
                partner=p,
                group=groups[i % len(groups)],
                role=GroupRole.LEAD if i < len(groups) else GroupRole.MEMBER,
                status=MembershipStatus.ACTIVE,
                joined_on=max(p.joined_on, START),
            )
            for i, p in enumerate(members)
        ],
        batch_size=BATCH,
    )
    log(f"  {len(groups)} groups, {len(members)} memberships")
    projects = Project.objects.bulk_create(
        [
            Project(
                title=f"Scale project {offset + i}",
                slug=f"scale-project-{offset + i}",
                segment=segments[i % len(segments)],
                status=ProjectStatus.RUNNING,
                started_on=(day := day_between(rng, START, END)),
                proposed_on=day,
                is_demo=True,
                summary="Generated for benchmarks.",
            )
            for i in range(max(1, scale_by // 10))
        ],
        batch_size=BATCH,
    )
    # Each runs from the day it was proposed: its status history says so (started_on comes from it).
    ProjectStatusChange.objects.bulk_create(
        [
            ProjectStatusChange(
                project=project, to_status=ProjectStatus.RUNNING, changed_on=project.started_on
            )
            for project in projects
        ],
        batch_size=BATCH,
    )
    participations = []
    for project in projects:
        for position, partner in enumerate(rng.sample(partners, min(len(partners), rng.randint(2, 5)))):
            role = ParticipationRole.COORDINATOR if position == 0 else ParticipationRole.PARTNER
            participations.append(
                Participation(
                    project=project,
                    partner=partner,
                    role=role,
                    joined_on=max(project.started_on, partner.joined_on),
                )
            )
    Participation.objects.bulk_create(participations, batch_size=BATCH)
    log(f"  {len(projects)} projects, {len(participations)} participations")
    events = Event.objects.bulk_create(
        [
            Event(
                title=f"Scale event {offset + i}",
                slug=f"scale-event-{offset + i}",
                kind=EventKind.WORKSHOP,
                starts_at=datetime(2026, 1, 1, 10, tzinfo=ZoneInfo("Europe/Brussels"))
                + timedelta(days=i % 700),
                ends_at=datetime(2026, 1, 1, 16, tzinfo=ZoneInfo("Europe/Brussels"))
                + timedelta(days=i % 700),
                city="Brussels",
                country="BE",
                capacity=50,
                segment=segments[i % len(segments)],
                is_demo=True,
            )
            for i in range(max(1, scale_by // 100))
        ],
        batch_size=BATCH,
    )
    registrations = [
        Registration(event=event, person=person, status=RegistrationStatus.CONFIRMED)
        for event in events
        for person in rng.sample(people, min(len(people), 30))
    ]
    Registration.objects.bulk_create(registrations, batch_size=BATCH)
    log(f"  {len(events)} events, {len(registrations)} registrations")
    if connection.vendor == "postgresql":
        # Fresh statistics, or the planner keeps its estimates for empty tables (and, say, sorts
        # every partner instead of walking the name index for a page).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
