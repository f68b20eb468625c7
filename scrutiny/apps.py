from django.apps import AppConfig


class ScrutinyConfig(AppConfig):
    name = "scrutiny"
    verbose_name = "Scrutiny and the yearly report"

    def ready(self):
        from auditlog.registry import auditlog

        from partnership import registry

        from . import demo, home_challenges, home_dataset, home_reports, models

        for model in (models.IndicatorTarget, models.Measure, models.DatasetReturn,
                      models.DatasetValue, models.Consultation, models.ConsultationQuestion,
                      models.ConsultationResponse, models.ConsultationAnswer,
                      models.ScrutinyActivity, models.Finding, models.ReportSection,
                      models.Challenge, models.ChallengeAddressee, models.YearlyReport,
                      models.ReportNarrative, models.ReportSignOff):
            auditlog.register(model)
        registry.register_demo(demo.load)
        registry.register_home(home_dataset.dataset_tasks)
        registry.register_home(home_challenges.challenge_tasks)
        registry.register_home(home_reports.report_tasks)
