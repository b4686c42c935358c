from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit.admin_actions import AuditedChanges, WithoutDelete, service_action

from . import services
from .models import BreakoutSession, ContactMessage, Event, NewsItem, Registration


class BreakoutSessionInline(admin.StackedInline):
    model = BreakoutSession
    extra = 0
    autocomplete_fields = ["group"]


def _close_registration(event, user):
    services.close_registration(event=event, by=user)


def _reopen_registration(event, user):
    services.reopen_registration(event=event, by=user)


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("Seats"), min_value=0, required=False, help_text=_("Empty for no limit.")
    )


def _change_capacity(event, user, *, capacity):
    services.change_capacity(event=event, capacity=capacity, by=user)


@admin.register(Event)
class EventAdmin(AuditedChanges, admin.ModelAdmin):
    """Whether registration is open, and an existing event's capacity, move through the actions (the
    same services as the organisers' page), not the change form: capacity holds, new seats go to the
    people waiting."""

    list_display = ["title", "kind", "starts_at", "city", "country", "capacity", "registration_open"]
    list_filter = ["kind", "registration_open", "segment", "is_demo"]
    search_fields = ["title", "city", "venue"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "starts_at"
    autocomplete_fields = ["group", "organisers"]
    readonly_fields = ["registration_open"]
    inlines = [BreakoutSessionInline]
    actions = [
        service_action(
            _close_registration,
            name="close_registration",
            description=_("Close registration for the selected events"),
            done=_("%(object)s: registration closed."),
        ),
        service_action(
            _reopen_registration,
            name="reopen_registration",
            description=_("Reopen registration for the selected events"),
            done=_("%(object)s: registration reopened."),
        ),
        service_action(
            _change_capacity,
            name="change_capacity",
            description=_("Change the capacity of the selected events"),
            done=_("%(object)s: capacity changed."),
            form_class=CapacityForm,
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *(["capacity"] if obj is not None else [])]


def _confirm(registration, user):
    services.confirm_registration(registration=registration, by=user)


def _cancel(registration, user):
    services.cancel_registration(registration=registration, by=user)


@admin.register(Registration)
class RegistrationAdmin(WithoutDelete, admin.ModelAdmin):
    """Seats are given and freed only through the services (the actions here), so capacity holds and
    a freed seat goes to the first person waiting."""

    list_display = ["person", "event", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["person__partner", "event"]
    search_fields = ["person__name", "person__email", "event__title"]
    readonly_fields = ["event", "person", "registered_by", "status", "created_at", "updated_at"]
    actions = [
        service_action(
            _confirm,
            name="confirm",
            description=_("Confirm the selected registrations from the waiting list (while seats are free)"),
            done=_("%(object)s: confirmed."),
        ),
        service_action(
            _cancel,
            name="cancel",
            description=_(
                "Cancel the selected registrations (a freed seat goes to the first person waiting)"
            ),
            done=_("%(object)s: cancelled."),
        ),
    ]

    def has_add_permission(self, request) -> bool:
        return False  # people register on the event's page (services.register), which keeps capacity


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    list_display = ["title", "published_at", "segment"]
    list_filter = ["segment"]
    list_select_related = ["segment"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    autocomplete_fields = ["group", "event", "project"]


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    """Messages are a record of what was received: read, never edited."""

    list_display = ["subject", "name", "email", "created_at"]
    search_fields = ["subject", "name", "email", "message"]
    date_hierarchy = "created_at"

    readonly_fields = ["name", "email", "subject", "message", "client_address", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False
