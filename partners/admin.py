from django.contrib import admin

from .models import CityProfile, MembershipApplication, Partner, Person


class CityProfileInline(admin.StackedInline):
    model = CityProfile
    can_delete = False
    readonly_fields = ["size_class"]


class PersonInline(admin.TabularInline):
    model = Person
    extra = 0
    fields = ["name", "email", "role_title", "is_representative", "user"]
    autocomplete_fields = ["user"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "city", "is_sme", "joined_on", "left_on", "is_demo"]
    list_filter = ["kind", "is_sme", "is_demo", "is_network_coordinator", "country"]
    search_fields = ["name", "city", "description"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "joined_on"
    inlines = [CityProfileInline, PersonInline]


@admin.register(CityProfile)
class CityProfileAdmin(admin.ModelAdmin):
    list_display = ["partner", "population", "size_class", "manifesto_signed_on"]
    list_filter = ["size_class"]
    search_fields = ["partner__name"]
    list_select_related = ["partner"]
    autocomplete_fields = ["partner"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "partner", "role_title", "is_representative", "user"]
    list_filter = ["is_representative"]
    search_fields = ["name", "email", "partner__name"]
    list_select_related = ["partner", "user"]
    autocomplete_fields = ["partner", "user"]


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(admin.ModelAdmin):
    list_display = ["organisation_name", "kind", "country", "status", "submitted_at", "reviewed_by"]
    list_filter = ["status", "kind"]
    search_fields = ["organisation_name", "contact_name", "contact_email"]
    list_select_related = ["reviewed_by", "partner"]
    autocomplete_fields = ["partner"]
    readonly_fields = ["submitted_at"]
