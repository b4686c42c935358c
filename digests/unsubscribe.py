"""Signed one-click unsubscribe links: no login, valid for UNSUBSCRIBE_MAX_AGE after the digest."""

from datetime import timedelta

from django.core import signing
from django.urls import reverse

from core.sites import site_url

SALT = "digests.unsubscribe"
#: Long enough for a monthly digest read late, short enough that old mail stops working.
UNSUBSCRIBE_MAX_AGE = timedelta(days=90)


def make_token(person_id: int) -> str:
    return signing.TimestampSigner(salt=SALT).sign(str(person_id))


def read_token(token: str) -> int:
    """The person id in a token; raises signing.BadSignature (or SignatureExpired) otherwise."""
    value = signing.TimestampSigner(salt=SALT).unsign(token, max_age=UNSUBSCRIBE_MAX_AGE)
    return int(value)


def unsubscribe_url(person_id: int) -> str:
    path = reverse("digests:unsubscribe", kwargs={"token": make_token(person_id)})
    return site_url() + path
