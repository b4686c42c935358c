from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from digests.models import Frequency, Subscription
from tests.factories import (
    NewsItemFactory,
    ParticipationFactory,
    ProjectFactory,
    SegmentFactory,
    UserFactory,
    WorkingGroupFactory,
)

from .factories import SubscriptionFactory

pytestmark = pytest.mark.django_db

PREFERENCES = reverse("digests:preferences")
PREVIEW = reverse("digests:preview")


def test_preferences_need_a_login(client):
    response = client.get(PREFERENCES)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_login_without_a_person_has_no_preferences(client):
    client.force_login(UserFactory())
    assert client.get(PREFERENCES).status_code == 404


def test_preferences_show_the_defaults_first(client, cast):
    client.force_login(cast.rep_a)
    segment = cast.segment
    segment.interested_partners.add(cast.partner_a)
    response = client.get(PREFERENCES)
    assert response.status_code == 200
    form = response.context["form"]
    assert form["frequency"].value() == Frequency.WEEKLY
    assert [int(pk) for pk in form["segments"].value()] == [segment.pk]


def test_a_member_sets_frequency_and_what_is_followed(client, cast):
    client.force_login(cast.rep_a)
    segment, group, project = SegmentFactory(), WorkingGroupFactory(), ProjectFactory()
    ParticipationFactory(project=project, partner=cast.partner_a)  # the projects offered: its own
    response = client.post(
        PREFERENCES,
        {
            "frequency": "monthly",
            "segments": [segment.pk],
            "groups": [group.pk],
            "projects": [project.pk],
            "countries": ["SE", "DK"],
        },
    )
    assert response.status_code == 302
    subscription = Subscription.objects.get(person=cast.rep_a_person)
    assert subscription.frequency == Frequency.MONTHLY
    assert list(subscription.segments.all()) == [segment]
    assert list(subscription.groups.all()) == [group]
    assert list(subscription.projects.all()) == [project]
    assert sorted(c.code for c in subscription.countries) == ["DK", "SE"]
    assert subscription.all_news is False
    assert AuditEntry.objects.get(action="digest_subscription_changed").actor == cast.rep_a


@pytest.mark.parametrize(
    "data, field",
    [
        ({}, "frequency"),
        ({"frequency": "hourly"}, "frequency"),
        ({"frequency": "weekly", "segments": ["999999"]}, "segments"),
        ({"frequency": "weekly", "countries": ["XX"]}, "countries"),
        ({"frequency": "weekly", "projects": ["not-a-number"]}, "projects"),
    ],
)
def test_bad_preferences_are_refused_and_nothing_is_written(client, cast, data, field):
    client.force_login(cast.rep_a)
    response = client.post(PREFERENCES, data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Subscription.objects.get(person=cast.rep_a_person).frequency == Frequency.WEEKLY
    assert not AuditEntry.objects.exists()


def test_the_preferences_page_takes_the_same_queries_with_few_and_many_choices(client, cast):
    client.force_login(cast.rep_a)
    client.get(PREFERENCES)  # the first visit creates the subscription
    counts = []
    for n in (2, 20):
        for _ in range(n):
            WorkingGroupFactory()
            ParticipationFactory(partner=cast.partner_a)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(PREFERENCES).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_my_page_shows_the_digest_frequency_and_a_link(client, cast):
    client.force_login(cast.rep_a)
    SubscriptionFactory(person=cast.rep_a_person, frequency=Frequency.DAILY)
    response = client.get(reverse("me"))
    assert "Frequency: Daily." in response.content.decode()
    assert PREFERENCES in response.content.decode()


def test_the_preview_is_for_staff_only(client, cast):
    client.force_login(cast.rep_a)
    assert client.get(PREVIEW, {"person": cast.rep_a_person.pk}).status_code == 403
    client.logout()
    assert client.get(PREVIEW, {"person": cast.rep_a_person.pk}).status_code == 302


def test_the_preview_shows_exactly_the_email_a_person_would_get(client, cast, period, today):
    client.force_login(cast.coordinator)
    segment = SegmentFactory()
    subscription = SubscriptionFactory(segments=[segment])
    NewsItemFactory(
        segment=segment,
        title="Ile-de-France opens its charging call",
        published_at=timezone.make_aware(datetime.combine(period.start + timedelta(days=2), time(9))),
    )
    response = client.get(
        PREVIEW, {"person": subscription.person_id, "period": "weekly", "date": today.isoformat()}
    )
    assert response.status_code == 200
    email = response.context["email"]
    assert email.to == subscription.person.email
    html = response.content.decode()
    assert "Ile-de-France opens its charging call" in email.text
    assert email.subject in html
    assert "Ile-de-France opens its charging call" in html


def test_the_preview_says_when_nothing_would_be_sent(client, cast):
    client.force_login(cast.coordinator)
    subscription = SubscriptionFactory()
    response = client.get(PREVIEW, {"person": subscription.person_id})
    assert response.status_code == 200
    assert "would not be sent" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"person": "999999"},
        {"person": "x"},
        {"person": "1", "period": "hourly"},
        {"date": "2026-13-45"},
    ],
)
def test_the_preview_refuses_bad_input_with_400(client, cast, params):
    client.force_login(cast.coordinator)
    assert client.get(PREVIEW, params).status_code == 400


def test_the_preview_form_alone(client, cast):
    client.force_login(cast.coordinator)
    assert client.get(PREVIEW).status_code == 200


def test_the_preview_takes_the_same_queries_with_few_and_many_items(client, cast, period, today):
    client.force_login(cast.coordinator)
    counts = []
    for n in (2, 20):
        segment = SegmentFactory()
        subscription = SubscriptionFactory(segments=[segment])
        for _ in range(n):
            NewsItemFactory(
                segment=segment,
                published_at=timezone.make_aware(datetime.combine(period.start + timedelta(days=1), time(9))),
            )
        with CaptureQueriesContext(connection) as queries:
            client.get(PREVIEW, {"person": subscription.person_id, "date": today.isoformat()})
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_the_preview_refuses_dates_at_the_ends_of_the_calendar(client, cast, day):
    client.force_login(cast.coordinator)
    subscription = SubscriptionFactory()
    response = client.get(PREVIEW, {"person": subscription.person_id, "period": "monthly", "date": day})
    assert response.status_code == 400


def test_the_preview_finds_the_person_by_a_part_of_their_name_or_email(client, cast):
    client.force_login(cast.coordinator)
    subscription = SubscriptionFactory(person__name="Ebba Lindqvist", person__email="ebba@uppsala.example")
    for text in ("lindqv", "EBBA@UPPSALA"):
        response = client.get(PREVIEW, {"q": text})
        assert response.status_code == 200
        assert response.context["email"].to == subscription.person.email


def test_the_preview_lists_several_matches_to_choose_from(client, cast):
    client.force_login(cast.coordinator)
    first = SubscriptionFactory(person__name="Ebba Lind").person
    second = SubscriptionFactory(person__name="Ebba Strand").person
    response = client.get(PREVIEW, {"q": "ebba", "period": "monthly"})
    html = response.content.decode()
    assert response.status_code == 200 and "email" not in response.context
    assert "Several people match" in html
    assert f"?person={first.pk}&amp;q=Ebba%20Lind&amp;period=monthly" in html
    assert f"?person={second.pk}&amp;q=Ebba%20Strand&amp;period=monthly" in html
    chosen = client.get(PREVIEW, {"person": second.pk, "q": "Ebba Strand", "period": "monthly"})
    assert chosen.context["email"].to == second.email


@pytest.mark.parametrize(("q", "error"), [("nobody-at-all", "or email contains"), ("", "Enter the name")])
def test_the_preview_says_when_no_one_matches(client, cast, q, error):
    client.force_login(cast.coordinator)
    response = client.get(PREVIEW, {"q": q, "period": "weekly"})
    assert response.status_code == 400 and error in response.content.decode()
