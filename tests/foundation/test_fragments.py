"""The cached fragments (core/templatetags/fragments.py) are never stale: each request below follows
one that filled the cache (the lists' and the profile's fragments, the frame's parts kept per
language), and must still show what changed since."""

from datetime import timedelta

import pytest
from django.template import engines
from django.urls import set_script_prefix
from django.utils import timezone

from tests.factories import EventFactory, PartnerFactory, ProjectFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_the_directory_shows_a_partner_renamed_after_it_was_cached(client, headers):
    partner = PartnerFactory(name="Old Name Mobility")
    assert "Old Name Mobility" in client.get("/partners/", headers=headers).content.decode()
    partner.name = "New Name Mobility"
    partner.save()
    html = client.get("/partners/", headers=headers).content.decode()
    assert "New Name Mobility" in html
    assert "Old Name Mobility" not in html


def test_the_directory_is_cached_per_filter_and_per_language(client):
    PartnerFactory(name="Paris Power", country="FR")
    PartnerFactory(name="Malmö Mobility", country="SE")
    french = client.get("/partners/", {"country": "FR"}).content.decode()
    swedish = client.get("/partners/", {"country": "SE"}).content.decode()
    assert "Paris Power" in french and "Malmö Mobility" not in french
    assert "Malmö Mobility" in swedish and "Paris Power" not in swedish
    assert "<h1>Partners</h1>" in client.get("/partners/").content.decode()
    assert "<h1>Partenaires</h1>" in client.get("/partners/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()


def test_a_page_past_the_end_stays_a_404_once_the_first_page_is_cached(client):
    PartnerFactory()
    assert client.get("/partners/").status_code == 200
    assert client.get("/partners/", {"page": "2"}).status_code == 404
    assert client.get("/partners/", {"page": "2"}).status_code == 404


def test_the_project_list_shows_a_new_project_and_the_readers_own_links(client, cast):
    ProjectFactory(title="First Project")
    assert "Propose a project" not in client.get("/projects/").content.decode()
    ProjectFactory(title="Second Project")
    html = cast.client("member").get("/projects/").content.decode()
    assert "Second Project" in html
    assert "Propose a project" in html  # outside the fragment an anonymous reader filled
    assert "Propose a project" not in client.get("/projects/").content.decode()


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_the_event_list_follows_registrations_and_the_clock(client, monkeypatch, headers):
    now = timezone.now()
    event = EventFactory(
        title="Soon Over", starts_at=now - timedelta(hours=1), ends_at=now + timedelta(minutes=5)
    )
    html = client.get("/events/", headers=headers).content.decode()
    assert "20 seats left" in html and "Past events" not in html
    RegistrationFactory(event=event)
    assert "19 seats left" in client.get("/events/", headers=headers).content.decode()
    # The event ends: no write, yet the list shows it as past.
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=10))
    html = client.get("/events/", headers=headers).content.decode()
    assert "Past events" in html and "seats left" not in html


def test_the_event_list_links_the_calendar_on_the_host_asked_and_keeps_its_400(client):
    EventFactory()
    assert "webcal://testserver/" in client.get("/events/").content.decode()
    assert "webcal://localhost/" in client.get("/events/", HTTP_HOST="localhost").content.decode()
    for _ in range(2):
        assert client.get("/events/", {"kind": "party"}).status_code == 400


@pytest.mark.parametrize(
    "url",
    ["/partners/", "/partners/?country=FR&kind=company", "/partners/?q=power", "/projects/", "/events/"],
)
def test_a_list_served_from_its_fragment_makes_no_query(client, django_assert_num_queries, url):
    PartnerFactory(name="Paris Power", country="FR", kind="company")
    ProjectFactory()
    EventFactory()
    for headers in [{}, HTMX]:
        client.get(url, headers=headers)
        with django_assert_num_queries(0):
            client.get(url, headers=headers)


def test_the_profile_follows_writes_and_what_the_reader_may_see(client, cast):
    url = cast.partner_a.get_absolute_url()
    html = client.get(url).content.decode()
    assert "E-freight" in html and "mem@voltaic.example" not in html and "Edit the profile" not in html
    assert "mem@voltaic.example" in cast.client("member").get(url).content.decode()
    assert "Edit the profile" in cast.client("rep_a").get(url).content.decode()
    cast.membership_a.delete()
    cast.partner_a.description = "Fleets of electric vans."
    cast.partner_a.save()
    html = client.get(url).content.decode()
    assert "E-freight" not in html and "Fleets of electric vans." in html
    assert "mem@voltaic.example" not in html and "Edit the profile" not in html


def test_the_profile_drops_an_event_the_moment_it_ends(client, cast, monkeypatch):
    now = timezone.now()
    event = EventFactory(
        title="Soon Over", starts_at=now - timedelta(hours=1), ends_at=now + timedelta(minutes=5)
    )
    RegistrationFactory(event=event, person=cast.member_person)
    url = cast.partner_a.get_absolute_url()
    assert "Soon Over" in client.get(url).content.decode()
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=10))
    assert "Soon Over" not in client.get(url).content.decode()


def test_a_profile_not_found_is_found_once_created(client):
    assert client.get("/partners/not-yet/").status_code == 404
    assert client.get("/partners/not-yet/").status_code == 404
    PartnerFactory(slug="not-yet")
    assert client.get("/partners/not-yet/").status_code == 200


def test_the_frame_follows_the_language_and_the_reader(client, cast):
    assert '<a href="/partners/">Partners</a>' in client.get("/partners/").content.decode()
    french = client.get("/partners/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<a href="/partners/">Partenaires</a>' in french
    assert '<option value="fr" lang="fr" selected>' in french
    assert "/accounts/login/?next=/events/" in client.get("/events/").content.decode()
    member = cast.client("member").get("/events/").content.decode()
    assert "Log in" not in member and "Log out" in member
    assert 'name="next" value="/events/?kind=webinar"' in client.get("/events/?kind=webinar").content.decode()


def test_a_part_kept_per_language_follows_where_the_site_is_mounted():
    part = engines["django"].from_string(
        '{% load fragments %}{% per_language %}{% url "home" %}{% endper_language %}'
    )
    assert part.render() == "/"
    set_script_prefix("/ev4scc/")
    try:
        assert part.render() == "/ev4scc/"
    finally:
        set_script_prefix("/")
