import pytest
from django.core import mail

from partners.models import MembershipApplication
from tests.factories import SegmentFactory

pytestmark = pytest.mark.django_db

URL = "/join/"


def application(**changes):
    return {
        "organisation_name": "Nordic E-Buses AB",
        "kind": "company",
        "country": "SE",
        "city": "Göteborg",
        "website": "https://www.nordic-ebuses.example",
        "staff_count": "40",
        "turnover_eur_m": "8",
        "balance_sheet_eur_m": "",
        "description": "Electric buses.",
        "contact_name": "Astrid Berg",
        "contact_email": "astrid@nordic-ebuses.example",
        "contact_role": "CEO",
        "consent": "on",
        "homepage": "",
        **changes,
    }


def test_form_renders_with_segments_and_privacy_link(client):
    SegmentFactory(name="Smart electrification of public transport")
    html = client.get(URL).content.decode()
    assert "Smart electrification of public transport" in html and 'href="/privacy/"' in html


def test_valid_application_is_recorded_and_coordinators_told(client, django_capture_on_commit_callbacks):
    segment = SegmentFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, application(segments=[segment.pk]))
    assert response.status_code == 302 and response["Location"] == "/join/thanks/"
    saved = MembershipApplication.objects.get()
    assert saved.status == "pending" and saved.consented_at is not None
    assert list(saved.segments_of_interest.all()) == [segment]
    assert len(mail.outbox) == 1 and "Nordic E-Buses AB" in mail.outbox[0].subject
    assert client.get("/join/thanks/").status_code == 200


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"consent": ""}, "consent", "This field is required."),
        ({"contact_email": "nope"}, "contact_email", "Enter a valid email address."),
        ({"country": "XX"}, "country", "Select a valid choice. XX is not one of the available choices."),
        ({"population": "50000"}, "population", "Only cities and regions give a population."),
        ({"organisation_name": ""}, "organisation_name", "This field is required."),
    ],
)
def test_bad_input_names_the_field_keeps_the_input_and_saves_nothing(client, changes, field, message):
    response = client.post(URL, application(**changes))
    assert response.status_code == 400
    assert message in response.context["form"].errors[field]
    assert 'value="Astrid Berg"' in response.content.decode() or field == "contact_name"
    assert not MembershipApplication.objects.exists()


def test_honeypot_catches_bots(client):
    response = client.post(URL, application(homepage="http://spam.example"))
    assert response.status_code == 400
    assert not MembershipApplication.objects.exists()


def test_rate_limited_per_address(client):
    for number in range(5):
        assert client.post(URL, application(organisation_name=f"Org {number}")).status_code == 302
    response = client.post(URL, application(organisation_name="Org 6"))
    assert response.status_code == 429
    assert MembershipApplication.objects.count() == 5
    other = client.post(URL, application(organisation_name="Elsewhere"), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302
