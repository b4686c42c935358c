"""A representative creates and revokes an API token on /me/."""

import pytest
from django.template.loader import render_to_string
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db


def section(person) -> str:
    """The token section of /me/, as me.html's partners section includes it."""
    person.user.refresh_from_db()
    return render_to_string("partners/api_token_section.html", {"user": person.user, "person": person})


def test_the_section_offers_a_token_to_representatives_only(cast):
    assert "Create an API token" in section(cast.rep_a_person)
    assert "Create an API token" not in section(cast.member_person)


def test_representative_creates_replaces_and_revokes_a_token(client, cast):
    client.force_login(cast.rep_a)
    assert client.post("/api/v1/token/").status_code == 302
    first = Token.objects.get(user=cast.rep_a).key
    assert first in section(cast.rep_a_person)
    client.post("/api/v1/token/")
    second = Token.objects.get(user=cast.rep_a).key
    assert second != first
    client.post("/api/v1/token/revoke/")
    assert not Token.objects.exists()


def test_the_token_authenticates_writes_until_revoked(client, cast):
    from rest_framework.test import APIClient

    client.force_login(cast.rep_a)
    client.post("/api/v1/token/")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get().key}")
    assert api.patch("/api/v1/partners/voltaic-fleets/", {"city": "Aarhus"}, format="json").status_code == 200
    client.post("/api/v1/token/revoke/")
    assert api.patch("/api/v1/partners/voltaic-fleets/", {"city": "Aarhus"}, format="json").status_code == 401


def test_members_who_do_not_represent_get_no_token(client, cast):
    client.force_login(cast.member)
    assert client.post("/api/v1/token/").status_code == 403
    assert not Token.objects.exists()


def test_anonymous_and_get_requests_create_nothing(client, cast):
    assert client.post("/api/v1/token/").status_code == 302  # to the login page
    client.force_login(cast.rep_a)
    assert client.get("/api/v1/token/").status_code == 405
    assert not Token.objects.exists()
