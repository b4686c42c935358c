"""History is append-only for the metrics: changing the present (rejoining, leaving, a status change,
an edit of a partner) leaves the value of every metric on every earlier month-end as it was, read
from the raw history (kpis.metrics) and as the dashboard and the API read it (the assessments, from
the snapshots and live)."""

from datetime import date, timedelta

from django.utils import timezone

from kpis import snapshots
from kpis.metrics import METRICS, active_collaborations
from kpis.progress import assess_all
from kpis.series import month_ends
from partners.models import LAUNCH_DATE
from projects import services as projects
from projects.models import ProjectStatus
from segments import services as segments


def past_month_ends() -> list:
    return [day for day in month_ends(LAUNCH_DATE, timezone.localdate()) if day < timezone.localdate()]


def from_the_history(targets) -> dict:
    return {
        metric: [
            METRICS[metric](day, baseline=target.baseline_date, deadline=target.deadline)
            for day in past_month_ends()
        ]
        for metric, target in targets.items()
    }


def as_assessed() -> dict:
    """What the dashboard and the API show, for the dates before today."""
    today = timezone.localdate()
    return {a.target.metric: [value for day, value in a.points if day < today] for a in assess_all(today)}


def change_the_present(cast, past) -> None:
    # Partner B rejoins the group it left in 2017: a request, approved by the lead.
    request = segments.request_group_membership(group=cast.group, partner=cast.partner_b, by=cast.rep_b)
    segments.approve_membership_request(membership=request, by=cast.lead)
    # Partner A leaves the group it is in since the launch.
    segments.leave_group(membership=cast.membership_a, by=cast.rep_a)
    # Partner B is invited back into the consortium it left in 2016, and accepts.
    invitation = projects.invite_partner(project=past["forming"], partner=cast.partner_b, by=cast.coordinator)
    projects.accept_invitation(participation=invitation, by=cast.rep_b)
    # The project proposed in 2016 is funded today; another proposal is abandoned.
    projects.change_status(project=past["submitted"], to_status=ProjectStatus.FUNDED, by=cast.coordinator)
    projects.change_status(project=past["forming"], to_status=ProjectStatus.ABANDONED, by=cast.coordinator)
    # An edit of a partner's profile.
    cast.partner_a.name, cast.partner_a.city = "Voltaic Fleets Europe", "Paris"
    cast.partner_a.save()


def test_changing_the_present_leaves_every_past_month_end_as_it_was(cast, past, targets):
    # Snapshots of the days of the first two years that the assessments read (the month-ends, the
    # baselines): they read those from them, the later ones live.
    snapshots.fill(until=date(2018, 1, 31), month_ends_only=True)
    history, assessed = from_the_history(targets), as_assessed()
    today = timezone.localdate()
    pairs_today, new_today = active_collaborations(today), METRICS["new_projects"](today)

    change_the_present(cast, past)

    assert from_the_history(targets) == history
    assert as_assessed() == assessed
    # The present did change: partner B is back, A is out, the funded project counts from today.
    assert METRICS["new_projects"](today) == new_today + 1
    assert active_collaborations(today) != pairs_today or pairs_today == 0
    assert len(history["cities"]) > 100  # every month-end since the launch was compared


def test_rejoining_keeps_the_first_period_so_its_collaborations_stay(cast, past):
    """The case that reused the row: partner B and the lead were together in 2016; rejoining today
    must not move that."""
    in_2016 = past["forming"].proposed_on + timedelta(days=30)
    before = active_collaborations(in_2016)
    request = segments.request_group_membership(group=cast.group, partner=cast.partner_b, by=cast.rep_b)
    segments.approve_membership_request(membership=request, by=cast.lead)
    assert active_collaborations(in_2016) == before
    assert cast.partner_b.group_memberships.filter(group=cast.group).count() == 2
