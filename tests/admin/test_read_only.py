"""Workflow fields are not in the admin's change forms: posting a changed status changes nothing, and
rows with a service path cannot be added beside it. The audit trail is read-only."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from audit.services import record
from digests.models import Frequency
from events.models import Registration, RegistrationStatus
from partners.models import ApplicationStatus, MembershipApplication
from projects.models import NeedStatus, Participation, Project, ProjectStatus, ProjectStatusChange
from segments.models import GroupMembership, MembershipStatus
from tests.digests.factories import SubscriptionFactory
from tests.factories import (
    EventFactory,
    GroupMembershipFactory,
    ParticipationFactory,
    PersonFactory,
    ProjectFactory,
    RegistrationFactory,
    TargetFactory,
    UserFactory,
)
from tests.projects.factories import NeedFactory

from .helpers import change_form_data, change_url, changelist, run_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client):
    user = UserFactory(username="coordinator", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def _application():
    return MembershipApplication.objects.create(
        organisation_name="Tartu Linn",
        kind="city",
        country="EE",
        city="Tartu",
        contact_name="Kai Tamm",
        contact_email="kai@tartu.example",
        consented_at=timezone.now(),
    )


CASES = {
    "application": (_application, "status", ApplicationStatus.APPROVED),
    "membership": (
        lambda: GroupMembershipFactory(status=MembershipStatus.REQUESTED, joined_on=None),
        "status",
        MembershipStatus.ACTIVE,
    ),
    "project": (lambda: ProjectFactory(status=ProjectStatus.RUNNING), "status", ProjectStatus.COMPLETED),
    "participation": (
        lambda: ParticipationFactory(status="requested", joined_on=None),
        "status",
        "active",
    ),
    "registration": (
        lambda: RegistrationFactory(status=RegistrationStatus.WAITLISTED),
        "status",
        RegistrationStatus.CONFIRMED,
    ),
    "event": (lambda: EventFactory(), "registration_open", ""),
    "event capacity": (lambda: EventFactory(capacity=20), "capacity", "500"),
    "need": (lambda: NeedFactory(), "status", NeedStatus.CLOSED),
}


@pytest.mark.parametrize("case", CASES)
def test_posting_a_changed_workflow_field_to_the_change_form_changes_nothing(client, coordinator, case):
    make, field, new_value = CASES[case]
    obj = make()
    before = getattr(obj, field)
    page = client.get(change_url(obj))
    assert page.status_code == 200
    assert field not in page.context["adminform"].form.fields
    data = change_form_data(page)
    data[field] = new_value
    response = client.post(change_url(obj), data)
    assert response.status_code == 302, getattr(response, "context", None) and response.context["errors"]
    obj.refresh_from_db()
    assert getattr(obj, field) == before
    assert not AuditEntry.objects.exists()


def test_a_project_change_keeps_its_status_history_and_its_consortium_as_they_are(client, coordinator):
    project = ProjectFactory(status=ProjectStatus.RUNNING, title="Old title")
    ParticipationFactory(project=project)
    ProjectStatusChange.objects.create(project=project, from_status="funded", to_status="running")
    page = client.get(change_url(project))
    data = change_form_data(page)
    data["title"] = "New title"
    data["status"] = ProjectStatus.ABANDONED
    assert client.post(change_url(project), data).status_code == 302
    project.refresh_from_db()
    assert (project.title, project.status) == ("New title", ProjectStatus.RUNNING)
    assert ProjectStatusChange.objects.count() == 1
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.before, entry.after) == (
        "project.updated",
        coordinator,
        {"title": "Old title"},
        {"title": "New title", "via": "admin"},
    )
    for inline in page.context["inline_admin_formsets"]:
        assert not inline.has_add_permission and not inline.has_change_permission
        assert not inline.has_delete_permission


@pytest.mark.parametrize(
    "model", [MembershipApplication, GroupMembership, Participation, Project, Registration]
)
def test_rows_with_a_service_path_cannot_be_added_in_the_admin(client, coordinator, model):
    opts = model._meta
    assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code == 403
    assert client.post(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"), {}).status_code == 403


@pytest.mark.parametrize(
    "make",
    [
        lambda: RegistrationFactory(),
        lambda: GroupMembershipFactory(),
        lambda: ParticipationFactory(),
        lambda: PersonFactory(),
    ],
    ids=["registration", "group membership", "participation", "person"],
)
def test_rows_whose_removal_is_a_service_cannot_be_deleted_in_the_admin(client, coordinator, make):
    """Cancelling a seat promotes the next person, leaving a group keeps its period and its lead,
    removing a contact person is refused while they hold a seat: the admin cannot skip that."""
    row = make()
    opts = row._meta
    delete = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[row.pk])
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    response = run_action(client, "delete_selected", row)
    assert response.status_code in (200, 302)
    assert type(row).objects.filter(pk=row.pk).exists()
    assert not AuditEntry.objects.filter(action__endswith=".deleted").exists()


def test_audit_entries_cannot_be_added_edited_or_deleted(client, coordinator):
    entry = record(actor=coordinator, action="project.status_changed", target=ProjectFactory())
    url = change_url(entry)
    assert client.get(url).status_code == 200  # to read
    assert client.post(url, {"action": "forged", "object_repr": "forged"}).status_code == 403
    delete = reverse("admin:audit_auditentry_delete", args=[entry.pk])
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    response = run_action(client, "delete_selected", entry)
    assert response.status_code == 200
    assert response.context["action_form"] is None  # no actions at all, "delete selected" included
    entry.refresh_from_db()
    assert entry.action == "project.status_changed"
    assert AuditEntry.objects.count() == 1


def test_the_admin_lists_open_to_a_coordinator_and_to_no_one_else(client):
    url = changelist(AuditEntry)
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(UserFactory())
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(url).status_code == 200


def test_deleting_plain_data_in_the_admin_leaves_an_audit_entry(client, coordinator):
    need = NeedFactory(title="Electric ferries")
    delete = reverse("admin:projects_need_delete", args=[need.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.object_id, entry.before, entry.after) == (
        "need.deleted",
        str(need.pk),
        {"object": "Electric ferries"},
        {"via": "admin"},
    )


def test_the_start_date_is_history_not_an_editable_field(client, coordinator):
    """The start comes from the status history; only the audited correction action changes it."""
    project = ProjectFactory(
        status=ProjectStatus.COMPLETED, started_on=date(2017, 1, 1), ended_on=date(2017, 6, 1)
    )
    data = change_form_data(client.get(change_url(project)))
    assert "started_on" not in data
    data["started_on"] = "2016-01-01"
    assert client.post(change_url(project), data).status_code == 302
    project.refresh_from_db()
    assert project.started_on == date(2017, 1, 1)


def test_a_subscription_changed_in_the_admin_goes_through_the_service(client, coordinator):
    subscription = SubscriptionFactory()
    page = client.get(change_url(subscription))
    assert "person" not in page.context["adminform"].form.fields
    data = change_form_data(page)
    data["frequency"] = Frequency.OFF
    assert client.post(change_url(subscription), data).status_code == 302
    subscription.refresh_from_db()
    assert subscription.frequency == Frequency.OFF
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.before) == (
        "digest_subscription_changed",
        coordinator,
        {"frequency": Frequency.WEEKLY},
    )
    assert (entry.after["frequency"], entry.after["via"]) == (Frequency.OFF, "admin")


def test_a_target_changed_in_the_admin_is_audited(client, coordinator):
    target = TargetFactory(target_value=50)
    data = change_form_data(client.get(change_url(target)))
    data["target_value"] = "60"
    assert client.post(change_url(target), data).status_code == 302
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.before, entry.after) == (
        "target.updated",
        {"target_value": "50.00"},
        {"target_value": "60.00", "via": "admin"},
    )


def test_a_new_event_gets_its_capacity_in_the_add_form(client, coordinator):
    page = client.get(reverse("admin:events_event_add"))
    assert {"capacity", "title"} <= set(page.context["adminform"].form.fields)
    assert "registration_open" not in page.context["adminform"].form.fields
