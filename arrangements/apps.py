from django.apps import AppConfig


class ArrangementsConfig(AppConfig):
    name = "arrangements"
    verbose_name = "Published arrangements"

    def ready(self):
        from auditlog.registry import auditlog

        from partnership import registry

        from . import home, models

        for model in (models.DocumentVersion, models.Section, models.SignOff, models.Setting):
            auditlog.register(model)
        registry.register_home(home.arrangements_tasks)
