"""The data version behind every cached read (ev4scc.versions)."""

import pytest
from django.db import transaction

from ev4scc.versions import cached, data_version
from tests.factories import PartnerFactory


@pytest.mark.django_db(transaction=True)
def test_what_was_read_before_a_write_committed_is_not_served_after_it():
    with transaction.atomic():
        PartnerFactory()
        # Another request, not seeing the uncommitted row, caches what it saw.
        cached("partners", (), lambda: "without the new partner")
    assert cached("partners", (), lambda: "with the new partner") == "with the new partner"


@pytest.mark.django_db
def test_a_write_to_the_audit_trail_keeps_the_version():
    from audit.services import record

    partner = PartnerFactory()
    version = data_version()
    record(actor=None, action="test", target=partner)
    assert data_version() == version
    partner.save()
    assert data_version() != version
