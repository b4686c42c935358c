"""The digest is what the apps register in core.contributions.DIGEST_ITEMS: a registered part shows
in its place, an unregistered one is gone, and only parts that count as changes make a digest worth
sending."""

import pytest
from django.core import mail

from core.contributions import DIGEST_ITEMS, DigestItems
from digests import tasks
from digests.compose import compose
from digests.emails import render_digest
from tests.factories import EventFactory

from .factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def test_part(settings, tmp_path):
    """A part from an app the digest has never heard of, between the news (60) and the upcoming
    events (70); `calls` records what its collect was given."""
    (tmp_path / "test_part.html").write_text(
        "<h2>From the test app</h2>{% for line in part.items %}<p>{{ line }}</p>{% endfor %}"
    )
    (tmp_path / "test_part.txt").write_text(
        "From the test app\n{% for line in part.items %}- {{ line }}\n{% endfor %}\n"
    )
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], tmp_path]}]
    calls = []

    def collect(subscription, period):
        calls.append((subscription, period))
        return ["Testing the registry"]

    DIGEST_ITEMS.register(
        DigestItems(
            key="test_part",
            collect=collect,
            template="test_part.html",
            text_template="test_part.txt",
            order=65,
        )
    )
    yield calls
    DIGEST_ITEMS.unregister("test_part")


@pytest.fixture
def without(request):
    """Take the registered part `key` out for one test (indirect parametrize), and put it back."""
    [item] = [item for item in DIGEST_ITEMS if item.key == request.param]
    DIGEST_ITEMS.unregister(item.key)
    yield item
    DIGEST_ITEMS.register(item)


def test_the_apps_register_the_parts_in_the_order_the_email_shows_them():
    assert [item.key for item in DIGEST_ITEMS] == [
        "new_partners",  # partners
        "projects",  # projects
        "solutions",
        "needs",
        "groups",  # segments
        "news",  # events
        "events",
    ]
    assert [item.key for item in DIGEST_ITEMS if not item.counts_as_change] == ["events"]


def test_a_digest_keeps_only_the_parts_with_something_in_them(period, segment, news_in_period):
    digest = compose(SubscriptionFactory(segments=[segment]), period)
    assert list(digest.parts) == ["news"]
    assert digest.parts["news"].items == [news_in_period]
    assert compose(SubscriptionFactory(), period).parts == {}


def test_a_registered_part_shows_in_its_place(test_part, period, segment, news_in_period):
    EventFactory(segment=segment, title="E-bus meeting")
    subscription = SubscriptionFactory(segments=[segment])

    digest = compose(subscription, period)

    assert test_part == [(subscription, period)]
    assert list(digest.parts) == ["news", "test_part", "events"]
    assert digest.parts["test_part"].items == ["Testing the registry"]
    email = render_digest(digest)
    assert "<h2>From the test app</h2><p>Testing the registry</p>" in email.html
    text = email.text
    assert "From the test app\n- Testing the registry\n\n" in text
    assert text.index(news_in_period.title) < text.index("From the test app") < text.index("E-bus meeting")


def test_a_registered_part_alone_is_a_digest_worth_sending(test_part, today, make_subscriber):
    subscriber = make_subscriber()
    assert tasks.send_digests_for_period("weekly", today.isoformat()) == 1
    [message] = mail.outbox
    assert message.to == [subscriber.person.email] and "Testing the registry" in message.body


@pytest.mark.parametrize("without", ["news"], indirect=True)
def test_an_unregistered_part_is_gone_from_the_digest(
    without, today, period, make_subscriber, news_in_period
):
    subscriber = make_subscriber()

    digest = compose(subscriber, period)

    assert "news" not in digest.parts and not digest.has_changes
    assert news_in_period.title not in render_digest(digest).text
    tasks.send_digests_for_period("weekly", today.isoformat())
    assert mail.outbox == []  # the news was all there was: an empty digest is not sent


@pytest.mark.parametrize("without", ["events"], indirect=True)
def test_without_the_upcoming_events_the_other_parts_stay(without, period, segment, news_in_period):
    EventFactory(segment=segment, title="E-bus meeting")
    digest = compose(SubscriptionFactory(segments=[segment]), period)
    assert list(digest.parts) == ["news"]
    assert "E-bus meeting" not in render_digest(digest).text
