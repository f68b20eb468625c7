"""Demo data: North Yorkshire's yearly report for 2019/20, as it was published in July 2020:
narratives for the sections the live records cannot fill (how effective the arrangements
were, child death reviews, training, inspections, the LADO, impact, feedback), each
delegated partner's recommendation to sign, the three lead safeguarding partners'
sign-offs (each in the capacity, and under the partner's name, of its day), and the
publication with the copy to the Panel. It is the partnership's last published report, so
the demo shows the warning that none has been published in the last 12 months. No PDF is
rendered here (it takes several seconds): generate one from the report's page, or with
`manage.py yearly_report --partnership north-yorkshire --year 2019`."""

import datetime

from governance.selectors.reports import financial_year
from partnership.models import Partnership, PartnershipMembership, User

from .models import YearlyReport
from .selectors.reports import report_partners
from .services import reports

RECOMMENDED_ON = datetime.date(2020, 7, 1)
SIGNED_ON = datetime.date(2020, 7, 14)
PUBLISHED_ON = datetime.date(2020, 7, 31)
PANEL_SENT_ON = datetime.date(2020, 8, 4)

NARRATIVES = {
    "effectiveness": (
        "The partners judge the arrangements **effective, with areas to strengthen**. Rapid "
        "reviews met the 15 working day timescale, every statutory partner attended each "
        "executive meeting, and the independent scrutineer found leaders who know their "
        "services' strengths and gaps. Less effective: health providers' attendance at "
        "subgroups, and the evaluation of what multi-agency training changes in practice."),
    "child_deaths": (
        "The Child Death Overview Panel for North Yorkshire and York reviewed the deaths of "
        "children in the area and publishes its own annual report. Its learning on safe "
        "sleeping shaped the partners' joint campaign with midwifery and health visiting."),
    "education": (
        "Schools, colleges and early years settings took part through the Education "
        "Safeguarding Group and the relevant agencies' headings of the arrangements. The "
        "county council's schools safeguarding audit (Section 175/157) was returned by 92% of "
        "schools; its findings on online safety fed the training programme."),
    "training": (
        "The training programme ran 64 multi-agency courses, from neglect and the Graded Care "
        "Profile 2 to contextual safeguarding, with evaluation three months after each "
        "neglect course."),
    "inspections": (
        "Ofsted's focused visit to children's services in January 2020 found the front door "
        "timely and well managed; the police force's inspection of child protection found "
        "improved practice in missing episodes."),
    "lado": (
        "The local authority designated officer received 412 contacts about adults who work "
        "with children; 186 met the threshold for an allegations management meeting, most "
        "from education settings."),
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


def _membership(partnership, partner, role, day):
    return (PartnershipMembership.objects.active(day)
            .filter(partnership=partnership, role=role, agency=partner)
            .select_related("user", "agency").prefetch_related("agency__former_names").first())


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
    if author is None:
        return
    for section, text in NARRATIVES.items():
        reports.narrative_save(report=report, section=section, text=text, author=author)
    signed = 0
    for partner in report_partners(report, SIGNED_ON):
        delegated = _membership(partnership, partner, "delegated_safeguarding_partner",
                                RECOMMENDED_ON)
        if delegated is not None:
            reports.recommend(report=report, membership=delegated, on=RECOMMENDED_ON)
        lead = _membership(partnership, partner, "lead_safeguarding_partner", SIGNED_ON)
        if lead is not None:
            reports.sign_off(report=report, membership=lead, on=SIGNED_ON)
            signed += 1
    if not reports.missing_sign_offs(report, on=PUBLISHED_ON):
        report = reports.publication_record(report=report, published_on=PUBLISHED_ON,
                                            panel_sent_on=PANEL_SENT_ON)
    stdout.write(f"Yearly report demo: North Yorkshire 2019/20 with {len(NARRATIVES)} "
                 f"narratives, signed off by {signed} lead safeguarding partners"
                 f"{', published' if report.published_on else ''}; no PDF rendered yet.\n")
