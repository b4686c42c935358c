"""Absolute links in emails: on the address the client reached during a request, SITE_URL in
background work (docs/deployment.md#the-sites-address)."""

import re

import pytest
from django.core import mail
from django.utils import timezone

from partners import services
from partners.models import MembershipApplication

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(db):
    return MembershipApplication.objects.create(
        organisation_name="Uppsala kommun",
        kind="city",
        country="SE",
        city="Uppsala",
        contact_name="Ebba Lind",
        contact_email="ebba@uppsala.example",
        consented_at=timezone.now(),
    )


def _links(body: str) -> list[str]:
    return re.findall(r"https?://\S+", body)


def test_an_approval_on_another_port_invites_with_links_on_that_port(
    client, cast, application, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "http://127.0.0.1:8000"
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    client.force_login(cast.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        with_request = client.post(
            f"/coordination/applications/{application.pk}/approve/", HTTP_HOST="127.0.0.1:8080"
        )
    assert with_request.status_code == 302
    (invitation,) = [m for m in mail.outbox if "ebba@uppsala.example" in m.to]
    links = _links(invitation.body)
    assert links and all(link.startswith("http://127.0.0.1:8080/") for link in links)
    assert any("/accounts/reset/" in link for link in links)


def test_background_work_links_to_site_url(cast, application, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://ev4scc.example/"
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_application(application=application, reviewer=cast.coordinator)
    (invitation,) = [m for m in mail.outbox if "ebba@uppsala.example" in m.to]
    links = _links(invitation.body)
    assert links and all(link.startswith("https://ev4scc.example/") for link in links)
    assert "//accounts" not in invitation.body  # no doubled slash from SITE_URL's own


def test_a_forged_host_puts_nothing_in_an_email(
    client, cast, application, settings, django_capture_on_commit_callbacks
):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    client.force_login(cast.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/coordination/applications/{application.pk}/approve/", HTTP_HOST="evil.example"
        )
    assert response.status_code == 400
    assert mail.outbox == []
