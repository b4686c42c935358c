"""The password reset: limited per address and per account, and the page's answer does not depend
on whether the address belongs to a login (the lookup and the email happen in the worker)."""

from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/accounts/password_reset/"
LIMITS = override_settings(PASSWORD_RESETS_PER_ADDRESS=10, PASSWORD_RESETS_PER_ACCOUNT=3)


@pytest.fixture
def anna():
    return UserFactory(username="anna", email="anna@example.org")


def ask(client, email: str, address: str = "203.0.113.7"):
    return client.post(URL, {"email": email}, REMOTE_ADDR=address)


def test_a_known_address_gets_the_link(client, anna):
    response = ask(client, "anna@example.org")
    assert response.status_code == 302 and response.url == "/accounts/password_reset/done/"
    assert [message.to for message in mail.outbox] == [["anna@example.org"]]
    assert "/accounts/reset/" in mail.outbox[0].body


def test_known_and_unknown_addresses_are_answered_alike_without_looking_them_up(client, anna):
    answers = []
    with mock.patch("partners.password_reset.send_password_reset") as task:
        for email in ("anna@example.org", "nobody@example.org"):
            with CaptureQueriesContext(connection) as queries:
                response = ask(client, email)
            answers.append((response.status_code, response.url))
            # The page never reads the logins: nothing it does takes longer for a known address.
            assert not [query for query in queries if "auth_user" in query["sql"]]
    assert answers[0] == answers[1]
    assert [call.args[0] for call in task.delay.call_args_list] == ["anna@example.org", "nobody@example.org"]


@LIMITS
def test_twenty_requests_send_three_emails_to_one_account(client, anna):
    statuses = [ask(client, "Anna@example.org", address=f"198.51.100.{n}").status_code for n in range(20)]
    assert statuses == [302] * 20  # answered alike: the limit reveals nothing
    assert len(mail.outbox) == 3


@LIMITS
def test_one_address_is_stopped_after_its_limit(client, anna):
    statuses = [ask(client, f"someone{n}@example.org").status_code for n in range(11)]
    assert statuses == [302] * 10 + [429]
    assert ask(client, "anna@example.org", address="192.0.2.1").status_code == 302


def test_a_bad_email_is_a_form_error(client):
    response = ask(client, "not an email")
    assert response.status_code == 200 and mail.outbox == []
