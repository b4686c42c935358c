from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit.admin_actions import AuditedChanges, ReadOnlyInline, WithoutDelete, service_action
from core.errors import ServiceError

from . import services
from .models import (
    FundingCall,
    Need,
    Participation,
    Project,
    ProjectStatus,
    ProjectStatusChange,
    Replication,
    Solution,
)
from .services import check_deadline_ahead


class FundingCallAdminForm(forms.ModelForm):
    url = forms.URLField(label=_("call page"), required=False, assume_scheme="https")

    class Meta:
        model = FundingCall
        fields = ["programme", "identifier", "title", "deadline", "url", "description"]

    def clean_deadline(self):
        """The same rule as services.create_call: a new call cannot have closed already (existing calls
        keep their past deadlines)."""
        deadline = self.cleaned_data["deadline"]
        if self.instance.pk is None:
            try:
                check_deadline_ahead(deadline)
            except ServiceError as error:
                raise forms.ValidationError(error.message) from error
        return deadline


@admin.register(FundingCall)
class FundingCallAdmin(AuditedChanges, admin.ModelAdmin):
    form = FundingCallAdminForm
    list_display = ["identifier", "title", "programme", "deadline"]
    list_filter = ["programme"]
    search_fields = ["identifier", "title"]
    date_hierarchy = "deadline"


class ParticipationInline(ReadOnlyInline, admin.TabularInline):
    """The consortium, to read: invitations, requests and answers are the participations' actions
    (or the project's pages)."""

    model = Participation
    fields = ["partner", "role", "status", "joined_on", "left_on"]


class ProjectStatusChangeInline(ReadOnlyInline, admin.TabularInline):
    """The status history, written only by services.change_status."""

    model = ProjectStatusChange
    fields = ["changed_on", "from_status", "to_status", "changed_by", "note", "changed_at"]


class StatusChangeForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=ProjectStatus.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class ProjectAdminForm(forms.ModelForm):
    # The dates are history: the start is set by the status history (services.change_status) and
    # corrected only by the audited "correct the start" action, the proposal day never changes.
    class Meta:
        model = Project
        fields = ["title", "slug", "segment", "call", "group", "summary", "is_demo"]


class StartCorrectionForm(forms.Form):
    started_on = forms.DateField(
        label=_("Started on"),
        required=False,
        help_text=_("The day it was first funded or running; empty if it never got there."),
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3, "cols": 60}))


def _correct_start(project, user, *, started_on, reason):
    services.correct_project_start(project=project, started_on=started_on, by=user, reason=reason)


def _change_status(project, user, *, to_status, note):
    services.change_status(project=project, to_status=to_status, by=user, note=note)


@admin.register(Project)
class ProjectAdmin(AuditedChanges, admin.ModelAdmin):
    """What a project is about may be edited here; its status moves only through the "change status"
    action (services.change_status: the allowed moves, the end date, the history row, the audit
    entry). Projects are proposed on the site by a partner's representative."""

    form = ProjectAdminForm
    list_display = ["title", "segment", "call", "status", "started_on", "ended_on", "is_demo"]
    list_filter = ["status", "segment", "is_demo"]
    list_select_related = ["segment", "call"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["call", "group"]
    readonly_fields = ["status", "proposed_on", "started_on", "ended_on"]
    inlines = [ParticipationInline, ProjectStatusChangeInline]
    actions = [
        service_action(
            _change_status,
            name="change_status",
            description=_("Change the status of the selected projects"),
            done=_("%(object)s: status changed."),
            form_class=StatusChangeForm,
        ),
        service_action(
            _correct_start,
            name="correct_start",
            description=_("Correct the start date of the selected projects (changes the past: audited)"),
            done=_("%(object)s: start date corrected; the figures are recomputed from that day."),
            form_class=StartCorrectionForm,
        ),
    ]

    def has_add_permission(self, request) -> bool:
        return False  # proposed on the site (services.propose_project), with its first history row


def _accept_request(participation, user):
    services.accept_join_request(participation=participation, by=user)


def _decline_request(participation, user):
    services.decline_join_request(participation=participation, by=user)


def _accept_invitation(participation, user):
    services.accept_invitation(participation=participation, by=user)


def _decline_invitation(participation, user):
    services.decline_invitation(participation=participation, by=user)


@admin.register(Participation)
class ParticipationAdmin(WithoutDelete, AuditedChanges, admin.ModelAdmin):
    """A participation changes only through the consortium's services (the actions here)."""

    list_display = ["project", "partner", "role", "status", "joined_on", "left_on"]
    list_filter = ["role", "status"]
    list_select_related = ["project", "partner"]
    search_fields = ["project__title", "partner__name"]
    readonly_fields = ["project", "partner", "role", "status", "joined_on", "left_on", "created_at"]
    actions = [
        service_action(
            _accept_request,
            name="accept_join_request",
            description=_("Accept the selected requests to join"),
            done=_("%(object)s: request accepted."),
        ),
        service_action(
            _decline_request,
            name="decline_join_request",
            description=_("Decline the selected requests to join"),
            done=_("%(object)s: request declined."),
        ),
        service_action(
            _accept_invitation,
            name="accept_invitation",
            description=_("Accept the selected invitations on the partner's behalf"),
            done=_("%(object)s: invitation accepted."),
        ),
        service_action(
            _decline_invitation,
            name="decline_invitation",
            description=_("Decline the selected invitations on the partner's behalf"),
            done=_("%(object)s: invitation declined."),
        ),
    ]

    def has_add_permission(self, request) -> bool:
        return False  # partners are invited or ask to join on the project's page


class ReplicationInline(ReadOnlyInline, admin.TabularInline):
    """Cities record replications on the solution's page (services.record_replication: a city, once,
    within one of its projects, the provider told)."""

    model = Replication
    fields = ["city", "project", "replicated_on", "recorded_by", "created_at"]


@admin.register(Solution)
class SolutionAdmin(AuditedChanges, admin.ModelAdmin):
    list_display = ["title", "provider", "segment", "tested_in", "is_demo"]
    list_filter = ["segment", "is_demo"]
    list_select_related = ["provider", "segment", "tested_in"]
    search_fields = ["title", "summary", "provider__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["provider", "tested_in", "project"]
    inlines = [ReplicationInline]


def _close_need(need, user):
    services.close_need(need=need, by=user)


def _reopen_need(need, user):
    services.reopen_need(need=need, by=user)


@admin.register(Need)
class NeedAdmin(AuditedChanges, admin.ModelAdmin):
    list_display = ["title", "city", "segment", "status", "is_demo"]
    list_filter = ["status", "segment", "is_demo"]
    list_select_related = ["city", "segment"]
    search_fields = ["title", "description", "city__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["city"]
    readonly_fields = ["status"]
    actions = [
        service_action(
            _close_need,
            name="close",
            description=_("Close the selected needs"),
            done=_("%(object)s: closed."),
        ),
        service_action(
            _reopen_need,
            name="reopen",
            description=_("Reopen the selected needs"),
            done=_("%(object)s: reopened."),
        ),
    ]
