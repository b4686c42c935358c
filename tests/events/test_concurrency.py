"""Capacity holds when many people register at the same moment: the event row lock makes
PostgreSQL serialise the registrations, so the seat count each one sees is the real one."""

import threading

import pytest
from celery.result import allow_join_result
from django.db import connection, connections

from events.models import RegistrationStatus
from events.services import register
from tests.factories import EventFactory, PartnerFactory, PersonFactory, UserFactory

ATTEMPTS = 24
CAPACITY = 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_never_exceed_capacity():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite has no row locks and serialises every write anyway")
    event = EventFactory(capacity=CAPACITY)
    partner = PartnerFactory()
    people = [PersonFactory(partner=partner) for _ in range(ATTEMPTS)]
    coordinator = UserFactory(is_staff=True)
    start = threading.Barrier(ATTEMPTS)
    errors: list[Exception] = []

    def attempt(person) -> None:
        try:
            start.wait()
            register(event=event, person=person, by=coordinator)
        except Exception as error:  # noqa: BLE001 (collected and asserted below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(person,)) for person in people]
    # (Celery's per-process flag against result.get() in a task: see tests/segments/test_concurrency.py.)
    with allow_join_result():
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    waitlisted = event.registrations.filter(status=RegistrationStatus.WAITLISTED).count()
    print(f"attempts={ATTEMPTS} confirmed={confirmed} waitlisted={waitlisted} capacity={CAPACITY}")
    assert errors == []
    assert confirmed == CAPACITY
    assert waitlisted == ATTEMPTS - CAPACITY
