"""A member writes to a solution's provider through the platform (issue 20, point 8): the
provider's representatives get it by email, the sender never sees their addresses, rate-limited."""

import pytest
from django.core import mail

from audit.models import AuditEntry
from projects import views
from tests.factories import RepresentativeFactory
from tests.projects.factories import SolutionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def solution(cast):
    """Partner B provides it; it has a second representative beside rep_b."""
    RepresentativeFactory(partner=cast.partner_b, email="second@partner-b.example", language="fr")
    return SolutionFactory(provider=cast.partner_b, title="Opportunity charging", slug="opportunity-charging")


def write(client, solution, message="Does it work at -20 °C?", **extra):
    return client.post(f"/solutions/{solution.slug}/contact/", {"message": message}, **extra)


def test_a_member_writes_and_every_representative_gets_it(
    client, cast, solution, django_capture_on_commit_callbacks
):
    client.force_login(cast.member)
    with django_capture_on_commit_callbacks(execute=True):
        response = write(client, solution)
    assert response.status_code == 302 and response.url == solution.get_absolute_url()
    to = sorted(address for email in mail.outbox for address in email.to)
    assert to == sorted([cast.rep_b_person.email, "second@partner-b.example"])
    english = next(email for email in mail.outbox if cast.rep_b_person.email in email.to)
    assert "Does it work at -20 °C?" in english.body and cast.member_person.name in english.body
    assert english.extra_headers["Reply-To"] == cast.member_person.email
    assert AuditEntry.objects.get(action="solution.provider_contacted").after["from"] == cast.partner_a.pk
    assert "-20" not in str(AuditEntry.objects.get().after)


def test_the_page_shows_no_address_of_the_provider(client, cast, solution):
    client.force_login(cast.member)
    page = client.get(solution.get_absolute_url()).content.decode()
    assert "Send the message" in page
    assert cast.rep_b_person.email not in page and "second@partner-b.example" not in page


@pytest.mark.parametrize("role", ["coordinator", "stranger"])
def test_who_is_no_member_cannot_write(client, cast, solution, role):
    client.force_login(getattr(cast, role))
    assert write(client, solution).status_code == 403
    assert mail.outbox == [] and not AuditEntry.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, solution):
    response = write(client, solution)
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert "Log in" in client.get(solution.get_absolute_url()).content.decode()


def test_the_provider_does_not_write_to_itself(client, cast, solution):
    client.force_login(cast.rep_b)
    assert "Send the message" not in client.get(solution.get_absolute_url()).content.decode()
    assert write(client, solution).status_code == 403
    assert mail.outbox == []


@pytest.mark.parametrize("message", ["", "   ", "x" * 5001])
def test_a_bad_message_is_a_form_error_and_sends_nothing(client, cast, solution, message):
    client.force_login(cast.member)
    response = write(client, solution, message)
    assert response.status_code == 400 and "message" in response.context["message_form"].errors
    assert mail.outbox == []


def test_writing_is_rate_limited(client, cast, solution, django_capture_on_commit_callbacks):
    client.force_login(cast.member)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(views.PROVIDER_MESSAGE_LIMIT):
            assert write(client, solution).status_code == 302
    sent = len(mail.outbox)
    assert sent == 2 * views.PROVIDER_MESSAGE_LIMIT  # two representatives each time
    with django_capture_on_commit_callbacks(execute=True):
        response = write(client, solution)
    assert response.status_code == 429 and "Too many messages" in response.content.decode()
    assert len(mail.outbox) == sent


def test_the_limit_counts_per_client_address(client, cast, solution):
    client.force_login(cast.member)
    for _ in range(views.PROVIDER_MESSAGE_LIMIT):
        write(client, solution)
    assert write(client, solution).status_code == 429
    assert write(client, solution, REMOTE_ADDR="198.51.100.7").status_code == 302
