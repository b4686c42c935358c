from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .mail import resend
from .models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """The outbox, read-only: coordinators see what failed (filter by status) and resend it; the resend
    goes through core.mail.resend, as the platform's own sending does."""

    list_display = ["subject", "recipients", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["subject", "to", "error"]
    readonly_fields = [field.name for field in OutgoingMail._meta.fields]
    actions = ["resend_failed"]

    @admin.display(description=_("to"))
    def recipients(self, mail: OutgoingMail) -> str:
        return ", ".join(mail.to)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: OutgoingMail | None = None) -> bool:
        return False

    @admin.action(description=_("Resend the selected failed emails"), permissions=["view"])
    def resend_failed(self, request: HttpRequest, queryset: QuerySet[OutgoingMail]) -> None:
        count = resend(queryset)
        message = ngettext("%(count)d email queued again.", "%(count)d emails queued again.", count)
        level = messages.SUCCESS if count else messages.WARNING
        self.message_user(request, message % {"count": count}, level)
