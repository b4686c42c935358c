from django.contrib import admin

from .models import Target


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["metric", "target_value", "unit", "baseline_date", "deadline"]
    list_filter = ["metric"]
    search_fields = ["description"]
