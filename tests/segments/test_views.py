"""The pages and every transition through HTTP, for anonymous visitors, a member, a representative
of another partner, the group's lead and a coordinator."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from segments.models import GroupMembership, GroupRole, MembershipStatus
from tests.factories import (
    CityFactory,
    EventFactory,
    GroupMembershipFactory,
    PersonFactory,
    ProjectFactory,
    UserFactory,
)


def as_(client, cast, who: str):
    if who != "anonymous":
        client.force_login(getattr(cast, who))
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def rows(cast):
    return list(GroupMembership.objects.order_by("pk").values())


def pending(cast) -> GroupMembership:
    return GroupMembershipFactory(
        group=cast.group, partner=cast.partner_b, status=MembershipStatus.REQUESTED, joined_on=None
    )


# Pages


def test_segment_list_shows_leads_figures_and_marked_cities(client, cast, open_group):
    cast.segment.lead_city = cast.lead_partner
    cast.segment.save()
    GroupMembershipFactory(group=cast.group, partner=cast.partner_b)  # Tartu: 95,000, a small city
    ProjectFactory(segment=cast.segment)
    EventFactory(segment=cast.segment)
    EventFactory(segment=cast.segment, starts_at=timezone.now() - timedelta(days=9))
    response = client.get("/segments/")
    assert response.status_code == 200
    segment = response.context["segments"][0]
    assert (
        segment.partner_count,
        segment.group_count,
        segment.project_count,
        segment.upcoming_event_count,
    ) == (
        3,
        2,
        1,
        1,
    )
    html = response.content.decode()
    assert "Aarhus" in html and 'Tartu</a> <span class="badge badge-green"' in html


def test_segment_page_lists_groups_projects_and_upcoming_events_only(client, cast, open_group):
    ProjectFactory(segment=cast.segment, title="Cargo micro-hub")
    EventFactory(segment=cast.segment, title="Next workshop")
    EventFactory(segment=cast.segment, title="Old workshop", starts_at=timezone.now() - timedelta(days=9))
    response = client.get("/segments/urban-logistics/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "E-freight" in html and "Cargo bikes" in html and "Cargo micro-hub" in html
    assert "Next workshop" in html and "Old workshop" not in html


def test_unknown_segment_and_group_are_404(client, cast):
    assert client.get("/segments/nope/").status_code == 404
    assert client.get("/groups/nope/").status_code == 404


def test_group_list_filters_and_survives_bad_input(client, cast, open_group):
    response = client.get("/groups/?admission=request")
    assert [g.slug for g in response.context["groups"]] == ["e-freight"]
    response = client.get("/groups/?city=nope&segment=%ff&admission=x&not_joined=maybe&page=z")
    assert response.status_code == 200
    assert response.context["filter"].errors


def test_cities_first_filter_lists_the_groups_a_city_has_not_joined(client, cast, open_group):
    other = CityFactory(slug="other-city")
    GroupMembershipFactory(group=open_group, partner=cast.partner_b)
    response = client.get("/groups/?city=tartu&not_joined=1")
    assert [g.slug for g in response.context["groups"]] == ["e-freight"]
    response = client.get("/groups/?city=tartu")
    assert [g.slug for g in response.context["groups"]] == ["cargo-bikes"]
    # Not interested in the segment: nothing to suggest.
    assert list(client.get("/groups/?city=other-city&not_joined=1").context["groups"]) == []
    assert other.pk


def test_cities_first_filter_skips_groups_already_asked_for(client, cast, open_group):
    pending(cast)
    response = client.get("/groups/?city=tartu&not_joined=1")
    assert [g.slug for g in response.context["groups"]] == ["cargo-bikes"]


def test_group_page_shows_members_roles_sessions_events_and_history(client, cast):
    ProjectFactory(group=cast.group, title="GV8 consortium")
    event = EventFactory(group=cast.group, title="Freight day")
    event.sessions.create(
        title="Break-out: E-freight", outcome="A declaration to commit to e-freight.", group=cast.group
    )
    response = client.get("/groups/e-freight/")
    html = response.content.decode()
    assert response.status_code == 200
    assert [m.partner.name for m in response.context["members"]] == ["Aarhus", "Voltaic Fleets"]
    assert "Lead" in html and "GV8 consortium" in html and "Freight day" in html
    assert "A declaration to commit to e-freight." in html
    assert any("Aarhus, Voltaic Fleets joined" in item.text for item in response.context["activity"])


@pytest.mark.parametrize(
    "who, sees, does_not_see",
    [
        ("anonymous", "as a representative of your organisation", "Requests to join"),
        ("rep_b", "Withdraw the request", "Requests to join"),
        ("rep_a", "Take Voltaic Fleets out of the group", "Requests to join"),
        ("lead", "hand over the lead to another member before leaving", "Take Aarhus out"),
        ("coordinator", "Requests to join", "Take Voltaic Fleets"),
    ],
)
def test_group_page_offers_each_visitor_what_they_may_do(client, cast, who, sees, does_not_see):
    pending(cast)
    html = as_(client, cast, who).get("/groups/e-freight/").content.decode()
    assert sees in html and does_not_see not in html
    assert ("Approve Tartu" in html) == (who in ("lead", "coordinator"))


# Transitions


def test_anonymous_posts_go_to_the_login_page_and_change_nothing(client, cast):
    request = pending(cast)
    before = rows(cast)
    for action in ("join/", f"members/{request.pk}/approve/", f"members/{cast.membership_a.pk}/leave/"):
        response = client.post(f"/groups/e-freight/{action}")
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert rows(cast) == before


def test_a_representative_asks_to_join(client, cast, mailoutbox, django_capture_on_commit_callbacks):
    assert "Ask to join for Tartu" in as_(client, cast, "rep_b").get("/groups/e-freight/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/groups/e-freight/join/", {"message": "Hello"})
    assert response.status_code == 302 and response.url == "/groups/e-freight/"
    m = GroupMembership.objects.get(group=cast.group, partner=cast.partner_b)
    assert (m.status, m.message) == (MembershipStatus.REQUESTED, "Hello")
    assert "sent to the group's lead" in messages_of(response)[0]
    assert len(mailoutbox) == 1


def test_joining_an_open_group_admits_at_once(client, cast, open_group):
    as_(client, cast, "rep_b").post("/groups/cargo-bikes/join/")
    assert GroupMembership.objects.get(group=open_group, partner=cast.partner_b).status == "active"


def test_asking_again_is_a_conflict_that_changes_nothing(client, cast):
    pending(cast)
    before = rows(cast)
    response = as_(client, cast, "rep_b").post("/groups/e-freight/join/")
    assert response.status_code == 409 and "already asked" in response.content.decode()
    response = as_(client, cast, "rep_a").post("/groups/e-freight/join/")
    assert response.status_code == 409 and "already a member" in response.content.decode()
    assert rows(cast) == before


def test_a_refusal_is_the_group_page_again_not_a_redirect(client, cast):
    """The refused step answers with the group's page at the refusal's status, the reason shown."""
    request = pending(cast)
    before = rows(cast)
    response = as_(client, cast, "lead").post(f"/groups/e-freight/members/{cast.lead_membership.pk}/leave/")
    assert response.status_code == 409 and "Location" not in response
    assert response.templates[0].name == "segments/group_detail.html"
    assert "hand over the lead" in response.content.decode()
    response = as_(client, cast, "rep_a").post(f"/groups/e-freight/members/{request.pk}/approve/")
    assert response.status_code == 403 and "Location" not in response
    assert response.templates[0].name == "segments/group_detail.html"
    assert rows(cast) == before


def test_join_rejects_a_too_long_message_a_get_and_a_login_without_partner(client, cast):
    client.force_login(cast.rep_b)
    response = client.post("/groups/e-freight/join/", {"message": "x" * 2001})
    assert response.status_code == 400
    assert "at most 2000 characters" in response.content.decode()
    assert client.get("/groups/e-freight/join/").status_code == 405
    client.force_login(UserFactory())
    assert client.post("/groups/e-freight/join/").status_code == 403
    assert not GroupMembership.objects.filter(partner=cast.partner_b).exists()


@pytest.mark.parametrize("who, status", [("rep_b", 302), ("coordinator", 302), ("lead", 403), ("rep_a", 403)])
def test_withdrawing_a_request(client, cast, who, status):
    request = pending(cast)
    response = as_(client, cast, who).post(f"/groups/e-freight/members/{request.pk}/withdraw/")
    assert response.status_code == status
    request.refresh_from_db()
    assert request.status == (MembershipStatus.WITHDRAWN if status == 302 else MembershipStatus.REQUESTED)


@pytest.mark.parametrize(
    "who, allowed",
    [("lead", True), ("coordinator", True), ("rep_a", False), ("rep_b", False)],
)
@pytest.mark.parametrize(
    "decision, outcome", [("approve", MembershipStatus.ACTIVE), ("decline", MembershipStatus.DECLINED)]
)
def test_deciding_on_a_request(client, cast, who, allowed, decision, outcome):
    request = pending(cast)
    response = as_(client, cast, who).post(
        f"/groups/e-freight/members/{request.pk}/{decision}/", {"message": "Ok"}
    )
    assert response.status_code == (302 if allowed else 403)
    request.refresh_from_db()
    assert request.status == (outcome if allowed else MembershipStatus.REQUESTED)


def test_approving_a_withdrawn_request_says_so(client, cast):
    request = pending(cast)
    request.status = MembershipStatus.WITHDRAWN
    request.save()
    response = as_(client, cast, "lead").post(f"/groups/e-freight/members/{request.pk}/approve/")
    assert response.status_code == 409 and "withdrawn" in messages_of(response)[0]
    request.refresh_from_db()
    assert request.status == MembershipStatus.WITHDRAWN


def test_a_membership_of_another_group_is_404(client, cast, open_group):
    elsewhere = GroupMembershipFactory(group=open_group, status=MembershipStatus.REQUESTED, joined_on=None)
    assert (
        as_(client, cast, "coordinator")
        .post(f"/groups/e-freight/members/{elsewhere.pk}/approve/")
        .status_code
        == 404
    )


@pytest.mark.parametrize(
    "who, allowed",
    [("rep_a", True), ("coordinator", True), ("lead", False), ("rep_b", False)],
)
def test_leaving(client, cast, who, allowed):
    response = as_(client, cast, who).post(f"/groups/e-freight/members/{cast.membership_a.pk}/leave/")
    assert response.status_code == (302 if allowed else 403)
    cast.membership_a.refresh_from_db()
    assert cast.membership_a.status == (MembershipStatus.LEFT if allowed else MembershipStatus.ACTIVE)


def test_the_last_lead_is_told_to_hand_over_first(client, cast):
    response = as_(client, cast, "lead").post(f"/groups/e-freight/members/{cast.lead_membership.pk}/leave/")
    assert response.status_code == 409 and "hand over the lead" in messages_of(response)[0]
    cast.lead_membership.refresh_from_db()
    assert cast.lead_membership.status == MembershipStatus.ACTIVE


@pytest.mark.parametrize(
    "who, allowed",
    [("lead", True), ("coordinator", True), ("rep_a", False), ("rep_b", False)],
)
def test_changing_a_role(client, cast, who, allowed):
    response = as_(client, cast, who).post(
        f"/groups/e-freight/members/{cast.membership_a.pk}/role/", {"role": "observer"}
    )
    assert response.status_code == (302 if allowed else 403)
    cast.membership_a.refresh_from_db()
    assert cast.membership_a.role == (GroupRole.OBSERVER if allowed else GroupRole.MEMBER)


def test_an_unknown_role_is_a_400(client, cast):
    response = as_(client, cast, "lead").post(
        f"/groups/e-freight/members/{cast.membership_a.pk}/role/", {"role": "boss"}
    )
    assert response.status_code == 400
    cast.membership_a.refresh_from_db()
    assert cast.membership_a.role == GroupRole.MEMBER


@pytest.mark.parametrize(
    "who, allowed",
    [("lead", True), ("coordinator", True), ("rep_a", False), ("rep_b", False)],
)
def test_handing_over_the_lead(client, cast, who, allowed):
    response = as_(client, cast, who).post(f"/groups/e-freight/members/{cast.membership_a.pk}/hand-over/")
    assert response.status_code == (302 if allowed else 403)
    cast.lead_membership.refresh_from_db()
    cast.membership_a.refresh_from_db()
    assert (cast.lead_membership.role, cast.membership_a.role) == (
        (GroupRole.MEMBER, GroupRole.LEAD) if allowed else (GroupRole.LEAD, GroupRole.MEMBER)
    )


# /me/


def test_me_shows_groups_pending_requests_and_requests_to_decide(client, cast, open_group):
    pending(cast)
    html = as_(client, cast, "rep_b").get("/me/").content.decode()
    assert "Requests waiting for a decision" in html and "E-freight" in html
    html = as_(client, cast, "lead").get("/me/").content.decode()
    assert "Tartu asks to join E-freight" in html and "Cargo bikes" in html
    html = as_(client, cast, "rep_a").get("/me/").content.decode()
    assert "Requests for you to decide" not in html and "E-freight" in html


def test_a_person_who_is_not_a_representative_cannot_ask(client, cast):
    colleague = PersonFactory(partner=cast.partner_b, user=UserFactory())
    client.force_login(colleague.user)
    assert "A representative of Tartu can ask to join" in client.get("/groups/e-freight/").content.decode()
    assert client.post("/groups/e-freight/join/").status_code == 403
    assert not GroupMembership.objects.filter(partner=cast.partner_b).exists()
