"""The challenge log (issue 7, item 5): raise → each addressed partner responds →
judgement → closed, with dates; overdue responses on the list, the challenge and the home
page of those who must respond; who sees and does what; the API; challenge_summary."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scrutiny.models import Challenge, ChallengeAddressee
from scrutiny.selectors.activities import challenge_summary
from scrutiny.services import challenges as services

from .test_queries import count_queries

pytestmark = pytest.mark.django_db

D = datetime.date


def url(name, cast, **kwargs):
    return reverse(name, kwargs={"slug": cast.p1.slug, **kwargs})


def text(response):
    return response.content.decode()


def raise_many(cast, n, **fields):
    for i in range(n):
        services.challenge_raise(partnership=cast.p1, raised_by=cast.scrutineer,
                                 subject=f"Challenge {i}", detail="D",
                                 agencies=[cast.police, cast.icb1], **fields)


def test_the_whole_workflow_through_the_pages(cast, client_for):
    scrutineer = client_for(cast.scrutineer)
    response = scrutineer.post(url("scrutiny:challenge-create", cast), {
        "subject": "Attendance at strategy discussions", "detail": "Show us the figures",
        "agencies": [cast.police.pk, cast.council1.pk],
        "due_on_0": "1", "due_on_1": "6", "due_on_2": "2099"})
    assert response.status_code == 302
    challenge = Challenge.objects.get(subject="Attendance at strategy discussions")
    assert (challenge.state, challenge.due_on, challenge.reference) == (
        "raised", D(2099, 6, 1), 3)
    detail = url("scrutiny:challenge-detail", cast, pk=challenge.pk)
    assert response["Location"] == detail

    # Judging before the responses is refused, on the page and by the service.
    response = scrutineer.post(url("scrutiny:challenge-judge", cast, pk=challenge.pk),
                               {"judgement": "assured", "text": "Fine"})
    assert "Every addressed partner must respond" in text(response)

    # The police's delegated partner responds for the police.
    dsp = client_for(cast.dsp)
    respond_police = url("scrutiny:challenge-respond", cast, pk=challenge.pk,
                         agency_pk=cast.police.pk)
    assert dsp.post(respond_police, {"response": "Attendance is 92%"}).status_code == 302
    assert dsp.get(url("scrutiny:challenge-respond", cast, pk=challenge.pk,
                       agency_pk=cast.council1.pk)).status_code == 403
    challenge.refresh_from_db()
    assert challenge.state == "raised"  # the council has not answered yet

    # The business unit records the council's response on its behalf.
    bu = client_for(cast.bu_officer)
    assert bu.post(url("scrutiny:challenge-respond", cast, pk=challenge.pk,
                       agency_pk=cast.council1.pk),
                   {"response": "Audit attached"}).status_code == 302
    council = ChallengeAddressee.objects.get(challenge=challenge, agency=cast.council1)
    police = ChallengeAddressee.objects.get(challenge=challenge, agency=cast.police)
    assert council.on_behalf and council.responded_by == cast.bu_officer
    assert not police.on_behalf and police.responded_by == cast.dsp
    challenge.refresh_from_db()
    assert challenge.state == "responded" and challenge.responded_on is not None
    assert "on the partner's behalf" in text(scrutineer.get(detail))

    # No more responses once everyone has answered.
    assert "no more responses" in text(dsp.post(respond_police, {"response": "Again"}))

    # Closing before the judgement is refused; then the judgement; then closing.
    close = url("scrutiny:challenge-close", cast, pk=challenge.pk)
    response = scrutineer.post(close)
    assert response.status_code == 200 and "Record a judgement before closing" in text(response)
    assert scrutineer.post(url("scrutiny:challenge-judge", cast, pk=challenge.pk), {
        "judgement": "partly_assured", "text": "Police assured; council partly"}
    ).status_code == 302
    challenge.refresh_from_db()
    assert (challenge.state, challenge.judgement, challenge.judged_by) == (
        "judged", "partly_assured", cast.scrutineer)
    assert scrutineer.post(close).status_code == 302
    challenge.refresh_from_db()
    assert challenge.state == "closed" and challenge.closed_on is not None
    page = text(scrutineer.get(detail))
    assert "Partly assured" in page and "Closed" in page
    assert "already closed" in text(scrutineer.post(close))


def test_invalid_transitions_are_refused_with_clear_errors(cast):
    challenge = cast.challenge_police
    with pytest.raises(ValidationError, match="must respond before a judgement"):
        services.judgement_record(challenge=challenge, user=cast.scrutineer,
                                  judgement="assured", text="T")
    with pytest.raises(ValidationError, match="judgement before closing"):
        services.challenge_close(challenge=challenge, user=cast.scrutineer)
    with pytest.raises(ValidationError, match="not addressed to"):
        services.response_record(challenge=challenge, agency=cast.council1, user=cast.lsp,
                                 response="R")
    with pytest.raises(ValidationError) as error:
        services.response_record(challenge=challenge, agency=cast.police, user=cast.dsp,
                                 response="  ")
    assert "response" in error.value.message_dict
    services.response_record(challenge=challenge, agency=cast.police, user=cast.dsp,
                             response="R")
    with pytest.raises(ValidationError, match="responded"):
        services.response_record(challenge=challenge, agency=cast.police, user=cast.dsp,
                                 response="R again")
    with pytest.raises(ValidationError) as error:
        services.judgement_record(challenge=challenge, user=cast.scrutineer,
                                  judgement="maybe", text="T")
    assert "judgement" in error.value.message_dict
    services.judgement_record(challenge=challenge, user=cast.scrutineer, judgement="assured",
                              text="T")
    with pytest.raises(ValidationError, match="already judged"):
        services.judgement_record(challenge=challenge, user=cast.scrutineer,
                                  judgement="assured", text="T")
    services.challenge_close(challenge=challenge, user=cast.scrutineer)
    with pytest.raises(ValidationError, match="closed"):
        services.response_record(challenge=challenge, agency=cast.police, user=cast.dsp,
                                 response="Late")


@pytest.mark.parametrize("agencies, message", [
    ([], "at least one partner"), (["agency_a"], "statutory partners"),
    (["agency_x"], "statutory partners")])
def test_challenges_are_addressed_to_statutory_partners_only(cast, agencies, message):
    before = Challenge.objects.count()
    with pytest.raises(ValidationError, match=message):
        services.challenge_raise(partnership=cast.p1, raised_by=cast.scrutineer, subject="S",
                                 detail="D", agencies=[getattr(cast, a) for a in agencies])
    assert Challenge.objects.count() == before


def test_the_due_date_is_after_the_day_it_is_raised(cast):
    with pytest.raises(ValidationError) as error:
        services.challenge_raise(partnership=cast.p1, raised_by=cast.scrutineer, subject="S",
                                 detail="D", agencies=[cast.police], raised_on=D(2026, 1, 5),
                                 due_on=D(2026, 1, 5))
    assert "due_on" in error.value.message_dict


def test_the_default_due_date_counts_working_days_over_bank_holidays(cast):
    # Raised on Friday 19 December 2025: Christmas Day, Boxing Day and New Year's Day are
    # bank holidays, so 20 working days end on Wednesday 21 January 2026.
    challenge = services.challenge_raise(
        partnership=cast.p1, raised_by=cast.scrutineer, subject="S", detail="D",
        agencies=[cast.police], raised_on=D(2025, 12, 19))
    assert challenge.due_on == D(2026, 1, 21)
    assert not challenge.is_overdue(D(2026, 1, 21))
    assert challenge.is_overdue(D(2026, 1, 22))


def test_a_closure_day_of_the_partnership_moves_the_default_due_date(cast):
    from partnership.models import ClosureDay

    ClosureDay.objects.create(partnership=cast.p1, date=D(2026, 1, 2), reason="Closed")
    assert services.default_due_on(cast.p1, D(2025, 12, 19)) == D(2026, 1, 22)
    assert services.default_due_on(cast.p2, D(2025, 12, 19)) == D(2026, 1, 21)


def test_overdue_responses_are_shown_and_filtered(cast, client_for):
    # Raised over Christmas 2025: due 21 January 2026 (working days), so overdue now.
    late = services.challenge_raise(
        partnership=cast.p1, raised_by=cast.scrutineer, subject="Late one", detail="D",
        agencies=[cast.police], raised_on=D(2025, 12, 19))
    soon = services.challenge_raise(
        partnership=cast.p1, raised_by=cast.scrutineer, subject="Not yet due", detail="D",
        agencies=[cast.police])
    client = client_for(cast.scrutineer)
    page = text(client.get(url("scrutiny:challenge-list", cast) + "?overdue=1"))
    assert "Late one" in page and "Not yet due" not in page
    assert "Overdue" in page
    assert "Overdue" in text(client.get(url("scrutiny:challenge-detail", cast, pk=late.pk)))
    assert "Overdue" not in text(client.get(url("scrutiny:challenge-detail", cast,
                                                pk=soon.pk)))
    # Once the police have responded it is no longer overdue.
    services.response_record(challenge=late, agency=cast.police, user=cast.lead_police,
                             response="Sorry")
    page = text(client.get(url("scrutiny:challenge-list", cast) + "?overdue=1"))
    assert "Late one" not in page


def test_those_who_must_respond_see_it_on_their_home_page(cast, client_for):
    respond = url("scrutiny:challenge-respond", cast, pk=cast.challenge_police.pk,
                  agency_pk=cast.police.pk)
    for who in ("lead_police", "dsp"):
        page = text(client_for(cast.users[who]).get(reverse("home") + f"?partnership={cast.p1.slug}"))
        assert respond in page, who
        assert "Respond to challenge CH001 for Shires Police" in page
    # The council's partner (lsp) has the council's challenge, not the police's.
    page = text(client_for(cast.lsp).get(reverse("home")))
    assert respond not in page
    assert url("scrutiny:challenge-respond", cast, pk=cast.challenge_council.pk,
               agency_pk=cast.council1.pk) in page
    for who in ("scrutineer", "lead_a"):
        assert respond not in text(client_for(cast.users[who]).get(reverse("home")))
    services.response_record(challenge=cast.challenge_police, agency=cast.police,
                             user=cast.dsp, response="Done")
    assert respond not in text(client_for(cast.lead_police).get(reverse("home")))


def test_agency_leads_see_only_challenges_to_their_agency(cast, client_for):
    client = client_for(cast.lead_police)
    page = text(client.get(url("scrutiny:challenge-list", cast)))
    assert "Police attendance" in page and "Council audits" not in page
    assert client.get(url("scrutiny:challenge-detail", cast,
                          pk=cast.challenge_council.pk)).status_code == 404
    # Addressed to the police and the council: the police lead sees only the police's part.
    both = services.challenge_raise(partnership=cast.p1, raised_by=cast.scrutineer,
                                    subject="Both", detail="D",
                                    agencies=[cast.police, cast.council1])
    services.response_record(challenge=both, agency=cast.council1, user=cast.lsp,
                             response="COUNCIL-ONLY-TEXT")
    page = text(client.get(url("scrutiny:challenge-detail", cast, pk=both.pk)))
    assert "Shires Police" in page and "COUNCIL-ONLY-TEXT" not in page
    data = client.get(reverse("scrutiny:api-challenge-detail", args=[both.pk])).json()
    assert [a["agency_name"] for a in data["addressees"]] == ["Shires Police"]
    for who in ("lead_a", "chief_a", "contributor_a"):
        assert client_for(cast.users[who]).get(
            url("scrutiny:challenge-list", cast)).status_code == 404


def test_the_api_workflow(cast, client_for):
    chair = client_for(cast.chair)
    response = chair.post(reverse("scrutiny:api-challenge-list"), {
        "partnership": cast.p1.pk, "subject": "Via the API", "detail": "D",
        "agencies": [cast.police.pk]}, content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["state"], data["overdue"], data["code"]) == ("raised", False, "CH003")
    pk = data["id"]
    response = client_for(cast.lead_police).post(
        reverse("scrutiny:api-challenge-respond", args=[pk]),
        {"agency": cast.police.pk, "response": "Here"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["state"] == "responded"
    # The chair raised it, so the chair judges and closes it.
    response = chair.post(reverse("scrutiny:api-challenge-judge", args=[pk]),
                          {"judgement": "not_assured", "text": "Not enough"},
                          content_type="application/json")
    assert response.json()["judgement"] == "not_assured"
    response = chair.post(reverse("scrutiny:api-challenge-close", args=[pk]))
    assert response.status_code == 200 and response.json()["state"] == "closed"
    response = chair.post(reverse("scrutiny:api-challenge-close", args=[pk]))
    assert response.status_code == 400
    listed = chair.get(reverse("scrutiny:api-challenge-list") + f"?partnership={cast.p1.pk}")
    assert [r["code"] for r in listed.json()["results"]][:1] == ["CH003"]


def test_the_api_refuses_responding_for_another_agency(cast, client_for):
    response = client_for(cast.lead_police).post(
        reverse("scrutiny:api-challenge-respond", args=[cast.challenge_police.pk]),
        {"agency": cast.council1.pk, "response": "Not mine"}, content_type="application/json")
    assert response.status_code == 400
    both = services.challenge_raise(partnership=cast.p1, raised_by=cast.scrutineer,
                                    subject="Both", detail="D",
                                    agencies=[cast.police, cast.council1])
    response = client_for(cast.dsp).post(
        reverse("scrutiny:api-challenge-respond", args=[both.pk]),
        {"agency": cast.council1.pk, "response": "Not mine"}, content_type="application/json")
    assert response.status_code == 403
    # The police lead does not see the council's part: it answers as if not addressed.
    response = client_for(cast.lead_police).post(
        reverse("scrutiny:api-challenge-respond", args=[both.pk]),
        {"agency": cast.council1.pk, "response": "Not mine"}, content_type="application/json")
    assert response.status_code == 400
    assert not ChallengeAddressee.objects.filter(responded_on__isnull=False).exists()


def test_challenge_summary_counts_by_state_and_overdue(cast):
    period = D(2025, 4, 1), D(2026, 3, 31)
    done = services.challenge_raise(partnership=cast.p1, raised_by=cast.scrutineer,
                                    subject="Done", detail="D", agencies=[cast.icb1],
                                    raised_on=D(2025, 5, 1))
    services.response_record(challenge=done, agency=cast.icb1, user=cast.bu_officer,
                             response="R", on_behalf=True)
    services.judgement_record(challenge=done, user=cast.scrutineer, judgement="assured",
                              text="Good")
    summary = challenge_summary(cast.p1, *period, today=D(2026, 1, 1))
    assert summary["total"] == 3
    assert {row["state"]: row["count"] for row in summary["by_state"]} == {
        "raised": 2, "responded": 0, "judged": 1, "closed": 0}
    assert summary["overdue"] == 1  # the police challenge; the council's is due in 2030
    row = next(r for r in summary["challenges"] if r["subject"] == "Done")
    assert (row["judgement"], row["partners"], row["judgement_text"]) == (
        "Assured", ["Northshire ICB"], "Good")
    assert challenge_summary(cast.p1, D(2019, 4, 1), D(2020, 3, 31))["total"] == 0


def test_challenge_summary_runs_in_a_fixed_number_of_queries(cast):
    period = D(2025, 4, 1), D(2030, 3, 31)
    with CaptureQueriesContext(connection) as few:
        challenge_summary(cast.p1, *period)
    raise_many(cast, 15)
    with CaptureQueriesContext(connection) as many:
        summary = challenge_summary(cast.p1, *period)
    assert summary["total"] == 17
    assert len(few) == len(many) <= 3


@pytest.mark.parametrize("who, route", [
    ("scrutineer", "scrutiny:challenge-list"), ("lead_police", "scrutiny:challenge-list"),
    ("scrutineer", "scrutiny:api-challenge-list"), ("lead_police", "scrutiny:api-challenge-list"),
    ("dsp", "home")])
def test_lists_run_in_a_fixed_number_of_queries(cast, client_for, who, route):
    client = client_for(cast.users[who])
    page = reverse(route) if ":api-" in route or route == "home" else url(route, cast)
    client.get(page)
    few, _ = count_queries(client, page)
    raise_many(cast, 20)
    many, response = count_queries(client, page)
    assert few == many
    if route != "home":
        assert "Challenge 19" in text(response)
