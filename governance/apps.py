from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Governance"

    def ready(self):
        from auditlog.registry import auditlog

        from partnership import registry

        # tasks: registered in every process; services queue them by name (services/packs.py).
        from . import demo, home, models, tasks  # noqa: F401
        from .services import mergers

        for model in (models.Group, models.GroupMember, models.Meeting, models.AgendaItem,
                      models.Paper, models.Attendance, models.Declaration, models.Decision,
                      models.ConfidentialMinute, models.Correction, models.MinutesTemplate,
                      models.Action, models.ActionUpdate, models.Priority, models.WorkPlanItem):
            auditlog.register(model)
        auditlog.register(models.CalendarFeed, exclude_fields=["secret_hash"])
        home.register()
        registry.register_demo(demo.load)  # groups, meetings, actions: before the other apps'
        registry.register_demo(demo.load_priorities)  # after the groups and actions it links to
        registry.register_merge(mergers.seats_pass_on_merger)
        registry.register_merge(mergers.actions_pass_on_merger)
