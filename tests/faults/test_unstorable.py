"""A NUL byte (or a lone surrogate) anywhere in a request is a 404 or a 400 before any query, on every
route: PostgreSQL would answer it with a DataError, a 500 (issue 16). Runs on SQLite and, with
DATABASE_URL, on PostgreSQL, where the same requests were 500s."""

import json

import pytest

from events.models import ContactMessage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/partners/%00/",
        "/partners/%00/",
        "/partners/%00/edit/",
        "/segments/%00/",
        "/groups/%00/",
        "/projects/%00/",
        "/events/%00/",
        "/events/%00/event.ics",
        "/news/%00/",
        "/api/v1/projects/%00/",
        "/api/v1/events/a%00b/",
    ],
)
def test_a_nul_in_the_path_is_a_404(client, cast, path):
    assert client.get(path).status_code == 404
    assert cast.client("coordinator").post(path).status_code == 404


def test_the_api_answers_its_own_error_body(client, cast):
    response = client.get("/api/v1/partners/%00/")
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_found"
    response = client.get("/api/v1/partners/?segment=%00")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


@pytest.mark.parametrize(
    "query",
    [
        "/partners/?segment=%00",
        "/partners/?q=a%00",
        "/projects/?%00=1",
        "/events/?page=%00",
        "/api/v1/needs/?q=%00",
    ],
)
def test_a_nul_in_the_query_string_is_a_400(client, cast, query):
    response = client.get(query)
    assert response.status_code == 400
    assert b"cannot be stored" in response.content


def test_a_nul_in_a_cookie_or_header_is_a_400(client, cast):
    client.cookies["sessionid"] = "abc\x00def"
    assert client.get("/partners/").status_code == 400
    client.cookies.clear()
    assert client.get("/partners/", HTTP_USER_AGENT="bot\x00").status_code == 400


def test_a_nul_in_a_form_is_a_400_and_nothing_is_saved(client, cast):
    response = client.post(
        "/contact/", {"name": "Ann\x00", "email": "ann@example.org", "subject": "Hi", "message": "Hello"}
    )
    assert response.status_code == 400
    assert not ContactMessage.objects.exists()


@pytest.mark.parametrize("text", ["\x00", "\ud800"])
def test_a_nul_or_a_lone_surrogate_in_json_is_a_400(cast, text):
    client = cast.client("rep_a")
    body = json.dumps({"description": f"x{text}y"})  # json.dumps writes them as \u escapes
    response = client.patch(f"/api/v1/partners/{cast.partner_a.slug}/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    cast.partner_a.refresh_from_db()
    assert "y" not in cast.partner_a.description


def test_ordinary_requests_pass(client, cast):
    assert client.get("/partners/?q=ab").status_code == 200
    assert client.get(f"/partners/{cast.partner_a.slug}/").status_code == 200
    body = json.dumps({"description": "Plain \\u escapes: \u00e9"})
    response = cast.client("rep_a").patch(
        f"/api/v1/partners/{cast.partner_a.slug}/", body, content_type="application/json"
    )
    assert response.status_code == 200
