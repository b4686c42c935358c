import json

import pytest
from django.contrib.auth import get_user_model

from audit.models import AuditEntry
from partners.models import Partner, Person
from tests.factories import GroupMembershipFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_privacy_notice_is_public(client):
    response = client.get("/privacy/")
    assert response.status_code == 200 and "Privacy notice" in response.content.decode()


def test_me_shows_the_organisation_and_the_privacy_actions(client, cast):
    client.force_login(cast.rep_a)
    html = client.get("/me/").content.decode()
    assert "Voltaic Fleets" in html
    assert "/partners/voltaic-fleets/edit/" in html
    assert "/me/data.json" in html and "/me/erase/" in html


def test_me_has_no_edit_link_for_a_plain_member(client, cast):
    client.force_login(cast.member)
    assert "/partners/voltaic-fleets/edit/" not in client.get("/me/").content.decode()


def test_download_has_everything_about_the_person(client, cast):
    person = Person.objects.get(user=cast.rep_a)
    RegistrationFactory(person=person, event__title="General Assembly")
    GroupMembershipFactory(partner=cast.partner_a, group__name="E-bus group")
    client.force_login(cast.rep_a)
    response = client.get("/me/data.json")
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["person"]["email"] == "rep@voltaic.example"
    assert data["login"]["username"] == cast.rep_a.username
    assert data["organisation"]["name"] == "Voltaic Fleets"
    assert data["event_registrations"][0]["event__title"] == "General Assembly"
    assert [m["group__name"] for m in data["organisation_group_memberships"]] == ["E-freight", "E-bus group"]


@pytest.mark.parametrize("url", ["/me/data.json", "/me/erase/"])
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize("url", ["/me/data.json", "/me/erase/"])
def test_a_login_without_a_person_goes_back_to_me(client, cast, url):
    client.force_login(cast.stranger)
    assert client.get(url).url == "/me/"


def test_erasure_needs_confirmation(client, cast):
    client.force_login(cast.rep_a)
    assert client.get("/me/erase/").status_code == 200
    response = client.post("/me/erase/", {})
    assert response.status_code == 400
    assert Person.objects.get(user=cast.rep_a).name == "Rita Rep"


def test_erasure_anonymises_the_person_closes_the_login_and_keeps_the_organisation(client, cast):
    client.force_login(cast.rep_a)
    person = Person.objects.get(user=cast.rep_a)
    response = client.post("/me/erase/", {"confirm": "on"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name == "Erased person" and "rep@voltaic.example" not in person.email
    assert person.user is None and not person.is_representative
    user = get_user_model().objects.get(pk=cast.rep_a.pk)
    assert not user.is_active and not user.has_usable_password() and user.email == ""
    assert Partner.objects.filter(pk=cast.partner_a.pk).exists()
    entry = AuditEntry.objects.get(action="person.erased")
    assert "Rita" not in json.dumps(entry.after) and "rep@voltaic" not in json.dumps(entry.after)
    assert client.get("/me/").status_code == 302  # logged out
    assert "Rita Rep" not in client.get("/partners/voltaic-fleets/").content.decode()


def test_my_data_does_not_include_another_organisations_application_with_my_email(client):
    from django.utils import timezone

    from partners.models import MembershipApplication
    from tests.factories import RepresentativeFactory

    person = RepresentativeFactory(email="victim@example.com")
    MembershipApplication.objects.create(
        organisation_name="Someone Else GmbH",
        kind="company",
        country="DE",
        city="Berlin",
        contact_name="Victim",
        contact_email="VICTIM@example.com",
        consented_at=timezone.now(),
    )
    client.force_login(person.user)
    data = client.get("/me/data.json").json()
    assert data["membership_applications"] == []
