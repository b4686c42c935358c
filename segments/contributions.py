"""What segments adds to the pages and operations of partners (see core.contributions): the
directory's segment filter and facet, the "segments of interest" of the membership application, the
partner's groups on its profile, the working groups on /me/, and the organisation's memberships in
the personal-data export. Partners iterates these and never names segments."""

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from audit.services import acted_on
from core.contributions import (
    APPLICATION_FIELDS,
    DIRECTORY_FILTERS,
    ME_SECTIONS,
    PERSONAL_DATA,
    PROFILE_SECTIONS,
    ApplicationField,
    DirectoryFilter,
    PersonalData,
    Section,
)
from core.forms import KeyedModelMultipleChoiceField
from partners.models import MembershipApplication, Partner, Person

from .filters import DIRECTORY_SEGMENT_FACET, directory_segment_filter, with_active_memberships
from .models import GroupMembership, MembershipStatus, Segment

# --- The partner directory ----------------------------------------------------------------------

DIRECTORY_FILTERS.register(
    DirectoryFilter(
        key="segment",
        make_filter=directory_segment_filter,
        facet=DIRECTORY_SEGMENT_FACET,
        prepare=with_active_memberships,
    )
)

# --- The membership application ------------------------------------------------------------------


def _segments_field() -> forms.Field:
    return KeyedModelMultipleChoiceField(
        label=_("Segments of interest"),
        queryset=Segment.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def _save_interests(application: MembershipApplication, segments: Any) -> None:
    application.segments_of_interest.set(segments)


def _show_interests(application: MembershipApplication) -> str:
    return ", ".join(segment.short_name for segment in application.segments_of_interest.all()) or "—"


def _hand_over_interests(application: MembershipApplication, partner: Partner) -> None:
    partner.segments_of_interest.set(application.segments_of_interest.all())


APPLICATION_FIELDS.register(
    ApplicationField(
        key="segments",
        label=_("Segments of interest"),
        make_field=_segments_field,
        save=_save_interests,
        display=_show_interests,
        approve=_hand_over_interests,
    )
)

# --- A partner's profile and /me/ ----------------------------------------------------------------


def _profile_groups(request: HttpRequest, partner: Partner) -> dict[str, Any]:
    """The partner's active memberships and its segments of interest: two queries, whatever the numbers."""
    memberships = (
        GroupMembership.objects.filter(partner=partner, status=MembershipStatus.ACTIVE)
        .select_related("group__segment")
        .order_by("group__segment__position", "group__name")
    )
    return {"memberships": list(memberships), "interests": list(partner.segments_of_interest.all())}


PROFILE_SECTIONS.register(Section("segments", "segments/partner_groups.html", _profile_groups, order=20))
ME_SECTIONS.register(Section("segments", "segments/me_section.html", lambda request, person: {}, order=20))

# --- Personal data --------------------------------------------------------------------------------


def _export_memberships(person: Person) -> list[dict[str, Any]]:
    # The organisation's memberships, not the person's: segments holds nothing personal to erase.
    return list(
        GroupMembership.objects.filter(partner=person.partner_id)
        .order_by("pk")
        .values("group__name", "role", "status", "joined_on", "left_on")
    )


def _requests_by(person: Person) -> Any:
    """The membership requests the person sent, as the audit trail records who asked."""
    if person.user_id is None:
        return GroupMembership.objects.none()
    asked = acted_on(
        actor=person.user_id,
        actions=["group_membership.requested", "group_membership.joined"],
        model=GroupMembership,
    )
    return GroupMembership.objects.filter(pk__in=[int(pk) for pk in asked])


def _export_requests(person: Person) -> list[dict[str, Any]]:
    return list(_requests_by(person).order_by("pk").values("group__name", "requested_at", "message"))


def _erase_request_messages(person: Person) -> None:
    # The request stays the organisation's; the words the person wrote in it go.
    _requests_by(person).exclude(message="").update(message="")


PERSONAL_DATA.register(PersonalData("organisation_group_memberships", _export_memberships, order=50))
PERSONAL_DATA.register(PersonalData("group_requests", _export_requests, _erase_request_messages, order=51))
