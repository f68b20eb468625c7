"""Demo data: North Yorkshire's yearly report for 2019/20, with narratives for the sections
the live records cannot fill (impact, feedback from children and families) and two of the
three statutory partners' sign-offs, so the demo shows a draft waiting for the NHS
commissioner. No PDF is rendered here (it takes several seconds): generate one from the
report's page, or with `manage.py yearly_report --partnership north-yorkshire --year 2019`."""

from governance.selectors.reports import financial_year
from partnership.models import Partnership, User

from .models import YearlyReport
from .selectors.reports import statutory_partners
from .services import reports

NARRATIVES = {
    "impact": (
        "The partnership's multi-agency training reached **1,180 practitioners** in 2019/20. "
        "Follow-up surveys three months after the neglect course found:\n\n"
        "- 78% of practitioners used the Graded Care Profile 2 with a family;\n"
        "- referrals for neglect from schools with trained staff rose by 14%;\n"
        "- re-referrals to children's social care within 12 months fell from 22% to 18%.\n\n"
        "Care leavers told us the new pathway plan meetings felt more like their own."),
    "feedback": (
        "The Youth Voice group and the Young People's Council met the executive twice. Their "
        "*Safe in my area* survey (612 responses) shaped the contextual safeguarding priority, "
        "and families' feedback on child protection conferences led to the new family-friendly "
        "report template."),
    "scrutiny": (
        "The independent scrutineer observed two executive meetings, reviewed the rapid review "
        "process and met frontline practitioners. The arrangements are judged **effective**, with "
        "a recommendation to strengthen how the impact of training is evaluated."),
    "next_year": (
        "For 2020/21 the partners keep neglect and contextual safeguarding as priorities, add "
        "the safeguarding of children during the COVID-19 restrictions, and will evaluate the "
        "impact of multi-agency training with a follow-up survey for every course."),
    "governance": (
        "The executive met quarterly with all three statutory partners represented at every "
        "meeting; attendance at subgroups by health providers is an area to improve."),
}


def load(stdout):
    partnership = Partnership.objects.filter(slug="north-yorkshire").first()
    if partnership is None:
        return
    start, end = financial_year(2019)
    if YearlyReport.objects.filter(partnership=partnership, period_start=start,
                                   period_end=end).exists():
        stdout.write("Yearly report demo: North Yorkshire's 2019/20 report exists; left as it is.\n")
        return
    manager = User.objects.filter(email="manager@nyscp.example").first()
    report = reports.report_create(partnership=partnership, period_start=start, period_end=end,
                                   created_by=manager)
    author = manager or User.objects.filter(is_superuser=True).first()
    if author is not None:
        for section, text in NARRATIVES.items():
            reports.narrative_save(report=report, section=section, text=text, author=author)
    signers = {"North Yorkshire County Council": "chief.executive@nyscp.example",
               "North Yorkshire Police": "chief.constable@nyscp.example"}
    partners = {a.name: a for a in statutory_partners(partnership)}
    signed = 0
    for name, email in signers.items():
        user = User.objects.filter(email=email).first()
        if user is not None and name in partners:
            reports.sign_off(report=report, partner=partners[name], user=user)
            signed += 1
    stdout.write(f"Yearly report demo: North Yorkshire 2019/20 "
                 f"with {len(NARRATIVES)} narratives and {signed} of 3 sign-offs; no PDF "
                 "rendered yet.\n")
