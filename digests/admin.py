from django.contrib import admin

from .models import Delivery, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["person", "frequency", "all_news", "updated_at"]
    list_filter = ["frequency", "all_news"]
    search_fields = ["person__name", "person__email"]
    list_select_related = ["person"]
    autocomplete_fields = ["person"]
    filter_horizontal = ["segments", "groups", "projects"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Read-only: deliveries are the record of what was sent; the runs write them."""

    list_display = ["person", "frequency", "period_start", "period_end", "status", "sent_at", "attempts"]
    list_filter = ["status", "frequency", "period_start"]
    search_fields = ["person__name", "person__email", "error"]
    list_select_related = ["person__partner"]
    readonly_fields = [f.name for f in Delivery._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
