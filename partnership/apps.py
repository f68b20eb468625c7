from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate


class PartnershipConfig(AppConfig):
    name = "partnership"
    verbose_name = "Partnership (core)"

    def ready(self):
        from auditlog.registry import auditlog

        from . import home, middleware, models

        auditlog.register(models.User, exclude_fields=["password", "last_login"])
        for model in (models.LocalAuthorityArea, models.Partnership, models.Agency,
                      models.ClosureDay,
                      models.Designation, models.PartnershipMembership, models.AgencyMembership,
                      models.Group, models.GroupMember, models.Meeting, models.AgendaItem,
                      models.Paper, models.Attendance, models.Declaration, models.Decision,
                      models.Action, models.ActionUpdate, models.Priority, models.WorkPlanItem):
            auditlog.register(model)
        auditlog.register(models.CalendarFeed, exclude_fields=["secret_hash"])
        home.register()
        user_logged_in.connect(middleware.remember_sign_in_time)
        post_migrate.connect(_sync_access, sender=self)


def _sync_access(sender, **kwargs):
    """Roles may carry permissions that did not exist when their groups were made."""
    from .services.access import access_sync_all

    access_sync_all()
