"""Governance demo data: North Yorkshire's groups from seed 004 (paras 13-25), their meetings
and the action register.

- Groups, chairs, frequencies, lengths and membership are as the seed writes them (domain.md
  §7.4 F-GR and F-MEM): seats are posts, with the agency where the post names one that the
  demo has; a demo person sits in a seat only where their office fits the post.
- The seven MACE practitioner groups ("Monthly in 7 geographical areas") are named after
  North Yorkshire's seven districts, which the seed does not list.
- The Child Death Overview Panel serves City of York too (paras 20-24): it belongs to North
  Yorkshire and is shared with York.
- Meetings: a year's schedule from the launch (2019/20) and the twelve months around today,
  so there are past and upcoming ones. Past meetings have agenda items, attendance for every
  seat, decisions and minutes (approved at the next meeting; the latest in draft). One
  executive meeting was not quorate.
- A dozen and more actions in the register, in every status.

Everything is written through governance/services. Invented content names posts, never
people. Runs once: a partnership that already has groups is left alone.
"""

import datetime

from ..models import Frequency, GroupType, MemberType, Quorum

LAUNCH = datetime.date(2019, 9, 29)  # seed 004 para 35, as in partnership/demo.py
FIRST_YEAR = datetime.date(2019, 10, 1)  # 2019/20: the partnership's first year

AGENCIES = {
    "NYCC": "North Yorkshire County Council",
    "CCG": "North Yorkshire and York CCGs",
    "NYP": "North Yorkshire Police",
    "HAS": "North Yorkshire County Council Health and Adult Service",
    "PH": "North Yorkshire County Council Public Health",
    "TEWV": "Tees Esk Wear Valley NHS Foundation Trust",
    "HDFT": "Harrogate and District NHS Foundation Trust",
    "YTHFT": "York Teaching Hospital NHS Foundation Trust",
    "NPS": "National Probation Service",
    "CAFCASS": "CAFCASS",
    "CRC": "Community Rehabilitation Company",
    "DC": "District Councils",
    "EDU": "Education (Maintained, Academies, Independent, FE, HE)",
    "CFY": "Community First Yorkshire",
    "PFCC": "Police, Fire and Crime Commissioner",
    "CDRP": "Child Death Review Partnership",
}

PEOPLE = {
    "manager": "manager@nyscp.example",
    "officer": "officer@nyscp.example",
    "scrutineer": "scrutineer@nyscp.example",
    "dcs": "dcs@nyscp.example",
    "acc": "acc@nyscp.example",
    "nurse": "nurse@nyscp.example",
    "lead.police": "lead.police@nyscp.example",
    "lead.cafcass": "lead.cafcass@nyscp.example",
    "lead.probation": "lead.probation@nyscp.example",
}

WELCOME = "Welcome, apologies and declarations of interest"
CORE, OTHERS, INVITED = MemberType.CORE, MemberType.OTHERS, MemberType.INVITED
TBC_PROPOSED = ("Chair to be confirmed – Proposed Assistant Director, Designated Professional "
                "or Detective Chief Inspector")


def seat(post, agency=None, person=None, chair=False, kind=CORE):
    return {"post": post, "agency": agency, "person": person, "chair": chair, "kind": kind}


EXECUTIVE_SEATS = [  # para 13, F-MEM-01: one list of nine
    seat("Chair", chair=True),
    seat("Director of Children's Services", "NYCC", "dcs"),
    seat("Assistant Chief Constable", "NYP", "acc"),
    seat("Executive Nurse CCG", "CCG", "nurse"),
    seat("Safeguarding Board Manager", person="manager"),
    seat("District Council", "DC"),
    seat("Education (membership to be identified via the Learning Trust)", "EDU"),
    seat("Designated Nurse Safeguarding CCG", "CCG"),
    seat("Community First Yorkshire", "CFY"),
]

MACE_LOCALITIES = [  # (district, the town its meetings are held in)
    ("Craven", "Skipton"), ("Hambleton", "Northallerton"), ("Harrogate", "Harrogate"),
    ("Richmondshire", "Richmond"), ("Ryedale", "Malton"), ("Scarborough", "Scarborough"),
    ("Selby", "Selby"),
]

# Agenda topics: (title, owner: a PEOPLE key or a post, confidential, decision).
TOPICS = {
    "executive": [
        ("Subgroup chairs' reports against the work plan", "manager", False,
         "The Executive noted the subgroup reports and agreed the work plan ratings."),
        ("Young and Yorkshire: progress under Safe, Happy, Healthy and Achieving", "dcs", False,
         "Progress summary to go to the Health and Wellbeing Board."),
        ("Budget: partner contributions and the training budget", "nurse", False,
         "The three partners agreed to keep their contributions at the current level until "
         "the review of contributions is complete."),
        ("Local safeguarding practice reviews: cases under consideration", "manager", True,
         "The Executive accepted the review group's recommendation on the case considered."),
        ("Independent scrutiny: summary report", "scrutineer", False,
         "Each statutory partner to respond to the scrutiny findings by the next meeting."),
        ("Multi-agency child exploitation: quarterly report", "Safeguarding Unit Manager", False,
         "The Executive noted the MACE report and asked for locality data at the next meeting."),
        ("Statutory partners' attendance at subgroups", "manager", False,
         "Partners to confirm named deputies for each subgroup."),
    ],
    "strategic": [
        ("Relevant agencies' views on the safeguarding arrangements", "manager", False,
         "Feedback from relevant agencies to be reflected in the yearly report."),
        ("National themes: learning from the national review panel", "officer", False,
         "Members to cascade the national learning in their own organisations."),
        ("Young and Yorkshire: priorities for the coming year", "dcs", False,
         "Draft priorities endorsed and sent to the Executive."),
        ("Workshop: early help and the front door", "NYCC Head of Early Help", False,
         "Workshop outputs to go to the Practice and Development Subgroup."),
    ],
    "lsprg": [
        ("Cases for consideration: rapid review referrals", "Designated Doctor", True,
         "The group's recommendation on one referral to go to the safeguarding partners."),
        ("Progress of local child safeguarding practice reviews", "manager", True,
         "Review timescales noted; any extension to be reported to the partners."),
        ("Learning briefings for practitioners", "officer", False,
         "Briefing approved for circulation to all agencies."),
        ("National panel reports and themes", "CCG Designated Nurse", False,
         "Themes to be tested in the next multi-agency audit."),
    ],
    "pds": [
        ("Multi-agency procedures: updates", "officer", False,
         "Revised procedure approved for publication."),
        ("MACE practitioner groups: quarterly update", "officer", False,
         "Update noted; locality issues escalated to the MACE Strategic Subgroup."),
        ("Portfolio leads' reports", "Head of Service Children's Social Care", False,
         "Portfolio leads confirmed for the year."),
        ("Task-and-finish group proposals", "manager", False,
         "A task-and-finish group on neglect tools agreed, with a specific end date."),
    ],
    "lis": [
        ("Multi-agency dataset: quarterly performance", "Senior Strategy and Performance "
         "Officer, CYPS", False, "Exceptions to be reported to the Executive."),
        ("Multi-agency case file audit: findings", "officer", True,
         "Audit findings accepted and an action plan agreed."),
        ("Multi-agency training programme and evaluation", "officer", False,
         "Training programme for the next term agreed."),
        ("Learning and Improvement Framework", "manager", False,
         "Framework refreshed and sent to the Executive for sign-off."),
    ],
    "mace_strategic": [
        ("MACE performance and data", "NYCC Safeguarding Unit Manager", False,
         "Performance report noted; data gaps to be followed up with the localities."),
        ("MACE strategic action plan", "NYCC Safeguarding Unit Manager", False,
         "Action plan updated and to be reported to the Executive."),
        ("Themes from locality mapping", "lead.police", True,
         "Cross-locality themes to be shared with the practitioner groups."),
        ("Out-of-area looked-after children placed in North Yorkshire",
         "NYCC Head of LAC and Permanence", False,
         "Notification process with private care home providers agreed."),
    ],
    "mace_practitioner": [
        ("Level One: children at risk of exploitation", "officer", True,
         "Risk management plans reviewed and escalations agreed."),
        ("Level Two: perpetrator and community intelligence", "North Yorkshire Police", True,
         "Disruption activity agreed in the locality partnership action plan."),
        ("Locality partnership action plan", "officer", False,
         "Locality action plan updated."),
        ("Developments in policy and practice", "officer", False,
         "Learning to be shared in members' own organisations."),
    ],
    "cdop": [
        ("Child deaths notified since the last meeting", "Chair", True,
         "Cases reviewed and modifiable factors recorded."),
        ("Learning themes for North Yorkshire and York", "Child Death Review Partner: "
         "North Yorkshire and York CCGs", False, "Themes to be reported to both partnerships."),
        ("CDOP annual report", "Chair", False,
         "Annual report to be published and sent to both partnerships."),
    ],
}


def group_spec(**fields):
    return fields


def _groups(seats_exec):
    """The seed's groups in creation order: a parent before the groups reporting to it."""
    specs = [
        group_spec(key="executive", topics="executive", reports_to=None,
             name="NYSCP Executive Partnership (or Chief Officers Group)",
             short_name="Executive", group_type=GroupType.EXECUTIVE,
             purpose="To provide the strategic direction for the NYSCP in line with national, "
                     "regional and local objectives and priorities, led through the Young and "
                     "Yorkshire Strategy and the NYSCP Work Plan and reviewed in the yearly "
                     "report against the priorities. Maintains and develops links with the "
                     "Health and Wellbeing Board, Community Safety Partnership, Systems "
                     "Leadership Group and Safeguarding Adult Board. The chairs of the "
                     "subgroups report here on progress against the work plan and priorities.",
             frequency=Frequency.BIMONTHLY, meeting_minutes=150, length_label="2.5hrs",
             chair_label="Chair to be confirmed", quorum=Quorum.STATUTORY_PARTNERS,
             seats=seats_exec, month=0, day=14, time=(10, 0),
             location="County Hall, Northallerton"),
        group_spec(key="strategic", topics="strategic", reports_to=None,
             name="NYSCP Strategic Partnership Group", short_name="SPG",
             group_type=GroupType.STRATEGIC,
             purpose="Brings together all the members of the Executive with the relevant "
                     "agencies to consider local priorities and national themes, which inform "
                     "the NYSCP in delivering the priorities of Young and Yorkshire. "
                     "Membership to reflect the relevant agencies once confirmed (para 5).",
             frequency=Frequency.TWICE_YEARLY, meeting_minutes=None, length_label="1 day",
             chair_label="Chair to be confirmed", seats="strategic",
             month=1, day=20, time=(9, 30), day_long=True,
             location="County Hall, Northallerton"),
        group_spec(key="lsprg", topics="lsprg", reports_to="executive",
             name="Local Safeguarding Practice Review Group", short_name="LSPRG",
             group_type=GroupType.PANEL,
             purpose="Identifies improvements to practice and to protecting children from harm "
                     "and keeps an open dialogue on an ongoing basis. Lets the partnership "
                     "share concerns, highlight commonly recurring areas that may need further "
                     "investigation (whether leading to a local or national review) and share "
                     "learning, including from success, that could lead to improvements "
                     "elsewhere. Additional members are invited from relevant health providers "
                     "when cases are considered for a local review.",
             frequency=Frequency.QUARTERLY, meeting_minutes=120, length_label="2 hrs",
             chair_label="Designated Doctor for Safeguarding",
             seats=[
                 seat("Designated Doctor", "CCG", chair=True),
                 seat("NYCC Head of LAC", "NYCC"),
                 seat("Safeguarding Partnership Manager", person="manager"),
                 seat("NYCC Head of Early Help", "NYCC"),
                 seat("NYP Detective Superintendent", "NYP", "lead.police"),
                 seat("HDFT Head of Safeguarding", "HDFT"),
                 seat("CCG Designated Nurse", "CCG"),
                 seat("Safeguarding Unit Manager", "NYCC"),
                 seat("TEWV Head of Safeguarding", "TEWV"),  # the seed writes "TEVV"
                 seat("NYCC Head of Safeguarding", "NYCC"),
                 seat("Additional invited member (from a relevant health provider, when cases "
                      "are considered for a local review)", kind=INVITED),
             ],
             month=0, day=8, time=(14, 0), location="County Hall, Northallerton"),
        group_spec(key="pds", topics="pds", reports_to="executive",
             name="Practice and Development Subgroup", short_name="PDS",
             group_type=GroupType.SUBGROUP,
             purpose="Assures and contributes to the development of strategic and operational "
                     "child safeguarding practice in line with national and NYSCP priorities; "
                     "challenges and holds partners and commissioned services to account; "
                     "leads portfolio areas and appoints lead officers for them; sets up "
                     "task-and-finish groups with specific end dates; delivers what the "
                     "Executive directs and keeps strong links through it.",
             frequency=Frequency.QUARTERLY, meeting_minutes=180, length_label="3 hours",
             chair_label=TBC_PROPOSED,
             seats=[
                 seat("Chair", chair=True),
                 seat("Board Manager", person="manager"),
                 seat("Policy & Development Officer", person="officer"),
                 seat("Head of Service Children's Social Care", "NYCC"),
                 seat("National Probation Service", "NPS", "lead.probation"),
                 seat("Designated Doctor or Nurse, Safeguarding Children", "CCG"),
                 seat("Head of Safer Communities, HAS", "HAS"),
                 seat("NYP Detective Chief Inspector", "NYP"),
                 seat("Service Manager, Cafcass", "CAFCASS", "lead.cafcass"),
                 seat("Education & Skills, NYCC", "NYCC"),
                 seat("Senior Strategy and Performance Officer, CYPS", "NYCC"),
                 seat("Head of Early Years, NYCC", "NYCC"),
                 seat("Interchange Manager, CRC", "CRC"),
                 seat("Named Nurse Safeguarding Children Team, TEWV", "TEWV", kind=OTHERS),
                 seat("CYPS Commissioning Manager", "NYCC", kind=OTHERS),
                 seat("Head of Safeguarding Children, YTHFT", "YTHFT", kind=OTHERS),
                 seat("Safeguarding Unit Manager, CYPS", "NYCC", kind=OTHERS),
                 seat("Named Nurse, Safeguarding Children, HDFT", "HDFT", kind=OTHERS),
                 seat("Nurse Consultant Safeguarding Children & Adults, Primary Care",
                      kind=OTHERS),
                 seat("Head of Early Help", "NYCC", kind=OTHERS),
                 seat("Public Health, Health Improvement Manager", "PH", kind=OTHERS),
                 seat("Voluntary Sector", kind=OTHERS),
                 seat("Education and Skills", "NYCC", kind=OTHERS),
                 seat("Office of the Police and Crime Commissioner", "PFCC", kind=OTHERS),
                 seat("Head of Disabled Children's Services", "NYCC", kind=OTHERS),
             ],
             month=1, day=22, time=(9, 30), location="County Hall, Northallerton"),
        group_spec(key="lis", topics="lis", reports_to="executive",
             name="Learning and Improvement Subgroup", short_name="LIS",
             group_type=GroupType.SUBGROUP,
             purpose="Identifies, reports and acts on national learning, innovation and good "
                     "practice; reviews the multi-agency dataset for performance, themes and "
                     "trends; maintains the Learning and Improvement Framework; plans, "
                     "commissions and evaluates multi-agency training and conferences; "
                     "commissions audits (agency compliance with Working Together, case file, "
                     "practitioner, school and early years, and partner audits where the "
                     "Executive directs) and reports their learning to the Executive and the "
                     "Practice and Development Subgroup; monitors recommendations from audits "
                     "and reviews.",
             frequency=Frequency.QUARTERLY, meeting_minutes=180, length_label="3 hours",
             chair_label=TBC_PROPOSED,
             seats=[
                 # "& Chair": the seed's chair line says the chair is to be confirmed.
                 seat("NYSCB Board Manager & Chair", person="manager"),
                 seat("NYSCB Policy & Development Officer", person="officer"),
                 seat("Head of Safeguarding, Children's Social Care", "NYCC"),
                 seat("Head of Safeguarding, TEWV", "TEWV"),
                 seat("Head of Safeguarding Children, YTHFT", "YTHFT"),
                 seat("Senior Probation Officer, NPS", "NPS", "lead.probation"),
                 seat("North Yorkshire Police", "NYP", "lead.police"),
                 seat("North Yorkshire Police", "NYP"),  # listed twice in the seed
                 seat("Safeguarding Unit Manager, CYPS", "NYCC"),
                 seat("Head of Safer Communities, HAS", "HAS"),
                 seat("Designated Doctor, Safeguarding Children", "CCG"),
                 seat("Health and Wellbeing Adviser, Education & Skills, NYCC", "NYCC",
                      kind=OTHERS),
                 seat("Nurse Consultant Safeguarding Children & Adults, Primary Care",
                      kind=OTHERS),
                 seat("Senior Strategy and Performance Officer, CYPS", "NYCC", kind=OTHERS),
                 seat("Early Years Lead Improvement Adviser", "NYCC", kind=OTHERS),
                 seat("Interchange Manager, CRC", "CRC", kind=OTHERS),
                 seat("Health Improvement Manager", "PH", kind=OTHERS),
                 seat("Head of Early Help", "NYCC", kind=OTHERS),
                 seat("Voluntary Sector", kind=OTHERS),
                 seat("Lead Advisor SEMH", "NYCC", kind=OTHERS),
                 seat("Service Manager, Cafcass", "CAFCASS", "lead.cafcass", kind=OTHERS),
                 seat("Named Nurse, Safeguarding Children, HDFT", "HDFT", kind=OTHERS),
             ],
             month=2, day=10, time=(13, 30), location="County Hall, Northallerton"),
        group_spec(key="mace_strategic", topics="mace_strategic", reports_to="executive",
             name="Multi Agency Child Exploitation Strategic Subgroup",
             short_name="MACE Strategic",
             group_type=GroupType.SUBGROUP,
             purpose="Takes ownership and accountability for the development and performance "
                     "of the MACE arrangements across North Yorkshire: supports robust and "
                     "effective practices and procedures, provides oversight and scrutiny of "
                     "the strategic development and operational activity of MACE, and creates, "
                     "progresses and manages the MACE strategic action plans. Its activity is "
                     "reported quarterly to the NYSCP Executive.",
             frequency=Frequency.QUARTERLY, meeting_minutes=120, length_label="2hrs",
             chair_label="Safeguarding Unit Manager",
             seats=[
                 seat("NYCC Safeguarding Unit Manager", "NYCC", chair=True),
                 seat("Partnership Manager", person="manager"),
                 seat("Policy and Development Officer", person="officer"),
                 seat("NYCC Head of Safeguarding", "NYCC"),
                 seat("NYCC Head of LAC and Permanence", "NYCC"),
                 seat("NYCC Head of Early Help", "NYCC"),
                 seat("CCG - Designated Nurse", "CCG"),
                 seat("NY Police - Detective Superintendent", "NYP", "lead.police"),
                 seat("NY Police - Detective Chief Inspector", "NYP"),
                 seat("Head of Engagement and Governance"),
                 seat("Head of Safer Communities, Policy and Partnerships", "HAS"),
             ],
             month=0, day=24, time=(10, 0), location="County Hall, Northallerton"),
    ]
    for n, (district, town) in enumerate(MACE_LOCALITIES):
        specs.append(group_spec(
            key=f"mace_{district.lower()}", topics="mace_practitioner", reports_to="pds",
            name=f"MACE Practitioner Group: {district}", short_name=f"MACE {district}",
            group_type=GroupType.PRACTITIONER,
            purpose=f"One of the seven MACE practitioner groups (\"Monthly in 7 geographical "
                    f"areas\"), for the {district} area. Members drive performance, disseminate "
                    "learning and action plans in their own organisations, embed the MACE "
                    "procedure in day-to-day practice and scope local, regional and national "
                    "developments. Level One: children at risk of exploitation; Level Two: "
                    "perpetrator and community intelligence and the locality partnership action "
                    "plan. Acts as the conduit between strategic management and operational "
                    "practice and gives quarterly updates to the Practice and Development "
                    "Subgroup. Membership: agreed locally.",
            frequency=Frequency.MONTHLY, meeting_minutes=120, length_label="2hrs",
            chair_label="NYSCB Policy and Development Officer", chair_person="officer",
            seats=[seat("NYSCB Policy and Development Officer", person="officer", chair=True)],
            month=0, day=3 + 3 * n, time=(10, 0), location=town))
    specs.append(group_spec(
        key="cdop", topics="cdop", reports_to="executive",
        name="Child Death Overview Panel", short_name="CDOP",
        group_type=GroupType.CROSS_PARTNERSHIP,
        purpose="Undertaken cross-border for the areas of City of York and North Yorkshire "
                "County Council, with learning enhanced by collaboration with regional "
                "neighbours. The Child Death Review Partners (the clinical commissioning groups "
                "across York and North Yorkshire and both local authorities) agreed that CDOP "
                "reports to the Safeguarding Children Partnership in each area; North Yorkshire "
                "Police is also involved in CDOP processes. Reports on its activity to both the "
                "York and the North Yorkshire partnerships and publishes an annual report. "
                "Information is also shared at the regional CDOP meeting, held twice a year.",
        frequency=Frequency.AD_HOC, meeting_minutes=None, length_label="",
        chair_label="A senior manager from Public Health, York (agreed annually)",
        seats=[
            seat("Chair: senior manager, Public Health, York", chair=True),
            seat("Child Death Review Partner: North Yorkshire County Council", "NYCC"),
            seat("Child Death Review Partner: North Yorkshire and York CCGs", "CCG"),
            # City of York Council is not one of North Yorkshire's agencies: post only.
            seat("Child Death Review Partner: City of York Council"),
            seat("North Yorkshire Police", "NYP"),
        ],
        time=(13, 0), location="York"))
    return specs


# Actions: (group key, "first" (2019/20) or "now", description, agency, owner, due, progress).
# `due`: days after the meeting for "first"; working days from today for "now".
ACTIONS = [
    ("executive", "first", "Publish the NYSCP arrangements on the partnership website and send "
     "the link to every relevant agency.", "NYCC", "manager", 42, "closed"),
    ("executive", "first", "Propose the partner contributions for 2020/21 and beyond for "
     "agreement by the three partners.", "CCG", "nurse", 56, "completed"),
    ("lis", "first", "Run the multi-agency case file audit on neglect and report the findings "
     "to the Executive.", "NYCC", None, 90, "closed"),
    ("pds", "first", "Review the Cafcass referral pathway into the MAST and circulate the "
     "revised guidance.", "CAFCASS", "lead.cafcass", 42, "completed"),
    ("mace_strategic", "now", "Complete the locality mapping for the Scarborough area and share "
     "it with the practitioner group.", "NYP", "lead.police", -12, "open_chased"),
    ("lsprg", "now", "Provide the police chronology for the rapid review referral considered "
     "by the group.", "NYP", "lead.police", 4, "in_progress"),
    ("pds", "now", "Update probation's safeguarding children guidance to reflect the revised "
     "MACE procedure.", "NPS", "lead.probation", -20, "open_chased"),
    ("lis", "now", "Share probation's learning from the practitioner audit with the subgroup.",
     "NPS", "lead.probation", 35, "open"),
    ("pds", "now", "Deliver briefings for family court advisers on the child exploitation "
     "screening tool.", "CAFCASS", "lead.cafcass", -8, "in_progress"),
    ("executive", "now", "Report each statutory partner's attendance at the subgroups to the "
     "next Executive.", "NYCC", "dcs", 30, "in_progress"),
    ("lsprg", "now", "Circulate the learning briefing from the local review to all health "
     "providers.", "TEWV", None, 6, "open"),
    ("lis", "now", "Add the quarter's multi-agency dataset to the performance report.", "CCG",
     "nurse", -15, "completed"),
    ("mace_strategic", "now", "Confirm school representation on each MACE practitioner group "
     "through the Learning Trust.", "EDU", None, -25, "open"),
    ("cdop", "now", "Publish the CDOP annual report for North Yorkshire and York.", "CDRP",
     None, 45, "in_progress"),
    ("mace_harrogate", "now", "Refresh the Harrogate locality partnership action plan after the "
     "Level Two discussion.", "NYP", None, -30, "closed"),
    ("executive", "now", "Review how district councils are represented on the Executive.",
     "DC", None, 50, "open"),
]
