from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "partnership"
    verbose_name = "Partnership (core)"

    def ready(self):
        from auditlog.registry import auditlog

        from . import home, models

        auditlog.register(models.User, exclude_fields=["password", "last_login"])
        for model in (models.LocalAuthorityArea, models.Partnership, models.Agency,
                      models.ClosureDay,
                      models.Designation, models.PartnershipMembership, models.AgencyMembership):
            auditlog.register(model)
        home.register()
