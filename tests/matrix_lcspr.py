"""Role x route cases for a rapid review in full (criteria, parallel processes, files on an
agency's summary), the lead partners' sign-off of a practice review and the Panel's national
reviews (see tests/matrix.py for the helpers and rules).

- Criteria and parallel processes are the business unit's to record; the others who see
  review1 (partners, chair, scrutineer, the agency leads asked for summaries) get 403.
- Files on agency A's draft summary: its lead adds and removes them (the business unit,
  which sees the draft, gets 403); whoever sees the summary downloads them; anyone else 404.
- A practice review's stages are signed off by a lead safeguarding partner only: lsp (the
  council's lead) signs; the delegated partner and every other reader get 403.
- National reviews are like practice reviews: P1's roles read, its business unit records.

`lcspr(c)` makes the records on first use; `lead_partners(c)` gives P1 a lead partner for
each statutory partner (the cast has one, lsp) and `sign(c, review, *stages)` has the three
sign the stages off, for tests that need a signed review."""

import datetime

from .cast import P1_BU, P1_ROLES, pdf
from .matrix import Case, api, expect
from .matrix_practice import practice
from .matrix_reviews import CASE1, bu, date, p2_review_via_p1, review1

READERS_NOT_BU = tuple(u for u in P1_ROLES if u not in P1_BU)
READ = expect(P1_ROLES)
WRITE = expect(P1_BU, forbidden=READERS_NOT_BU)
NOBODY = expect(())
SUMMARY_A = (*P1_BU, "lead_a")  # who sees agency A's draft summary


def lead_partners(c):
    """P1's three lead safeguarding partners (lsp for the council, and one each for the
    police and the ICB, made on first use), as {agency: membership}."""
    if "leads" not in c.__dict__:
        from partnership.models import PartnershipMembership, User
        from partnership.services import people

        leads = {}
        for agency, key in ((c.police, "chief_constable"), (c.icb1, "icb_chief")):
            user = User.objects.create_user(f"{key}@cast.example", "x" * 20,
                                            full_name=key.replace("_", " ").title())
            leads[agency] = people.membership_create(
                user=user, partnership=c.p1, role="lead_safeguarding_partner", agency=agency,
                title="Chief officer", start_date=datetime.date(2020, 4, 1))
        leads[c.council1] = PartnershipMembership.objects.get(user=c.lsp,
                                                              role="lead_safeguarding_partner")
        c.__dict__["leads"] = leads
    return c.__dict__["leads"]


def sign(c, review, *stages):
    """All three lead partners sign off `stages` of a practice review (the final report's
    date recorded first if it is not)."""
    from reviews.services import practice as services

    if "final_report" in stages and not review.final_report_on:
        services.practice_review_update(review=review, final_report_on=review.decided_on)
    for stage in stages:
        for membership in lead_partners(c).values():
            services.practice_sign_off(review=review, stage=stage, membership=membership)
    review.refresh_from_db()
    return review


def lcspr(c):
    if "national1" in c.__dict__:
        return c
    from reviews.services import national, rapid_records, recommendations

    practice(c)
    rapid_records.criteria_record(review=c.review1, findings={
        "improvements": ("met", "CNRY-RR-FACTS: improvements")})
    c.criterion1 = c.review1.criteria.get()
    c.process1 = rapid_records.process_add(review=c.review1, kind="inquest",
                                           description="CNRY-RR-FACTS: the coroner")
    c.attachment_a = rapid_records.attachment_add(summary=c.summary_a, title="Chronology",
                                                  checked=pdf("chronology.pdf"), user=c.lead_a)
    c.national1 = national.national_review_create(
        partnership=c.p1, title="Safeguarding children at risk from CNRY-RR-FACTS",
        summary="CNRY-RR-FACTS", published_on=datetime.date(2025, 5, 1))
    c.national_rec = recommendations.recommendation_create(review=c.national1,
                                                           text="CNRY-RR-FACTS: national")
    c.national_p2 = national.national_review_create(partnership=c.p2, title="CNRY-CASE-P2")
    return c


def r1(c, **more):
    return review1(lcspr(c), **more)


def summary_a(c, **more):
    return r1(c, summary_pk=c.summary_a.pk, **more)


def practice1(c):
    return {"slug": lcspr(c).p1.slug, "pk": c.practice1.pk}


def national1(c):
    return {"slug": lcspr(c).p1.slug, "pk": c.national1.pk}


def p1_(c):
    return {"slug": lcspr(c).p1.slug}


NOT_CASE1_BU = tuple(u for u in CASE1 if u not in P1_BU)
SIGNERS = ("lsp",)
NOT_SIGNERS = tuple(u for u in P1_ROLES if u not in SIGNERS)

CASES = [
    # The criteria of the guidance
    bu("reviews:rapid-criteria", r1),
    bu("reviews:rapid-criteria", r1, "post", {"improvements_finding": "met",
                                              "improvements_reasoning": " "},
       "invalid: a finding without reasoning"),
    Case("reviews:rapid-criteria", NOBODY, kwargs=p2_review_via_p1, method="post",
         data={"improvements_finding": "met", "improvements_reasoning": "Taken over"},
         note="P2 via P1"),
    # Parallel processes
    bu("reviews:rapid-process-add", r1),
    bu("reviews:rapid-process-add", r1, "post", {"kind": "other", "description": ""},
       "invalid: other without a description"),
    Case("reviews:rapid-process-add", NOBODY, kwargs=p2_review_via_p1, method="post",
         data={"kind": "inquest"}, note="P2 via P1"),
    bu("reviews:rapid-process-edit", lambda c: r1(c, process_pk=lcspr(c).process1.pk)),
    bu("reviews:rapid-process-edit", lambda c: r1(c, process_pk=lcspr(c).process1.pk), "post",
       {"kind": "inquest", **date("concluded_on", 1, 1, 2099)},
       "invalid: concluded in the future"),
    Case("reviews:rapid-process-edit", expect(()), kwargs=lambda c: r1(c, process_pk=999999),
         note="missing"),
    # Files on agency A's draft summary
    Case("reviews:summary-attachment-add", expect(("lead_a",), forbidden=P1_BU),
         kwargs=summary_a),
    Case("reviews:summary-attachment-add", expect(("lead_a",), forbidden=P1_BU),
         kwargs=summary_a, method="post", data={"title": "Chronology"},
         note="invalid: no file"),
    Case("reviews:summary-attachment-add", expect(("lead_police",), forbidden=P1_BU),
         kwargs=lambda c: r1(c, summary_pk=c.summary_police.pk), method="post",
         data={"title": "x"}, note="invalid: the police's summary, no file"),
    Case("reviews:summary-attachment", expect(SUMMARY_A),
         kwargs=lambda c: summary_a(c, attachment_pk=lcspr(c).attachment_a.pk)),
    Case("reviews:summary-attachment", expect(()),
         kwargs=lambda c: summary_a(c, attachment_pk=999999), note="missing"),
    Case("reviews:summary-attachment-remove", expect(("lead_a",), code=302, forbidden=P1_BU),
         kwargs=lambda c: summary_a(c, attachment_pk=lcspr(c).attachment_a.pk), method="post"),
    # The lead partners' sign-off of a practice review
    Case("reviews:practice-sign-off", expect(SIGNERS, code=302, forbidden=NOT_SIGNERS),
         kwargs=practice1, method="post",
         data=lambda c: {"stage": "commissioning", "partner": c.council1.pk}),
    Case("reviews:practice-sign-off", expect((), forbidden=P1_ROLES), kwargs=practice1,
         method="post", data=lambda c: {"stage": "commissioning", "partner": c.police.pk},
         note="invalid: for a partner the signer does not lead"),
    Case("reviews:practice-sign-off", expect(()), method="post",
         kwargs=lambda c: {**p1_(c), "pk": c.practice_p2.pk},
         data=lambda c: {"stage": "commissioning", "partner": c.council1.pk},
         note="P2 review via P1"),
    # National reviews
    Case("reviews:national-review-list", READ, kwargs=p1_),
    Case("reviews:national-review-list", expect(("bu_p2",)),
         kwargs=lambda c: {"slug": lcspr(c).p2.slug}, note="P2"),
    Case("reviews:national-review-create", WRITE, kwargs=p1_),
    Case("reviews:national-review-create", WRITE, kwargs=p1_, method="post", note="invalid",
         data={"title": "", "published_url": "not a web address"}),
    Case("reviews:national-review-create", WRITE, kwargs=p1_, method="post",
         note="invalid: published before the Panel decided",
         data={"title": "A review", **date("panel_decided_on", 2, 2, 2025),
               **date("published_on", 1, 1, 2025)}),
    Case("reviews:national-review-detail", READ, kwargs=national1),
    Case("reviews:national-review-detail", NOBODY,
         kwargs=lambda c: {**p1_(c), "pk": c.national_p2.pk}, note="P2 review via P1"),
    Case("reviews:national-review-edit", WRITE, kwargs=national1),
    Case("reviews:national-review-edit", WRITE, kwargs=national1, method="post",
         note="invalid", data={"title": ""}),
    Case("reviews:national-review-edit", NOBODY, method="post", note="P2 review via P1",
         kwargs=lambda c: {**p1_(c), "pk": c.national_p2.pk}, data={"title": "Taken over"}),
    Case("reviews:recommendation-create", WRITE, kwargs=p1_,
         data=lambda c: {"national": c.national1.pk}, note="national review"),
    Case("reviews:recommendation-create", NOBODY, kwargs=p1_,
         data=lambda c: {"national": c.national_p2.pk}, note="P2 national review via P1"),
    # API
    Case("reviews:api-national-review-list", api()),
    Case("reviews:api-national-review-detail", api(P1_ROLES), kwargs=lambda c: {
        "pk": lcspr(c).national1.pk}),
    Case("reviews:api-national-review-detail", api(("bu_p2",)), kwargs=lambda c: {
        "pk": lcspr(c).national_p2.pk}, note="P2"),
]
