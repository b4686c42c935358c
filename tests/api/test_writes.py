"""Writes with a token, through the pages' services and their rules: a partner's own profile and
contacts, asking to join a group, registering for an event; anonymous clients only read."""

import pytest

from audit.models import AuditEntry
from events.models import Registration
from partners.models import Partner, Person
from segments.models import GroupMembership
from tests.api.conftest import client_for
from tests.factories import EventFactory, PersonFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def test_representative_updates_the_own_profile(cast):
    client = client_for(cast.rep_a)
    response = client.patch(
        "/api/v1/partners/voltaic-fleets/", {"website": "https://aarhus.dk"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["website"] == "https://aarhus.dk"
    assert Partner.objects.get(slug="voltaic-fleets").website == "https://aarhus.dk"
    assert AuditEntry.objects.filter(action="partner.updated").count() == 1
    assert Person.objects.filter(partner=cast.partner_a).count() == 2  # contacts untouched


def test_coordinator_may_update_any_profile(cast):
    response = client_for(cast.coordinator).patch(
        "/api/v1/partners/voltaic-fleets/", {"city": "Aarhus C"}, format="json"
    )
    assert response.status_code == 200


@pytest.mark.parametrize("who", ["rep_b", "member"])
def test_others_may_not_update_a_profile(cast, who):
    response = client_for(getattr(cast, who)).patch(
        "/api/v1/partners/voltaic-fleets/", {"website": "https://evil.example"}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert Partner.objects.get(slug="voltaic-fleets").website == ""


def test_anonymous_clients_cannot_write(anonymous, cast):
    response = anonymous.patch(
        "/api/v1/partners/voltaic-fleets/", {"website": "https://x.example"}, format="json"
    )
    assert response.status_code == 401
    assert anonymous.post("/api/v1/groups/x/membership-requests/").status_code == 401


def test_invalid_profile_values_name_the_field_and_write_nothing(cast):
    client = client_for(cast.rep_a)
    response = client.patch("/api/v1/partners/voltaic-fleets/", {"latitude": 200, "name": ""}, format="json")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"latitude", "name"}
    assert Partner.objects.get(slug="voltaic-fleets").name == "Voltaic Fleets"


def test_contacts_are_replaced_as_a_list(cast):
    client = client_for(cast.rep_a)
    rep = cast.rep_a_person
    contacts = [
        {"id": rep.pk, "name": "Rita Rep", "email": rep.email, "is_representative": True},
        {"name": "Nina New", "email": "nina@example.org", "role_title": "Fleet manager"},
    ]
    response = client.patch("/api/v1/partners/voltaic-fleets/", {"contacts": contacts}, format="json")
    assert response.status_code == 200, response.json()
    assert sorted(c["name"] for c in response.json()["contacts"]) == ["Nina New", "Rita Rep"]
    assert not Person.objects.filter(pk=cast.member_person.pk).exists()  # left out: removed


def test_duplicate_contact_emails_are_refused(cast):
    client = client_for(cast.rep_a)
    contacts = [
        {
            "id": cast.rep_a_person.pk,
            "name": "Rita",
            "email": "same@example.org",
            "is_representative": True,
        },
        {"name": "Twin", "email": "same@example.org"},
    ]
    response = client.patch("/api/v1/partners/voltaic-fleets/", {"contacts": contacts}, format="json")
    assert response.status_code == 400
    assert "contacts" in response.json()["fields"]


def test_contacts_of_another_partner_are_refused(cast):
    client = client_for(cast.rep_a)
    contacts = [{"id": cast.rep_b_person.pk, "name": "Otto", "email": "otto@example.org"}]
    response = client.patch("/api/v1/partners/voltaic-fleets/", {"contacts": contacts}, format="json")
    assert response.status_code == 400
    assert Person.objects.get(pk=cast.rep_b_person.pk).partner != cast.partner_a


def test_contacts_are_shown_only_to_representatives(anonymous, cast):
    assert anonymous.get("/api/v1/partners/voltaic-fleets/").json()["contacts"] == []
    own = client_for(cast.rep_a).get("/api/v1/partners/voltaic-fleets/").json()["contacts"]
    assert {c["email"] for c in own} == {cast.rep_a_person.email, cast.member_person.email}


def test_representative_asks_to_join_a_group(cast):
    group = WorkingGroupFactory(slug="e-bus", admission="request")
    response = client_for(cast.rep_a).post(
        "/api/v1/groups/e-bus/membership-requests/", {"message": "We run 40 e-buses."}, format="json"
    )
    assert response.status_code == 201
    assert response.json() == {
        "group": "e-bus",
        "partner": "voltaic-fleets",
        "status": "requested",
        "role": "member",
    }
    assert GroupMembership.objects.get(group=group, partner=cast.partner_a).status == "requested"
    again = client_for(cast.rep_a).post("/api/v1/groups/e-bus/membership-requests/")
    assert again.status_code == 409


def test_asking_for_another_partner_is_403(cast):
    WorkingGroupFactory(slug="e-bus")
    response = client_for(cast.rep_b).post(
        "/api/v1/groups/e-bus/membership-requests/", {"partner": "voltaic-fleets"}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert not GroupMembership.objects.filter(group__slug="e-bus").exists()


def test_member_registers_self_and_colleague(cast):
    EventFactory(slug="ga-2016")
    client = client_for(cast.member)
    assert client.post("/api/v1/events/ga-2016/registrations/").status_code == 201
    colleague = PersonFactory(partner=cast.partner_a)
    response = client.post("/api/v1/events/ga-2016/registrations/", {"person": colleague.pk}, format="json")
    assert response.status_code == 201
    assert response.json()["status"] == "confirmed"
    assert Registration.objects.count() == 2
    assert client.post("/api/v1/events/ga-2016/registrations/").status_code == 409


def test_registering_another_partners_person_is_403(cast):
    EventFactory(slug="ga-2016")
    response = client_for(cast.member).post(
        "/api/v1/events/ga-2016/registrations/", {"person": cast.rep_b_person.pk}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["fields"] == {"person": [response.json()["detail"]]}
    assert not Registration.objects.exists()


def test_bad_write_bodies_are_400(cast):
    EventFactory(slug="ga-2016")
    client = client_for(cast.member)
    assert (
        client.post("/api/v1/events/ga-2016/registrations/", {"person": "x"}, format="json").status_code
        == 400
    )
    assert (
        client.post("/api/v1/events/ga-2016/registrations/", {"person": 999999}, format="json").status_code
        == 400
    )
    assert client.post("/api/v1/events/nope/registrations/").status_code == 404


def test_writes_take_json_only(cast):
    client = client_for(cast.rep_a)
    response = client.patch("/api/v1/partners/voltaic-fleets/", {"city": "Aarhus"})  # multipart form
    assert response.status_code == 415
    assert Partner.objects.get(slug="voltaic-fleets").city == "Lyon"


def test_sme_status_follows_the_eu_definition_where_the_facts_are_given(cast):
    client = client_for(cast.rep_a)
    response = client.patch(
        "/api/v1/partners/voltaic-fleets/",
        {"is_sme": True, "staff_count": 100000, "turnover_eur_m": "9999"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert Partner.objects.get(slug="voltaic-fleets").is_sme is False
    client.patch(
        "/api/v1/partners/voltaic-fleets/", {"staff_count": 40, "turnover_eur_m": "12"}, format="json"
    )
    assert Partner.objects.get(slug="voltaic-fleets").is_sme is True


def test_a_contact_with_seats_at_coming_events_cannot_be_removed(cast):
    from tests.factories import RegistrationFactory

    RegistrationFactory(person=cast.member_person)
    rep = cast.rep_a_person
    contacts = [{"id": rep.pk, "name": rep.name, "email": rep.email, "is_representative": True}]
    response = client_for(rep.user).patch(
        "/api/v1/partners/voltaic-fleets/", {"contacts": contacts}, format="json"
    )
    assert response.status_code == 409
    assert Person.objects.filter(pk=cast.member_person.pk).exists()
    assert Registration.objects.filter(person=cast.member_person).exists()
