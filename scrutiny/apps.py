from django.apps import AppConfig


class ScrutinyConfig(AppConfig):
    name = "scrutiny"
    verbose_name = "Scrutiny and the yearly report"

    def ready(self):
        from auditlog.registry import auditlog

        from partnership import registry

        # tasks: registers the Celery tasks in every process, not only in workers (which find
        # them by autodiscovery): services queue them by name (services/report_render.py).
        from . import demo, home_challenges, home_dataset, home_reports, models, tasks  # noqa: F401

        for model in (models.IndicatorTarget, models.Measure, models.DatasetReturn,
                      models.DatasetValue, models.Consultation, models.ConsultationQuestion,
                      models.ConsultationResponse, models.ConsultationAnswer,
                      models.ScrutinyActivity, models.Finding, models.ReportSection,
                      models.Challenge, models.ChallengeAddressee, models.ChallengeAttachment,
                      models.YearlyReport,
                      models.ReportNarrative, models.ReportSignOff,
                      models.ReportRecommendation):
            auditlog.register(model)
        registry.register_demo(demo.load)
        registry.register_home(home_dataset.dataset_tasks)
        registry.register_home(home_challenges.challenge_tasks)
        registry.register_home(home_reports.report_tasks)
