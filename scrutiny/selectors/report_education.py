"""The yearly report's education section, for the report's period: the designated childcare
and education agencies (Children's Wellbeing and Schools Act 2026, s2), the schools'
Section 175/157 audits that closed in the period, and the multi-agency child protection
teams (s16EA) with whether their statutory core membership was met at the period's end.
Agency names are those of the period's last day. Five queries."""

from django.db.models import Prefetch, Q

from agencies.models import Cycle
from agencies.models.templates import Kind
from agencies.selectors_analysis import completion
from partnership.models import ChildProtectionTeam, ChildProtectionTeamMember, Designation


def _in_force(start, end):
    return Q(start_date__lte=end) & (Q(end_date__isnull=True) | Q(end_date__gte=start))


def education(p, start, end):
    agencies = [{"name": d.agency.name_on(end), "reason": d.reason}
                for d in Designation.objects.filter(_in_force(start, end), partnership=p,
                                                    kind=Designation.Kind.EDUCATION)
                .select_related("agency").prefetch_related("agency__former_names")
                .order_by("agency__name")]
    schools = [{"cycle": c, "completion": completion(c, on=end)}
               for c in Cycle.objects.filter(partnership=p, closes_on__range=(start, end),
                                             template__kind=Kind.SECTION_175)
               .select_related("template").order_by("closes_on")]
    members = (ChildProtectionTeamMember.objects.active(end).select_related("agency")
               .prefetch_related("agency__former_names").order_by("discipline", "agency__name"))
    teams = []
    for team in (ChildProtectionTeam.objects.filter(_in_force(start, end), partnership=p)
                 .prefetch_related(Prefetch("members", queryset=members)).order_by("name")):
        current = list(team.members.all())
        teams.append({"name": team.name, "area": team.area,
                      "members": [{"agency": m.agency.name_on(end), "role": m.role,
                                   "discipline": m.get_discipline_display()} for m in current],
                      "missing": [d.label for d in team.missing_core(current)]})
    return {"agencies": agencies, "schools": schools, "teams": teams}
