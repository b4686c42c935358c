"""The coordinators' workspace, /coordination/: what waits, counted by each app (WORKSPACE_CARDS)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.contributions import WORKSPACE_CARDS, Work, WorkspaceCard
from core.models import MailStatus, OutgoingMail
from events.models import ContactMessage
from partners.models import MembershipApplication
from segments.models import MembershipStatus
from tests.factories import GroupMembershipFactory, PartnerFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

URL = "/coordination/"


def _apply(name: str) -> MembershipApplication:
    return MembershipApplication.objects.create(
        organisation_name=name,
        kind="city",
        country="SE",
        city=name,
        contact_name="Ebba Lind",
        contact_email=f"{name.lower()}@example.org",
        consented_at=timezone.now(),
    )


def _waiting(n: int) -> None:
    for i in range(n):
        _apply(f"Applicant {i}")
        GroupMembershipFactory(group=WorkingGroupFactory(), status=MembershipStatus.REQUESTED)
        ContactMessage.objects.create(name="Jo", email="jo@example.org", subject=f"Question {i}", message="?")
        PartnerFactory(name=f"Twin {i}", latitude=None, longitude=None)
        PartnerFactory(name=f"TWIN  {i}", latitude=None, longitude=None)
        OutgoingMail.objects.create(
            to=["x@example.org"], subject=f"Lost {i}", body=".", status=MailStatus.FAILED
        )


@pytest.mark.parametrize("role", ["member", "rep_a", "lead"])
def test_the_workspace_is_refused_to_everyone_but_coordinators(cast, role):
    assert cast.client(role).get(URL).status_code == 403
    assert cast.client("anonymous").get(URL).status_code == 302


def test_the_workspace_counts_what_waits_and_links_to_it(cast):
    _waiting(2)
    response = cast.client("coordinator").get(URL)
    assert response.status_code == 200
    counts = {card.key: work.count for card, work in response.context["cards"]}
    before = dict(counts)
    assert counts["applications"] == MembershipApplication.objects.pending().count() >= 2
    assert counts["group_requests"] >= 2 and counts["contact_messages"] == 2
    assert counts["duplicates"] >= 4 and counts["without_coordinates"] >= 4
    html = response.content.decode()
    assert "/coordination/applications/" in html and "Applicant 0" in html
    assert "Question 1 (Jo)" in html
    assert counts["failed_emails"] == 2 and "Lost 1" in html
    assert "/admin/core/outgoingmail/?status__exact=failed" in html
    _apply("One more")
    again = cast.client("coordinator").get(URL).context["cards"]
    assert {card.key: work.count for card, work in again}["applications"] == before["applications"] + 1


def test_coordinators_find_the_workspace_in_the_navigation(cast):
    assert 'href="/coordination/"' in cast.client("coordinator").get("/").content.decode()
    assert 'href="/coordination/"' not in cast.client("rep_a").get("/").content.decode()


def test_a_card_left_out_by_its_app_is_not_shown(cast):
    WORKSPACE_CARDS.register(WorkspaceCard(key="outbox", title="Failed emails", collect=lambda request: None))
    try:
        assert "Failed emails" not in cast.client("coordinator").get(URL).content.decode()
    finally:
        WORKSPACE_CARDS.unregister("outbox")
    WORKSPACE_CARDS.register(
        WorkspaceCard(key="outbox", title="Failed emails", collect=lambda request: Work(3, "/admin/"))
    )
    try:
        assert "Failed emails" in cast.client("coordinator").get(URL).content.decode()
    finally:
        WORKSPACE_CARDS.unregister("outbox")


def test_the_workspace_takes_the_same_queries_however_much_waits(cast):
    client = cast.client("coordinator")
    counts = []
    for n in (1, 12):
        _waiting(n)
        client.get(URL)  # the session and the caches, once
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
