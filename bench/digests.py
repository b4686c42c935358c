"""Time and count the queries to compose and send one period's digests to every member.

    DATABASE_URL=sqlite:////tmp/digests-bench.sqlite3 python manage.py seed_demo --scale 10000
    DATABASE_URL=sqlite:////tmp/digests-bench.sqlite3 python -m bench.digests --period monthly \
        --date 2016-10-01

The generated people get a login and the default kind of subscription (their country, one
segment, all news), so each of them is a recipient. Email goes to the locmem backend, tasks run
eagerly in this process: what is measured is composing, rendering and recording, not SMTP.
"""

import argparse
import os
import time
from contextlib import contextmanager


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--period", default="monthly", choices=["daily", "weekly", "monthly"])
    parser.add_argument("--date", default="2016-10-01", help="run date, YYYY-MM-DD")
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    from datetime import date

    from django.contrib.auth import get_user_model
    from django.core import mail
    from django.db import connection
    from django.test.utils import setup_test_environment

    from digests.compose import compose
    from digests.emails import render_digest
    from digests.models import Delivery, Subscription
    from digests.periods import Period
    from digests.tasks import send_digests_for_period
    from partners.models import Person
    from segments.models import Segment

    setup_test_environment()  # mail.outbox for the locmem backend
    subscribe_everyone(get_user_model(), Person, Subscription, Segment)
    period = Period.before(args.period, date.fromisoformat(args.date))
    Delivery.objects.filter(frequency=period.frequency, period_start=period.start).delete()
    subscriptions = list(
        Subscription.objects.filter(frequency=period.frequency).select_related("person__partner")
    )
    print(f"{len(subscriptions)} {period.frequency} subscribers, period {period.start} to {period.end}")

    with measure("send run (tasks, claims, locmem)", connection, people=len(subscriptions)) as note:
        send_digests_for_period(period.frequency, args.date)
        note.append(f"{len(mail.outbox)} sent")
    with measure("rerun (nothing left to send)", connection, people=len(subscriptions)) as note:
        send_digests_for_period(period.frequency, args.date)
        note.append(f"{len(mail.outbox)} sent in all")
    with measure("compose and render", connection, people=len(subscriptions)) as note:
        composed = [compose(subscription, period) for subscription in subscriptions]
        rendered = [render_digest(digest) for digest in composed if digest.has_changes]
        note.append(f"{len(rendered)} not empty")


@contextmanager
def measure(what: str, connection, *, people: int):
    """Time the block and count its queries (an execute wrapper: Django's query log keeps only 9,000)."""
    queries, note = [0], []

    def count(execute, sql, params, many, context):
        queries[0] += 1
        return execute(sql, params, many, context)

    started = time.perf_counter()
    with connection.execute_wrapper(count):
        yield note
    seconds, people = time.perf_counter() - started, max(people, 1)
    print(
        f"{what}: {seconds:.1f} s, {queries[0]} queries ({queries[0] / people:.1f} per person, "
        f"{1000 * seconds / people:.2f} ms per person); {', '.join(note)}"
    )


def subscribe_everyone(User, Person, Subscription, Segment) -> None:  # noqa: N803 (model classes)
    """Give every person without a login one (bulk), then the subscription they would get."""
    people = list(Person.objects.filter(user__isnull=True).select_related("partner"))
    users = User.objects.bulk_create(
        [User(username=f"bench-{person.pk}", email=person.email) for person in people], batch_size=2000
    )
    for person, user in zip(people, users, strict=True):
        person.user = user
    Person.objects.bulk_update(people, ["user"], batch_size=2000)
    segments = list(Segment.objects.order_by("pk"))
    missing = Person.objects.filter(digest_subscription__isnull=True).select_related("partner")
    subscriptions = Subscription.objects.bulk_create(
        [Subscription(person=p, countries=[p.partner.country.code], all_news=True) for p in missing],
        batch_size=2000,
    )
    Subscription.segments.through.objects.bulk_create(
        [
            Subscription.segments.through(subscription=s, segment=segments[s.person_id % len(segments)])
            for s in subscriptions
        ],
        batch_size=2000,
    )


if __name__ == "__main__":
    main()
