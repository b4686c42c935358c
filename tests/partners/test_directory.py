from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partners.models import Partner, PartnerKind
from tests.factories import (
    CityFactory,
    GroupMembershipFactory,
    PartnerFactory,
    SegmentFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

URL = "/partners/"


def names(response) -> list[str]:
    return [partner.name for partner in response.context["page_obj"]]


def test_lists_active_partners_but_not_former_ones(client, cast):
    response = client.get(URL)
    assert response.status_code == 200
    assert names(response) == ["Aarhus", "Tartu", "Voltaic Fleets"]
    assert "Gone Ltd" not in response.content.decode()


def test_search_ignores_accents_and_case_on_name_city_and_description(client):
    PartnerFactory(name="Île-de-France Mobilités", city="Paris")
    PartnerFactory(name="Kraków Charging", city="Kraków", description="Fast chargers for ÉLECTRIC buses")
    PartnerFactory(name="Other", city="Berlin")
    assert names(client.get(URL, {"q": "ile de"})) == ["Île-de-France Mobilités"]
    assert names(client.get(URL, {"q": "KRAKOW"})) == ["Kraków Charging"]
    assert names(client.get(URL, {"q": "electric buses"})) == ["Kraków Charging"]
    assert names(client.get(URL, {"q": "paris"})) == ["Île-de-France Mobilités"]


def test_search_column_follows_edits_and_bulk_creation(client):
    partner = PartnerFactory(name="Plain")
    partner.name = "Électrique"
    partner.save(update_fields=["name"])
    Partner.objects.bulk_create(
        [Partner(name="Zürich Power", slug="zp", kind="company", country="CH", joined_on=date(2016, 1, 28))]
    )
    assert names(client.get(URL, {"q": "electrique"})) == ["Électrique"]
    assert names(client.get(URL, {"q": "zurich"})) == ["Zürich Power"]


def test_facets_filter_and_count_following_the_other_filters(client):
    PartnerFactory(name="A", country="FR", kind=PartnerKind.COMPANY, is_sme=True)
    PartnerFactory(name="B", country="FR", kind=PartnerKind.RESEARCH)
    CityFactory(name="C", country="SE", city_profile__population=80_000)
    response = client.get(URL, {"country": "FR"})
    assert names(response) == ["A", "B"]
    facets = response.context["facets"]
    # The country facet ignores its own choice; the kind facet counts within France only.
    assert {f.value: f.count for f in facets["country"]} == {"FR": 2, "SE": 1}
    assert {f.value: f.count for f in facets["kind"]} == {"company": 1, "research": 1}
    assert names(client.get(URL, {"country": "FR", "sme": "True"})) == ["A"]
    assert names(client.get(URL, {"size": "small"})) == ["C"]
    assert names(client.get(URL, {"kind": ["research", "city"]})) == ["B", "C"]


def test_segment_means_an_active_membership_of_one_of_its_groups(client):
    segment = SegmentFactory(slug="e-bus", short_name="E-bus")
    group = WorkingGroupFactory(segment=segment)
    GroupMembershipFactory(group=group, partner=PartnerFactory(name="Active"))
    GroupMembershipFactory(
        group=group, partner=PartnerFactory(name="Asked"), status="requested", joined_on=None
    )
    response = client.get(URL, {"segment": "e-bus"})
    assert names(response) == ["Active"]
    assert [(f.value, f.count) for f in client.get(URL).context["facets"]["segment"]] == [("e-bus", 1)]


def test_a_partner_in_two_groups_of_a_segment_is_listed_and_counted_once(client):
    segment = SegmentFactory(slug="e-bus", short_name="E-bus")
    twice = PartnerFactory(name="Twice", country="SE", kind=PartnerKind.COMPANY)
    for group in WorkingGroupFactory.create_batch(2, segment=segment):
        GroupMembershipFactory(group=group, partner=twice)
    response = client.get(URL, {"segment": "e-bus"})
    assert names(response) == ["Twice"]
    assert response.context["page_obj"].paginator.count == 1
    facets = response.context["facets"]
    assert {f.value: f.count for f in facets["country"]} == {"SE": 1}
    assert {f.value: f.count for f in facets["kind"]} == {"company": 1}
    assert [(f.value, f.count) for f in facets["segment"]] == [("e-bus", 1)]


def test_joined_year_facet_and_sorting(client):
    PartnerFactory(name="Old", country="SE", joined_on=date(2016, 1, 28))
    PartnerFactory(name="New", country="AT", joined_on=date(2017, 5, 1))
    assert names(client.get(URL, {"joined": "2017"})) == ["New"]
    assert names(client.get(URL, {"sort": "-joined"})) == ["New", "Old"]
    assert names(client.get(URL, {"sort": "country"})) == ["New", "Old"]
    assert names(client.get(URL, {"sort": "name"})) == ["New", "Old"]


@pytest.mark.parametrize(
    "params",
    [
        {"country": "XX"},
        {"kind": "alien"},
        {"sort": "password"},
        {"joined": "last"},
        {"segment": "nope"},
        {"sme": "maybe"},
    ],
)
def test_unknown_filter_values_never_fail(client, cast, params):
    response = client.get(URL, params)
    assert response.status_code == 200


def test_unknown_choice_is_reported_and_ignored(client, cast):
    response = client.get(URL, {"country": "XX"})
    assert "not understood" in response.content.decode()
    assert names(response) == ["Aarhus", "Tartu", "Voltaic Fleets"]


def test_empty_result_offers_to_clear_filters(client, cast):
    response = client.get(URL, {"q": "nothing like this"})
    html = response.content.decode()
    assert "No partner matches these filters." in html
    assert 'href="/partners/">Clear all filters' in html


def test_pages_and_a_404_past_the_last(client):
    for number in range(30):
        PartnerFactory(name=f"P{number:02d}")
    assert len(names(client.get(URL))) == 24
    assert names(client.get(URL, {"page": 2})) == ["P24", "P25", "P26", "P27", "P28", "P29"]
    assert client.get(URL, {"page": 3}).status_code == 404
    assert client.get(URL, {"page": "x"}).status_code == 400  # not a page number at all


def test_htmx_gets_only_the_results(client, cast):
    response = client.get(URL, {"country": "FR"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Voltaic Fleets" in html and "Tartu" not in html
    assert "<html" not in html
    assert "HX-Request" in response["Vary"]
    full = client.get(URL, {"country": "FR"}).content.decode()
    assert 'data-hx-push-url="true"' in full and "<html" in full


def _build(count: int) -> None:
    segment = SegmentFactory()
    group = WorkingGroupFactory(segment=segment)
    for number in range(count):
        partner = (CityFactory if number % 3 == 0 else PartnerFactory)(country=["FR", "DE", "SE"][number % 3])
        GroupMembershipFactory(group=group, partner=partner)


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def test_directory_queries_do_not_grow_with_partners(client):
    _build(10)
    few = _queries(client, URL, {"q": "partner", "country": "FR"}), _queries(client, URL)
    _build(190)
    many = _queries(client, URL, {"q": "partner", "country": "FR"}), _queries(client, URL)
    assert few == many


def test_every_facet_shows_its_values_labels_and_counts(client):
    PartnerFactory(name="A", country="FR", kind=PartnerKind.COMPANY, is_sme=True, joined_on=date(2016, 3, 1))
    PartnerFactory(name="B", country="FR", kind=PartnerKind.RESEARCH, joined_on=date(2017, 5, 1))
    CityFactory(name="C", country="SE", city_profile__population=80_000, joined_on=date(2017, 6, 1))
    facets = client.get(URL).context["facets"]

    def shown(name: str) -> list[tuple[str, str, int]]:
        return [(f.value, f.label, f.count) for f in facets[name]]

    assert shown("country") == [("FR", "France", 2), ("SE", "Sweden", 1)]
    assert shown("kind") == [("city", "City", 1), ("company", "Company", 1), ("research", "Research body", 1)]
    assert shown("sme") == [("False", "Not an SME", 2), ("True", "SME", 1)]
    assert shown("size") == [("small", "Small (under 100,000)", 1)]
    assert shown("joined") == [("2017", "2017", 2), ("2016", "2016", 1)]


def test_the_facets_of_the_partners_own_columns_are_counted_in_one_query(client, cast):
    def grouped_queries(params: dict) -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, params).status_code == 200
        return sum("GROUP BY" in query["sql"] for query in queries)

    # country, kind, SME, size and year together; the segment (memberships) on its own.
    assert grouped_queries({}) == 2
    # A chosen facet counts without its own filter: one query more.
    assert grouped_queries({"country": "FR"}) == 3
