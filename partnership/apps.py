from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


class PartnershipConfig(AppConfig):
    name = "partnership"
    verbose_name = "Partnership (core)"

    def ready(self):
        from allauth.mfa.signals import authenticator_added
        from auditlog.registry import auditlog

        from . import home, middleware, models, second_factor, sqlite, token_revocation
        from .services import dormancy, sessions

        auditlog.register(models.User, exclude_fields=["password", "last_login"])
        for model in (models.LocalAuthorityArea, models.Partnership, models.Agency,
                      models.AgencyName, models.ClosureDay, models.Designation,
                      models.PartnershipMembership, models.AgencyMembership):
            auditlog.register(model)
        for model in (models.ChildProtectionTeam, models.ChildProtectionTeamMember):
            auditlog.register(model)
        home.register()
        user_logged_in.connect(middleware.remember_sign_in_time)
        user_logged_in.connect(dormancy.dormancy_warning_clear)
        authenticator_added.connect(second_factor.record_enrolment)
        user_logged_out.connect(sessions.session_row_end)
        user_logged_in.connect(sessions.session_row_start)
        post_migrate.connect(_sync_access, sender=self)
        connection_created.connect(sqlite.query_params_limit, dispatch_uid="sqlite-params")
        token_revocation.connect()


def _sync_access(sender, **kwargs):
    """Roles may carry permissions that did not exist when their groups were made."""
    from .services.access import access_sync_all

    access_sync_all()
