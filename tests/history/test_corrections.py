"""Corrections of the past: only coordinators, only with a reason, audited; they change the past
figures and the snapshots are recomputed from the corrected day on. Refused ones change nothing."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from audit.models import AuditEntry
from core.errors import Reason, ServiceError
from kpis import snapshots
from kpis.metrics import METRICS, active_collaborations
from kpis.models import MetricSnapshot
from kpis.progress import assess_all
from projects import services as projects
from segments import services as segments
from segments.models import GroupMembership, MembershipStatus
from tests.admin.helpers import reported, run_action

IN_2016 = date(2016, 4, 30)
#: Snapshots up to here are enough to see a correction of a period in 2016 (and keep the tests quick:
#: a correction stores every day again from the corrected one on).
SNAPSHOTS_UNTIL = date(2016, 7, 31)


@pytest.fixture
def old_period(cast, past) -> GroupMembership:
    return GroupMembership.objects.get(group=cast.group, partner=cast.partner_b, status=MembershipStatus.LEFT)


def correct(cast, membership, by="coordinator", **dates):
    dates = {"joined_on": date(2016, 6, 1), "left_on": date(2017, 6, 30), "reason": "Joined in June", **dates}
    return segments.correct_membership_period(membership=membership, by=cast.user(by), **dates)


def test_a_coordinator_corrects_a_period_and_the_past_is_recomputed(
    cast, old_period, django_capture_on_commit_callbacks
):
    snapshots.fill(until=SNAPSHOTS_UNTIL)
    before = active_collaborations(IN_2016)
    stale = MetricSnapshot.objects.get(metric="collaboration_growth", date=IN_2016)
    untouched = set(MetricSnapshot.objects.filter(date__lt=date(2016, 3, 1)).values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        correct(cast, old_period)  # partner B joined in June, not March 2016
    old_period.refresh_from_db()
    assert (old_period.joined_on, old_period.left_on) == (date(2016, 6, 1), date(2017, 6, 30))
    assert active_collaborations(IN_2016) == before - 2  # no longer with the lead and partner A
    fresh = MetricSnapshot.objects.get(metric="collaboration_growth", date=IN_2016)
    assert fresh.inputs == {"pairs": before - 2} != stale.inputs
    # The days before the corrected period keep their rows; the others are stored again.
    assert untouched <= set(MetricSnapshot.objects.values_list("pk", flat=True))
    assert stale.pk != fresh.pk
    # Stored again up to the last day there was, and not beyond.
    assert MetricSnapshot.objects.filter(date=SNAPSHOTS_UNTIL).count() == 4
    # No day is added that was not there (today's provisional rows are refreshed after any change).
    assert not MetricSnapshot.objects.filter(date__gt=SNAPSHOTS_UNTIL, facts_version=None).exists()
    # The dashboard reads the corrected history.
    (growth,) = [a for a in assess_all(timezone.localdate()) if a.target.metric == "collaboration_growth"]
    assert dict(growth.points)[IN_2016] == METRICS["collaboration_growth"](IN_2016)
    entry = AuditEntry.objects.get(action="group_membership.period_corrected")
    assert entry.before["joined_on"] == "2016-03-01" and entry.after["joined_on"] == "2016-06-01"
    assert entry.after["reason"] == "Joined in June"


@pytest.mark.parametrize("who", ["lead", "rep_b", "member"])
def test_only_a_coordinator_corrects_the_past(cast, old_period, who):
    with pytest.raises(ServiceError) as refused:
        correct(cast, old_period, by=who)
    assert refused.value.reason == Reason.FORBIDDEN
    old_period.refresh_from_db()
    assert old_period.joined_on == date(2016, 3, 1)
    assert not AuditEntry.objects.filter(action="group_membership.period_corrected").exists()


@pytest.mark.parametrize(
    ("dates", "field"),
    [
        ({"reason": " "}, "reason"),
        ({"left_on": None}, "left_on"),  # a left period keeps its end
        ({"left_on": date(2016, 5, 1)}, "left_on"),  # before it was joined
        (
            {"joined_on": date(2016, 1, 1), "left_on": date(2016, 2, 1)},
            "joined_on",
        ),  # overlaps A? no: B's own
        ({"joined_on": timezone.localdate() + timedelta(days=1), "left_on": None}, "joined_on"),
    ],
)
def test_a_bad_correction_is_refused_and_changes_nothing(cast, old_period, dates, field):
    if field == "joined_on" and "left_on" in dates and dates["left_on"] is not None:
        # Another period of partner B that the corrected one would overlap.
        GroupMembership.objects.create(
            group=cast.group,
            partner=cast.partner_b,
            status=MembershipStatus.LEFT,
            joined_on=date(2016, 1, 28),
            left_on=date(2016, 2, 15),
        )
    # (The month-ends are enough to see that nothing is deleted or stored again.)
    snapshots.fill(until=SNAPSHOTS_UNTIL, month_ends_only=True)
    count = MetricSnapshot.objects.count()
    with pytest.raises(ServiceError) as refused:
        correct(cast, old_period, **dates)
    assert (refused.value.reason, refused.value.field) == (Reason.INVALID, field)
    old_period.refresh_from_db()
    assert (old_period.joined_on, old_period.left_on) == (date(2016, 3, 1), date(2017, 6, 30))
    assert MetricSnapshot.objects.count() == count


def test_an_open_request_has_no_period_to_correct(cast, past):
    request = segments.request_group_membership(group=cast.group, partner=cast.partner_b, by=cast.rep_b)
    with pytest.raises(ServiceError) as refused:
        correct(cast, request, left_on=None)
    assert refused.value.reason == Reason.CONFLICT


def test_a_coordinator_corrects_a_project_start(cast, past, django_capture_on_commit_callbacks):
    project = past["submitted"]
    snapshots.fill(since=date(2016, 10, 1), until=date(2016, 12, 31))
    assert METRICS["new_projects"](date(2016, 12, 31)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        projects.correct_project_start(
            project=project, started_on=date(2016, 11, 2), by=cast.coordinator, reason="Funded in 2016"
        )
    assert METRICS["new_projects"](date(2016, 12, 31)) == 1
    assert MetricSnapshot.objects.get(metric="new_projects", date=date(2016, 12, 31)).value == 1
    assert MetricSnapshot.objects.get(metric="new_projects", date=date(2016, 11, 1)).value == 0
    entry = AuditEntry.objects.get(action="project.start_corrected")
    assert (entry.before, entry.after) == (
        {"started_on": None},
        {"started_on": "2016-11-02", "reason": "Funded in 2016"},
    )


def test_a_project_start_correction_is_refused_to_others_and_for_bad_dates(cast, past):
    project = past["submitted"]
    with pytest.raises(ServiceError) as refused:
        projects.correct_project_start(
            project=project, started_on=date(2016, 11, 2), by=cast.lead, reason="x"
        )
    assert refused.value.reason == Reason.FORBIDDEN
    project.ended_on = date(2016, 10, 1)
    project.save()
    with pytest.raises(ServiceError) as refused:
        projects.correct_project_start(
            project=project, started_on=date(2016, 11, 2), by=cast.coordinator, reason="x"
        )
    assert refused.value.field == "started_on"
    project.refresh_from_db()
    assert project.started_on is None


def test_the_admin_offers_the_correction_to_coordinators(cast, old_period):
    cast.coordinator.is_superuser = True  # the admin's model permissions
    cast.coordinator.save()
    response = run_action(
        cast.client("coordinator"),
        "correct_period",
        old_period,
        joined_on="2016-06-01",
        left_on="2017-06-30",
        reason="Joined in June",
    )
    assert reported(response) == [
        ("success", f"{old_period}: period corrected; the figures are recomputed from that day.")
    ]
    old_period.refresh_from_db()
    assert old_period.joined_on == date(2016, 6, 1)
    assert AuditEntry.objects.get(action="group_membership.period_corrected").after["via"] == "admin"


def test_the_admin_shows_a_bad_correction_as_its_refusal(cast, old_period):
    cast.coordinator.is_superuser = True
    cast.coordinator.save()
    response = run_action(
        cast.client("coordinator"),
        "correct_period",
        old_period,
        joined_on="2016-06-01",
        left_on="",
        reason="x",
    )
    assert reported(response) == [
        ("error", f"{old_period}: This membership ended: give the day it was left.")
    ]
    old_period.refresh_from_db()
    assert old_period.joined_on == date(2016, 3, 1)
