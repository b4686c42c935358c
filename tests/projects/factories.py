"""Factories for the marketplace models (the rest are in tests/factories.py)."""

import factory

from projects.models import Need, Replication, Solution
from tests.factories import CityFactory, PartnerFactory, SegmentFactory


class SolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Solution

    title = factory.Sequence(lambda n: f"Solution {n}")
    slug = factory.Sequence(lambda n: f"solution-{n}")
    provider = factory.SubFactory(PartnerFactory)
    segment = factory.SubFactory(SegmentFactory)
    summary = "Electric buses charged at the end stops."


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    title = factory.Sequence(lambda n: f"Need {n}")
    slug = factory.Sequence(lambda n: f"need-{n}")
    city = factory.SubFactory(CityFactory)
    segment = factory.SubFactory(SegmentFactory)
    description = "We want electric buses."


class ReplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Replication

    solution = factory.SubFactory(SolutionFactory)
    city = factory.SubFactory(CityFactory)
