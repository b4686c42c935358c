"""One client-address rule for the whole platform (core.ratelimit.client_address): the form limits,
the API's throttles and the login lockout count the same address, and a forged X-Forwarded-For gets
past none of them, whether the platform is reached directly (PROXY_COUNT=0) or behind one proxy."""

import pytest
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from events.models import ContactMessage
from tests.events.test_pages import CONTACT
from tests.factories import UserFactory
from tests.foundation.test_login_throttling import AXES

pytestmark = pytest.mark.django_db

CLIENT, PROXY = "203.0.113.7", "10.0.0.2"
DIRECT = override_settings(PROXY_COUNT=0)
BEHIND_ONE_PROXY = override_settings(PROXY_COUNT=1)


def forged(n: int) -> str:
    return f"198.51.100.{n}"


def direct(n: int) -> dict[str, str]:
    """A client straight at gunicorn, forging a new header each time."""
    return {"REMOTE_ADDR": CLIENT, "HTTP_X_FORWARDED_FOR": forged(n)}


def through_proxy(n: int) -> dict[str, str]:
    """A client behind the proxy, forging a header the proxy appends the real address to."""
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{forged(n)}, {CLIENT}"}


SETUPS = [
    pytest.param(DIRECT, direct, id="direct"),
    pytest.param(BEHIND_ONE_PROXY, through_proxy, id="proxy"),
]


@pytest.mark.parametrize(("setting", "headers"), SETUPS)
def test_a_forged_header_does_not_reset_the_contact_limit(client, setting, headers):
    with setting:
        statuses = [client.post("/contact/", CONTACT, **headers(n)).status_code for n in range(6)]
    assert statuses == [302] * 5 + [429]
    assert set(ContactMessage.objects.values_list("client_address", flat=True)) == {CLIENT}


@pytest.mark.parametrize(("setting", "headers"), SETUPS)
def test_a_forged_header_does_not_reset_the_join_limit(client, setting, headers):
    with setting:
        statuses = [client.post("/join/", {}, **headers(n)).status_code for n in range(6)]
    assert statuses == [400] * 5 + [429]


@pytest.mark.parametrize(("setting", "headers"), SETUPS)
def test_a_forged_header_does_not_reset_the_api_throttle(setting, headers, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    api = APIClient()
    with setting:
        statuses = [api.get("/api/v1/segments/", **headers(n)).status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_behind_the_proxy_two_clients_are_two_addresses(client):
    with BEHIND_ONE_PROXY:
        for _ in range(5):
            client.post("/contact/", CONTACT, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=CLIENT)
        other = client.post("/contact/", CONTACT, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.44")
    assert other.status_code == 302


@pytest.mark.parametrize("header", ["not-an-ip", "not-an-ip, also-not", "", "999.1.1.1"])
def test_an_address_that_is_not_one_is_never_stored_nor_a_500(client, header):
    with BEHIND_ONE_PROXY:
        response = client.post("/contact/", CONTACT, REMOTE_ADDR="junk", HTTP_X_FORWARDED_FOR=header)
    assert response.status_code == 302
    assert ContactMessage.objects.get().client_address is None


def login(client, username: str, headers: dict[str, str], password: str = "wrong") -> int:  # noqa: S107
    return client.post(reverse("login"), {"username": username, "password": password}, **headers).status_code


AXES_AND_ADDRESS_LIMIT = override_settings(
    AXES_ENABLED=True,
    AUTHENTICATION_BACKENDS=[
        "core.logins.AddressLimitBackend",
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
    ],
)


@AXES
@pytest.mark.parametrize(("setting", "headers"), SETUPS)
def test_the_lockout_follows_the_real_address_not_the_header(client, setting, headers):
    UserFactory(username="anna")
    with setting:
        statuses = [login(client, "anna", headers(n)) for n in range(5)]
        assert statuses == [200] * 4 + [429]
        # Someone else, from elsewhere, still logs in: a third party cannot lock anna out.
        elsewhere = (
            {"REMOTE_ADDR": "192.0.2.50"}
            if setting is DIRECT
            else {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "192.0.2.50"}
        )
        assert login(client, "anna", elsewhere, "correct horse battery staple") == 302


@AXES_AND_ADDRESS_LIMIT
@override_settings(LOGIN_FAILURES_PER_ADDRESS=12)
def test_many_accounts_tried_from_one_address_stop_that_address():
    from django.test import Client

    for number in range(3):
        UserFactory(username=f"user{number}")
    UserFactory(username="fresh")
    spray, other = Client(), Client()
    for attempt in range(12):  # 4 per account: no (username, address) pair reaches axes' 5
        assert login(spray, f"user{attempt % 3}", {"REMOTE_ADDR": CLIENT}) == 200
    # Even an account never tried, with its right password, is refused from that address; from
    # another address it logs in.
    assert login(spray, "fresh", {"REMOTE_ADDR": CLIENT}, "correct horse battery staple") == 200
    assert "_auth_user_id" not in spray.session
    assert login(other, "fresh", {"REMOTE_ADDR": "192.0.2.50"}, "correct horse battery staple") == 302


@AXES_AND_ADDRESS_LIMIT
def test_a_few_failures_from_an_address_do_not_stop_it(client):
    UserFactory(username="ben")
    for _ in range(3):
        login(client, "ben", {"REMOTE_ADDR": CLIENT})
    assert login(client, "ben", {"REMOTE_ADDR": CLIENT}, "correct horse battery staple") == 302
