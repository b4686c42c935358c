from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.errors import ServiceError

from .models import FundingCall, Need, Participation, Project, ProjectStatusChange, Replication, Solution
from .services import check_deadline_ahead


class FundingCallAdminForm(forms.ModelForm):
    url = forms.URLField(label=_("call page"), required=False, assume_scheme="https")

    class Meta:
        model = FundingCall
        fields = ["programme", "identifier", "title", "deadline", "url", "description"]

    def clean_deadline(self):
        """The same rule as services.create_call: a new call cannot have closed already (existing calls
        keep their past deadlines)."""
        deadline = self.cleaned_data["deadline"]
        if self.instance.pk is None:
            try:
                check_deadline_ahead(deadline)
            except ServiceError as error:
                raise forms.ValidationError(error.message) from error
        return deadline


@admin.register(FundingCall)
class FundingCallAdmin(admin.ModelAdmin):
    form = FundingCallAdminForm
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


class ReplicationInline(admin.TabularInline):
    model = Replication
    extra = 0
    autocomplete_fields = ["city", "project"]


@admin.register(Solution)
class SolutionAdmin(admin.ModelAdmin):
    list_display = ["title", "provider", "segment", "tested_in", "is_demo"]
    list_filter = ["segment", "is_demo"]
    list_select_related = ["provider", "segment", "tested_in"]
    search_fields = ["title", "summary", "provider__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["provider", "tested_in", "project"]
    inlines = [ReplicationInline]


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ["title", "city", "segment", "status", "is_demo"]
    list_filter = ["status", "segment", "is_demo"]
    list_select_related = ["city", "segment"]
    search_fields = ["title", "description", "city__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["city"]
