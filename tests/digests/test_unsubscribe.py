import time
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEntry
from digests.models import Frequency
from digests.unsubscribe import UNSUBSCRIBE_MAX_AGE, make_token

from .factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


def url(token):
    return reverse("digests:unsubscribe", kwargs={"token": token})


@pytest.fixture
def subscription():
    return SubscriptionFactory(frequency=Frequency.WEEKLY)


@pytest.fixture
def csrf_client():
    """Mail clients post the one-click unsubscribe with no session and no CSRF token."""
    return Client(enforce_csrf_checks=True)


def test_get_asks_for_confirmation_and_changes_nothing(client, subscription):
    response = client.get(url(make_token(subscription.person_id)))
    assert response.status_code == 200
    assert b'method="post"' in response.content
    subscription.refresh_from_db()
    assert subscription.frequency == Frequency.WEEKLY


def test_one_click_post_unsubscribes_at_once_without_login_or_csrf_token(csrf_client, subscription):
    response = csrf_client.post(url(make_token(subscription.person_id)), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.frequency == Frequency.OFF
    entry = AuditEntry.objects.get(action="digest_unsubscribed")
    assert entry.before == {"frequency": "weekly"} and entry.after == {"frequency": "off"}


def test_posting_twice_is_harmless(client, subscription):
    client.post(url(make_token(subscription.person_id)))
    response = client.post(url(make_token(subscription.person_id)))
    assert response.status_code == 200
    assert AuditEntry.objects.filter(action="digest_unsubscribed").count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_token_is_refused_politely(client, subscription, method):
    other = SubscriptionFactory()
    token = make_token(subscription.person_id)
    forged = f"{other.person_id}:{token.split(':', 1)[1]}"
    response = getattr(client, method)(url(forged))
    assert response.status_code == 400
    assert b"does not work" in response.content
    other.refresh_from_db()
    assert other.frequency == Frequency.WEEKLY


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_expired_token_is_refused_politely(client, subscription, method):
    token = make_token(subscription.person_id)
    later = time.time() + UNSUBSCRIBE_MAX_AGE.total_seconds() + 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = getattr(client, method)(url(token))
    assert response.status_code == 400
    subscription.refresh_from_db()
    assert subscription.frequency == Frequency.WEEKLY


def test_a_token_for_a_person_no_longer_there_is_refused(client, subscription):
    token = make_token(subscription.person_id)
    subscription.person.delete()
    assert client.post(url(token)).status_code == 400


def test_other_methods_are_not_allowed(client, subscription):
    assert client.put(url(make_token(subscription.person_id))).status_code == 405
