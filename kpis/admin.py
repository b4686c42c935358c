from django.contrib import admin

from audit.admin_actions import AuditedChanges

from .models import Target


@admin.register(Target)
class TargetAdmin(AuditedChanges, admin.ModelAdmin):
    """Targets are plain data, but the dashboard's headline numbers follow them: every change is audited."""

    list_display = ["metric", "target_value", "unit", "baseline_date", "deadline"]
    list_filter = ["metric"]
    search_fields = ["description"]
