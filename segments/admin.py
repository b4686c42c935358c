from django.contrib import admin

from .models import GroupMembership, Segment, WorkingGroup


@admin.register(Segment)
class SegmentAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "lead_city", "position"]
    list_select_related = ["lead_city"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}
    autocomplete_fields = ["lead_city", "lead_companies", "interested_partners"]
    exclude = ["interested_applications"]


class GroupMembershipInline(admin.TabularInline):
    model = GroupMembership
    extra = 0
    autocomplete_fields = ["partner"]
    fields = ["partner", "role", "status", "joined_on", "left_on"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "segment", "admission", "formed_on"]
    list_filter = ["segment", "admission"]
    list_select_related = ["segment"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [GroupMembershipInline]


@admin.register(GroupMembership)
class GroupMembershipAdmin(admin.ModelAdmin):
    list_display = ["partner", "group", "role", "status", "joined_on", "left_on"]
    list_filter = ["role", "status", "group__segment"]
    list_select_related = ["partner", "group"]
    search_fields = ["partner__name", "group__name"]
    autocomplete_fields = ["partner", "group", "decided_by"]
