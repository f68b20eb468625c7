"""Priorities and work plan demo data for North Yorkshire.

Seed 004 gives the strategic headings (para 8: "Safe, Happy, Healthy and Achieving", from
the Young and Yorkshire strategy; para 34) but leaves the 2019/20 priorities "to be
identified by the partnership in due course" (para 11), so the priorities and work plan
items are invented, written to fit the groups the seed describes (paras 13-24). A smaller
plan for the current financial year follows the same headings, so the priorities page has
something to show for today.

Work plan items name their group by its short name and link actions on the register by a
fragment of their description: both come from governance/demo/build.py, which runs
first; whatever is missing is left out. Everything goes through governance/services.
Runs again safely: priorities are matched by title and period, items by title.
"""

import datetime

from partnership.models import Agency, Designation, Partnership

from ..models import Action, Group, Priority, Progress
from ..services import priorities as services

NOT_STARTED, ON_TRACK, AT_RISK = Progress.NOT_STARTED, Progress.ON_TRACK, Progress.AT_RISK
OFF_TRACK, COMPLETE = Progress.OFF_TRACK, Progress.COMPLETE

NYCC = "North Yorkshire County Council"
CCG = "North Yorkshire and York CCGs"
NYP = "North Yorkshire Police"


def item(title, group, agency, due, progress, note="", actions=()):
    """A work plan item: `group` a short name, `due` months after the start of the year
    (the last day of that month), `actions` fragments of action descriptions."""
    return {"title": title, "group": group, "agency": agency, "due": due, "progress": progress,
            "note": note, "actions": actions}


# (heading, priority, description, items): 2019/20, the partnership's first year.
PLAN_2019 = [
    ("Safe", "Children at risk of exploitation are identified early and protected",
     "Put the Multi Agency Child Exploitation (MACE) arrangements in place across the county.",
     [item("Set up the MACE strategic subgroup and a practitioner group in each of the seven "
           "localities", "MACE Strategic", NYP, 12, COMPLETE,
           "All seven practitioner groups met by January; each reports quarterly."),
      item("Agree the MACE procedure and the exploitation risk assessment with every partner",
           "PDS", NYCC, 10, COMPLETE, "Procedure signed off by the Executive in January.")]),
    ("Safe", "Learning from reviews changes practice",
     "Reviews lead to changes that practitioners know about and use.",
     [item("Set up the Local Safeguarding Practice Review Group and its rapid review process",
           "LSPRG", NYCC, 9, COMPLETE),
      item("Run the multi-agency case file audit on neglect and report the findings",
           "LIS", NYCC, 12, COMPLETE, actions=("case file audit on neglect",))]),
    ("Happy", "Children and young people are heard and shape the partnership's work",
     "Young people's views reach the partnership's groups and change what they do.",
     [item("The Youth Voice Executive reports to the Strategic Partnership Group twice a year",
           "SPG", "Youth Voice Executive", 12, AT_RISK,
           "One report this year: the spring meeting of the group was moved to the summer."),
      item("Review the Cafcass referral pathway into the MAST", "PDS", "CAFCASS", 8, COMPLETE,
           actions=("Cafcass referral pathway",))]),
    ("Healthy", "Fewer children die from preventable causes",
     "Learning from child deaths across North Yorkshire and York reaches families.",
     [item("Share the Child Death Overview Panel's learning on safe sleep with every health "
           "visitor and midwife", "CDOP", CCG, 11, ON_TRACK,
           "Briefings given in four of the six areas; the rest are booked.")]),
    ("Healthy", "Children's emotional wellbeing and mental health are supported",
     "Children get help with their mental health early, wherever they first ask for it.",
     [item("Audit how schools and health providers refer children to mental health services",
           "LIS", "Tees Esk Wear Valley NHS Foundation Trust", 12, OFF_TRACK,
           "Delayed: the audit tool was not agreed until February; fieldwork moves to 2020/21.")]),
    ("Achieving", "Schools and early years settings keep children safe",
     "Every setting knows its safeguarding duties and shows how it meets them.",
     [item("Run the Schools Safeguarding Audit (Section 175) with every maintained school and "
           "academy", "LIS", "Education (Maintained, Academies, Independent, FE, HE)", 12,
           COMPLETE, "94% of schools returned the audit."),
      item("Run the Early Years safeguarding audit", "LIS", "Early Years", 12, AT_RISK,
           "Returns from childminders are low; a reminder went out in March.")]),
    ("Achieving", "The new partnership arrangements are in place and funded",
     "The three partners launch the partnership on 29 September 2019 and agree its budget.",
     [item("Publish the NYSCP arrangements and tell every relevant agency", "Executive", NYCC, 8,
           COMPLETE, actions=("Publish the NYSCP arrangements",)),
      item("Agree the partner contributions for 2020/21 and beyond", "Executive", CCG, 12,
           COMPLETE, actions=("partner contributions for 2020/21",))]),
]

# The current financial year, linked to the actions open on the register today.
PLAN_NOW = [
    ("Safe", "Every locality has a current plan against child exploitation",
     "Each MACE practitioner group works from an up-to-date locality action plan.",
     [item("Complete the locality mapping and action plan for every MACE area",
           "MACE Strategic", NYP, 9, AT_RISK,
           "Scarborough mapping is overdue; Harrogate's plan has been refreshed.",
           actions=("locality mapping for the Scarborough", "Harrogate locality partnership",
                    "school representation on each MACE")),
      item("Brief family court advisers and probation staff on the revised MACE procedure",
           "PDS", "CAFCASS", 6, ON_TRACK,
           actions=("child exploitation screening tool", "revised MACE procedure"))]),
    ("Safe", "Learning from reviews reaches every practitioner",
     "Learning briefings go to every provider within three months of a review.",
     [item("Circulate the learning briefing from each local review to all providers",
           "LSPRG", "Tees Esk Wear Valley NHS Foundation Trust", 12, ON_TRACK,
           actions=("learning briefing from the local review", "police chronology"))]),
    ("Happy", "Children and young people are heard and shape the partnership's work",
     "Young people's views reach the partnership's groups and change what they do.",
     [item("The Youth Voice Executive reports to the Strategic Partnership Group twice a year",
           "SPG", "Youth Voice Executive", 12, NOT_STARTED)]),
    ("Healthy", "Learning from child deaths is published and acted on",
     "The Child Death Overview Panel reports to both partnerships it serves.",
     [item("Publish the CDOP annual report for North Yorkshire and York", "CDOP",
           "Child Death Review Partnership", 6, ON_TRACK,
           actions=("CDOP annual report",))]),
    ("Achieving", "Partners lead and attend the partnership's groups",
     "Each statutory partner is represented at every Executive and subgroup meeting.",
     [item("Report each statutory partner's attendance at the subgroups to the Executive",
           "Executive", NYCC, 3, ON_TRACK,
           actions=("attendance at the subgroups", "district councils are represented"))]),
]


def _month_end(start, months):
    """The last day of the `months`-th month of the year starting on `start` (1 April)."""
    first_of_next = datetime.date(start.year + (start.month - 1 + months) // 12,
                                  (start.month - 1 + months) % 12 + 1, 1)
    return first_of_next - datetime.timedelta(days=1)


class _Loader:
    def __init__(self, partnership):
        self.partnership = partnership
        self.groups = {}
        for group in Group.objects.filter(partnership=partnership):
            self.groups.setdefault(group.short_name or group.name, group)
        self.agencies = {a.name: a for a in Agency.objects.filter(
            pk__in=Designation.objects.active().filter(partnership=partnership)
            .values("agency_id"))}
        self.actions = list(Action.objects.filter(partnership=partnership).order_by("reference"))
        self.made = [0, 0]

    def _actions(self, fragments):
        found = []
        for fragment in fragments:
            match = next((a for a in self.actions
                          if fragment.lower() in a.description.lower()), None)
            if match is not None:
                found.append(match)
        return found

    def plan(self, start_year, plan):
        start = datetime.date(start_year, 4, 1)
        end = datetime.date(start_year + 1, 3, 31)
        for heading, title, description, items in plan:
            priority = Priority.objects.filter(partnership=self.partnership, title=title,
                                               period_start=start).first()
            if priority is None:
                priority = services.priority_create(
                    partnership=self.partnership, title=title, heading=heading,
                    description=description, period_start=start, period_end=end)
                self.made[0] += 1
            existing = set(priority.items.values_list("title", flat=True))
            for spec in items:
                if spec["title"] in existing:
                    continue
                services.work_plan_item_create(
                    priority=priority, title=spec["title"], group=self.groups.get(spec["group"]),
                    lead_agency=self.agencies.get(spec["agency"]),
                    due_on=_month_end(start, spec["due"]), progress=spec["progress"],
                    progress_note=spec["note"], actions=self._actions(spec["actions"]))
                self.made[1] += 1


def load(stdout=None):
    """North Yorkshire's priorities for 2019/20 and for the current financial year, with
    their work plans. Adds only what is missing."""
    partnership = Partnership.objects.filter(slug="north-yorkshire").first()
    if partnership is None:
        return
    today = datetime.date.today()
    current = today.year if today.month >= 4 else today.year - 1
    loader = _Loader(partnership)
    loader.plan(2019, PLAN_2019)
    if current != 2019:
        loader.plan(current, PLAN_NOW)
    if stdout is not None:
        stdout.write(f"Priorities demo: {loader.made[0]} priorities and {loader.made[1]} work "
                     f"plan items added for {partnership.short_name or partnership.name}.")
