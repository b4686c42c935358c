"""The generated history of 2016 and 2017, so that the targets have a believable past: partners
joining (and a few leaving), the working groups filling up, projects forming and moving through
their statuses, the meetings the source names, and some news."""

import random
from datetime import date, timedelta

from django.utils.text import slugify

from events.models import BreakoutSession, Event, EventKind, NewsItem
from partners.models import LAUNCH_DATE, Partner, PartnerKind
from projects.models import (
    CLOSED_STATUSES,
    WORK_STATUSES,
    Participation,
    ParticipationRole,
    Project,
    ProjectStatus,
    ProjectStatusChange,
)
from segments.models import Admission, GroupMembership, GroupRole, MembershipStatus, WorkingGroup

from .builder import Builder
from .launch import GENERAL_ASSEMBLY_DAY, GROUPS, Network, at, generated_partner
from .places import LATER_CITIES, TOWNS

HISTORY_END = date(2017, 12, 31)

LATER_GROUPS = [
    (
        "charging-interoperability",
        "Charging interoperability",
        "infrastructure",
        Admission.OPEN,
        date(2016, 10, 12),
    ),
    ("electric-taxis", "Electric taxis and ride-hailing", "ev-fleets", Admission.REQUEST, date(2017, 2, 8)),
    ("mobility-hubs", "Mobility hubs", "multimodal", Admission.OPEN, date(2016, 11, 23)),
    (
        "e-bus-procurement",
        "Joint procurement of electric buses",
        "public-transport",
        Admission.REQUEST,
        date(2017, 5, 17),
    ),
]

PROJECT_THEMES = {
    "ev-fleets": [
        "Municipal fleet electrification",
        "Electric car-sharing",
        "Fleet smart charging pilot",
        "Electric taxi rank charging",
    ],
    "urban-logistics": [
        "Cargo bike micro-hub",
        "Zero-emission delivery zone",
        "Electric van leasing pool",
        "Night-time electric deliveries",
    ],
    "public-transport": [
        "Opportunity charging bus line",
        "Depot charging upgrade",
        "Electric ferry link",
        "Battery bus procurement",
    ],
    "infrastructure": [
        "Street-light charge points",
        "Charging master plan",
        "Vehicle-to-grid trial",
        "Interoperable roaming platform",
    ],
    "multimodal": [
        "Mobility hub network",
        "E-scooter sharing integration",
        "MaaS with electric car-sharing",
        "Park-and-ride e-bike stations",
    ],
}


def random_day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


def load(builder: Builder, network: Network) -> None:
    rng = builder.rng
    load_later_partners(builder, network)
    load_groups(rng, network)
    load_prelaunch_projects(rng, network)
    load_named_consortia(rng, network)
    load_new_projects(rng, network)
    load_events_and_news(network)


def load_later_partners(builder: Builder, network: Network) -> None:
    """27 cities and regions, 56 SMEs, 4 research bodies and 2 large companies join in 2016-2017;
    one of each of four kinds leaves again."""
    rng = builder.rng
    for name, kind, country, lat, lon, population in LATER_CITIES:
        joined = random_day(rng, LAUNCH_DATE + timedelta(days=20), HISTORY_END - timedelta(days=20))
        network.partners[name] = builder.partner(
            name=name,
            kind=kind,
            country=country,
            city=name,
            lat=lat,
            lon=lon,
            population=population,
            joined_on=joined,
            people=1,
            description=f"{name} joined EV4SCC after the launch.",
        )
    mix = (
        [(PartnerKind.COMPANY, True)] * 56
        + [(PartnerKind.RESEARCH, False)] * 4
        + [(PartnerKind.COMPANY, False)] * 2
    )
    countries = sorted(TOWNS)
    for kind, sme in mix:
        country = rng.choice(countries)
        town, lat, lon = rng.choice(TOWNS[country])
        joined = random_day(rng, LAUNCH_DATE + timedelta(days=10), HISTORY_END)
        generated_partner(
            builder,
            network,
            kind=kind,
            is_sme=sme,
            country=country,
            town=town,
            lat=lat,
            lon=lon,
            joined_on=joined,
        )
    leavers = {PartnerKind.CITY: "Debrecen"}
    for kind, sme in [
        (PartnerKind.COMPANY, True),
        (PartnerKind.COMPANY, False),
        (PartnerKind.RESEARCH, False),
    ]:
        leavers[f"{kind}-{sme}"] = next(
            p.name
            for p in network.partners.values()
            if p.kind == kind and p.is_sme == sme and p.is_demo and p.joined_on == LAUNCH_DATE
        )
    for name in leavers.values():
        left_on = date(2017, rng.randint(3, 11), rng.randint(1, 28))
        Partner.objects.filter(slug=network.partners[name].slug, left_on__isnull=True).update(left_on=left_on)
        network.partners[name].left_on = left_on


def active_partners(network: Network, on: date, kinds: tuple[str, ...] | None = None) -> list[Partner]:
    return [
        p
        for p in network.partners.values()
        if p.joined_on <= on and (p.left_on is None or p.left_on > on) and (kinds is None or p.kind in kinds)
    ]


def membership(
    group: WorkingGroup, partner: Partner, role: str, joined_on: date, left_on: date | None = None
) -> None:
    GroupMembership.objects.get_or_create(
        partner=partner,
        group=group,
        defaults={
            "role": role,
            "status": MembershipStatus.LEFT if left_on else MembershipStatus.ACTIVE,
            "joined_on": joined_on,
            "left_on": left_on,
            "requested_at": at(joined_on, 10),
        },
    )


def load_groups(rng: random.Random, network: Network) -> None:
    """The four General Assembly groups with their leads, then four later groups; members join over
    time, a few leave, and some requests wait for the lead."""
    for slug, _name, _segment, lead, *_rest in GROUPS:
        group = network.groups[slug]
        membership(group, network.partners[lead], GroupRole.LEAD, GENERAL_ASSEMBLY_DAY)
        founders = rng.sample(active_partners(network, GENERAL_ASSEMBLY_DAY), 8)
        for partner in founders:
            if partner.name != lead:
                membership(
                    group,
                    partner,
                    rng.choice([GroupRole.MEMBER] * 4 + [GroupRole.OBSERVER]),
                    GENERAL_ASSEMBLY_DAY,
                )
    for partner in network.danish_freight + [network.partners["FREVUE project team"]]:
        membership(network.groups["e-freight"], partner, GroupRole.MEMBER, GENERAL_ASSEMBLY_DAY)
    for slug, name, segment, admission, formed_on in LATER_GROUPS:
        group, _ = WorkingGroup.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "segment": network.segments[segment],
                "admission": admission,
                "formed_on": formed_on,
                "description": f"{name}: partners in the {network.segments[segment].short_name} segment "
                "working together on replication.",
            },
        )
        network.groups[slug] = group
        lead = rng.choice(active_partners(network, formed_on, (PartnerKind.CITY, PartnerKind.REGION)))
        membership(group, lead, GroupRole.LEAD, formed_on)
    for group in network.groups.values():
        for partner in rng.sample(active_partners(network, HISTORY_END), 6):
            joined = random_day(rng, max(group.formed_on, partner.joined_on), HISTORY_END)
            left = joined + timedelta(days=rng.randint(60, 300)) if rng.random() < 0.1 else None
            membership(
                group, partner, GroupRole.MEMBER, joined, left if left and left < HISTORY_END else None
            )
        for partner in rng.sample(active_partners(network, HISTORY_END), 2):
            if group.admission == Admission.REQUEST:
                GroupMembership.objects.get_or_create(
                    partner=partner,
                    group=group,
                    defaults={
                        "role": GroupRole.MEMBER,
                        "status": MembershipStatus.REQUESTED,
                        "message": "We would like to join and share our experience.",
                    },
                )


def project(
    network: Network,
    *,
    title: str,
    segment: str | None,
    proposed_on: date,
    statuses: list[tuple[str, date]],
    participants: list[tuple[Partner, str]],
    call: str | None = None,
    group: str | None = None,
    summary: str = "",
    is_demo: bool = True,
) -> Project:
    """A project with its consortium and its status history (the last status is the current one). It
    starts (`started_on`) on the first day its history reaches funded or running, if it does."""
    status, last_day = statuses[-1]
    started_on = next((day for to_status, day in statuses if to_status in WORK_STATUSES), None)
    obj, created = Project.objects.get_or_create(
        slug=slugify(title)[:200],
        defaults={
            "title": title,
            "segment": network.segments.get(segment) if segment else None,
            "call": network.calls.get(call) if call else None,
            "group": network.groups.get(group) if group else None,
            "status": status,
            "proposed_on": proposed_on,
            "started_on": started_on,
            "ended_on": last_day if status in CLOSED_STATUSES else None,
            "summary": summary or f"{title}: a generated project of the EV4SCC network.",
            "is_demo": is_demo,
        },
    )
    if created:
        previous = ""
        for to_status, day in statuses:
            ProjectStatusChange.objects.create(
                project=obj, from_status=previous, to_status=to_status, changed_on=day
            )
            previous = to_status
        for partner, role in participants:
            Participation.objects.get_or_create(
                project=obj,
                partner=partner,
                defaults={"role": role, "joined_on": max(proposed_on, partner.joined_on)},
            )
    return obj


def consortium(rng: random.Random, members: list[Partner]) -> list[tuple[Partner, str]]:
    roles = [ParticipationRole.COORDINATOR] + [
        rng.choice([ParticipationRole.PARTNER] * 3 + [ParticipationRole.ASSOCIATED]) for _ in members[1:]
    ]
    return list(zip(members, roles, strict=True))


def status_path(rng: random.Random, proposed_on: date) -> list[tuple[str, date]]:
    """A plausible walk through the statuses from the start date, never past the end of 2017."""
    path = [(ProjectStatus.IDEA, proposed_on)]
    day = proposed_on
    for status in (ProjectStatus.FORMING, ProjectStatus.SUBMITTED):
        day += timedelta(days=rng.randint(20, 90))
        if day > HISTORY_END or rng.random() < 0.15:
            if rng.random() < 0.3 and day <= HISTORY_END:
                path.append((ProjectStatus.ABANDONED, day))
            return path
        path.append((status, day))
    day += timedelta(days=rng.randint(60, 150))
    if day > HISTORY_END:
        return path
    if rng.random() < 0.3:
        return [*path, (ProjectStatus.REJECTED, day)]
    path.append((ProjectStatus.FUNDED, day))
    day += timedelta(days=rng.randint(30, 90))
    if day <= HISTORY_END:
        path.append((ProjectStatus.RUNNING, day))
    return path


def load_prelaunch_projects(rng: random.Random, network: Network) -> None:
    """Projects running before the launch: the collaborations the growth target is measured against."""
    frevue = network.partners["FREVUE project team"]
    project(
        network,
        title="FREVUE: Freight Electric Vehicles in Urban Europe",
        segment="urban-logistics",
        proposed_on=date(2013, 3, 1),
        is_demo=False,
        statuses=[
            (ProjectStatus.FUNDED, date(2013, 3, 1)),
            (ProjectStatus.RUNNING, date(2013, 3, 1)),
            (ProjectStatus.COMPLETED, date(2017, 9, 30)),
        ],
        participants=consortium(rng, [frevue, *network.danish_freight, network.partners["Aarhus"]]),
        summary="Electric freight vehicles demonstrated in European cities; its team brings the results to "
        "EV4SCC's E-freight group.",
    )
    launch_partners = active_partners(network, LAUNCH_DATE)
    for index in range(12):
        segment = rng.choice(list(PROJECT_THEMES))
        started = random_day(rng, date(2014, 1, 1), date(2015, 12, 31))
        project(
            network,
            title=f"{rng.choice(PROJECT_THEMES[segment])} {2014 + index % 2}-{index + 1:02d}",
            segment=segment,
            proposed_on=started,
            statuses=[(ProjectStatus.FUNDED, started), (ProjectStatus.RUNNING, started + timedelta(days=30))],
            participants=consortium(rng, rng.sample(launch_partners, rng.randint(3, 5))),
        )


def load_named_consortia(rng: random.Random, network: Network) -> None:
    partners = network.partners
    project(
        network,
        title="E-freight consortium for GV8-2017",
        segment="urban-logistics",
        call="GV8-2017",
        group="e-freight",
        proposed_on=date(2016, 5, 10),
        is_demo=False,
        statuses=[
            (ProjectStatus.IDEA, date(2016, 5, 10)),
            (ProjectStatus.FORMING, date(2016, 7, 1)),
            (ProjectStatus.SUBMITTED, date(2017, 2, 1)),
        ],
        participants=consortium(
            rng,
            [
                partners["Aarhus"],
                partners["FREVUE project team"],
                *network.danish_freight,
                partners["Gdynia"],
                partners["Urban Foresight"],
            ],
        ),
        summary="Freight operators with cities, Denmark and the FREVUE team answer H2020 call GV8-2017 on "
        "electrified urban commercial vehicles with fast charging; the partners signed a declaration "
        "to commit to e-freight.",
    )
    project(
        network,
        title="E-planning and smart charging consortium for MG4.2017",
        segment="infrastructure",
        call="MG4.2017",
        group="e-planning-smart-charging",
        proposed_on=date(2016, 5, 24),
        is_demo=False,
        statuses=[
            (ProjectStatus.IDEA, date(2016, 5, 24)),
            (ProjectStatus.FORMING, date(2016, 9, 5)),
            (ProjectStatus.SUBMITTED, date(2017, 2, 1)),
        ],
        participants=consortium(
            rng, [partners["Île-de-France"], partners["Leuven"], partners["Porto"], partners["Tampere"]]
        ),
        summary="Led by Île-de-France and open to other cities: planning charging infrastructure and smart "
        "charging, for H2020 call MG4.2017.",
    )
    fleet_cities = [
        partners[name] for name in ("Stuttgart Region", "Newcastle upon Tyne", "Málaga", "Bergamo", "Brno")
    ]
    project(
        network,
        title="E-fleet: financing 2,500 electric vehicles in 5 countries",
        segment="ev-fleets",
        group="e-fleet",
        proposed_on=date(2016, 6, 29),
        is_demo=False,
        statuses=[(ProjectStatus.IDEA, date(2016, 6, 29)), (ProjectStatus.FORMING, date(2016, 10, 3))],
        participants=consortium(rng, fleet_cities),
        summary="Met the European Investment Bank on 29 June 2016 about financing 2,500 electric vehicles "
        "for "
        "fleets in 5 countries.",
    )
    project(
        network,
        title="E-bus replication from Gothenburg",
        segment="public-transport",
        group="e-bus",
        proposed_on=date(2016, 9, 22),
        is_demo=False,
        statuses=[(ProjectStatus.IDEA, date(2016, 9, 22)), (ProjectStatus.FORMING, date(2016, 11, 15))],
        participants=consortium(
            rng, [partners["Gothenburg"], partners["Graz"], partners["Cork"], partners["Thessaloniki"]]
        ),
        summary='After the E-bus meeting at "Electro-mobility in Smart Cities", cities replicate '
        "Gothenburg's "
        "electric bus line.",
    )


def load_new_projects(rng: random.Random, network: Network) -> None:
    """43 more projects in the segments (47 with the four named ones, short of the target of 50), and
    three without a segment, which the target does not count."""
    for index in range(46):
        segment = rng.choice(list(PROJECT_THEMES)) if index < 43 else None
        theme = rng.choice(PROJECT_THEMES[segment or "multimodal"])
        started = random_day(rng, LAUNCH_DATE + timedelta(days=30), HISTORY_END - timedelta(days=15))
        members = rng.sample(active_partners(network, started), rng.randint(1 if index % 9 == 0 else 2, 6))
        project(
            network,
            title=f"{theme} {started.year}-{index + 1:02d}",
            segment=segment,
            proposed_on=started,
            statuses=status_path(rng, started),
            participants=consortium(rng, members),
        )


def load_events_and_news(network: Network) -> None:
    groups, segments = network.groups, network.segments
    assembly, _ = Event.objects.get_or_create(
        slug="general-assembly-2016",
        defaults={
            "title": "EV4SCC General Assembly 2016",
            "kind": EventKind.GENERAL_ASSEMBLY,
            "starts_at": at(GENERAL_ASSEMBLY_DAY, 9),
            "ends_at": at(GENERAL_ASSEMBLY_DAY, 17),
            "venue": "Brussels",
            "city": "Brussels",
            "country": "BE",
            "latitude": 50.8503,
            "longitude": 4.3517,
            "capacity": 120,
            "registration_open": False,
            "is_demo": False,
            "description": "The first General Assembly of the network after its launch, which split into "
            "four "
            "break-out groups. (The date and place are assumed for the demo.)",
            "agenda": "09:00 Welcome and the network's targets\n10:30 Break-out groups\n15:00 Reports from "
            "the groups\n16:30 Next steps",
        },
    )
    for position, (slug, name, _segment, _lead, _admission, _purpose, outcome) in enumerate(GROUPS):
        BreakoutSession.objects.get_or_create(
            event=assembly,
            title=f"Break-out group: {name}",
            defaults={"group": groups[slug], "outcome": outcome, "position": position},
        )
    eib, _ = Event.objects.get_or_create(
        slug="e-fleet-meeting-eib-2016",
        defaults={
            "title": "E-fleet meeting with the European Investment Bank",
            "kind": EventKind.GROUP_MEETING,
            "starts_at": at(date(2016, 6, 29), 10, "Europe/Luxembourg"),
            "ends_at": at(date(2016, 6, 29), 16, "Europe/Luxembourg"),
            "time_zone": "Europe/Luxembourg",
            "venue": "European Investment Bank",
            "city": "Luxembourg",
            "country": "LU",
            "latitude": 49.6233,
            "longitude": 6.1445,
            "segment": segments["ev-fleets"],
            "group": groups["e-fleet"],
            "capacity": 25,
            "registration_open": False,
            "is_demo": False,
            "description": "The E-fleet group met the European Investment Bank about financing 2,500 "
            "electric "
            "vehicles in 5 countries.",
        },
    )
    gothenburg, _ = Event.objects.get_or_create(
        slug="e-bus-meeting-gothenburg-2016",
        defaults={
            "title": 'E-bus meeting at "Electro-mobility in Smart Cities"',
            "kind": EventKind.GROUP_MEETING,
            "starts_at": at(date(2016, 9, 21), 9, "Europe/Stockholm"),
            "ends_at": at(date(2016, 9, 22), 17, "Europe/Stockholm"),
            "time_zone": "Europe/Stockholm",
            "venue": "Electro-mobility in Smart Cities",
            "city": "Gothenburg",
            "country": "SE",
            "latitude": 57.7089,
            "longitude": 11.9746,
            "segment": segments["public-transport"],
            "group": groups["e-bus"],
            "capacity": 40,
            "registration_open": False,
            "is_demo": False,
            "description": 'The E-bus group met in Gothenburg at the conference "Electro-mobility in Smart '
            'Cities".',
        },
    )
    for title, day, body, extra in [
        (
            "EV4SCC launched: cities sign the manifesto",
            LAUNCH_DATE,
            "74 partners from 19 countries, 19 of them cities and regions, launched EV4SCC. Urban Foresight "
            "coordinates the network.",
            {},
        ),
        (
            "General Assembly splits into four working groups",
            GENERAL_ASSEMBLY_DAY,
            "E-freight, E-planning and smart charging, E-fleet and E-bus: the four break-out groups of the "
            "General Assembly now work as the network's first working groups.",
            {"event": assembly},
        ),
        (
            "E-fleet group meets the European Investment Bank",
            date(2016, 6, 29),
            "The E-fleet group discussed financing 2,500 electric vehicles in 5 countries with the EIB.",
            {"event": eib, "group": groups["e-fleet"], "segment": segments["ev-fleets"]},
        ),
        (
            "E-bus group meets in Gothenburg",
            date(2016, 9, 22),
            'The E-bus group met at "Electro-mobility in Smart Cities" in Gothenburg.',
            {"event": gothenburg, "group": groups["e-bus"], "segment": segments["public-transport"]},
        ),
    ]:
        NewsItem.objects.get_or_create(
            slug=slugify(title), defaults={"title": title, "body": body, "published_at": at(day, 12), **extra}
        )
