"""What digests adds to the pages and operations that lower apps own (see core.contributions): the
digest settings on /me/, and the subscription and deliveries in the personal-data export and erasure."""

from typing import Any

from django.utils.translation import ngettext_lazy

from core.contributions import ME_SECTIONS, PERSONAL_DATA, RETENTION, PersonalData, Retention, Section
from partners.models import Person

from .models import Delivery, DeliveryStatus, Subscription

ME_SECTIONS.register(Section("digests", "digests/me_section.html", lambda request, person: {}, order=50))


def _export_subscription(person: Person) -> dict[str, Any] | None:
    subscription = Subscription.objects.filter(person=person).first()
    return subscription and {
        "frequency": subscription.frequency,
        "segments": [str(segment) for segment in subscription.segments.all()],
        "groups": [str(group) for group in subscription.groups.all()],
        "projects": [str(project) for project in subscription.projects.all()],
        "countries": [str(country) for country in subscription.countries],
        "all_news": subscription.all_news,
        "created_at": subscription.created_at,
    }


def _export_deliveries(person: Person) -> list[dict[str, Any]]:
    return list(
        Delivery.objects.filter(person=person)
        .order_by("period_start", "pk")
        .values("frequency", "period_start", "period_end", "status", "sent_at", "attempts", "error")
    )


def _erase(person: Person) -> None:
    # The erased person gets no digest any more: the subscription goes, and with it the record of
    # what was sent (a delivery's error may quote the address).
    Delivery.objects.filter(person=person).delete()
    Subscription.objects.filter(person=person).delete()


PERSONAL_DATA.register(PersonalData("digest_subscription", _export_subscription, _erase, order=70))
PERSONAL_DATA.register(PersonalData("digest_deliveries", _export_deliveries, order=71))


def _expire_deliveries(cutoff: Any) -> int:
    # Finished ones only: a claimed delivery is still being sent.
    finished = Delivery.objects.filter(status__in=[DeliveryStatus.SENT, DeliveryStatus.FAILED])
    return finished.filter(period_end__lt=cutoff.date()).delete()[0]


RETENTION.register(
    Retention(
        "digest_deliveries",
        _expire_deliveries,
        ngettext_lazy(
            "The record of digests sent: deleted %(days)d day after the period.",
            "The record of digests sent: deleted %(days)d days after the period.",
            "days",
        ),
    )
)
