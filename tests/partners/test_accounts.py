import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/login/",
        "/accounts/password_reset/",
        "/accounts/password_reset/done/",
        "/accounts/reset/done/",
    ],
)
def test_account_pages_render(client, url):
    assert client.get(url).status_code == 200


def test_password_reset_by_email(client, cast):
    response = client.post("/accounts/password_reset/", {"email": "rep@voltaic.example"})
    assert response.status_code == 302
    cast.rep_a.email = "rep@voltaic.example"
    cast.rep_a.save()
    client.post("/accounts/password_reset/", {"email": "rep@voltaic.example"})
    assert len(mail.outbox) == 1
    assert f"Your username is {cast.rep_a.username}." in mail.outbox[0].body
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url
    response = client.get(form_url)
    assert response.status_code == 200 and "Choose a password" in response.content.decode()
    bad = client.get("/accounts/reset/MQ/bad-token/")
    assert "has been used or has expired" in bad.content.decode()


def test_password_change_for_logged_in_users(client, cast):
    assert client.get("/accounts/password_change/").status_code == 302
    client.force_login(cast.rep_a)
    assert client.get("/accounts/password_change/").status_code == 200
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": "correct horse battery staple",
            "new_password1": "another long one 77",
            "new_password2": "another long one 77",
        },
    )
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200


def test_logout_page(client, cast):
    client.force_login(cast.rep_a)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response.url == "/"
    assert client.get("/me/").status_code == 302


def test_logout_says_so(client, cast):
    client.force_login(cast.rep_a)
    response = client.post("/accounts/logout/", follow=True)
    assert response.redirect_chain == [("/", 302)]
    assert "You are logged out." in response.content.decode()
    assert "Log in" in response.content.decode()


@pytest.mark.parametrize(
    ("next_url", "lands_on"), [("", "/me/"), ("/events/", "/events/"), ("https://evil.example/", "/me/")]
)
def test_login_lands_on_next_or_my_page(client, cast, next_url, lands_on):
    cast.rep_a.set_password("correct horse battery staple")
    cast.rep_a.save()
    response = client.post(
        "/accounts/login/",
        {"username": cast.rep_a.username, "password": "correct horse battery staple", "next": next_url},
    )
    assert response.status_code == 302 and response.url == lands_on


def test_the_login_link_carries_the_page_it_was_followed_from(client):
    html = client.get("/events/").content.decode()
    assert 'href="/accounts/login/?next=/events/"' in html
    assert 'href="/accounts/login/"' in client.get("/").content.decode()


def test_not_found_offers_the_first_page_only_on_a_list(client, cast):
    page = client.get("/no-such-page/")
    assert page.status_code == 404
    assert "first page of this list" not in page.content.decode()
    past_the_end = client.get("/partners/?page=999")
    assert past_the_end.status_code == 404
    assert 'href="/partners/">Back to the first page of this list' in past_the_end.content.decode()
