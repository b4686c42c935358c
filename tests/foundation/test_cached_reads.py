"""The data version behind every cached read (core.versions)."""

import pytest
from django.db import transaction

from core.versions import cached, data_version
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


@pytest.mark.django_db(transaction=True)
def test_a_cache_failure_after_the_commit_fails_neither_the_write_nor_the_other_commit_hooks(monkeypatch):
    from django.core.cache import cache

    sent = []
    with transaction.atomic():
        partner = PartnerFactory()
        monkeypatch.setattr(cache, "incr", lambda *args, **kwargs: 1 / 0)
        transaction.on_commit(lambda: sent.append("email"))
    assert sent == ["email"]
    assert type(partner).objects.filter(pk=partner.pk).exists()


def test_a_version_lost_from_the_cache_does_not_start_again_below_the_old_one():
    from django.core.cache import cache

    before = data_version()
    cache.delete("data-version")
    assert data_version() > before


@pytest.mark.django_db
def test_logging_in_keeps_the_version(client):
    from tests.factories import UserFactory

    user = UserFactory(username="someone")
    user.set_password("a long passphrase 42")
    user.save()
    version = data_version()
    assert (
        client.post(
            "/accounts/login/", {"username": "someone", "password": "a long passphrase 42"}
        ).status_code
        == 302
    )
    assert data_version() == version
