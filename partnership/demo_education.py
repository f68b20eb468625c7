"""Demo data for the Children's Wellbeing and Schools Act 2026 in North Yorkshire: a few
schools, colleges and early years providers designated as childcare or education agencies
(s2) with the reason each was chosen, and one multi-agency child protection team (s3) with
its members, health not yet among them (so its page shows the core membership unmet).

Agencies that other demo data names are found by what they are, not by their name (the
partners by their designation's kind): their names change with the organisations (issue 16,
item 12). Safe to run again."""

import datetime

from .models import Agency, ChildProtectionTeam, Designation, Partnership, Sector
from .services import child_protection, structure

SLUG = "north-yorkshire"
DESIGNATED = datetime.date(2026, 9, 1)
TEAM_START = datetime.date(2026, 10, 1)

EDUCATION = [
    ("Craven College", "Further education college serving Skipton and the Craven dales; "
     "many of its learners aged 16 to 18 travel from across the county."),
    ("Selby College", "Further education college with a large apprenticeship provision; "
     "its designated safeguarding lead chairs the county's colleges' safeguarding network."),
    ("Ripon Grammar School", "Chosen by the county's secondary heads to speak for "
     "maintained and academy secondary schools in the partnership's education group."),
    ("North Yorkshire Early Years Providers' Network", "Represents childminders, nurseries "
     "and pre-schools, the childcare providers named in section 16E as amended."),
]
TEAM = {"name": "Harrogate and Craven multi-agency child protection team",
        "area": "Harrogate, Knaresborough, Ripon and the Craven localities"}


def _partner(partnership, kind):
    designation = (Designation.objects.active().filter(partnership=partnership, kind=kind)
                   .select_related("agency").first())
    return designation.agency if designation else None


def _education_agencies(partnership):
    agencies = [Agency.objects.filter(name=name).first()
                or structure.agency_create(name=name, sector=Sector.EDUCATION)
                for name, _ in EDUCATION]
    designated = set(Designation.objects.filter(partnership=partnership, agency__in=agencies)
                     .values_list("agency_id", flat=True))
    structure.designations_create(partnership=partnership, designations=[
        {"agency": agency, "kind": Designation.Kind.EDUCATION, "reason": reason,
         "local_category": "Education and Early Years", "start_date": DESIGNATED}
        for agency, (_, reason) in zip(agencies, EDUCATION, strict=True) if agency.pk not in designated])
    return agencies


def _team(partnership, school):
    team = ChildProtectionTeam.objects.filter(partnership=partnership,
                                              name=TEAM["name"]).first()
    if team is not None:
        return team
    team = child_protection.team_create(
        partnership=partnership, local_authority_area=partnership.local_authority_areas.first(),
        start_date=TEAM_START, **TEAM)
    members = [
        (_partner(partnership, Designation.Kind.LOCAL_AUTHORITY), "social_work",
         "Team manager, children's social care"),
        (_partner(partnership, Designation.Kind.LOCAL_AUTHORITY), "social_work",
         "Senior social worker"),
        (_partner(partnership, Designation.Kind.POLICE), "police",
         "Detective sergeant, child protection"),
        (school, "education", "Designated safeguarding lead"),
    ]
    for agency, discipline, role in members:
        if agency is not None:
            child_protection.member_add(team=team, agency=agency, discipline=discipline,
                                        role=role, start_date=TEAM_START)
    return team


def load(stdout=None):
    partnership = Partnership.objects.filter(slug=SLUG).first()
    if partnership is None:
        return
    agencies = _education_agencies(partnership)
    _team(partnership, agencies[2])
    if stdout is not None:
        stdout.write(f"{partnership.short_name}: {len(agencies)} education agencies and a "
                     "child protection team.")
