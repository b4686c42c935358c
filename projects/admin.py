from django.contrib import admin

from .models import FundingCall, Participation, Project, ProjectStatusChange


@admin.register(FundingCall)
class FundingCallAdmin(admin.ModelAdmin):
    list_display = ["identifier", "title", "programme", "deadline"]
    list_filter = ["programme"]
    search_fields = ["identifier", "title"]
    date_hierarchy = "deadline"


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["partner"]


class ProjectStatusChangeInline(admin.TabularInline):
    model = ProjectStatusChange
    extra = 0
    readonly_fields = ["changed_at"]
    autocomplete_fields = ["changed_by"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "segment", "call", "status", "started_on", "ended_on", "is_demo"]
    list_filter = ["status", "segment", "is_demo"]
    list_select_related = ["segment", "call"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["call", "group"]
    inlines = [ParticipationInline, ProjectStatusChangeInline]


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["project", "partner", "role", "status", "joined_on", "left_on"]
    list_filter = ["role", "status"]
    list_select_related = ["project", "partner"]
    search_fields = ["project__title", "partner__name"]
    autocomplete_fields = ["project", "partner"]
