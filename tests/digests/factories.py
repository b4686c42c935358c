import factory

from digests.models import Frequency, Subscription
from tests.factories import RepresentativeFactory


class SubscriptionFactory(factory.django.DjangoModelFactory):
    """A weekly subscription following nothing yet; tests add what it follows."""

    class Meta:
        model = Subscription
        skip_postgeneration_save = True

    person = factory.SubFactory(RepresentativeFactory)
    frequency = Frequency.WEEKLY
    countries = factory.LazyFunction(list)
    all_news = False

    @factory.post_generation
    def segments(self, create, extracted, **kwargs):
        if create and extracted:
            self.segments.set(extracted)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(extracted)

    @factory.post_generation
    def projects(self, create, extracted, **kwargs):
        if create and extracted:
            self.projects.set(extracted)
