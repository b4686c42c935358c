"""The events list and page, news and the contact form."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from events.models import BreakoutSession, ContactMessage, Event, EventKind
from tests.factories import (
    EventFactory,
    NewsItemFactory,
    PartnerFactory,
    RegistrationFactory,
    SegmentFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [event.title for event in response.context["events"]]


def days(n: int) -> datetime:
    return timezone.now() + timedelta(days=n)


def test_events_list_upcoming_soonest_first_then_past_latest_first(client):
    EventFactory(title="Past, long ago", starts_at=days(-300))
    EventFactory(title="Later", starts_at=days(40))
    EventFactory(title="Past, recently", starts_at=days(-3))
    EventFactory(title="Soon", starts_at=days(2))
    response = client.get("/events/")
    assert titles(response) == ["Soon", "Later", "Past, recently", "Past, long ago"]
    assert "Past events" in response.content.decode()


def test_events_filters_by_segment_group_country_kind_and_dates(client):
    segment = SegmentFactory(slug="public-transport")
    group = WorkingGroupFactory(slug="e-bus", segment=segment)
    EventFactory(
        title="Bus", segment=segment, group=group, country="SE", kind=EventKind.SITE_VISIT, starts_at=days(10)
    )
    EventFactory(title="Webinar", country="FR", kind=EventKind.WEBINAR, starts_at=days(50))
    assert titles(client.get("/events/?segment=public-transport")) == ["Bus"]
    assert titles(client.get("/events/?group=e-bus")) == ["Bus"]
    assert titles(client.get("/events/?country=FR")) == ["Webinar"]
    assert titles(client.get("/events/?kind=site_visit&kind=webinar")) == ["Bus", "Webinar"]
    start = (timezone.localdate() + timedelta(days=30)).isoformat()
    assert titles(client.get(f"/events/?date_from={start}")) == ["Webinar"]
    assert titles(client.get(f"/events/?date_to={start}")) == ["Bus"]


@pytest.mark.parametrize(
    "query",
    [
        "kind=party",
        "segment=nope",
        "country=XX",
        "date_from=yesterday",
        "date_from=2026-02-30",
        "date_from=2027-01-02&date_to=2027-01-01",
    ],
)
def test_malformed_filters_give_a_form_error_not_a_500(client, query):
    EventFactory()
    response = client.get(f"/events/?{query}")
    assert response.status_code == 400
    assert response.context["filter"].errors
    assert "not valid" in response.content.decode()


def test_the_list_shows_seats_left_and_a_full_event(client):
    open_event = EventFactory(title="Open", capacity=3)
    RegistrationFactory(event=open_event)
    full = EventFactory(title="Full", capacity=1)
    RegistrationFactory(event=full)
    RegistrationFactory(event=full, status="waitlisted")
    page = client.get("/events/").content.decode()
    assert "2 seats left" in page
    assert "Full · 1 waiting" in page


def test_htmx_gets_only_the_results(client):
    EventFactory(title="Only results")
    response = client.get("/events/", headers={"HX-Request": "true"})
    assert "Only results" in response.content.decode()
    assert "<html" not in response.content.decode()


def test_event_page_shows_time_in_the_events_zone_venue_agenda_sessions_seats_organisers(client):
    group = WorkingGroupFactory(name="E-bus")
    event = EventFactory(
        slug="gothenburg",
        title="E-bus meeting",
        starts_at=datetime(2016, 9, 21, 9, tzinfo=ZoneInfo("Europe/Stockholm")),
        ends_at=datetime(2016, 9, 22, 17, tzinfo=ZoneInfo("Europe/Stockholm")),
        time_zone="Europe/Stockholm",
        venue="Electro-mobility in Smart Cities",
        city="Gothenburg",
        country="SE",
        latitude=57.7,
        longitude=11.97,
        agenda="09:00 Welcome",
    )
    BreakoutSession.objects.create(
        event=event, group=group, title="E-bus break-out", outcome="A joint proposal."
    )
    event.organisers.add(PartnerFactory(name="Göteborgs Stad"))
    page = client.get("/events/gothenburg/").content.decode()
    # 09:00 in Stockholm, though the server's zone is Brussels and the value is stored in UTC.
    assert "Wednesday 21 September 2016, 09:00" in page
    assert "Europe/Stockholm (CEST)" in page
    assert 'data-starts="2016-09-21T07:00:00+00:00"' in page
    assert "Electro-mobility in Smart Cities" in page and 'id="event-map"' in page
    assert "09:00 Welcome" in page
    assert "E-bus break-out" in page and "A joint proposal." in page and "Working group: E-bus" in page
    assert "Göteborgs Stad" in page
    assert 'href="/events/gothenburg/event.ics"' in page
    assert "This event has taken place." in page


def test_event_page_shows_seats_left_and_invites_anonymous_visitors_to_log_in(client, event):
    RegistrationFactory(event=event)
    page = client.get(f"/events/{event.slug}/").content.decode()
    assert "1 seat left" in page
    assert "Log in to register" in page


def test_unknown_event_is_a_404(client):
    assert client.get("/events/no-such-event/").status_code == 404


def test_an_event_that_ends_before_it_starts_is_refused_by_validation_and_database():
    event = EventFactory.build(starts_at=days(3), ends_at=days(2))
    with pytest.raises(ValidationError):
        event.full_clean()
    with pytest.raises(IntegrityError):
        Event.objects.create(
            title="Backwards", slug="backwards", kind=EventKind.WEBINAR, starts_at=days(3), ends_at=days(2)
        )


def test_news_list_and_item_render_markdown_safely(client):
    NewsItemFactory(
        slug="launch",
        title="Launch",
        body="**Bold** and [a link](https://example.org)<script>alert(1)</script>"
        "<img src=x onerror=alert(1)>",
    )
    NewsItemFactory(title="Not yet", published_at=days(3))
    listing = client.get("/news/").content.decode()
    assert "Launch" in listing and "Not yet" not in listing
    page = client.get("/news/launch/").content.decode()
    assert "<strong>Bold</strong>" in page
    assert 'href="https://example.org"' in page
    assert "<script>alert" not in page and "onerror" not in page


def test_unpublished_news_is_a_404(client):
    NewsItemFactory(slug="later", published_at=days(3))
    assert client.get("/news/later/").status_code == 404


def test_home_page_shows_the_latest_three_news(client):
    for n in range(4):
        NewsItemFactory(title=f"Item {n}", published_at=days(-n))
    page = client.get("/").content.decode()
    assert "Item 0" in page and "Item 2" in page and "Item 3" not in page


def test_partner_events_lists_upcoming_events_organised_or_attended(cast, colleague):
    from django.template.loader import render_to_string

    organised = EventFactory(title="Organised")
    organised.organisers.add(cast.partner_a)
    RegistrationFactory(event=EventFactory(title="Attended"), person=colleague)
    RegistrationFactory(event=EventFactory(title="Cancelled"), person=colleague, status="cancelled")
    EventFactory(title="Old", starts_at=days(-30)).organisers.add(cast.partner_a)
    html = render_to_string("events/partner_events.html", {"partner": cast.partner_a})
    assert "Organised" in html and "Attended" in html
    assert "Cancelled" not in html and "Old" not in html


def test_my_page_lists_my_registrations_and_those_i_made(client, cast, colleague, event):
    RegistrationFactory(event=event, person=cast.member_person)
    RegistrationFactory(
        event=EventFactory(title="For Carl"), person=colleague, registered_by=cast.member_person
    )
    RegistrationFactory(event=EventFactory(title="Not mine"), person=colleague)
    client.force_login(cast.member)
    page = client.get("/me/").content.decode()
    assert "E-bus site visit" in page and "For Carl" in page and "Not mine" not in page
    assert "Cancel the seat of Carl Colleague" in page


CONTACT = {"name": "Ada", "email": "ada@example.org", "subject": "Joining", "message": "How do we join?"}


def test_contact_form_stores_and_emails_the_coordinators(
    client, settings, django_capture_on_commit_callbacks
):
    settings.COORDINATORS_EMAIL = ["coordination@ev4scc.eu"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contact/", CONTACT)
    assert response.status_code == 302
    assert ContactMessage.objects.get().subject == "Joining"
    assert mail.outbox[0].to == ["coordination@ev4scc.eu"]
    assert mail.outbox[0].extra_headers["Reply-To"] == "ada@example.org"
    assert "How do we join?" in mail.outbox[0].body


def test_contact_form_with_a_bad_email_is_a_400_and_stores_nothing(client):
    response = client.post("/contact/", {**CONTACT, "email": "not an email"})
    assert response.status_code == 400
    assert ContactMessage.objects.count() == 0


def test_contact_honeypot_drops_bots_silently(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contact/", {**CONTACT, "website": "http://spam.example"})
    assert response.status_code == 302
    assert ContactMessage.objects.count() == 0 and mail.outbox == []


def test_contact_is_rate_limited_per_client_address(client):
    for _ in range(5):
        assert client.post("/contact/", CONTACT, REMOTE_ADDR="10.0.0.1").status_code == 302
    response = client.post("/contact/", CONTACT, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429
    assert "Too many messages" in response.content.decode()
    assert client.post("/contact/", CONTACT, REMOTE_ADDR="10.0.0.2").status_code == 302
    assert ContactMessage.objects.count() == 6


def test_contact_rate_limit_is_not_dodged_by_a_forged_forwarded_header(client):
    for n in range(5):
        client.post("/contact/", CONTACT, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 10.0.0.9")
    response = client.post("/contact/", CONTACT, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="9.9.9.9")
    assert response.status_code == 429
