"""A city edits and closes its own need; nobody else can (issue 20, point 8)."""

import pytest

from audit.models import AuditEntry
from projects.models import Need, NeedStatus
from tests.factories import SegmentFactory
from tests.projects.factories import NeedFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def need(cast):
    """Partner B, a city, looks for night charging."""
    return NeedFactory(
        city=cast.partner_b, title="Night charging", slug="night-charging", budget_min_eur=1000
    )


def edit(client, need, **changes):
    data = {"title": "Night charging for buses", "segment": need.segment.pk, "description_en": "Depots."}
    data.update(changes)
    return client.post(f"/needs/{need.slug}/edit/", data)


def test_the_city_edits_its_need(client, cast, need):
    client.force_login(cast.rep_b)
    assert client.get(f"/needs/{need.slug}/edit/").status_code == 200
    response = edit(client, need, budget_max_eur=5000)
    assert response.status_code == 302 and response.url == need.get_absolute_url()
    need.refresh_from_db()
    assert (need.title, need.description_en, need.budget_max_eur) == (
        "Night charging for buses",
        "Depots.",
        5000,
    )
    entry = AuditEntry.objects.get(action="need.updated")
    assert entry.before["title"] == "Night charging" and entry.after["title"] == "Night charging for buses"


@pytest.mark.parametrize("role", ["member", "rep_a", "lead"])
def test_another_partner_can_neither_edit_nor_close_it(client, cast, need, role):
    client.force_login(getattr(cast, role))
    assert client.get(f"/needs/{need.slug}/edit/").status_code == 403
    assert edit(client, need).status_code == 403
    assert client.post(f"/needs/{need.slug}/status/").status_code == 403
    need.refresh_from_db()
    assert (need.title, need.status) == ("Night charging", NeedStatus.OPEN)
    assert "Close the need" not in client.get(need.get_absolute_url()).content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, need):
    assert client.post(f"/needs/{need.slug}/status/").status_code == 302
    assert Need.objects.get().status == NeedStatus.OPEN


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"description_en": ""}, "description_en"),
        ({"budget_min_eur": 5000, "budget_max_eur": 100}, "__all__"),  # the model's constraint
        ({"segment": 999999}, "segment"),
    ],
)
def test_bad_input_is_a_form_error_and_changes_nothing(client, cast, need, changes, field):
    client.force_login(cast.rep_b)
    response = edit(client, need, **changes)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    need.refresh_from_db()
    assert need.title == "Night charging" and not AuditEntry.objects.exists()


def test_the_city_closes_its_need_and_opens_it_again(client, cast, need):
    client.force_login(cast.rep_b)
    page = client.get(need.get_absolute_url()).content.decode()
    assert "Edit the need" in page and "Close the need" in page
    assert client.post(f"/needs/{need.slug}/status/").status_code == 302
    assert Need.objects.get().status == NeedStatus.CLOSED
    assert "Open the need again" in client.get(need.get_absolute_url()).content.decode()
    assert client.post(f"/needs/{need.slug}/status/").status_code == 302
    assert Need.objects.get().status == NeedStatus.OPEN
    assert list(AuditEntry.objects.values_list("action", flat=True).order_by("pk")) == [
        "need.closed",
        "need.reopened",
    ]


def test_a_coordinator_may_edit_it_too(client, cast, need):
    client.force_login(cast.coordinator)
    assert edit(client, need, segment=SegmentFactory().pk).status_code == 302
