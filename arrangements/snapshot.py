"""What the published arrangements say about the partnership, taken from the records on one
day and frozen in the version (a published version never changes, whatever changes later).
Everything here is plain JSON: names, titles, labels, dates and money as decimal strings."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Q

from funding.models import FinancialYear
from governance.models import Group
from partnership.models import Designation, Discipline, PartnershipMembership, Sector
from partnership.selectors.child_protection import teams_for_report
from scrutiny.models import ActivityStatus, ScrutinyActivity

from .models import Setting

KIND_ORDER = list(Designation.STATUTORY_KINDS)
SECTOR_LABELS = dict(Sector.choices)


def financial_year_of(day):
    return day.year if day.month >= 4 else day.year - 1


def build(partnership, day):
    """The recorded facts of the arrangements of `partnership` on `day`."""
    officers = _officers(partnership, day)
    designations = list(Designation.objects.active(day).filter(partnership=partnership)
                        .select_related("agency").order_by("agency__name"))
    partners = sorted((d for d in designations if d.is_statutory),
                      key=lambda d: KIND_ORDER.index(d.kind))
    education = partnership.education_partner
    return {
        "built_on": day.isoformat(),
        "partners": [{"agency_id": d.agency_id, "agency": d.agency.name, "kind": d.short_kind,
                      "leads": officers[("lead_safeguarding_partner", d.agency_id)],
                      "delegates": officers[("delegated_safeguarding_partner", d.agency_id)]}
                     for d in partners],
        "education_partner": None if education is None else {
            "agency": education.name,
            "leads": officers[("lead_safeguarding_partner", education.pk)]},
        "chairs": officers[("partnership_chair", None)],
        "scrutineers": officers[("independent_scrutineer", None)],
        "relevant_agencies": _grouped(d for d in designations
                                      if d.kind == Designation.Kind.RELEVANT_AGENCY),
        "education_agencies": _grouped(d for d in designations
                                       if d.kind == Designation.Kind.EDUCATION),
        "groups": _groups(partnership, day),
        "scrutiny": _scrutiny(partnership, day),
        "funding": _funding(partnership, day),
        "teams": _teams(partnership, day),
        "settings": [{"name": s.name, "kind": s.get_kind_display(), "area": s.area}
                     for s in Setting.objects.filter(partnership=partnership)],
    }


def _officers(partnership, day):
    """{(role, agency id or None): [{name, title}]} of the partnership's office holders."""
    found = defaultdict(list)
    for m in (PartnershipMembership.objects.active(day).filter(partnership=partnership)
              .select_related("user").order_by("user__full_name")):
        found[(m.role, m.agency_id)].append({"name": m.user.full_name, "title": m.title})
    return found


def _grouped(designations):
    """[{heading, agencies: [{name, reason}]}], by the partnership's own heading (or the
    agency's sector), headings in alphabetical order."""
    groups = defaultdict(list)
    for d in designations:
        heading = d.local_category or SECTOR_LABELS.get(d.agency.sector, "Other")
        groups[heading].append({"name": d.agency.name, "reason": d.reason})
    return [{"heading": heading, "agencies": groups[heading]} for heading in sorted(groups)]


def _groups(partnership, day):
    groups = (Group.objects.active(day)
              .filter(Q(partnership=partnership) | Q(shared_with=partnership)).distinct()
              .select_related("chair").order_by("name"))
    return [{"name": g.name, "type": g.get_group_type_display(), "chair": g.chair_display}
            for g in groups]


def _scrutiny(partnership, day):
    """The scrutiny plan from the current financial year on (cancelled activities left out)."""
    activities = (ScrutinyActivity.objects
                  .filter(partnership=partnership, year__gte=financial_year_of(day))
                  .exclude(status=ActivityStatus.CANCELLED).order_by("year", "quarter", "pk"))
    return [{"title": a.title, "type": a.get_activity_type_display(), "year": a.year_label,
             "quarter": a.get_quarter_display() or "", "status": a.get_status_display()}
            for a in activities]


def _funding(partnership, day):
    """The partners' contributions for the current financial year (or the latest recorded
    before it)."""
    year = (FinancialYear.objects.filter(partnership=partnership,
                                         start_year__lte=financial_year_of(day))
            .order_by("-start_year").first())
    if year is None:
        return None
    rows = list(year.contributions.select_related("agency").order_by("-agreed", "agency__name"))
    return {"year": year.label, "declared_budget": str(year.declared_budget),
            "total": str(sum((r.agreed for r in rows), Decimal("0.00"))),
            "contributions": [{"agency": r.agency.name, "agreed": str(r.agreed)} for r in rows]}


def _teams(partnership, day):
    """Multi-agency child protection teams running on the day, their members by agency and
    role (the agency's name of the day), and the core disciplines none of them covers."""
    labels = dict(Discipline.choices)
    return [{"name": t.name, "area": t.area,
             "members": [{"agency": m.agency.name_on(day), "discipline": labels[m.discipline],
                          "role": m.role} for m in t.current_members],
             "missing_core": [labels[d] for d in t.missing]}
            for t in teams_for_report(partnership, on=day)]
