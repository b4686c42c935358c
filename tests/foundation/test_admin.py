"""Every model's admin list and add page opens for a coordinator, without a query per row."""

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


@pytest.fixture
def coordinator_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def demo():
    call_command("seed_demo", verbosity=0)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_admin_changelist_and_add_page_open(coordinator_client, model, demo, django_assert_max_num_queries):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    # A demo list has up to 100 rows per page: a query per row would blow through this bound.
    with django_assert_max_num_queries(20):
        assert coordinator_client.get(changelist).status_code == 200
    assert coordinator_client.get(changelist, {"q": "Gothenburg"}).status_code == 200
    add = coordinator_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert add.status_code == (403 if model._meta.label == "audit.AuditEntry" else 200)


def test_admin_is_refused_to_members(client):
    client.force_login(UserFactory())
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
