"""The platform admin site, for platform staff only (is_staff). Day-to-day work, including
people and roles, happens in the portal's own pages, which apply the partnership rules.

Platform staff set up new partnerships here. Whatever they change, the access grants are
brought in line through partnership.services.access, as the portal's own pages do.

A superuser sees no partnership data here either: only the platform's own records (people,
partnerships, agencies and their designations, roles: PLATFORM_MODELS). So the admin has no
page of any feature app's models; API tokens show their user and dates, never their key
(ApiTokenAdmin); the audit history shows changes to PLATFORM_MODELS only (AuditLogEntryAdmin),
never a copy of a partnership's records; the access-event log shows who opened which kind
of record and when, not the record's text (AccessEventAdmin)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
from allauth.usersessions.models import UserSession
from auditlog.admin import LogEntryAdmin as BaseLogEntryAdmin
from auditlog.models import LogEntry as AuditLogEntry
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import (
    AccessEvent,
    Agency,
    AgencyMembership,
    AgencyName,
    ApiToken,
    ClosureDay,
    Designation,
    LocalAuthorityArea,
    Partnership,
    PartnershipMembership,
    User,
)
from .services import access


class PlatformAdmin(admin.ModelAdmin):
    """A platform record's admin. Deleting one lists the records it would take with it (or
    that stop it) by kind and number only: Django's own page names each of them, and they
    are a partnership's records (an agency's contributions, a person's seats and tokens)."""

    def get_deleted_objects(self, objs, request):
        _, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        deleted = [f"{self.opts.verbose_name.capitalize()}: {obj}" for obj in objs]
        deleted += [f"{name.capitalize()}: {count}" for name, count in model_count.items()
                    if name != self.opts.verbose_name_plural]
        if protected:
            protected = [f"{len(protected)} record{'s' if len(protected) != 1 else ''} of the "
                         "partnerships' own (remove them in the portal first)"]
        return deleted, model_count, perms_needed, protected


@admin.register(User)
class UserAdmin(PlatformAdmin, BaseUserAdmin):
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
class PartnershipAdmin(PlatformAdmin):
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


class AgencyNameInline(admin.TabularInline):
    """A former name, kept for the records made while the agency had it. A new name is
    recorded by the business unit in the portal (an agency serving only its partnership) or
    by platform staff with `manage.py agency_rename` (one serving several); here, a former
    name or its last day is corrected."""

    model = AgencyName
    extra = 0
    verbose_name = "former name"


@admin.register(Agency)
class AgencyAdmin(PlatformAdmin):
    list_display = ["name", "sector", "merged_into"]
    list_filter = ["sector"]
    inlines = [AgencyNameInline]
    # A merger moves designations and roles: `manage.py agency_merge` (or the portal page).
    readonly_fields = ["merged_into", "merged_on"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    search_fields = ["name"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        access.role_groups_create(obj)


admin.site.register(LocalAuthorityArea, PlatformAdmin)


class MembershipAdmin(PlatformAdmin):
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


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ListOnlyAdmin(ReadOnlyAdmin):
    """Only the list, with no page, link or checkbox per record: for records whose name
    (str) is itself what must not be shown."""

    list_display_links = None
    actions = None

    def get_urls(self):
        return [url for url in super().get_urls() if url.name and url.name.endswith("_changelist")]


@admin.register(AccessEvent)
class AccessEventAdmin(ListOnlyAdmin):
    """Who opened which kind of record, when: never the record's text (object_repr, and so
    the event's name, holds a case's reference or a review's title: partnership data)."""

    list_display = ["at", "user", "action", "content_type", "object_id", "partnership"]
    list_select_related = ["user", "partnership", "content_type"]


# The platform's own records: the only ones whose audit history the admin shows.
PLATFORM_MODELS = (User, LocalAuthorityArea, Partnership, Agency, AgencyName, ClosureDay,
                   Designation, PartnershipMembership, AgencyMembership)

admin.site.unregister(AuditLogEntry)


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(BaseLogEntryAdmin):
    """django-auditlog's history, of PLATFORM_MODELS only: an entry about a feature app's
    record carries a copy of its fields (a draft narrative, a case's facts), which are
    partnership data. The User model has no first or last name: search by e-mail."""

    search_fields = ["object_repr", "changes", "actor__email", "actor__full_name"]

    def get_queryset(self, request):
        types = ContentType.objects.get_for_models(*PLATFORM_MODELS).values()
        return super().get_queryset(request).filter(content_type__in=list(types))


@admin.register(ApiToken)
class ApiTokenAdmin(ListOnlyAdmin):
    """API tokens: whose, and when they were made, end and were last used. Only a hash of a
    token is stored, and neither it, the token's first characters nor the name its owner gave
    it are shown here: the token is shown once, to its owner, when it is made. There is only
    the list: a person revokes their own on their API access page, and deactivating their
    account revokes them all."""

    list_display = ["user", "created", "expiry", "last_used"]
    list_select_related = ["user"]
    search_fields = ["user__email"]
    ordering = ["user__email", "-created"]


admin.site.site_header = "Safeguarding Partnership Portal: platform admin"


# django-allauth's own admin pages, replaced: none shows a secret (a provider's client secret
# or tokens, a TOTP key, recovery codes) or a session key. Providers are configured in
# SSO_PROVIDERS, not here; a person's second factor is reset by their business unit.
for _model in (SocialApp, SocialToken, SocialAccount, EmailAddress, Authenticator, UserSession):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.register(Authenticator)
class AuthenticatorAdmin(ListOnlyAdmin):
    """Whose second factors, of which kind, made and last used when: never their data."""

    list_display = ["user", "type", "created_at", "last_used_at"]
    list_select_related = ["user"]
    search_fields = ["user__email"]


@admin.register(UserSession)
class UserSessionAdmin(ListOnlyAdmin):
    """Who is signed in, from which address, last seen when: never the session's key."""

    list_display = ["user", "ip", "created_at", "last_seen_at"]
    list_select_related = ["user"]
    search_fields = ["user__email", "ip"]


@admin.register(SocialAccount)
class SocialAccountAdmin(ListOnlyAdmin):
    """Whose account at which single sign-on provider: not the claims it last sent."""

    list_display = ["user", "provider", "date_joined", "last_login"]
    list_select_related = ["user"]
    search_fields = ["user__email"]
