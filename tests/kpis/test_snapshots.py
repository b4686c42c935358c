"""Daily snapshots: stored once a day is over, read by the dashboard and the API in one query, the
days after the last one computed live; verify_kpis recomputes every month-end from the history."""

from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kpis import facts, snapshots
from kpis.breakdowns import BREAKDOWNS
from kpis.metrics import METRICS
from kpis.models import BreakdownSnapshot, FactsVersion, Metric, MetricSnapshot, Target
from kpis.progress import assess_all
from partners.models import LAUNCH_DATE, Partner
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
    # 4 metrics and 4 breakdowns a day
    assert snapshots.fill(until=UNTIL) == 8 * ((UNTIL - snapshots.FIRST_DAY).days + 1)
    assert snapshots.fill(until=UNTIL) == 0  # again: nothing new
    row = MetricSnapshot.objects.get(metric="sme_share", date=date(2016, 4, 30))
    assert row.inputs == {"smes": 1, "partners": 4} and row.value == 25.0
    assert MetricSnapshot.objects.get(metric="new_projects", date=date(2016, 5, 2)).inputs == {"started": 1}


def test_today_is_never_stored(network):
    snapshots.fill(
        since=timezone.localdate() - timedelta(days=3), until=timezone.localdate() + timedelta(days=3)
    )
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


# --- today's provisional snapshots and the breakdowns ----------------------------------------------


def today_rows():
    return {row.metric: row for row in MetricSnapshot.objects.filter(date=timezone.localdate())}


def test_today_is_computed_once_then_read_until_a_fact_changes(network):
    snapshots.fill(month_ends_only=True)
    today = timezone.localdate()
    first = [a.values for a in assess_all(today)]
    assert {row.facts_version for row in today_rows().values()} == {facts.version()}
    with CaptureQueriesContext(connection) as read:
        assert [a.values for a in assess_all(today)] == first
    assert len(read) == 3  # the targets, the facts version, the snapshots: nothing computed
    cities_before = today_rows()["cities"].inputs["cities"]
    CityFactory()
    (cities,) = [a for a in assess_all(today) if a.target.metric == "cities"]
    assert cities.value == cities_before + 1 == today_rows()["cities"].inputs["cities"]
    assert today_rows()["cities"].facts_version == facts.version()


def test_a_change_makes_today_stale_and_its_commit_refreshes_it(network, django_capture_on_commit_callbacks):
    snapshots.refresh_today()
    before = today_rows()["cities"].inputs["cities"]
    with django_capture_on_commit_callbacks(execute=True):
        CityFactory()
    row = today_rows()["cities"]  # refreshed after the commit (eager Celery here; a worker 10 s later)
    assert (row.inputs["cities"], row.facts_version) == (before + 1, facts.version())
    assert (
        BreakdownSnapshot.objects.get(name="cities", date=timezone.localdate()).facts_version
        == facts.version()
    )


def test_a_provisional_snapshot_expires_without_a_change(network):
    """A write that sends no signal (QuerySet.update) shows once the provisional row is too old."""
    snapshots.fill(month_ends_only=True)
    city = CityFactory()
    snapshots.refresh_today()
    Partner.objects.filter(pk=city.pk).update(left_on=date(2020, 1, 1))
    (cities,) = [a for a in assess_all(timezone.localdate()) if a.target.metric == "cities"]
    stale = cities.value
    MetricSnapshot.objects.filter(facts_version__isnull=False).update(
        computed_at=timezone.now() - timedelta(seconds=snapshots.PROVISIONAL_SECONDS + 1)
    )
    (cities,) = [a for a in assess_all(timezone.localdate()) if a.target.metric == "cities"]
    assert cities.value == stale - 1


def test_the_night_replaces_a_provisional_snapshot_with_a_final_one(network):
    yesterday = timezone.localdate() - timedelta(days=1)
    MetricSnapshot.objects.create(metric="cities", date=yesterday, inputs={"cities": 99}, facts_version=0)
    snapshots.fill(since=yesterday)
    row = MetricSnapshot.objects.get(metric="cities", date=yesterday)
    assert row.facts_version is None and row.inputs == {"cities": METRICS["cities"](yesterday)}


def test_the_dashboard_reads_its_breakdowns_from_the_snapshots(network, client):
    snapshots.fill(until=UNTIL)
    live = {name: breakdown.count(UNTIL) for name, breakdown in BREAKDOWNS.items()}
    with CaptureQueriesContext(connection) as read:
        assert snapshots.breakdown_rows(UNTIL, BREAKDOWNS) == live
    assert len(read) == 1
    BreakdownSnapshot.objects.filter(name="cities", date=UNTIL).update(rows=[["FR", None, 7]])
    (table,) = [BREAKDOWNS["cities"].table(snapshots.breakdown_rows(UNTIL, ["cities"])["cities"])]
    assert table.rows == [["France", 0, 0, 0, 0, 7, 7]]


def test_verify_kpis_checks_the_breakdowns(network, capsys):
    snapshots.fill(until=UNTIL)
    call_command("verify_kpis")
    BreakdownSnapshot.objects.filter(name="sme_share", date=date(2016, 4, 30)).update(rows=[])
    with pytest.raises(CommandError, match="1 of"):
        call_command("verify_kpis")
    assert "breakdown sme_share on 2016-04-30: snapshot []" in capsys.readouterr().err


def test_snapshot_kpis_month_ends_stores_the_days_the_series_read(network):
    call_command("snapshot_kpis", "--until", "2016-04-15", "--month-ends")
    days = set(MetricSnapshot.objects.filter(metric="cities").values_list("date", flat=True))
    baselines = set(Target.objects.values_list("baseline_date", flat=True))
    assert baselines <= days
    assert days - baselines == {
        snapshots.FIRST_DAY,
        date(2016, 1, 31),
        date(2016, 2, 29),
        date(2016, 3, 31),
        date(2016, 4, 15),
    }


def test_verify_kpis_ignores_today_s_provisional_rows(network, capsys):
    # (Counted as the last day, today's rows would make every month-end since June 2016 missing.)
    snapshots.fill(until=UNTIL, month_ends_only=True)
    snapshots.refresh_today()
    assert MetricSnapshot.objects.filter(date=timezone.localdate()).exists()
    call_command("verify_kpis")
    assert "agree with the history" in capsys.readouterr().out


def test_a_stale_provisional_breakdown_is_counted_again(network):
    snapshots.refresh_today()
    today = timezone.localdate()
    BreakdownSnapshot.objects.filter(name="cities", date=today).update(rows=[["FR", None, 7]])
    assert snapshots.breakdown_rows(today, ["cities"])["cities"] == [["FR", None, 7]]  # still current
    CityFactory(country="DE")
    assert ["FR", None, 7] not in snapshots.breakdown_rows(today, ["cities"])["cities"]


def test_a_cascaded_delete_counts_as_a_change(network):
    before = facts.version()
    GroupMembershipFactory().group.delete()  # the memberships go with it
    assert facts.version() >= before + 2


def test_the_counter_is_made_again_when_missing(network):
    FactsVersion.objects.all().delete()
    CityFactory()
    made = facts.version()
    PartnerFactory()
    assert 0 < made < facts.version()


def test_a_breakdown_of_a_segment_deleted_since_is_labelled(network):
    from kpis.breakdowns import collaborations_table, new_projects_table

    assert collaborations_table([[999999, 3]]).rows[-1] == ["A removed segment", 3]
    assert new_projects_table([[999999, "funded", 2]]).rows[0][0] == "A removed segment"
