from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit.admin_actions import AuditedChanges, MessageForm, ReadOnlyInline, WithoutDelete, service_action

from . import services
from .models import GroupMembership, GroupRole, Segment, WorkingGroup


@admin.register(Segment)
class SegmentAdmin(AuditedChanges, admin.ModelAdmin):
    list_display = ["name", "short_name", "lead_city", "position"]
    list_select_related = ["lead_city"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}
    autocomplete_fields = ["lead_city", "lead_companies", "interested_partners"]
    exclude = ["interested_applications"]


class GroupMembershipInline(ReadOnlyInline, admin.TabularInline):
    """The group's members, to read: joining, deciding, roles and leaving are the memberships'
    actions (or the group's pages)."""

    model = GroupMembership
    fields = ["partner", "role", "status", "joined_on", "left_on"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(AuditedChanges, admin.ModelAdmin):
    list_display = ["name", "segment", "admission", "formed_on"]
    list_filter = ["segment", "admission"]
    list_select_related = ["segment"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [GroupMembershipInline]


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("New role"), choices=GroupRole.choices)


class PeriodCorrectionForm(forms.Form):
    joined_on = forms.DateField(label=_("Joined on"))
    left_on = forms.DateField(label=_("Left on"), required=False, help_text=_("Empty while still a member."))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3, "cols": 60}))


def _correct_period(membership, user, *, joined_on, left_on, reason):
    services.correct_membership_period(
        membership=membership, joined_on=joined_on, left_on=left_on, by=user, reason=reason
    )


def _approve(membership, user):
    services.approve_membership_request(membership=membership, by=user)


def _decline(membership, user, *, message):
    services.decline_membership_request(membership=membership, by=user, message=message)


def _take_out(membership, user):
    services.leave_group(membership=membership, by=user)


def _change_role(membership, user, *, role):
    services.change_role(membership=membership, role=role, by=user)


def _hand_over_lead(membership, user):
    services.hand_over_lead(group=membership.group, to_membership=membership, by=user)


@admin.register(GroupMembership)
class GroupMembershipAdmin(WithoutDelete, AuditedChanges, admin.ModelAdmin):
    """A membership changes only through the workflow's services (the actions here), so the group's
    rules hold: a request is decided once, a group keeps a lead, everyone concerned is told."""

    list_display = ["partner", "group", "role", "status", "joined_on", "left_on"]
    list_filter = ["role", "status", "group__segment"]
    list_select_related = ["partner", "group"]
    search_fields = ["partner__name", "group__name"]
    readonly_fields = [
        "partner",
        "group",
        "role",
        "status",
        "joined_on",
        "left_on",
        "requested_at",
        "message",
        "decided_by",
        "decided_at",
    ]
    actions = [
        service_action(
            _approve,
            name="approve",
            description=_("Approve the selected requests to join"),
            done=_("%(object)s: request approved."),
        ),
        service_action(
            _decline,
            name="decline",
            description=_("Decline the selected requests to join"),
            done=_("%(object)s: request declined."),
            form_class=MessageForm,
        ),
        service_action(
            _change_role,
            name="change_role",
            description=_("Change the role of the selected members"),
            done=_("%(object)s: role changed."),
            form_class=RoleForm,
        ),
        service_action(
            _hand_over_lead,
            name="hand_over_lead",
            description=_("Make the selected member the group's lead (the current leads become members)"),
            done=_("%(object)s: now leads the group."),
        ),
        service_action(
            _take_out,
            name="take_out",
            description=_("Take the selected members out of their group"),
            done=_("%(object)s: left the group."),
        ),
        service_action(
            _correct_period,
            name="correct_period",
            description=_("Correct the dates of the selected membership periods (changes the past: audited)"),
            done=_("%(object)s: period corrected; the figures are recomputed from that day."),
            form_class=PeriodCorrectionForm,
        ),
    ]

    def has_add_permission(self, request) -> bool:
        return False  # partners ask to join on the group's page (services.request_group_membership)
