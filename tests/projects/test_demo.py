"""The demo data of the projects app: the named consortia on their calls and the marketplace."""

import pytest
from django.core.management import call_command

from projects.models import FundingCall, Need, Participation, ParticipationStatus, Replication, Solution

pytestmark = pytest.mark.django_db


def test_demo_has_the_consortia_on_their_calls_and_a_marketplace_with_matches(client):
    call_command("seed_demo", verbosity=0)
    counts = (Solution.objects.count(), Replication.objects.count(), Need.objects.count())
    gv8 = FundingCall.objects.get(identifier="GV8-2017")
    assert gv8.projects.filter(title__startswith="E-freight").exists()
    assert (
        FundingCall.objects.get(identifier="MG4.2017")
        .projects.filter(title__startswith="E-planning")
        .exists()
    )
    assert counts[0] >= 5 and counts[1] >= 5
    assert Solution.objects.filter(project__isnull=False).exists()
    bus = Solution.objects.get(slug="opportunity-charged-electric-bus-line")
    assert (
        "Tested in Gothenburg, replicated in 3 cities" in client.get(bus.get_absolute_url()).content.decode()
    )
    assert Participation.objects.filter(partner__name="Tartu", status=ParticipationStatus.INVITED).exists()
    for need in Need.objects.open():
        assert Solution.objects.matching(need).exists(), need
    call_command("seed_demo", verbosity=0)
    assert (Solution.objects.count(), Replication.objects.count(), Need.objects.count()) == counts
