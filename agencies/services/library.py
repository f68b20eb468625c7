"""The templates shipped with the portal (domain.md §3.2 and §3.8), kept in the database
as read-only library templates that a partnership copies to edit."""

from django.db import transaction

from ..models import AssessmentTemplate, Kind, Question, Standard

# (number, title, description, [(question, evidence required)])
SECTION_11 = [
    ("1", "Senior management commitment to safeguarding",
     "Senior management commitment to the importance of safeguarding and promoting "
     "children's welfare.",
     [("Is there a named board-level lead for safeguarding children?", True),
      ("Is safeguarding reflected in the organisation's strategic plans and board reports?", True)]),
    ("2", "A clear statement of the agency's responsibilities towards children",
     "A clear statement of the agency's responsibilities towards children is available for "
     "all staff.",
     [("Is there a safeguarding policy that all staff can find and use?", True),
      ("Does induction and the code of conduct cover these responsibilities?", False)]),
    ("3", "A clear line of accountability",
     "A clear line of accountability within the organisation for work on safeguarding and "
     "promoting the welfare of children.",
     [("Is there a written accountability framework?", True),
      ("Do named or designated leads have a defined role, time and appraisal?", False)]),
    ("4", "Service development informed by children and families",
     "Service development takes account of the need to safeguard and promote welfare and is "
     "informed, where appropriate, by the views of children and families.",
     [("How are the views of children and families gathered and used?", False)]),
    ("5", "Safeguarding training for staff",
     "Staff training on safeguarding and promoting the welfare of children for all staff "
     "working with or in contact with children and families.",
     [("Is there a training needs analysis and a record of compliance by level?", True),
      ("Is training evaluated for its effect on practice?", False)]),
    ("6", "Safer recruitment and managing allegations",
     "Safer recruitment: vetting procedures and procedures for managing allegations against "
     "staff.",
     [("Are DBS checks and a single central record kept up to date?", True),
      ("Are allegations referred to the LADO?", False)]),
    ("7", "Effective inter-agency working",
     "Effective inter-agency working to safeguard and promote the welfare of children.",
     [("Does the agency attend the partnership and its subgroups?", False),
      ("Do staff know and use the escalation (resolving professional differences) policy?", True)]),
    ("8", "Information sharing",
     "Information sharing arrangements are clear, up to date and used with confidence.",
     [("Is the information-sharing protocol up to date and known to staff?", True)]),
]

SECTION_175 = [
    ("1", "Safeguarding information for all staff",
     "All staff have read Part one of Keeping Children Safe in Education and know the "
     "school's safeguarding procedures.",
     [("Have all staff confirmed they have read Part one of KCSIE?", True)]),
    ("2", "Management of safeguarding",
     "The designated safeguarding lead, deputies and the safeguarding governor have the time, "
     "training and authority for their role.",
     [("Is the DSL's role in their job description, with time and training?", True),
      ("Does the governing body receive an annual safeguarding report?", True)]),
    ("3", "Filtering and monitoring",
     "Appropriate filtering and monitoring systems are in place and reviewed.",
     [("When were filtering and monitoring last reviewed?", True)]),
    ("4", "Safer recruitment",
     "Safer recruitment practice, the single central record and the management of "
     "allegations meet KCSIE Part three and four.",
     [("Is the single central record complete and checked?", True)]),
    ("5", "Opportunities to teach safeguarding",
     "Pupils are taught about safeguarding, including online safety, through the curriculum.",
     [("How does the curriculum teach pupils to keep themselves safe?", False)]),
]

LIBRARY = [
    (Kind.SECTION_11, "Section 11 self-assessment (the eight key features)", SECTION_11,
     "Rate each standard, describe how the agency meets it, and attach the evidence. A "
     "rating below green needs an action plan item."),
    (Kind.SECTION_175, "Section 175/157 schools safeguarding audit", SECTION_175,
     "Completed by the designated safeguarding lead with the safeguarding governor."),
]


@transaction.atomic
def library_sync():
    """Make sure every library template exists (version 1). Idempotent; run after migrate."""
    made = []
    for kind, name, standards, guidance in LIBRARY:
        template, created = AssessmentTemplate.objects.get_or_create(
            partnership=None, name=name, version=1,
            defaults={"kind": kind, "guidance": guidance, "frozen": True})
        if not created:
            continue
        for position, (number, title, description, questions) in enumerate(standards, 1):
            standard = Standard.objects.create(template=template, number=number, title=title,
                                               description=description, position=position)
            for q, (text, evidence) in enumerate(questions, 1):
                Question.objects.create(standard=standard, number=f"{number}.{q}", text=text,
                                        evidence_required=evidence, position=q)
        made.append(template)
    return made
