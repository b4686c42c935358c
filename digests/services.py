"""Subscriptions and deliveries: every write of the digests app."""

import logging
import smtplib
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from audit.services import record
from partners.models import Person
from projects.models import Project
from segments.models import GroupMembership, Segment, WorkingGroup

from .compose import compose
from .emails import render_digest
from .models import Delivery, DeliveryStatus, Frequency, Subscription
from .periods import Period

logger = logging.getLogger(__name__)

#: A claim older than this belongs to a worker that died while sending (longer than the task time
#: limit). Whether the mail server took that digest is unknown, so the delivery becomes `unknown`:
#: reported, never sent again (the guarantee is at most once per person and period).
CLAIM_TIMEOUT = timedelta(minutes=15)


class TransientSendError(Exception):
    """The mail server could not take the digest now; the task retries it later."""


def is_transient(error: Exception) -> bool:
    """Connection trouble and 4xx SMTP replies pass; a refused recipient (5xx) does not."""
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(
        error, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError | ConnectionError | TimeoutError
    )


def _active_memberships(person: Person) -> QuerySet:
    return GroupMembership.objects.active().filter(partner_id=person.partner_id)


@transaction.atomic
def ensure_subscription(*, person: Person) -> Subscription:
    """The person's subscription, created with the defaults on first use: weekly, following the
    organisation's segments (of interest and of its groups), its active groups and its country."""
    subscription, created = Subscription.objects.get_or_create(
        person=person, defaults={"countries": [person.partner.country]}
    )
    if created:
        memberships = _active_memberships(person)
        subscription.groups.set(WorkingGroup.objects.filter(memberships__in=memberships))
        subscription.segments.set(
            Segment.objects.filter(
                Q(interested_partners=person.partner_id) | Q(groups__memberships__in=memberships)
            ).distinct()
        )
    return subscription


def ensure_subscriptions() -> int:
    """Create the default subscription of every person with a login who has none yet."""
    people = Person.objects.filter(user__isnull=False, digest_subscription__isnull=True).select_related(
        "partner"
    )
    created = 0
    for person in people:
        ensure_subscription(person=person)
        created += 1
    return created


@transaction.atomic
def update_subscription(
    *,
    subscription: Subscription,
    by: AbstractBaseUser | AnonymousUser | None,
    frequency: str,
    segments: QuerySet[Segment],
    groups: QuerySet[WorkingGroup],
    projects: QuerySet[Project],
    countries: list[str],
    all_news: bool,
) -> Subscription:
    before = {"frequency": subscription.frequency}
    subscription.frequency = frequency
    subscription.countries = countries
    subscription.all_news = all_news
    subscription.save()
    subscription.segments.set(segments)
    subscription.groups.set(groups)
    subscription.projects.set(projects)
    record(
        actor=by,
        action="digest_subscription_changed",
        target=subscription,
        before=before,
        after={
            "frequency": frequency,
            "segments": sorted(s.pk for s in segments),
            "groups": sorted(g.pk for g in groups),
            "projects": sorted(p.pk for p in projects),
            "countries": sorted(countries),
            "all_news": all_news,
        },
    )
    return subscription


@transaction.atomic
def unsubscribe(*, subscription: Subscription) -> Subscription:
    """Stop the digest at once (the signed link in the email: no login, so no actor)."""
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.frequency != Frequency.OFF:
        before = {"frequency": subscription.frequency}
        subscription.frequency = Frequency.OFF
        subscription.save(update_fields=["frequency", "updated_at"])
        record(
            actor=None,
            action="digest_unsubscribed",
            target=subscription,
            before=before,
            after={"frequency": "off"},
        )
    return subscription


def pending_recipients(period: Period) -> QuerySet:
    """Ids of the people who get this period's digest and have not had it handled yet: subscribed
    at this frequency, with an active login, at a partner still in the network."""
    handled = Delivery.objects.filter(
        person=OuterRef("person"),
        frequency=period.frequency,
        period_start=period.start,
        status__in=[DeliveryStatus.SENT, DeliveryStatus.FAILED, DeliveryStatus.UNKNOWN],
    )
    return (
        Subscription.objects.filter(frequency=period.frequency, person__user__is_active=True)
        .exclude(person__partner__left_on__lte=period.end)
        .exclude(Exists(handled))
        .order_by("person_id")
        .values_list("person_id", flat=True)
    )


def claim_delivery(*, person_id: int, period: Period) -> Delivery | None:
    """Claim this person's digest for this period, or None if it is sent, failed, unknown, or being sent.

    The unique constraint on (person, frequency, period_start) lets one of two concurrent runs create
    the row; the other finds it. A claim released after a transient error (the mail server did not
    take the digest) is taken over by a conditional UPDATE, which again only one run can win. A claim
    left behind by a worker that died mid-send is never taken over: see `mark_unknown`.
    """
    now = timezone.now()
    delivery, created = Delivery.objects.get_or_create(
        person_id=person_id,
        frequency=period.frequency,
        period_start=period.start,
        defaults={"period_end": period.end, "claimed_at": now, "attempts": 1},
    )
    if created:
        return delivery
    released = Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.CLAIMED, claimed_at__isnull=True)
    taken = released.update(claimed_at=now, attempts=F("attempts") + 1)
    return delivery if taken else None


def mark_unknown(*, now: datetime | None = None) -> int:
    """Turn the claims older than CLAIM_TIMEOUT into `unknown` deliveries; returns how many.

    Such a claim belongs to a worker that stopped (killed, out of memory, a lost machine) between
    claiming and recording the outcome: perhaps before the mail server took the digest, perhaps after.
    Sending it again could give the person a second copy, so it is not sent again: it is logged and
    listed to coordinators (the deliveries' admin, status "unknown"), who may ask the person.
    """
    stale = Delivery.objects.filter(
        status=DeliveryStatus.CLAIMED,
        claimed_at__lt=(now or timezone.now()) - CLAIM_TIMEOUT,
    )
    count = stale.update(
        status=DeliveryStatus.UNKNOWN, error="The sender stopped before recording the outcome."
    )
    if count:
        logger.warning("%d digest deliveries with an unknown outcome; they are not sent again", count)
    return count


def _finish(delivery: Delivery, status: str, error: Exception | None = None) -> str:
    Delivery.objects.filter(pk=delivery.pk).update(
        status=status,
        sent_at=timezone.now() if status == DeliveryStatus.SENT else None,
        error=repr(error) if error else "",
    )
    return status


def deliver_digest(*, person_id: int, period: Period, final_attempt: bool = True) -> str | None:
    """Compose and send one person's digest for a period, once; returns the delivery's status, or
    None when there was nothing to do (unsubscribed, already handled, or nothing changed).

    Any failure for this one person is recorded on the delivery and ends here, so it cannot stop
    the others; only a transient mail server error is raised (as TransientSendError) for a retry,
    with the claim released, unless this is the final attempt.
    """
    subscription = (
        Subscription.objects.select_related("person__partner")
        .filter(person_id=person_id, frequency=period.frequency)
        .first()
    )
    if subscription is None:
        return None
    delivery = claim_delivery(person_id=person_id, period=period)
    if delivery is None:
        return None
    try:
        digest = compose(subscription, period)
        if not digest.has_changes:
            # Nothing to tell: the row goes, so a later rerun composes again rather than sending nothing.
            delivery.delete()
            return None
        render_digest(digest).message().send()
    except Exception as error:
        if is_transient(error) and not final_attempt:
            Delivery.objects.filter(pk=delivery.pk).update(claimed_at=None, error=repr(error))
            raise TransientSendError(repr(error)) from error
        logger.exception("The %s digest of person %s failed", period.frequency, person_id)
        return _finish(delivery, DeliveryStatus.FAILED, error)
    return _finish(delivery, DeliveryStatus.SENT)
