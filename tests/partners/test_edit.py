import pytest

from audit.models import AuditEntry
from partners.models import Partner, Person

pytestmark = pytest.mark.django_db

URL = "/partners/voltaic-fleets/edit/"


def form_data(partner, people=(), **changes):
    data = {
        "name": partner.name,
        "city": partner.city,
        "website": "",
        "description_en": "",
        "staff_count": "",
        "turnover_eur_m": "",
        "balance_sheet_eur_m": "",
        "latitude": "",
        "longitude": "",
        "people-TOTAL_FORMS": str(len(people) + 1),
        "people-INITIAL_FORMS": str(len(people)),
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": "1000",
        **changes,
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
    return data


@pytest.mark.parametrize("who", [None, "stranger", "member", "rep_b"])
def test_others_are_refused(client, cast, who):
    if who:
        client.force_login(getattr(cast, who))
    assert client.get(URL).status_code == 403
    people = list(cast.partner_a.people.all())
    assert client.post(URL, form_data(cast.partner_a, people, city="Hacked")).status_code == 403
    assert Partner.objects.get(pk=cast.partner_a.pk).city == "Lyon"


@pytest.mark.parametrize("who", ["rep_a", "coordinator"])
def test_representative_and_coordinator_edit_profile_and_people(client, cast, who):
    client.force_login(getattr(cast, who))
    assert client.get(URL).status_code == 200
    people = list(cast.partner_a.people.order_by("pk"))
    data = form_data(cast.partner_a, people, city="Villeurbanne", description_en="Électric fleets")
    data.update(
        {
            "people-2-name": "New Person",
            "people-2-email": "new@voltaic.example",
            "people-2-role_title": "Engineer",
        }
    )
    response = client.post(URL, data)
    assert response.status_code == 302
    partner = Partner.objects.get(pk=cast.partner_a.pk)
    assert partner.city == "Villeurbanne"
    assert Partner.objects.search("electric").get() == partner
    assert Person.objects.filter(partner=partner, email="new@voltaic.example").exists()
    assert AuditEntry.objects.filter(action="partner.updated", object_id=str(partner.pk)).exists()


def test_bad_input_names_the_field_and_saves_nothing(client, cast):
    client.force_login(cast.rep_a)
    people = list(cast.partner_a.people.order_by("pk"))
    data = form_data(cast.partner_a, people, city="Villeurbanne", latitude="123")
    data["people-1-email"] = "not an email"
    response = client.post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ensure this value is less than or equal to 90" in html
    assert "Enter a valid email address." in html
    assert 'value="Villeurbanne"' in html  # what was typed is kept
    assert Partner.objects.get(pk=cast.partner_a.pk).city == "Lyon"


def test_two_people_with_one_email_are_refused(client, cast):
    client.force_login(cast.rep_a)
    people = list(cast.partner_a.people.order_by("pk"))
    data = form_data(cast.partner_a, people, city="Villeurbanne")
    data["people-1-email"] = people[0].email.upper()
    response = client.post(URL, data)
    assert response.status_code == 400
    assert "Each contact person needs an email of their own." in response.content.decode()
    assert Partner.objects.get(pk=cast.partner_a.pk).city == "Lyon"


def test_unknown_partner_is_404(client, cast):
    client.force_login(cast.coordinator)
    assert client.get("/partners/nobody/edit/").status_code == 404


def test_a_former_partners_representative_can_no_longer_edit_it(client):
    from datetime import date

    from partners.access import represents
    from tests.factories import RepresentativeFactory

    representative = RepresentativeFactory(
        partner__joined_on=date(2016, 1, 28), partner__left_on=date(2020, 1, 1)
    )
    assert not represents(representative.user, representative.partner)
    client.force_login(representative.user)
    assert client.get(f"/partners/{representative.partner.slug}/edit/").status_code == 403
