import re

import pytest
from django.core import mail
from django.utils import timezone

from audit.models import AuditEntry
from partners.models import MembershipApplication, Partner, Person
from tests.factories import PartnerFactory, SegmentFactory

pytestmark = pytest.mark.django_db

LIST = "/coordination/applications/"


@pytest.fixture
def application(db):
    app = MembershipApplication.objects.create(
        organisation_name="Tartu Linn",
        kind="city",
        country="EE",
        city="Tartu",
        website="https://www.tartu.example/en",
        population=95_000,
        contact_name="Kai Tamm",
        contact_email="Kai@Tartu.example",
        contact_role="Mobility lead",
        consented_at=timezone.now(),
    )
    app.segments_of_interest.set([SegmentFactory(short_name="E-bus")])
    return app


@pytest.mark.parametrize("url", [LIST, "/coordination/applications/{pk}/"])
def test_pages_are_for_coordinators_only(client, cast, application, url):
    url = url.format(pk=application.pk)
    assert client.get(url).status_code == 302  # to the login page
    for user in (cast.stranger, cast.member, cast.rep_a):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.force_login(cast.coordinator)
    response = client.get(url)
    assert response.status_code == 200 and "Tartu Linn" in response.content.decode()


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_others_cannot_review(client, cast, application, action):
    for user in (cast.member, cast.rep_a):
        client.force_login(user)
        response = client.post(f"/coordination/applications/{application.pk}/{action}/", {"reason": "No"})
        assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == "pending"
    assert not Partner.objects.filter(name="Tartu Linn").exists()


def test_duplicates_are_shown_to_the_reviewer(client, cast, application):
    PartnerFactory(name="TARTU  linn", slug="tartu-old")
    PartnerFactory(name="Other name", slug="tartu-web", website="http://tartu.example/")
    MembershipApplication.objects.create(
        organisation_name="Tartu Linn",
        kind="city",
        country="EE",
        city="Tartu",
        contact_name="X",
        contact_email="x@example.org",
        consented_at=timezone.now(),
    )
    client.force_login(cast.coordinator)
    html = client.get(f"/coordination/applications/{application.pk}/").content.decode()
    assert "Possible duplicate" in html
    assert "/partners/tartu-old/" in html and "/partners/tartu-web/" in html
    assert "Pending application" in html


def test_no_duplicate_warning_for_a_new_organisation(client, cast, application):
    client.force_login(cast.coordinator)
    assert (
        "Possible duplicate"
        not in client.get(f"/coordination/applications/{application.pk}/").content.decode()
    )


def test_approve_creates_partner_person_login_and_sends_a_working_invitation(
    client, cast, application, django_capture_on_commit_callbacks
):
    client.force_login(cast.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/coordination/applications/{application.pk}/approve/")
    assert response.status_code == 302
    partner = Partner.objects.get(name="Tartu Linn")
    assert partner.slug == "tartu-linn" and partner.kind == "city" and partner.is_active()
    assert partner.city_profile.population == 95_000
    assert [s.short_name for s in partner.segments_of_interest.all()] == ["E-bus"]
    person = Person.objects.get(partner=partner)
    assert person.is_representative and person.user.username == "kai@tartu.example"
    assert not person.user.has_usable_password()
    application.refresh_from_db()
    assert application.status == "approved" and application.partner == partner
    assert application.reviewed_by == cast.coordinator
    assert AuditEntry.objects.filter(action="application.approved").exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["Kai@Tartu.example"]
    link = re.search(r"http://\S+(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    client.logout()
    form_url = client.get(link).url  # Django swaps the token for a session and redirects
    response = client.post(
        form_url, {"new_password1": "a long new password 42", "new_password2": "a long new password 42"}
    )
    assert response.status_code == 302
    person.user.refresh_from_db()
    assert person.user.check_password("a long new password 42")


def test_approving_twice_is_refused(client, cast, application):
    client.force_login(cast.coordinator)
    client.post(f"/coordination/applications/{application.pk}/approve/")
    response = client.post(f"/coordination/applications/{application.pk}/approve/")
    assert response.status_code == 409
    assert Partner.objects.filter(name="Tartu Linn").count() == 1


def test_approve_with_an_email_already_in_use_writes_nothing(client, cast, application):
    Person.objects.filter(user=cast.member).update(email="kai@tartu.example")
    client.force_login(cast.coordinator)
    response = client.post(f"/coordination/applications/{application.pk}/approve/")
    assert response.status_code == 409
    assert "already has a login" in response.content.decode()
    assert not Partner.objects.filter(name="Tartu Linn").exists()
    application.refresh_from_db()
    assert application.status == "pending"


def test_reject_needs_a_reason_and_tells_the_applicant(
    client, cast, application, django_capture_on_commit_callbacks
):
    client.force_login(cast.coordinator)
    response = client.post(f"/coordination/applications/{application.pk}/reject/", {"reason": "  "})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    application.refresh_from_db()
    assert application.status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/coordination/applications/{application.pk}/reject/", {"reason": "Not in Europe."}
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "rejected" and application.reason == "Not in Europe."
    assert mail.outbox[0].to == ["Kai@Tartu.example"] and "Not in Europe." in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="application.rejected").exists()
    assert not Partner.objects.filter(name="Tartu Linn").exists()


def test_unknown_application_is_404(client, cast):
    client.force_login(cast.coordinator)
    assert client.get("/coordination/applications/999/").status_code == 404
    assert client.post("/coordination/applications/999/approve/").status_code == 404
