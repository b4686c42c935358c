"""Which language a visitor gets: the browser's on the first visit, the switcher's choice after that
(the cookie, and a member's account), the member's own at login; same URLs in every language."""

import re

import pytest
from django.conf import settings
from django.test import Client

from partners.models import Person

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fr", "de", "es", "it"]
COOKIE = settings.LANGUAGE_COOKIE_NAME
PASSWORD = "correct horse battery staple"  # tests/factories.py UserFactory
PAGES = ["/", "/partners/", "/segments/", "/groups/", "/projects/", "/events/", "/needs/", "/targets/"]


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]*)"', response.content.decode()).group(1)


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("fr-BE,fr;q=0.9,en;q=0.5", "fr"),
        ("de-AT", "de"),
        ("es", "es"),
        ("it-IT,it;q=0.8", "it"),
        ("ja,ko;q=0.5", "en"),  # a language the platform does not speak: the source language
        ("", "en"),
    ],
)
def test_the_first_visit_speaks_the_browsers_language(client, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 200
    assert response["Content-Language"] == expected
    assert html_lang(response) == expected
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_a_switcher_that_posts_without_javascript(client, path):
    page = client.get(path, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    form = re.search(r'<form method="post" action="/i18n/setlang/"[^>]*>(.*?)</form>', page, re.S)
    assert form, "no language switcher"
    body = form.group(1)
    assert 'name="csrfmiddlewaretoken"' in body
    assert f'name="next" value="{path}"' in body
    assert re.findall(r'<option value="(\w+)"', body) == LANGUAGES
    assert re.search(r'<option value="de" lang="de" selected>', body)
    assert '<button type="submit"' in body


def test_switching_is_remembered_in_the_cookie_over_the_browsers_language(client):
    response = client.post("/i18n/setlang/", {"language": "de", "next": "/partners/"})
    assert response.status_code == 302 and response["Location"] == "/partners/"
    assert response.cookies[COOKIE].value == "de"
    assert html_lang(client.get("/partners/", HTTP_ACCEPT_LANGUAGE="fr")) == "de"


def test_the_switcher_needs_the_csrf_token():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "de", "next": "/"})
    assert response.status_code == 403
    assert COOKIE not in response.cookies


def test_the_switcher_does_not_redirect_elsewhere(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_a_members_choice_is_kept_on_their_account(cast):
    client = cast.client("rep_a")
    client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    cast.rep_a_person.refresh_from_db()
    assert cast.rep_a_person.language == "es"


def test_an_unknown_language_changes_nothing(cast):
    client = cast.client("rep_a")
    response = client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert COOKIE not in response.cookies
    cast.rep_a_person.refresh_from_db()
    assert cast.rep_a_person.language == ""


def test_a_visitors_choice_touches_no_account(cast, client):
    client.post("/i18n/setlang/", {"language": "it", "next": "/"})
    assert not Person.objects.exclude(language="").exists()


def test_a_member_gets_their_language_at_login_whatever_the_browser_says(cast, client):
    Person.objects.filter(pk=cast.rep_a_person.pk).update(language="it")
    response = client.post(
        "/accounts/login/", {"username": "rep_a", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="de"
    )
    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "it"
    assert html_lang(client.get("/", HTTP_ACCEPT_LANGUAGE="de")) == "it"


def test_a_member_without_a_language_keeps_the_one_chosen_before_login(cast, client):
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    client.post("/accounts/login/", {"username": "rep_b", "password": PASSWORD})
    cast.rep_b_person.refresh_from_db()
    assert cast.rep_b_person.language == "fr"
    assert html_lang(client.get("/")) == "fr"


@pytest.mark.parametrize("language", LANGUAGES)
def test_urls_are_the_same_in_every_language(client, language):
    assert client.get("/partners/", HTTP_ACCEPT_LANGUAGE=language).status_code == 200
    assert client.get(f"/{language}/partners/", HTTP_ACCEPT_LANGUAGE=language).status_code == 404


def test_a_french_visitor_reads_french(client, catalogue):
    catalogue("fr", {"The network today": "Le réseau aujourd’hui", "Language": "Langue"})
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Le réseau aujourd’hui" in page and "The network today" not in page
    assert '<label for="language-switcher-select">Langue</label>' in page
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The network today" in english
