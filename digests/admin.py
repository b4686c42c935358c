from django.contrib import admin

from audit.services import acting_through

from .models import Delivery, Subscription
from .services import update_subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """A coordinator may change what someone receives (on request): the change goes through
    services.update_subscription, as the person's own settings page does, and is audited. Subscriptions
    are created with their defaults by services.ensure_subscription, never here."""

    list_display = ["person", "frequency", "all_news", "updated_at"]
    list_filter = ["frequency", "all_news"]
    search_fields = ["person__name", "person__email"]
    list_select_related = ["person"]
    readonly_fields = ["person"]
    filter_horizontal = ["segments", "groups", "projects"]

    def has_add_permission(self, request) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        """Saved with its many-to-many fields by save_related, through the service."""

    def save_related(self, request, form, formsets, change) -> None:
        data = form.cleaned_data
        stored = Subscription.objects.get(pk=form.instance.pk)  # as before the form, for the audit
        with acting_through("admin"):
            update_subscription(
                subscription=stored,
                by=request.user,
                frequency=data["frequency"],
                segments=data["segments"],
                groups=data["groups"],
                projects=data["projects"],
                countries=data["countries"],
                all_news=data["all_news"],
            )


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
