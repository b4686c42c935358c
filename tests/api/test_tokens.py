"""API tokens (django-rest-knox): named, hashed at rest, shown once, listed on /me/ with their last
use, expiring and revocable."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from audit.models import AuditEntry
from partners.models import ApiToken

pytestmark = pytest.mark.django_db

WRITE = ("/api/v1/partners/voltaic-fleets/", {"city": "Aarhus"})


def create(client, name="CRM sync"):
    return client.post("/api/v1/token/", {"name": name})


def secret_of(response) -> str:
    return response.context["secret"]


def api_with(secret: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return api


def test_a_token_is_shown_once_and_stored_only_as_a_digest(client, cast):
    client.force_login(cast.rep_a)
    response = create(client)
    assert response.status_code == 200
    secret = secret_of(response)
    assert secret in response.content.decode()
    token = ApiToken.objects.get(user=cast.rep_a)
    assert token.name == "CRM sync"
    assert secret not in {token.digest, token.token_key}
    assert len(token.digest) == 128 and secret.startswith(token.token_key)
    me = client.get("/me/").content.decode()
    assert "CRM sync" in me and token.token_key in me and secret not in me
    # The audit entry names the token, never the secret.
    entry = AuditEntry.objects.get(action="api_token.created")
    assert secret not in str(entry.after) and entry.after["name"] == "CRM sync"


def test_the_token_authenticates_writes_records_its_use_and_stops_when_revoked(client, cast):
    client.force_login(cast.rep_a)
    secret = secret_of(create(client))
    api = api_with(secret)
    assert api.patch(*WRITE, format="json").status_code == 200
    token = ApiToken.objects.get()
    assert token.last_used_at is not None
    assert "never" not in client.get("/me/").content.decode().split("API tokens")[1]
    assert client.post(f"/api/v1/token/{token.token_key}/revoke/").status_code == 302
    assert api.patch(*WRITE, format="json").status_code == 401


def test_an_expired_token_no_longer_works(client, cast):
    client.force_login(cast.rep_a)
    secret = secret_of(create(client))
    ApiToken.objects.update(expiry=timezone.now() - timedelta(seconds=1))
    assert api_with(secret).patch(*WRITE, format="json").status_code == 401
    assert not ApiToken.objects.exists()  # knox removes it on its first use after expiry


def test_tokens_expire_after_the_configured_time(client, cast):
    client.force_login(cast.rep_a)
    create(client)
    lifetime = ApiToken.objects.get().expiry - timezone.now()
    assert timedelta(days=89) < lifetime <= timedelta(days=90)


def test_several_named_tokens_and_revoking_one_keeps_the_other(client, cast):
    client.force_login(cast.rep_a)
    first, second = secret_of(create(client, "one")), secret_of(create(client, "two"))
    client.post(f"/api/v1/token/{first[:15]}/revoke/")
    assert api_with(first).get("/api/v1/partners/").status_code == 401
    assert api_with(second).patch(*WRITE, format="json").status_code == 200


def test_no_one_revokes_someone_elses_token(client, cast):
    client.force_login(cast.rep_a)
    secret = secret_of(create(client))
    client.force_login(cast.rep_b)
    assert client.post(f"/api/v1/token/{secret[:15]}/revoke/").status_code == 404
    assert ApiToken.objects.count() == 1


@pytest.mark.parametrize("name", ["", "   ", "x" * 81])
def test_a_token_needs_a_name_of_reasonable_length(client, cast, name):
    client.force_login(cast.rep_a)
    assert create(client, name).status_code == 400
    assert not ApiToken.objects.exists()


def test_a_sixth_token_is_refused(client, cast):
    client.force_login(cast.rep_a)
    for number in range(5):
        create(client, f"token {number}")
    assert create(client, "one too many").status_code == 409
    assert ApiToken.objects.count() == 5


def test_members_who_do_not_represent_get_no_token(client, cast):
    client.force_login(cast.member)
    assert create(client).status_code == 403
    assert "Create an API token" not in client.get("/me/").content.decode()
    assert not ApiToken.objects.exists()


def test_anonymous_and_get_requests_create_nothing(client, cast):
    assert create(client).status_code == 302  # to the login page
    client.force_login(cast.rep_a)
    assert client.get("/api/v1/token/").status_code == 405
    assert not ApiToken.objects.exists()


def test_the_list_on_me_runs_the_same_queries_for_one_token_and_five(client, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cast.rep_a)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/me/").status_code == 200
        return len(captured)

    ApiToken.objects.create(user=cast.rep_a, name="first")
    one = queries()
    for number in range(4):
        ApiToken.objects.create(user=cast.rep_a, name=f"more {number}")
    assert queries() == one
