"""update_partner_profile takes plain data (profile changes and PersonData), so the edit page and
the API both map onto it; its rules hold whoever calls, the removal guard of the apps above
partners included."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from audit.models import AuditEntry
from core.errors import Reason, ServiceError
from events.models import RegistrationStatus
from partners.models import ApiToken, Partner, Person
from partners.services import PersonData, update_partner_profile
from tests.factories import EventFactory, PersonFactory, RegistrationFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rep():
    return RepresentativeFactory(partner__slug="voltaic", email="rita@voltaic.example")


@pytest.fixture
def colleague(rep):
    return PersonFactory(partner=rep.partner, name="Carl Colleague", email="carl@voltaic.example")


def as_data(person, **changes) -> PersonData:
    values = {f: getattr(person, f) for f in ("name", "email", "role_title", "is_representative")}
    return PersonData(**{**values, **changes}, id=person.pk)


def api_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.objects.create(user=user, name='tests')[1]}")
    return client


def page_data(partner, people, deleted=()):
    data = {
        "name": partner.name,
        "city": partner.city,
        "website": "",
        "description": "",
        "staff_count": "",
        "turnover_eur_m": "",
        "balance_sheet_eur_m": "",
        "latitude": "",
        "longitude": "",
        "people-TOTAL_FORMS": str(len(people)),
        "people-INITIAL_FORMS": str(len(people)),
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": "1000",
    }
    for index, person in enumerate(people):
        data.update(
            {
                f"people-{index}-id": str(person.pk),
                f"people-{index}-name": person.name,
                f"people-{index}-email": person.email,
                f"people-{index}-role_title": person.role_title,
                f"people-{index}-is_representative": "on" if person.is_representative else "",
            }
        )
        if person in deleted:
            data[f"people-{index}-DELETE"] = "on"
    return data


def test_profile_and_people_change_together_with_an_audit_entry(rep, colleague):
    update_partner_profile(
        partner=rep.partner,
        changes={"city": "Villeurbanne"},
        people=[
            as_data(rep),
            as_data(colleague, role_title="Fleet manager"),
            PersonData(name="Nina New", email="nina@voltaic.example"),
        ],
        by=rep.user,
    )
    assert Partner.objects.get(pk=rep.partner.pk).city == "Villeurbanne"
    assert Person.objects.get(pk=colleague.pk).role_title == "Fleet manager"
    new = Person.objects.get(email="nina@voltaic.example")
    entry = AuditEntry.objects.get(action="partner.updated")
    assert entry.after["city"] == "Villeurbanne" and entry.before["city"] == "Berlin"
    assert set(entry.after["people"]) == {str(rep.pk), str(colleague.pk), str(new.pk)}
    assert entry.before["people"][str(colleague.pk)] != entry.after["people"][str(colleague.pk)]
    assert entry.before["people"][str(rep.pk)] == entry.after["people"][str(rep.pk)]
    assert entry.before["people"][str(colleague.pk)]["role_title"] == ""
    assert entry.after["people"][str(colleague.pk)]["role_title"] == "Fleet manager"


def test_granting_representative_rights_through_the_api_is_audited_with_before_and_after(rep, colleague):
    contacts = [
        {"id": person.pk, "name": person.name, "email": person.email, "is_representative": True}
        for person in (rep, colleague)
    ]
    response = api_for(rep.user).patch(
        f"/api/v1/partners/{rep.partner.slug}/", {"contacts": contacts}, format="json"
    )
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="partner.updated")
    assert entry.before["people"][str(colleague.pk)]["is_representative"] is False
    assert entry.after["people"][str(colleague.pk)]["is_representative"] is True
    assert entry.before["people"][str(colleague.pk)]["email"] == "carl@voltaic.example"


@pytest.mark.parametrize(
    ("change", "field"),
    [({"email": "not an email"}, "email"), ({"name": "x" * 201}, "name"), ({"name": ""}, "name")],
)
def test_people_are_checked_against_the_model_whoever_calls(rep, colleague, change, field):
    with pytest.raises(ServiceError) as refused:
        update_partner_profile(
            partner=rep.partner, changes={}, people=[as_data(rep), as_data(colleague, **change)], by=rep.user
        )
    assert refused.value.field == "people"
    assert Person.objects.get(pk=colleague.pk).name == "Carl Colleague"  # nothing half-written


def test_none_leaves_the_people_as_they_are(rep, colleague):
    update_partner_profile(partner=rep.partner, changes={"city": "Lyon"}, people=None, by=rep.user)
    assert Person.objects.filter(partner=rep.partner).count() == 2


@pytest.mark.parametrize("email", ["RITA@voltaic.example", "rita@voltaic.example"])
def test_two_people_with_one_email_change_nothing(rep, colleague, email):
    with pytest.raises(ServiceError) as refused:
        update_partner_profile(
            partner=rep.partner,
            changes={"city": "Lyon"},
            people=[as_data(rep), as_data(colleague, email=email)],
            by=rep.user,
        )
    assert refused.value.field == "people"
    assert Partner.objects.get(pk=rep.partner.pk).city == "Berlin"
    assert Person.objects.get(pk=colleague.pk).email == "carl@voltaic.example"


def test_an_email_of_another_partners_person_is_taken(rep):
    PersonFactory(email="taken@elsewhere.example")
    with pytest.raises(ServiceError, match="taken"):
        update_partner_profile(
            partner=rep.partner,
            changes={},
            people=[PersonData(name="X", email="Taken@elsewhere.example")],
            by=rep.user,
        )


def test_people_of_another_partner_cannot_be_edited(rep):
    other = PersonFactory()
    with pytest.raises(ServiceError):
        update_partner_profile(
            partner=rep.partner, changes={}, people=[as_data(other, name="Mine")], by=rep.user
        )
    assert Person.objects.get(pk=other.pk).name != "Mine"


def test_coordinates_are_given_together_whoever_calls(rep):
    with pytest.raises(ServiceError):
        update_partner_profile(partner=rep.partner, changes={"latitude": 50, "longitude": None}, by=rep.user)


def test_only_representatives_may_edit(rep):
    stranger = RepresentativeFactory()
    with pytest.raises(ServiceError) as refused:
        update_partner_profile(partner=rep.partner, changes={"city": "X"}, by=stranger.user)
    assert refused.value.reason == Reason.FORBIDDEN


# --- The guard that events contributes: a person with a seat at a coming event stays ----------


def test_a_seated_person_cannot_be_removed_through_the_service(rep, colleague):
    RegistrationFactory(person=colleague)
    with pytest.raises(ServiceError) as refused:
        update_partner_profile(
            partner=rep.partner,
            changes={},
            people=[as_data(rep), as_data(colleague, delete=True)],
            by=rep.user,
        )
    assert refused.value.reason == Reason.CONFLICT
    assert "Carl Colleague is registered for coming events" in refused.value.message
    assert Person.objects.filter(pk=colleague.pk).exists()


def test_the_page_refuses_removing_a_seated_person(client, rep, colleague):
    RegistrationFactory(person=colleague)
    client.force_login(rep.user)
    data = page_data(rep.partner, [rep, colleague], deleted=[colleague])
    response = client.post("/partners/voltaic/edit/", {**data, "city": "Lyon"})
    assert response.status_code == 409  # a refusal, never a redirect
    assert "Carl Colleague is registered for coming events" in response.content.decode()
    assert Person.objects.filter(pk=colleague.pk).exists()
    assert Partner.objects.get(pk=rep.partner.pk).city == "Berlin"  # nothing half-written


@pytest.mark.parametrize("seat", ["none", "cancelled", "past"])
def test_the_page_removes_a_person_without_a_coming_seat(client, rep, colleague, seat):
    if seat == "cancelled":
        RegistrationFactory(person=colleague, status=RegistrationStatus.CANCELLED)
    elif seat == "past":
        past = timezone.now() - timedelta(days=2)
        RegistrationFactory(
            person=colleague, event=EventFactory(starts_at=past, ends_at=past + timedelta(hours=6))
        )
    client.force_login(rep.user)
    response = client.post(
        "/partners/voltaic/edit/", page_data(rep.partner, [rep, colleague], deleted=[colleague])
    )
    assert response.status_code == 302
    assert not Person.objects.filter(pk=colleague.pk).exists()


def test_the_api_refuses_removing_a_seated_person_and_removes_an_unseated_one(rep, colleague):
    contacts = [{"id": rep.pk, "name": rep.name, "email": rep.email, "is_representative": True}]
    RegistrationFactory(person=colleague)
    response = api_for(rep.user).patch("/api/v1/partners/voltaic/", {"contacts": contacts}, format="json")
    assert response.status_code == 409
    assert "registered for coming events" in response.json()["detail"]
    assert Person.objects.filter(pk=colleague.pk).exists()
    colleague.registrations.update(status=RegistrationStatus.CANCELLED)
    response = api_for(rep.user).patch("/api/v1/partners/voltaic/", {"contacts": contacts}, format="json")
    assert response.status_code == 200
    assert not Person.objects.filter(pk=colleague.pk).exists()


def test_the_api_names_the_contacts_when_their_emails_repeat(rep, colleague):
    contacts = [
        {"id": rep.pk, "name": rep.name, "email": rep.email},
        {"id": colleague.pk, "name": colleague.name, "email": rep.email.upper()},
    ]
    response = api_for(rep.user).patch("/api/v1/partners/voltaic/", {"contacts": contacts}, format="json")
    assert response.status_code == 400
    assert "contacts" in response.json()["fields"]


def test_an_already_reviewed_application_is_refused_with_409_not_a_redirect(client):
    from partners.models import ApplicationStatus, MembershipApplication
    from tests.factories import UserFactory

    application = MembershipApplication.objects.create(
        organisation_name="Tartu Linn",
        kind="city",
        country="EE",
        city="Tartu",
        contact_name="Tiina",
        contact_email="tiina@tartu.example",
        consented_at=timezone.now(),
        status=ApplicationStatus.REJECTED,
        reviewed_at=timezone.now(),
        reason="No.",
    )
    client.force_login(UserFactory(is_staff=True))
    for action in ("approve", "reject"):
        response = client.post(f"/coordination/applications/{application.pk}/{action}/", {"reason": "Again"})
        assert response.status_code == 409
        assert "already been reviewed" in response.content.decode()
