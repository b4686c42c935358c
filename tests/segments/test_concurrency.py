"""Simultaneous steps can't break the rules: the unique constraint keeps one row per partner and
group, and the group's row lock keeps a lead when all the leads step down at once (PostgreSQL only:
SQLite has no row locks and serialises every write anyway)."""

import threading
from collections.abc import Callable

import pytest
from celery.result import allow_join_result
from django.db import connection, connections

from core.errors import ServiceError
from segments import services
from segments.models import GroupMembership, GroupRole
from tests.factories import GroupMembershipFactory, PartnerFactory, RepresentativeFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")


def at_once(steps: list[Callable[[], object]]) -> tuple[int, list[ServiceError]]:
    """Run the steps in threads released together; how many succeeded, and the refusals."""
    start = threading.Barrier(len(steps))
    done, refusals, crashes = [], [], []

    def run(step) -> None:
        try:
            start.wait()
            step()
            done.append(step)
        except ServiceError as error:
            refusals.append(error)
        except Exception as error:  # noqa: BLE001 (asserted below)
            crashes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(step,)) for step in steps]
    # Celery's flag against result.get() inside a task is one per process: eager tasks ending in
    # several threads at once can leave it set, and a later test's .get() in this worker then fails.
    # allow_join_result puts it back as it was.
    with allow_join_result():
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert crashes == []
    return len(done), refusals


def test_simultaneous_requests_make_one_row(cast):
    def ask():
        return services.request_group_membership(group=cast.group, partner=cast.partner_b, by=cast.rep_b)

    succeeded, refusals = at_once([ask] * 8)
    assert succeeded == 1 and len(refusals) == 7
    assert GroupMembership.objects.filter(group=cast.group, partner=cast.partner_b).count() == 1


def test_leads_leaving_at_once_always_leave_one_lead(cast):
    leads = [(cast.lead_membership, cast.lead)]
    for _ in range(7):
        partner = PartnerFactory()
        membership = GroupMembershipFactory(group=cast.group, partner=partner, role=GroupRole.LEAD)
        leads.append((membership, RepresentativeFactory(partner=partner).user))
    succeeded, refusals = at_once(
        [lambda m=membership, u=user: services.leave_group(membership=m, by=u) for membership, user in leads]
    )
    assert succeeded == 7 and "hand over" in refusals[0].message
    assert GroupMembership.objects.leads().filter(group=cast.group).count() == 1
