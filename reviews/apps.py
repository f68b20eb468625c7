from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Case reviews"

    def ready(self):
        from auditlog.registry import auditlog

        from partnership import registry

        from . import demo, home, models, permissions
        from .services import mergers
        from .services.notifications import CHARACTERISTICS

        for model in (models.LearningTheme, models.CaseGrant,
                      models.ReviewSignOff, models.PracticeReview, models.Milestone,
                      models.LearningBriefing, models.Recommendation, models.CriterionAssessment,
                      models.ParallelProcess, models.SummaryAttachment, models.PracticeSignOff,
                      models.NationalReview):
            auditlog.register(model)
        # Fields that may identify a child are kept out of the change log (no copies there).
        for model, fields in (
            (models.ChildRecord, ["legal_name", "date_of_birth", "address", "nhs_number"]),
            (models.Notification, ["summary"]),
            # The DfE's characteristics are special category data: the log says which
            # child was added, changed or removed, not their answers.
            (models.NotifiedChild, list(CHARACTERISTICS)),
            (models.RapidReview, ["facts", "immediate_actions", "learning", "equality_racism",
                                  "equality_disability", "equality_other"]),
            (models.AgencySummary, ["involvement", "analysis"]),
        ):
            auditlog.register(model, exclude_fields=fields)
        registry.register_demo(demo.load)
        registry.register_merge(mergers.summaries_pass_on_merger)
        registry.register_home(home.review_tasks)
        registry.register_second_factor_rule(permissions.case_grant_holders)
