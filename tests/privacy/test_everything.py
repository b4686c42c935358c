"""A person who touches every feature: "download my data" holds all of it, and after /me/erase/ a
dump of the whole database finds neither their name nor their email. On SQLite and on PostgreSQL
(DATABASE_URL): the audit trail's JSON is searched as each stores it."""

import json
from datetime import date

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client, override_settings

from digests.models import Delivery, DeliveryStatus
from digests.services import ensure_subscription
from events import services as events
from partners import services as partners
from partners.models import Person
from partners.services import PersonData
from segments import services as segments
from segments.models import Admission
from tests.factories import EventFactory, PersonFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

NAME, EMAIL = "Zelda Quärrington", "Zelda.Q@privacy.example"
PASSWORD = "a long and good passphrase"  # noqa: S105 (a test's)
LOGIN_WITH_AXES = override_settings(
    AXES_ENABLED=True,
    AUTHENTICATION_BACKENDS=[
        "core.logins.AddressLimitBackend",
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
    ],
)


def touch_everything(cast) -> tuple[Person, Client]:
    """Apply, be approved, log in (after a failure), write to the coordinators, ask to join a group,
    register oneself and a colleague, get a digest, hold an API token, be edited on the profile and
    in the admin."""
    application = partners.submit_application(
        data={
            "organisation_name": "Quarry Mobility",
            "kind": "company",
            "country": "AT",
            "city": "Graz",
            "contact_name": NAME,
            "contact_email": EMAIL,
            "contact_role": "Head of fleet",
        }
    )
    partner = partners.approve_application(application=application, reviewer=cast.coordinator)
    person = Person.objects.get(partner=partner)
    person.user.set_password(PASSWORD)
    person.user.save()
    client = Client(REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Zelda's browser")
    with LOGIN_WITH_AXES:
        login = {"username": EMAIL.lower(), "password": "wrong"}
        client.post("/accounts/login/", login)
        assert client.post("/accounts/login/", {**login, "password": PASSWORD}).status_code == 302
    contact = {"name": NAME, "email": EMAIL, "subject": "Hello", "message": f"Best regards, {NAME}"}
    assert client.post("/contact/", contact).status_code == 302
    group = WorkingGroupFactory(admission=Admission.REQUEST)
    segments.request_group_membership(
        group=group, partner=partner, by=person.user, message=f"Kind regards, {NAME} ({EMAIL})"
    )
    colleague = PersonFactory(partner=partner, name="Colin Colleague", email="colin@quarry.example")
    event = EventFactory()
    events.register(event=event, person=person, by=person.user)
    events.register(event=event, person=colleague, by=person.user)
    ensure_subscription(person=person)
    Delivery.objects.create(
        person=person,
        frequency="weekly",
        period_start=date(2026, 1, 5),
        period_end=date(2026, 1, 11),
        status=DeliveryStatus.FAILED,
        error=f"550 mailbox {EMAIL} unavailable",
    )
    assert client.post("/api/v1/token/", {"name": "Laptop"}).status_code == 200
    partners.update_partner_profile(
        partner=partner,
        changes={},
        people=[
            PersonData(
                id=person.pk, name=NAME, email=EMAIL, role_title="Fleet director", is_representative=True
            ),
            PersonData(id=colleague.pk, name=colleague.name, email=colleague.email),
        ],
        by=person.user,
    )
    LogEntry.objects.create(
        user=cast.coordinator,
        content_type=ContentType.objects.get_for_model(Person),
        object_id=str(person.pk),
        object_repr=str(person),
        action_flag=CHANGE,
        change_message="[]",
    )
    person.refresh_from_db()
    return person, client


def rows_mentioning(*texts: str) -> list[str]:
    """Every row of every table (the many-to-many ones too) whose values mention one of the texts."""
    found = []
    wanted = [text.lower() for text in texts]
    for model in apps.get_models(include_auto_created=True):
        for row in model._base_manager.values_list():
            text = " ".join(json.dumps(value, default=str, ensure_ascii=False) for value in row).lower()
            if any(word in text for word in wanted):
                found.append(f"{model._meta.label}: {row}")
    return found


def test_the_download_holds_everything_the_platform_keeps_about_the_person(cast):
    person, client = touch_everything(cast)
    data = client.get("/me/data.json").json()
    assert data["person"]["name"] == NAME
    assert data["membership_applications"][0]["contact_role"] == "Head of fleet"
    assert data["membership_applications"][0]["city"] == "Graz"
    assert [row["subject"] for row in data["contact_messages"]] == ["Hello"]
    assert data["digest_subscription"]["frequency"] == "weekly"
    assert data["digest_deliveries"][0]["status"] == "failed"
    assert [row["person__name"] for row in data["registrations_for_colleagues"]] == ["Colin Colleague"]
    assert [row["name"] for row in data["api_tokens"]] == ["Laptop"]
    assert data["login_history"]["logins"][0]["user_agent"] == "Zelda's browser"
    assert (
        data["login_history"]["failed_attempts"] == []
        or data["login_history"]["failed_attempts"][0]["ip_address"]
    )
    assert NAME in data["group_requests"][0]["message"]
    actions = {entry["action"] for entry in data["audit_entries"]}
    assert {"api_token.created", "partner.updated", "group_membership.requested"} <= actions


def test_after_erasure_no_table_holds_the_name_or_the_email(cast):
    person, client = touch_everything(cast)
    # The search finds them first, in every kind of place.
    tables = {row.split(":")[0] for row in rows_mentioning(NAME, EMAIL)}
    assert {
        "auth.User",
        "partners.Person",
        "partners.MembershipApplication",
        "axes.AccessLog",
        "events.ContactMessage",
        "segments.GroupMembership",
        "digests.Delivery",
        "audit.AuditEntry",
        "admin.LogEntry",
    } <= tables
    response = client.post("/me/erase/", {"confirm": "on"})
    assert response.status_code == 302
    assert rows_mentioning(NAME, EMAIL) == []
    # What the organisation did stays: its registration, its group request, the trail's entries.
    assert person.partner.group_memberships.count() == 1
    assert person.registrations.count() == 1
    assert Person.objects.get(pk=person.pk).name == "Erased person"


def test_erasure_keeps_other_peoples_data(cast):
    touch_everything(cast)
    client = Client()
    client.force_login(Person.objects.get(email__iexact=EMAIL).user)
    client.post("/me/erase/", {"confirm": "on"})
    assert Person.objects.filter(name="Colin Colleague").exists()
    assert rows_mentioning("Rita Rep", "rep@voltaic.example")
