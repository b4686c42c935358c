"""The digests tests' own fixtures: the period a run covers, and subscribers following one segment.
They build no cast (tests/cast.py) on purpose: every login gets a default subscription at a run, so a
run here meets exactly the people a test makes. A test that logs in uses the cast's people."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from digests.periods import Period
from tests.factories import NewsItemFactory, SegmentFactory

from .factories import SubscriptionFactory


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def period(today):
    """Last week: what a weekly run today sends."""
    return Period.before("weekly", today)


@pytest.fixture
def in_period(period):
    """A moment inside the period (its second day, at noon)."""
    return timezone.make_aware(datetime.combine(period.start + timedelta(days=1), time(12)))


@pytest.fixture
def segment():
    return SegmentFactory()


@pytest.fixture
def make_subscriber(segment):
    """Weekly subscribers following `segment`, each with something to read (a news item of the
    segment in the period is made once by `news_in_period`)."""

    def make(**kwargs):
        kwargs.setdefault("segments", [segment])
        return SubscriptionFactory(**kwargs)

    return make


@pytest.fixture
def news_in_period(segment, in_period):
    return NewsItemFactory(segment=segment, published_at=in_period, title="Gothenburg orders 30 e-buses")
