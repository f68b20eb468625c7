"""The lead safeguarding partners' sign-off of a practice review (issue 16, item 10, and
item 6's "the same sign-off rule for LCSPR reports"): the three lead partners sign off the
commissioning decision, the final report and the publication decision, in that order; a
delegated partner, or a lead partner for another partner, is refused; the publication
decision waits for the final report's sign-off and publication for the decision's. The copy
to Ofsted, with its due date on the statutory calendar."""

import datetime

import pytest
from django.urls import reverse

from partnership.errors import Forbidden, WrongState
from partnership.models import ClosureDay, PartnershipMembership
from partnership.services import people
from reviews import deadlines
from reviews.models import PracticeReview, PracticeSignOff
from reviews.services import practice as services

from .cast import START
from .matrix_lcspr import lead_partners, sign

pytestmark = pytest.mark.django_db

D = datetime.date


def make(cast, **fields):
    return services.practice_review_create(partnership=cast.p1, title="Child Q",
                                           decided_on=D(2026, 2, 2), **fields)


def url(name, cast, review):
    return reverse(name, kwargs={"slug": cast.p1.slug, "pk": review.pk})


def sign_off(client, cast, review, stage, partner):
    return client.post(url("reviews:practice-sign-off", cast, review),
                       {"stage": stage, "partner": partner.pk})


def date(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def test_a_lead_partner_signs_for_their_partner_with_their_capacity(cast, client_for):
    review = make(cast)
    client = client_for(cast.lsp)
    page = client.get(url("reviews:practice-review-detail", cast, review)).content.decode()
    assert "Sign off the decision to commission the review for Northshire Council" in page
    assert "for Shires Police" not in page  # only the partner they lead
    response = sign_off(client, cast, review, "commissioning", cast.council1)
    assert response.status_code == 302
    [signed] = PracticeSignOff.objects.filter(review=review)
    assert (signed.stage, signed.partner, signed.signed_by) == ("commissioning", cast.council1,
                                                               cast.lsp)
    assert signed.capacity == "Lead safeguarding partner for Northshire Council"
    page = client.get(url("reviews:practice-review-detail", cast, review)).content.decode()
    assert "Signed by Lsp, Lead safeguarding partner for Northshire Council" in page
    assert "Sign off the decision to commission the review for" not in page
    # Twice is refused, and changes nothing.
    sign_off(client, cast, review, "commissioning", cast.council1)
    assert PracticeSignOff.objects.filter(review=review).count() == 1


def test_the_delegated_partner_is_refused_with_the_reason(cast, client_for):
    review = make(cast)
    client = client_for(cast.dsp)  # delegated partner for the police
    page = client.get(url("reviews:practice-review-detail", cast, review)).content.decode()
    assert "Sign off the decision" not in page
    response = sign_off(client, cast, review, "commissioning", cast.police)
    assert response.status_code == 403
    assert "A delegated partner may prepare and recommend them" in response.content.decode()
    assert not PracticeSignOff.objects.exists()


def test_a_lead_partner_is_refused_for_another_partner(cast, client_for):
    review = make(cast)
    response = sign_off(client_for(cast.lsp), cast, review, "commissioning", cast.police)
    assert response.status_code == 403
    assert "You sign off only for the partner you lead: Northshire Council" in (
        response.content.decode())
    assert not PracticeSignOff.objects.exists()


def test_the_service_refuses_a_role_that_is_not_a_current_lead_of_this_partnership(cast):
    review = make(cast)
    with pytest.raises(Forbidden):
        services.practice_sign_off(review=review, stage="commissioning",
                                   membership=PartnershipMembership.objects.get(user=cast.dsp))
    # A lead partner of P2's council, which is not a P1 partner.
    p2_lead = people.membership_create(user=cast.bu_p2, partnership=cast.p2,
                                       role="lead_safeguarding_partner", agency=cast.council2,
                                       start_date=START)
    with pytest.raises(Forbidden):
        services.practice_sign_off(review=review, stage="commissioning", membership=p2_lead)
    # A lead partner whose role has ended.
    lsp = lead_partners(cast)[cast.council1]
    people.membership_end(membership=lsp, end_date=D(2025, 1, 1))
    with pytest.raises(Forbidden):
        services.practice_sign_off(review=review, stage="commissioning", membership=lsp)
    assert not PracticeSignOff.objects.exists()


def test_the_stages_go_in_order(cast):
    review = make(cast)
    council = lead_partners(cast)[cast.council1]
    with pytest.raises(WrongState, match="Record the date the final report was received"):
        services.practice_sign_off(review=review, stage="final_report", membership=council)
    services.practice_review_update(review=review, final_report_on=D(2026, 7, 1))
    services.practice_sign_off(review=review, stage="commissioning", membership=council)
    with pytest.raises(WrongState, match="Still to sign: Northshire ICB, Shires Police"):
        services.practice_sign_off(review=review, stage="final_report", membership=council)
    with pytest.raises(WrongState, match="Record the publication decision"):
        services.practice_sign_off(review=review, stage="publication", membership=council)
    assert PracticeSignOff.objects.filter(review=review).count() == 1


def test_publication_is_decided_only_after_the_final_report_is_signed(cast, client_for):
    review = make(cast)
    sign(cast, review, "commissioning")
    services.practice_review_update(review=review, final_report_on=D(2026, 7, 1))
    client = client_for(cast.bu_manager)
    before = PracticeReview.objects.filter(pk=review.pk).values().get()
    response = client.post(url("reviews:practice-review-publication", cast, review),
                           {"publication": "full", **date("planned_on", D(2026, 8, 10))})
    assert response.status_code == 200
    assert ("The final report needs the sign-off of all three lead safeguarding partners "
            "first. Still to sign: Northshire Council, Northshire ICB, Shires Police") in (
        response.content.decode())
    assert PracticeReview.objects.filter(pk=review.pk).values().get() == before
    sign(cast, review, "final_report")
    response = client.post(url("reviews:practice-review-publication", cast, review),
                           {"publication": "full", **date("planned_on", D(2026, 8, 10))})
    assert response.status_code == 302


def test_publishing_waits_for_the_publication_decisions_sign_off(cast, client_for):
    review = sign(cast, make(cast), "commissioning", "final_report")
    services.publication_record(review=review, publication="full", planned_on=D(2026, 8, 10))
    client = client_for(cast.bu_manager)
    publish = {"publication": "full", **date("planned_on", D(2026, 8, 10)),
               **date("copy_sent_on", D(2026, 7, 20)), **date("published_on", D(2026, 8, 10))}
    response = client.post(url("reviews:practice-review-publication", cast, review), publish)
    assert response.status_code == 200
    assert "The publication decision needs the sign-off of all three" in response.content.decode()
    review.refresh_from_db()
    assert review.published_on is None and review.status == "commissioned"
    sign(cast, review, "publication")
    response = client.post(url("reviews:practice-review-publication", cast, review), publish)
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == "published" and review.published_on == D(2026, 8, 10)


def test_changing_the_publication_decision_withdraws_its_sign_offs(cast):
    review = sign(cast, make(cast), "commissioning", "final_report")
    services.publication_record(review=review, publication="full", planned_on=D(2026, 8, 10))
    sign(cast, review, "publication")
    # A new planned date is not a new decision: the sign-offs stay.
    services.publication_record(review=review, publication="full", planned_on=D(2026, 8, 17))
    assert review.sign_offs.filter(stage="publication").count() == 3
    services.publication_record(review=review, publication="not_published",
                                reasons="It would identify the sibling")
    assert not review.sign_offs.filter(stage="publication").exists()
    assert review.sign_offs.count() == 6  # the earlier stages stand


def test_ofsted_copy_due_date_is_statutory_and_shown(cast, client_for):
    review = sign(cast, make(cast), "commissioning", "final_report")
    services.publication_record(review=review, publication="full", planned_on=D(2026, 4, 7))
    # 7 working days before Tue 7 Apr 2026 over Easter: Wed 25 Mar. A closure day of the
    # partnership's own (Mon 30 Mar) does not move it.
    ClosureDay.objects.create(partnership=cast.p1, date=D(2026, 3, 30), reason="Closure")
    assert services.ofsted_copy_due_by(review) == D(2026, 3, 25)
    page = client_for(cast.chair).get(url("reviews:practice-review-detail", cast, review))
    page = page.content.decode()
    assert "Copy to Ofsted due by" in page and "Wednesday 25 March 2026" in page
    assert "The guidance names no separate time for Ofsted" in page
    rows = {r.kind: r for r in deadlines.open_deadlines(cast.p1, today=D(2026, 3, 2))}
    assert rows["ofsted-copy"].due_on == D(2026, 3, 25)
    assert rows["ofsted-copy"].label == "Send the copy to Ofsted"
    assert "ofsted-copy" in deadlines.STATUTORY_KINDS
    # Recorded on the publication page; the deadline is met.
    response = client_for(cast.bu_manager).post(
        url("reviews:practice-review-publication", cast, review),
        {"publication": "full", **date("planned_on", D(2026, 4, 7)),
         **date("ofsted_copy_sent_on", D(2026, 3, 24))})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.ofsted_copy_sent_on == D(2026, 3, 24)
    kinds = {r.kind for r in deadlines.open_deadlines(cast.p1, today=D(2026, 3, 2))}
    assert "ofsted-copy" not in kinds and "practice-copy" in kinds
    page = client_for(cast.chair).get(url("reviews:practice-review-detail", cast, review))
    assert "24 March 2026" in page.content.decode()


def test_the_deadlines_page_shows_the_ofsted_copy(cast, client_for):
    review = sign(cast, make(cast), "commissioning", "final_report")
    services.publication_record(review=review, publication="full", planned_on=D(2030, 4, 9))
    page = client_for(cast.bu_manager).get(reverse("reviews:deadlines",
                                                   kwargs={"slug": cast.p1.slug}))
    assert "Send the copy to Ofsted" in page.content.decode()


def test_a_published_review_shows_who_signed_and_nothing_still_to_sign(cast, client_for):
    review = sign(cast, make(cast), "commissioning", "final_report")
    services.publication_record(review=review, publication="full", planned_on=D(2026, 8, 10))
    sign(cast, review, "publication")
    services.publication_record(review=review, publication="full", planned_on=D(2026, 8, 10),
                                copy_sent_on=D(2026, 7, 20), published_on=D(2026, 8, 10))
    page = client_for(cast.scrutineer).get(url("reviews:practice-review-detail", cast, review))
    page = page.content.decode()
    assert "Still to sign" not in page
    assert page.count("Chief officer, lead safeguarding partner for Shires Police") == 3
    assert "Sign off " not in page
