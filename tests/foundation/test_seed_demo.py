from datetime import date

import pytest
from django.apps import apps
from django.core.management import call_command

from events.models import BreakoutSession, Event
from kpis.models import Target
from partners.models import LAUNCH_DATE, Partner
from projects.models import FundingCall, Project
from segments.models import Segment, WorkingGroup

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.fixture
def demo():
    call_command("seed_demo", verbosity=0)


def test_launch_figures_are_74_partners_19_countries_19_cities(demo):
    assert Partner.objects.active(on=LAUNCH_DATE).headline_figures() == {
        "partners": 74,
        "countries": 19,
        "cities": 19,
    }


def test_every_partner_was_active_by_the_launch_or_joined_after_it(demo):
    launch = Partner.objects.filter(joined_on__lte=LAUNCH_DATE)
    assert launch.count() == 74
    assert not launch.filter(joined_on__lt=LAUNCH_DATE).exists()


def test_loading_twice_changes_nothing(demo):
    before = row_counts()
    call_command("seed_demo", verbosity=0)
    assert row_counts() == before


def test_launch_facts_are_there(demo):
    coordinator = Partner.objects.get(is_network_coordinator=True)
    assert coordinator.name == "Urban Foresight"
    assert Segment.objects.count() == 5
    assert all(segment.lead_city and segment.lead_city.is_city for segment in Segment.objects.all())
    assert {t.metric for t in Target.objects.all()} == {
        "cities",
        "sme_share",
        "collaboration_growth",
        "new_projects",
    }
    assert set(Target.objects.values_list("deadline", flat=True)) == {date(2017, 12, 31)}
    assert set(FundingCall.objects.values_list("identifier", flat=True)) >= {"GV8-2017", "MG4.2017"}
    assert (
        Project.objects.get(call__identifier="MG4.2017", participations__role="coordinator")
        .participations.get(role="coordinator")
        .partner.name
        == "Île-de-France"
    )
    efreight = Project.objects.get(call__identifier="GV8-2017")
    assert efreight.participations.filter(partner__country="DK").count() >= 2
    assert efreight.participations.filter(partner__name__contains="FREVUE").exists()
    assert BreakoutSession.objects.filter(event__slug="general-assembly-2016").count() == 4
    assert set(WorkingGroup.objects.filter(sessions__isnull=False).values_list("name", flat=True)) == {
        "E-freight",
        "E-planning and smart charging",
        "E-fleet",
        "E-bus",
    }
    eib = Event.objects.get(slug="e-fleet-meeting-eib-2016")
    assert eib.starts_at.astimezone(eib.tzinfo).date() == date(2016, 6, 29)
    assert "2,500" in eib.description
    gothenburg = Event.objects.get(slug="e-bus-meeting-gothenburg-2016")
    assert gothenburg.city == "Gothenburg"
    assert [
        gothenburg.starts_at.astimezone(gothenburg.tzinfo).day,
        gothenburg.ends_at.astimezone(gothenburg.tzinfo).day,
    ] == [21, 22]


def test_unnamed_partners_are_flagged_as_demo(demo):
    real = set(Partner.objects.filter(is_demo=False).values_list("name", flat=True))
    assert real == {"Urban Foresight", "Île-de-France", "FREVUE project team"}


def test_history_gives_the_targets_a_past(demo):
    end_2017 = date(2017, 12, 31)
    assert Partner.objects.active(on=end_2017).cities().count() > 19
    assert Project.objects.new_in_segments(LAUNCH_DATE, end_2017).count() > 4


def test_scale_adds_generated_partners_with_their_data(demo):
    before = Partner.objects.count()
    call_command("seed_demo", scale=300, verbosity=0)
    assert Partner.objects.count() == before + 300
    assert Project.objects.filter(slug__startswith="scale-").count() == 30
