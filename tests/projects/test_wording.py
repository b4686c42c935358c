"""The marketplace's sentences: no empty parentheses, no space before a full stop, money in the
reader's language (issue 20, point 9)."""

import re

import pytest
from django.utils import translation

from core.templatetags.money import money
from partners.models import PartnerKind
from tests.factories import CityFactory, PartnerFactory, SegmentFactory
from tests.projects.factories import NeedFactory, ReplicationFactory, SolutionFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The page's words as a reader sees them: tags dropped, white space collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_a_city_s_size_class_is_written_in_its_parentheses(client):
    need = NeedFactory(city=CityFactory(name="Tartu", city_profile__population=95_000))
    page = text(client.get(need.get_absolute_url()))
    assert "Tartu (Small (under 100,000))" in page and "()" not in page


def test_a_city_without_a_profile_has_no_parentheses(client):
    need = NeedFactory(city=PartnerFactory(name="Tartu", kind=PartnerKind.CITY))
    page = text(client.get(need.get_absolute_url()))
    assert "Tartu ·" in page and "()" not in page


def test_a_replication_count_ends_its_sentence_without_a_stray_space(client):
    segment = SegmentFactory()
    solution = SolutionFactory(segment=segment, tested_in=CityFactory(name="Gothenburg"))
    ReplicationFactory.create_batch(3, solution=solution)
    # A metropolis: none of the three (150,000 each) is of its size, so the count ends the sentence.
    need = NeedFactory(segment=segment, city=CityFactory(city_profile__population=2_000_000))
    page = text(client.get(need.get_absolute_url()))
    assert "replicated in 3 cities." in page
    assert not re.search(r"\w \.", page)


@pytest.mark.parametrize(
    ("language", "low", "high"),
    [
        ("en", "€200,000", "€1,250,000"),
        ("de", "200.000\xa0€", "1.250.000\xa0€"),
        ("fr", "200\u202f000\xa0€", "1\u202f250\u202f000\xa0€"),
    ],
)
def test_a_budget_is_written_as_money_in_the_reader_s_language(client, language, low, high):
    need = NeedFactory(budget_min_eur=200_000, budget_max_eur=1_250_000)
    page = client.get(need.get_absolute_url(), headers={"accept-language": language}).content.decode()
    assert low in page and high in page
    assert "EUR 200000" not in page and "200000" not in page


def test_money_keeps_cents_only_where_there_are_some():
    with translation.override("en"):
        assert money(1234) == "€1,234"
        assert money("1234.50") == "€1,234.50"
        assert money(None) == ""
