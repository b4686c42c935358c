"""Daily snapshots: stored once a day is over, read by the dashboard and the API in one query, the
days after the last one computed live; verify_kpis recomputes every month-end from the history."""

from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kpis import snapshots
from kpis.metrics import METRICS
from kpis.models import Metric, MetricSnapshot
from kpis.progress import assess_all
from partners.models import LAUNCH_DATE
from tests.factories import CityFactory, GroupMembershipFactory, PartnerFactory, ProjectFactory, TargetFactory

UNTIL = date(2016, 6, 30)


@pytest.fixture
def network(db):
    group = GroupMembershipFactory().group
    GroupMembershipFactory(group=group, joined_on=date(2016, 3, 1))
    CityFactory(joined_on=date(2016, 2, 10))
    PartnerFactory(is_sme=True, joined_on=date(2016, 4, 1), left_on=date(2016, 5, 15))
    ProjectFactory(started_on=date(2016, 5, 2))
    for metric in Metric.values:
        TargetFactory(metric=metric, unit="count", deadline=date(2030, 12, 31))


def test_fill_stores_each_day_once_with_its_inputs(network):
    assert snapshots.fill(until=UNTIL) == 4 * ((UNTIL - snapshots.FIRST_DAY).days + 1)
    assert snapshots.fill(until=UNTIL) == 0  # again: nothing new
    row = MetricSnapshot.objects.get(metric="sme_share", date=date(2016, 4, 30))
    assert row.inputs == {"smes": 1, "partners": 4} and row.value == 25.0
    assert MetricSnapshot.objects.get(metric="new_projects", date=date(2016, 5, 2)).inputs == {"started": 1}


def test_today_is_never_stored(network):
    snapshots.fill(until=timezone.localdate() + timedelta(days=3))
    assert MetricSnapshot.objects.order_by("date").last().date == timezone.localdate() - timedelta(days=1)


def test_every_snapshot_equals_the_reference_metric(network):
    snapshots.fill(until=UNTIL)
    for row in MetricSnapshot.objects.filter(date__gte=LAUNCH_DATE):
        assert row.value == pytest.approx(METRICS[row.metric](row.date)), (row.metric, row.date)


def test_the_dashboard_reads_the_snapshots_in_one_query_and_the_rest_live(network):
    as_of = date(2016, 12, 31)
    live = [a.values for a in assess_all(as_of)]
    snapshots.fill(until=as_of)
    with CaptureQueriesContext(connection) as read:
        stored = [a.values for a in assess_all(as_of)]
    assert stored == live
    assert len(read) == 2  # the targets, the snapshots of every target
    # A snapshot is what is read: tampering with one shows (verify_kpis exists to catch it).
    MetricSnapshot.objects.filter(metric="cities", date=date(2016, 3, 31)).update(inputs={"cities": 99})
    (cities,) = [a for a in assess_all(as_of) if a.target.metric == "cities"]
    assert dict(cities.points)[date(2016, 3, 31)] == 99


def test_days_after_the_last_snapshot_are_computed_live(network):
    snapshots.fill(until=UNTIL)
    CityFactory(joined_on=date(2016, 8, 1))
    (cities,) = [a for a in assess_all(date(2016, 12, 31)) if a.target.metric == "cities"]
    points = dict(cities.points)
    assert (points[date(2016, 6, 30)], points[date(2016, 8, 31)]) == (1, 2)


def test_verify_kpis_passes_on_true_snapshots_and_fails_on_a_wrong_one(network, capsys):
    snapshots.fill(until=UNTIL)
    call_command("verify_kpis")
    assert "agree with the history" in capsys.readouterr().out
    MetricSnapshot.objects.filter(metric="new_projects", date=date(2016, 5, 31)).update(value=7)
    with pytest.raises(CommandError, match="1 of"):
        call_command("verify_kpis")
    assert "new_projects on 2016-05-31: snapshot 7.0, history 1" in capsys.readouterr().err


def test_verify_kpis_reports_a_missing_month_end(network, capsys):
    snapshots.fill(until=UNTIL)
    MetricSnapshot.objects.filter(date=date(2016, 4, 30), metric="cities").delete()
    with pytest.raises(CommandError):
        call_command("verify_kpis")
    assert "cities on 2016-04-30: no snapshot" in capsys.readouterr().err


def test_verify_kpis_without_snapshots_says_so(db):
    with pytest.raises(CommandError, match="no snapshots"):
        call_command("verify_kpis")


def test_snapshot_kpis_rebuild_and_a_bad_date(network):
    call_command("snapshot_kpis", "--until", "2016-02-29")
    MetricSnapshot.objects.update(inputs={"cities": 0, "smes": 0, "partners": 0, "pairs": 0, "started": 0})
    call_command("snapshot_kpis", "--until", "2016-02-29", "--rebuild")
    assert MetricSnapshot.objects.get(metric="cities", date=date(2016, 2, 29)).inputs == {"cities": 1}
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("snapshot_kpis", "--until", "29/02/2016")
