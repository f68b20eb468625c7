"""The demo's reviews in full: Child B's rapid review with the criteria of the guidance and
its parallel processes, Child A's practice review signed off at each stage by the lead
safeguarding partners, and one national review by the Panel with a recommendation on the
register. (Child B's practice review is left for today's lead partners to sign.)

The lead partners are looked up (whoever holds the role for each statutory partner when the
demo is written, before partnership/demo_organisations.py brings the organisations up to
date), never named here: the partnership's demo says who they are."""

import datetime

from partnership.models import PartnershipMembership
from partnership.permissions import statutory_partners

from ..services import national, practice, rapid_records


def lead_memberships(partnership):
    """Today's lead safeguarding partner role for each statutory partner."""
    return list(PartnershipMembership.objects.active().filter(
        partnership=partnership, role="lead_safeguarding_partner",
        agency__in=statutory_partners(partnership)).select_related("agency", "user"))


def lead_sign(partnership, review, *stages):
    """Each lead partner signs off `stages` of a practice review."""
    for stage in stages:
        for membership in lead_memberships(partnership):
            practice.practice_sign_off(review=review, stage=stage, membership=membership)


def child_b_in_full(review, aware):
    """The criteria as the partners weighed them before deciding on a local review, and the
    processes running alongside (recorded before the review went to the Panel)."""
    rapid_records.criteria_record(review=review, findings={
        "improvements": ("met", "Safe sleep advice was not repeated when the family moved "
                                "house, and the parent's mental health was not shared with "
                                "the health visitor."),
        "recurrent": ("met", "The third infant death in two years where safe sleep risks "
                             "changed after the birth."),
        "working_together": ("met", "Mental health services and children's social care each "
                                    "held part of the picture."),
        "national": ("not_met", "The learning is local: practice, not the law or national "
                                "guidance, needs to change."),
    })
    rapid_records.process_add(
        review=review, kind="police_investigation",
        description="Investigation into the circumstances of the death",
        effect_on_timing="Practitioners are not interviewed for the review until the police "
                         "agree; the learning event waits for that.")
    rapid_records.process_add(
        review=review, kind="inquest", description="Inquest opened and adjourned",
        expected_end_on=aware + datetime.timedelta(days=240),
        effect_on_timing="The final report is shared with the coroner before publication.")


def national_review(demo):
    """A national review the partnership takes learning from (the Panel's 2021 review of
    harm to infants by male carers), with one recommendation taken on locally."""
    review = national.national_review_create(
        partnership=demo.partnership,
        title="The myth of invisible men: safeguarding children under 1 from non-accidental "
              "injury caused by male carers",
        summary="The Panel reviewed serious incidents in which babies were harmed by fathers "
                "or other male carers, and found that these men were often unseen by the "
                "services working with the family.",
        published_on=datetime.date(2021, 9, 15), themes=demo.pick("Professional curiosity"))
    demo.recommendation(
        review, "Assessments of families with a baby under one should find out about and "
                "involve the fathers and male carers in the household.",
        ("Professional curiosity",), [
            ("Add fathers and male carers to the pre-birth assessment template.", "council",
             demo.after(demo.today, 30), "in_progress"),
        ], response="Accepted by the Executive for local action.")
    return review
