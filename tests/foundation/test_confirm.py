"""Irreversible actions ask first (core/confirm.py): their URL answers GET with a confirmation page,
to those who may act only, changing nothing; the page's button POSTs and acts."""

import pytest
from django.utils import timezone

from events.models import RegistrationStatus
from partners.models import MembershipApplication
from segments.models import GroupRole, MembershipStatus
from tests.factories import EventFactory, GroupMembershipFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _page(client, url):
    response = client.get(url)
    html = response.content.decode()
    return response, html


def test_approving_an_application_asks_the_coordinator_first(cast):
    application = MembershipApplication.objects.create(
        organisation_name="Uppsala kommun",
        kind="city",
        country="SE",
        city="Uppsala",
        contact_name="Ebba Lind",
        contact_email="ebba@uppsala.example",
        consented_at=timezone.now(),
    )
    url = f"/coordination/applications/{application.pk}/approve/"
    detail = cast.client("coordinator").get(f"/coordination/applications/{application.pk}/").content.decode()
    assert f'<form method="get" action="{url}">' in detail
    response, html = _page(cast.client("coordinator"), url)
    assert response.status_code == 200 and "Approve Uppsala kommun?" in html
    assert f'<form method="post" action="{url}"' in html and "Yes, approve Uppsala kommun" in html
    assert cast.client("rep_a").get(url).status_code == 403
    application.refresh_from_db()
    assert application.status == "pending"  # asking changed nothing
    assert cast.client("coordinator").post(url).status_code == 302
    application.refresh_from_db()
    assert application.status == "approved"


@pytest.mark.parametrize(("action", "status"), [("approve", "active"), ("decline", "declined")])
def test_the_lead_confirms_a_decision_on_a_request_with_the_message_typed(cast, action, status):
    request = GroupMembershipFactory(
        group=cast.group, status=MembershipStatus.REQUESTED, joined_on=None, requested_at=timezone.now()
    )
    url = f"/groups/{cast.group.slug}/members/{request.pk}/{action}/"
    response, html = _page(cast.client("lead"), f"{url}?message=Welcome+aboard")
    assert response.status_code == 200 and request.partner.name in html
    assert "Welcome aboard</textarea>" in html
    for role in ("member", "rep_a"):
        assert cast.client(role).get(url).status_code == 403
    request.refresh_from_db()
    assert request.status == MembershipStatus.REQUESTED
    done = cast.client("lead").post(url, {"message": "Welcome aboard"})
    assert done.status_code == 302
    request.refresh_from_db()
    assert request.status == status


def test_handing_over_the_lead_asks_first(cast):
    membership = cast.membership_a
    url = f"/groups/{cast.group.slug}/members/{membership.pk}/hand-over/"
    group_page = cast.client("lead").get(cast.group.get_absolute_url()).content.decode()
    assert f'<form method="get" action="{url}">' in group_page
    response, html = _page(cast.client("lead"), url)
    assert response.status_code == 200 and "can no longer manage the group" in html
    assert cast.client("rep_a").get(url).status_code == 403
    membership.refresh_from_db()
    assert membership.role != GroupRole.LEAD
    assert cast.client("lead").post(url).status_code == 302
    membership.refresh_from_db()
    assert membership.role == GroupRole.LEAD


def test_cancelling_a_seat_asks_first_and_says_the_seat_goes_to_the_waiting_list(cast):
    event = EventFactory(capacity=1)
    seat = RegistrationFactory(event=event, person=cast.rep_a_person, status=RegistrationStatus.CONFIRMED)
    url = f"/events/{event.slug}/registrations/{seat.pk}/cancel/"
    response, html = _page(cast.client("rep_a"), f"{url}?next=/me/")
    assert response.status_code == 200 and "first person on the waiting list" in html
    assert '<input type="hidden" name="next" value="/me/">' in html and 'href="/me/"' in html
    elsewhere = _page(cast.client("rep_a"), f"{url}?next=https://evil.example/")[1]
    assert f'<input type="hidden" name="next" value="/events/{event.slug}/">' in elsewhere
    assert cast.client("rep_b").get(url).status_code == 403
    seat.refresh_from_db()
    assert seat.status == RegistrationStatus.CONFIRMED
    done = cast.client("rep_a").post(url, {"next": "/me/"})
    assert done.status_code == 302 and done.url == "/me/"
    seat.refresh_from_db()
    assert seat.status == RegistrationStatus.CANCELLED
