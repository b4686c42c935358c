from django.contrib import admin

from .models import BreakoutSession, ContactMessage, Event, NewsItem, Registration


class BreakoutSessionInline(admin.StackedInline):
    model = BreakoutSession
    extra = 0
    autocomplete_fields = ["group"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "city", "country", "capacity", "registration_open"]
    list_filter = ["kind", "registration_open", "segment", "is_demo"]
    search_fields = ["title", "city", "venue"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "starts_at"
    autocomplete_fields = ["group", "organisers"]
    inlines = [BreakoutSessionInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["person", "event", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["person__partner", "event"]
    search_fields = ["person__name", "person__email", "event__title"]
    autocomplete_fields = ["event", "person", "registered_by"]


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
