from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = "Funding"

    def ready(self):
        from auditlog.registry import auditlog

        from partnership import registry

        from . import demo, home, models

        for model in (models.FinancialYear, models.Contribution, models.Payment,
                      models.BudgetLine, models.SignOff):
            auditlog.register(model)
        registry.register_home(home.funding_tasks)
        registry.register_demo(demo.load)
