from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.admin_actions import AuditedChanges, ReasonForm, WithoutDelete, service_action

from . import services
from .models import ApiToken, CityProfile, MembershipApplication, Partner, Person


class CityProfileInline(admin.StackedInline):
    model = CityProfile
    can_delete = False
    readonly_fields = ["size_class"]


class PersonInline(admin.TabularInline):
    model = Person
    extra = 0
    can_delete = False  # removing a contact person goes through the profile (services.update_partner_profile)
    fields = ["name", "email", "role_title", "is_representative", "user"]
    autocomplete_fields = ["user"]


@admin.register(Partner)
class PartnerAdmin(AuditedChanges, admin.ModelAdmin):
    list_display = ["name", "kind", "country", "city", "is_sme", "joined_on", "left_on", "is_demo"]
    list_filter = ["kind", "is_sme", "is_demo", "is_network_coordinator", "country"]
    search_fields = ["name", "city", "description"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "joined_on"
    inlines = [CityProfileInline, PersonInline]


@admin.register(CityProfile)
class CityProfileAdmin(admin.ModelAdmin):
    list_display = ["partner", "population", "size_class", "manifesto_signed_on"]
    list_filter = ["size_class"]
    search_fields = ["partner__name"]
    list_select_related = ["partner"]
    autocomplete_fields = ["partner"]


@admin.register(Person)
class PersonAdmin(WithoutDelete, admin.ModelAdmin):
    list_display = ["name", "email", "partner", "role_title", "is_representative", "user"]
    list_filter = ["is_representative"]
    search_fields = ["name", "email", "partner__name"]
    list_select_related = ["partner", "user"]
    autocomplete_fields = ["partner", "user"]


def _approve(application, user):
    services.approve_application(application=application, reviewer=user)


def _reject(application, user, *, reason):
    services.reject_application(application=application, reviewer=user, reason=reason)


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(admin.ModelAdmin):
    """Applications arrive through the public form and are decided by the actions, which call the
    same services as the review page: approval creates the partner and sends the invitation,
    rejection tells the applicant why. The decision's fields are never edited here."""

    list_display = ["organisation_name", "kind", "country", "status", "submitted_at", "reviewed_by"]
    list_filter = ["status", "kind"]
    search_fields = ["organisation_name", "contact_name", "contact_email"]
    list_select_related = ["reviewed_by", "partner"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = [
        "status",
        "reviewed_by",
        "reviewed_at",
        "reason",
        "partner",
        "consented_at",
        "submitted_at",
    ]
    actions = [
        service_action(
            _approve,
            name="approve",
            description=_("Approve the selected applications (creates the partner, sends the invitation)"),
            done=_("%(object)s: approved, invitation sent."),
        ),
        service_action(
            _reject,
            name="reject",
            description=_("Reject the selected applications (with a reason sent to the applicant)"),
            done=_("%(object)s: rejected, the applicant is told why."),
            form_class=ReasonForm,
        ),
    ]

    def has_add_permission(self, request) -> bool:
        return False  # the public form (services.submit_application) is the way in


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Who holds which token, and its last use; a coordinator may revoke one (delete). The secret
    is not stored, so there is nothing to show or to edit."""

    list_display = ["name", "token_key", "user", "created", "expiry", "last_used_at"]
    search_fields = ["name", "user__username"]
    readonly_fields = ["name", "token_key", "user", "created", "expiry", "last_used_at"]
    exclude = ["digest"]

    def has_add_permission(self, request) -> bool:
        return False
