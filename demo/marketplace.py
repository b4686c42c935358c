"""The marketplace of the demo: tested solutions with their evidence (some from the named projects),
the cities that replicated them, and open city needs that the solutions match; and, so that the demo
logins see the consortium workflow, an invitation and a request to join waiting for an answer. Every
row is demo data; the figures are plausible, not reported ones."""

from datetime import date

from django.utils.text import slugify

from partners.models import Partner
from projects.models import (
    Need,
    NeedStatus,
    Participation,
    ParticipationStatus,
    Project,
    Replication,
    Solution,
)

from .launch import Network

E_BUS = "E-bus replication from Gothenburg"
E_PLANNING = "E-planning and smart charging consortium for MG4.2017"
FREVUE = "FREVUE: Freight Electric Vehicles in Urban Europe"

SOLUTIONS = [
    # (title, segment, provider (None: the segment's first lead company), tested in, project, vehicles,
    #  charge points, summary, evidence, replications [(city, in the project?, day)])
    (
        "Opportunity-charged electric bus line",
        "public-transport",
        None,
        "Gothenburg",
        None,
        10,
        3,
        "Quiet, zero-emission buses on a whole line, charged for a few minutes at the end stops.",
        "Ran a full urban line in Gothenburg for two years with 10 buses and 3 end-stop chargers; energy use "
        "down by 80% against diesel.",
        [
            ("Graz", E_BUS, date(2017, 3, 1)),
            ("Cork", E_BUS, date(2017, 6, 15)),
            ("Umeå", None, date(2017, 9, 1)),
        ],
    ),
    (
        "Electric vans with an urban consolidation centre",
        "urban-logistics",
        "FREVUE project team",
        "Aarhus",
        FREVUE,
        80,
        40,
        "Deliveries into the city centre bundled at a consolidation centre and finished with electric vans.",
        "Demonstrated within FREVUE: 80 electric freight vehicles in daily service, fewer van trips into the "
        "centre.",
        [("Gdynia", None, date(2016, 11, 1)), ("Odense", None, date(2017, 4, 20))],
    ),
    (
        "Charge point planning and smart charging service",
        "infrastructure",
        None,
        "Île-de-France",
        None,
        None,
        250,
        "A planning tool that places public charge points from demand data, and a back office that shifts "
        "charging to off-peak hours.",
        "250 public charge points planned and operated in Île-de-France; peak load from charging cut by a "
        "third.",
        [("Leuven", E_PLANNING, date(2017, 5, 2)), ("Porto", E_PLANNING, date(2017, 10, 9))],
    ),
    (
        "Pooled procurement for electric municipal fleets",
        "ev-fleets",
        None,
        "Stuttgart Region",
        None,
        120,
        60,
        "Municipalities buy electric cars and vans together, with leasing and telematics to keep them "
        "in use.",
        "120 electric vehicles in municipal fleets of the Stuttgart Region, used 30% more than the cars they "
        "replaced.",
        [("Bergamo", None, date(2017, 7, 3))],
    ),
    (
        "Mobility hub with electric car and bike sharing",
        "multimodal",
        None,
        "Eindhoven",
        None,
        25,
        12,
        "Electric shared cars and e-bikes at a station square, booked with the public transport card.",
        "A hub at Eindhoven station with 25 shared electric vehicles.",
        [],
    ),
]

NEEDS = [
    # (title, city, segment, timeline, budget min, budget max, status, description)
    (
        "Electric buses for two city lines",
        "Tartu",
        "public-transport",
        "Tender in 2018",
        2_000_000,
        5_000_000,
        NeedStatus.OPEN,
        "Tartu wants to run two bus lines with electric buses and needs a charging concept that fits a "
        "small city's depot.",
    ),
    (
        "A charging plan for the city centre",
        "Stavanger",
        "infrastructure",
        "Plan by mid-2018",
        None,
        400_000,
        NeedStatus.OPEN,
        "Where to put public charge points in and around the centre, and how to manage their load.",
    ),
    (
        "Clean deliveries in the old town",
        "Bergamo",
        "urban-logistics",
        "Pilot in 2018",
        150_000,
        600_000,
        NeedStatus.OPEN,
        "Deliveries into the upper town with light electric vehicles and a consolidation point.",
    ),
    (
        "Electric car sharing at the station",
        "Tampere",
        "multimodal",
        "Concession in 2018",
        None,
        None,
        NeedStatus.OPEN,
        "An operator for electric car sharing at the new travel centre.",
    ),
    (
        "Electric refuse trucks",
        "Málaga",
        "ev-fleets",
        "Tendered in 2017",
        1_000_000,
        3_000_000,
        NeedStatus.CLOSED,
        "Electric refuse collection vehicles for the historic centre; the tender is awarded.",
    ),
]


def load(network: Network) -> None:
    partners, segments = network.partners, network.segments
    for (
        title,
        segment,
        provider,
        tested_in,
        project,
        vehicles,
        charge_points,
        summary,
        evidence,
        replications,
    ) in SOLUTIONS:
        solution, _ = Solution.objects.get_or_create(
            slug=slugify(title),
            defaults={
                "title": title,
                "segment": segments[segment],
                "provider": partners[provider] if provider else lead_company(network, segment),
                "tested_in": partners[tested_in],
                "project": named_project(project),
                "vehicles": vehicles,
                "charge_points": charge_points,
                "summary": summary,
                "evidence": evidence,
                "is_demo": True,
            },
        )
        for city, in_project, day in replications:
            Replication.objects.get_or_create(
                solution=solution,
                city=partners[city],
                defaults={"project": named_project(in_project), "replicated_on": day},
            )
    for title, city, segment, timeline, budget_min, budget_max, status, description in NEEDS:
        Need.objects.get_or_create(
            slug=slugify(title),
            defaults={
                "title": title,
                "city": partners[city],
                "segment": segments[segment],
                "timeline": timeline,
                "budget_min_eur": budget_min,
                "budget_max_eur": budget_max,
                "status": status,
                "description": description,
                "is_demo": True,
            },
        )
    load_waiting(network)


#: (project, partner, status): Tartu is invited to the E-bus consortium that Gothenburg coordinates, and
#: Umeå asks to join it.
WAITING = [(E_BUS, "Tartu", ParticipationStatus.INVITED), (E_BUS, "Umeå", ParticipationStatus.REQUESTED)]


def load_waiting(network: Network) -> None:
    for title, partner, status in WAITING:
        Participation.objects.get_or_create(
            project=named_project(title), partner=network.partners[partner], defaults={"status": status}
        )


def named_project(title: str | None) -> Project | None:
    return Project.objects.get(slug=slugify(title)[:200]) if title else None


def lead_company(network: Network, segment: str) -> Partner:
    return network.segments[segment].lead_companies.order_by("id").first()
