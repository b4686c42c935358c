"""The public summary of the targets on the home page, cached, and the /targets/ page."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.versions import data_version
from kpis.cache import cached
from kpis.models import MetricSnapshot
from kpis.snapshots import PROVISIONAL_SECONDS
from partners.models import Partner
from tests.factories import (
    CityFactory,
    GroupMembershipFactory,
    ParticipationFactory,
    ProjectFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities_target():
    return TargetFactory(metric="cities", target_value=4, unit="count", deadline=date(2040, 12, 31))


def summary_value(html: str) -> str:
    card = html[html.index('id="targets-heading"') :]
    return card[card.index("<strong>") + 8 : card.index("</strong>")]


def test_the_home_page_shows_each_target_with_its_progress(client, cities_target):
    CityFactory()
    html = client.get("/").content.decode()
    assert "Our targets" in html
    assert summary_value(html) == "1"
    assert f'<progress id="target-{cities_target.pk}-progress" value="25.0" max="100"' in html
    assert 'href="/targets/">How the targets are measured' in html


def test_the_summary_is_cached(client, cities_target):
    with CaptureQueriesContext(connection) as uncached:
        client.get("/")
    with CaptureQueriesContext(connection) as cached:
        client.get("/")
    assert any("kpis_target" in query["sql"] for query in uncached.captured_queries)
    assert not any("kpis_target" in query["sql"] for query in cached.captured_queries)
    # The targets, the facts version, their snapshots, the cities series of the days without a
    # snapshot, and today's stored as a provisional snapshot.
    assert len(uncached) - len(cached) == 5


def test_the_summary_follows_the_data_at_once(client, cities_target):
    assert summary_value(client.get("/").content.decode()) == "0"
    city = CityFactory()
    assert summary_value(client.get("/").content.decode()) == "1"
    city.delete()
    assert summary_value(client.get("/").content.decode()) == "0"
    cities_target.target_value = 1
    cities_target.save()
    assert 'value="0.0" max="100"' in client.get("/").content.decode()


def test_a_change_that_bypasses_the_signals_shows_once_the_cache_is_gone(client, cities_target):
    city = CityFactory()
    assert summary_value(client.get("/").content.decode()) == "1"
    Partner.objects.filter(pk=city.pk).update(left_on=date(2020, 1, 1))  # no signal
    assert summary_value(client.get("/").content.decode()) == "1"
    cache.clear()  # what the timeout does, to the cache and to today's provisional snapshots
    MetricSnapshot.objects.update(computed_at=timezone.now() - timedelta(seconds=PROVISIONAL_SECONDS + 1))
    assert summary_value(client.get("/").content.decode()) == "0"


def test_the_home_page_without_targets_shows_no_summary(client):
    assert "Our targets" not in client.get("/").content.decode()


def test_the_targets_page_explains_each_target(client, cities_target):
    response = client.get("/targets/")
    assert response.status_code == 200
    html = response.content.decode()
    for name in ["Cities and regions joined", "SME share", "active collaborations", "New projects"]:
        assert name in html
    assert "31 Dec 2040" in html
    assert "How the targets are measured" not in html  # the summary's link would point here


@pytest.mark.parametrize(
    "make",
    [CityFactory, GroupMembershipFactory, ParticipationFactory, ProjectFactory, TargetFactory],
    ids=["partner", "membership", "participation", "project", "target"],
)
def test_saving_or_deleting_a_fact_the_metrics_read_starts_a_new_data_version(make):
    cached("probe", lambda: 1)
    version = data_version()
    instance = make()
    assert data_version() != version
    cached("probe", lambda: 1)
    version = data_version()
    instance.delete()
    assert data_version() != version
