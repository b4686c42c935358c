"""Every model's admin list and add page opens for a coordinator, without a query per row."""

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_admin_list_and_add_page_opens_with_a_bounded_number_of_queries(client):
    call_command("seed_demo", verbosity=0)  # demo lists have up to 100 rows a page
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    request = RequestFactory().get("/")
    request.user = UserFactory.build(is_staff=True, is_superuser=True)
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(changelist).status_code == 200, opts.label
        # A query per row would blow through this bound on a page of 100 rows.
        assert len(queries) <= 20, f"{opts.label}: {len(queries)} queries"
        assert client.get(changelist, {"q": "Gothenburg"}).status_code == 200, opts.label
        add = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        assert add.status_code == (200 if model_admin.has_add_permission(request) else 403), opts.label


def test_admin_is_refused_to_members(client):
    client.force_login(UserFactory())
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
