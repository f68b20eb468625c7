from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = "Self-assessments (Section 11, Section 175/157)"

    def ready(self):
        from auditlog.registry import auditlog

        from partnership import registry

        from . import demo, home, models

        for model in (models.AssessmentTemplate, models.Standard, models.Question, models.Cycle,
                      models.Request, models.Extension, models.Return, models.Answer,
                      models.QuestionAnswer, models.Evidence, models.PlanItem, models.Moderation,
                      models.ChallengeEvent):
            auditlog.register(model)
        registry.register_home(home.assessment_tasks)
        registry.register_demo(demo.load)
        post_migrate.connect(_library_sync, sender=self)


def _library_sync(sender, **kwargs):
    """The templates shipped with the portal are kept in the database."""
    from .services.library import library_sync

    library_sync()
