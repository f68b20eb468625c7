"""The platform admin site, for platform staff only (is_staff). Day-to-day work, including
people and roles, happens in the portal's own pages, which apply the partnership rules.

Platform staff set up new partnerships here. Whatever they change, the access grants are
brought in line through partnership.services.access, as the portal's own pages do."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import models

from .models import (
    AccessEvent,
    Agency,
    AgencyMembership,
    ClosureDay,
    Designation,
    LocalAuthorityArea,
    Partnership,
    PartnershipMembership,
    User,
)
from .services import access


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "last_login"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["full_name", "job_title"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "full_name", "password1", "password2"]})]
    list_filter = ["is_active", "is_staff"]
    filter_horizontal = []

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        access.user_groups_sync(obj)


class ClosureDayInline(admin.TabularInline):
    model = ClosureDay
    extra = 0


class DesignationInline(admin.TabularInline):
    model = Designation
    extra = 0
    autocomplete_fields = ["agency"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "slug"]
    search_fields = ["name"]
    inlines = [DesignationInline, ClosureDayInline]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        access.role_groups_create(obj)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is not Designation:
            return
        touched = [*formset.new_objects, *(obj for obj, _ in formset.changed_objects),
                   *formset.deleted_objects]
        for designation in touched:
            access.designation_grants_sync(designation.partnership, designation.agency)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "sector"]
    list_filter = ["sector"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    search_fields = ["name"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        access.role_groups_create(obj)


admin.site.register(LocalAuthorityArea)


class MembershipAdmin(admin.ModelAdmin):
    """Memberships change group membership: keep each person's groups in line."""

    autocomplete_fields = ["user", "agency"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        access.user_groups_sync(obj.user)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        access.user_groups_sync(obj.user)

    def delete_queryset(self, request, queryset):
        users = [m.user for m in queryset.select_related("user")]
        super().delete_queryset(request, queryset)
        for user in users:
            access.user_groups_sync(user)


@admin.register(PartnershipMembership)
class PartnershipMembershipAdmin(MembershipAdmin):
    list_display = ["user", "role", "partnership", "agency", "start_date", "end_date"]
    list_filter = ["role", "partnership"]
    list_select_related = ["user", "partnership", "agency"]


@admin.register(AgencyMembership)
class AgencyMembershipAdmin(MembershipAdmin):
    list_display = ["user", "role", "agency", "start_date", "end_date"]
    list_filter = ["role"]
    list_select_related = ["user", "agency"]


@admin.register(AccessEvent)
class AccessEventAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "action", "object_repr", "partnership"]
    list_select_related = ["user", "partnership"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.site_header = "Safeguarding Partnership Portal: platform admin"
