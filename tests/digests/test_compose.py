from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from digests.compose import compose
from digests.emails import render_digest
from events.models import RegistrationStatus
from projects.models import Need, ProjectStatus, ProjectStatusChange, Solution
from segments.models import MembershipStatus
from tests.factories import (
    CityFactory,
    EventFactory,
    GroupMembershipFactory,
    NewsItemFactory,
    PartnerFactory,
    ProjectFactory,
    RegistrationFactory,
    SegmentFactory,
    WorkingGroupFactory,
)

from .factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


def status_change(project, on, to, from_status=ProjectStatus.RUNNING):
    return ProjectStatusChange.objects.create(
        project=project, from_status=from_status, to_status=to, changed_on=on
    )


def make_solution(segment, created_at, **kwargs):
    solution = Solution.objects.create(
        title=kwargs.pop("title", "E-bus with end-stop charging"),
        slug=kwargs.pop("slug", f"solution-{Solution.objects.count()}"),
        provider=PartnerFactory(),
        segment=segment,
        summary="Runs a full line.",
    )
    Solution.objects.filter(pk=solution.pk).update(created_at=created_at)  # created_at is auto_now_add
    return solution


def make_need(segment, created_at, **kwargs):
    need = Need.objects.create(
        title=kwargs.pop("title", "Charging hubs for taxis"),
        slug=kwargs.pop("slug", f"need-{Need.objects.count()}"),
        city=CityFactory(),
        segment=segment,
        description="Ten hubs.",
        **kwargs,
    )
    Need.objects.filter(pk=need.pk).update(created_at=created_at)
    return need


def test_new_partners_of_followed_countries_in_the_period_grouped_by_country(period):
    subscription = SubscriptionFactory(countries=["DE", "SE"])
    for n in range(7):
        PartnerFactory(country="DE", name=f"Stadtwerk {n}", joined_on=period.start + timedelta(days=n % 7))
    PartnerFactory(country="SE", name="Umeå Energi", joined_on=period.end)
    PartnerFactory(country="DE", name="Too early", joined_on=period.start - timedelta(days=1))
    PartnerFactory(country="FR", name="Not followed", joined_on=period.start)

    digest = compose(subscription, period)

    new_partners = digest.parts["new_partners"].items
    assert [(entry.country.code, len(entry.partners)) for entry in new_partners.countries] == [
        ("DE", 7),
        ("SE", 1),
    ]
    assert new_partners.countries[0].more == 2 and new_partners.total == 8
    text = render_digest(digest).text
    assert (
        "7 new partners in Germany: Stadtwerk 0, Stadtwerk 1, Stadtwerk 2, Stadtwerk 3, Stadtwerk 4 "
        "and 2 more" in text
    )
    assert "1 new partner in Sweden: Umeå Energi" in text
    assert "Too early" not in text and "Not followed" not in text


def test_status_changes_of_followed_projects_grouped_per_project(period, segment):
    group = WorkingGroupFactory()
    followed_project = ProjectFactory(segment=SegmentFactory(), title="Followed by name")
    subscription = SubscriptionFactory(segments=[segment], groups=[group], projects=[followed_project])
    in_segment = ProjectFactory(segment=segment, title="E-bus Gothenburg")
    status_change(in_segment, period.start, ProjectStatus.FORMING, from_status="")
    status_change(in_segment, period.end, ProjectStatus.SUBMITTED, from_status=ProjectStatus.FORMING)
    status_change(
        ProjectFactory(segment=None, group=group, title="From the group"), period.end, ProjectStatus.FUNDED
    )
    status_change(followed_project, period.start, ProjectStatus.COMPLETED)
    status_change(
        ProjectFactory(segment=segment, title="Last month"),
        period.start - timedelta(days=1),
        ProjectStatus.FUNDED,
    )
    status_change(ProjectFactory(title="Elsewhere"), period.start, ProjectStatus.FUNDED)

    digest = compose(subscription, period)

    entries = {entry.project.title: entry for entry in digest.parts["projects"].items}
    assert set(entries) == {"E-bus Gothenburg", "From the group", "Followed by name"}
    assert entries["E-bus Gothenburg"].is_new and entries["E-bus Gothenburg"].status == "Submitted"
    assert not entries["From the group"].is_new
    assert "E-bus Gothenburg: new, now Submitted" in render_digest(digest).text


def test_solutions_and_needs_in_followed_segments(period, segment, in_period):
    subscription = SubscriptionFactory(segments=[segment])
    make_solution(segment, in_period, title="Fleet telematics")
    make_solution(segment, in_period - timedelta(days=30), title="Old solution")
    make_solution(SegmentFactory(), in_period, title="Other segment solution")
    make_need(segment, in_period, title="Cargo bikes for the old town")
    make_need(segment, in_period, title="Closed need", status="closed")

    digest = compose(subscription, period)

    assert [s.title for s in digest.parts["solutions"].items] == ["Fleet telematics"]
    assert [n.title for n in digest.parts["needs"].items] == ["Cargo bikes for the old town"]


def test_group_membership_changes_in_followed_groups(period):
    group = WorkingGroupFactory(name="E-freight")
    subscription = SubscriptionFactory(groups=[group])
    GroupMembershipFactory(group=group, partner=PartnerFactory(name="Aarhus"), joined_on=period.start)
    GroupMembershipFactory(group=group, partner=PartnerFactory(name="Tartu"), joined_on=period.end)
    GroupMembershipFactory(
        group=group,
        partner=PartnerFactory(name="Graz"),
        status=MembershipStatus.LEFT,
        joined_on=period.start - timedelta(days=100),
        left_on=period.end,
    )
    GroupMembershipFactory(
        group=group,
        partner=PartnerFactory(name="Requested"),
        status=MembershipStatus.REQUESTED,
        joined_on=None,
    )
    GroupMembershipFactory(
        group=group, partner=PartnerFactory(name="Long ago"), joined_on=period.start - timedelta(days=1)
    )
    GroupMembershipFactory(partner=PartnerFactory(name="Other group"), joined_on=period.start)

    digest = compose(subscription, period)

    [entry] = digest.parts["groups"].items
    assert [p.name for p in entry.joined] == ["Aarhus", "Tartu"]
    assert [p.name for p in entry.left] == ["Graz"]
    assert "E-freight: 2 joined (Aarhus, Tartu); 1 left (Graz)" in render_digest(digest).text


def test_upcoming_events_with_seats_left_in_followed_segments(period, segment):
    subscription = SubscriptionFactory(segments=[segment])
    with_seats = EventFactory(segment=segment, title="E-bus meeting", capacity=3)
    RegistrationFactory(event=with_seats)
    RegistrationFactory(event=with_seats, status=RegistrationStatus.CANCELLED)
    EventFactory(segment=segment, title="No limit", capacity=None)
    full = EventFactory(segment=segment, title="Full", capacity=1)
    RegistrationFactory(event=full)
    EventFactory(segment=segment, title="Closed", registration_open=False)
    EventFactory(segment=SegmentFactory(), title="Other segment")

    digest = compose(subscription, period)

    assert {event.title: event.seats_left for event in digest.parts["events"].items} == {
        "E-bus meeting": 2,
        "No limit": None,
    }
    assert "(2 seats left)" in render_digest(digest).text


def test_news_about_what_is_followed_or_all_news(period, segment, in_period):
    NewsItemFactory(segment=segment, published_at=in_period, title="About my segment")
    NewsItemFactory(segment=SegmentFactory(), published_at=in_period, title="About another segment")
    NewsItemFactory(segment=segment, published_at=in_period - timedelta(days=30), title="Old news")

    followed_only = compose(SubscriptionFactory(segments=[segment]), period)
    everything = compose(SubscriptionFactory(segments=[segment], all_news=True), period)

    assert [item.title for item in followed_only.parts["news"].items] == ["About my segment"]
    assert sorted(item.title for item in everything.parts["news"].items) == [
        "About another segment",
        "About my segment",
    ]


def test_a_digest_with_only_upcoming_events_has_no_changes(period, segment):
    EventFactory(segment=segment)
    digest = compose(SubscriptionFactory(segments=[segment]), period)
    assert list(digest.parts) == ["events"] and not digest.has_changes


def test_links_are_absolute_and_the_html_needs_no_stylesheet(period, segment, news_in_period, settings):
    settings.SITE_URL = "https://ev4scc.example"
    email = render_digest(compose(SubscriptionFactory(segments=[segment]), period))
    assert f'href="https://ev4scc.example/news/{news_in_period.slug}/"' in email.html
    assert f"https://ev4scc.example/news/{news_in_period.slug}/" in email.text
    assert "<link" not in email.html and 'href="/' not in email.html
    assert "https://ev4scc.example/digests/unsubscribe/" in email.text


def build_changes(period, segment, group, country, n):
    """n of every kind of item the digest shows, in the period."""
    at = period.start + timedelta(days=1)
    for _ in range(n):
        PartnerFactory(country=country, joined_on=at)
        status_change(ProjectFactory(segment=segment), at, ProjectStatus.FUNDED)
        GroupMembershipFactory(group=group, joined_on=at)
        NewsItemFactory(segment=segment, published_at=period_moment(period))
        event = EventFactory(segment=segment, capacity=50)
        RegistrationFactory(event=event)
        make_solution(segment, period_moment(period))
        make_need(segment, period_moment(period))


def period_moment(period):
    return timezone.make_aware(datetime.combine(period.start, time(10)))


@pytest.mark.parametrize("few, many", [(2, 20)])
def test_composing_and_rendering_takes_the_same_queries_however_much_changed(period, few, many):
    counts = []
    for n in (few, many):
        segment, group = SegmentFactory(), WorkingGroupFactory()
        country = ["DE", "SE"][len(counts)]
        subscription = SubscriptionFactory(segments=[segment], groups=[group], countries=[country])
        build_changes(period, segment, group, country, n)
        with CaptureQueriesContext(connection) as queries:
            digest = compose(subscription, period)
            render_digest(digest)
        assert all(len(digest.parts[key].items) == n for key in ("projects", "events", "solutions", "news"))
        counts.append(len(queries))
    assert counts[0] == counts[1]
