"""The Section 11 API: cycles with their completion counts, returns with their answers,
evidence and action plans, scoped exactly as the HTML pages (agency staff: their own
agency's only, 404 for any other; partners and the scrutineer: never drafts; the business
unit: all its partnership's, the shared police return through P2 too), and the writes:
answering with a version (409 on a stale one), submitting (400 with what is missing) and
the chief officer's sign-off."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agencies.models import Answer, Request, Return, Standard
from agencies.services import cycles, returns
from agencies.services.returns import CONFLICT
from governance.models import Action
from partnership.services import structure

from .cast import P1_ROLES

pytestmark = pytest.mark.django_db

D = datetime.date


def get(client_for, user, name, query=None, **kwargs):
    return client_for(user).get(reverse(name, kwargs=kwargs or None), query or {})


def post(client_for, user, name, data=None, **kwargs):
    return client_for(user).post(reverse(name, kwargs=kwargs), data or {},
                                 content_type="application/json")


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def return_ids(client_for, user, **query):
    return {row["id"] for row in results(get(client_for, user, "s11:api-return-list", query))}


def complete(cast, assessment, user):
    """Answer every standard green with a link as evidence (through the services)."""
    assessment.refresh_from_db()
    version = assessment.version
    for standard in cast.s11_template.standards.all():
        returns.answer_save(assessment=assessment, standard=standard, user=user, version=version,
                            rating=3, narrative=f"Met: standard {standard.number}")
        returns.evidence_add(assessment=assessment, standard=standard, user=user,
                             version=version + 1, title="Policy", link="https://a.example/p")
        version += 2
    assessment.refresh_from_db()
    return assessment


# --- Scoping ---------------------------------------------------------------------------

def test_who_sees_which_return(cast, client_for):
    a, police, x = cast.return_a.pk, cast.return_police.pk, cast.return_x.pk
    for who in ("bu_manager", "bu_officer"):
        assert return_ids(client_for, cast.users[who]) == {a, police}, who
    for who in ("lsp", "dsp", "chair", "scrutineer"):  # never drafts
        assert return_ids(client_for, cast.users[who]) == {police}, who
    for who in ("lead_a", "chief_a", "contributor_a"):
        assert return_ids(client_for, cast.users[who]) == {a}, who
    assert return_ids(client_for, cast.lead_police) == {police}
    assert return_ids(client_for, cast.lead_x) == {x}
    assert return_ids(client_for, cast.bu_p2) == {police, x}  # the shared return, via P2
    assert return_ids(client_for, cast.outsider) == set()


def test_another_agencys_return_is_not_found(cast, client_for):
    def status(who, pk):
        return get(client_for, cast.users[who], "s11:api-return-detail", pk=pk).status_code

    assert status("lead_a", cast.return_a.pk) == 200
    assert status("lead_a", cast.return_police.pk) == 404
    assert status("lead_a", cast.return_x.pk) == 404
    assert status("lead_police", cast.return_a.pk) == 404
    assert status("lead_x", cast.return_police.pk) == 404
    assert status("scrutineer", cast.return_a.pk) == 404  # a draft
    assert status("scrutineer", cast.return_police.pk) == 200
    assert status("bu_p2", cast.return_police.pk) == 200
    assert status("bu_p2", cast.return_a.pk) == 404
    assert status("bu_manager", 10**17) == 404
    body = get(client_for, cast.lead_a, "s11:api-return-list").content
    assert b"CNRY-RETURN-POLICE" not in body
    body = get(client_for, cast.scrutineer, "s11:api-return-list").content
    assert b"CNRY-RETURN-A-DRAFT" not in body and b"CNRY-RETURN-POLICE" in body


def test_partnership_filter(cast, client_for):
    assert return_ids(client_for, cast.bu_p2, partnership=cast.p2.pk) == {
        cast.return_police.pk, cast.return_x.pk}
    assert return_ids(client_for, cast.lead_police, partnership=cast.p2.pk) == {
        cast.return_police.pk}
    assert get(client_for, cast.lead_a, "s11:api-return-list",
               {"partnership": cast.p2.pk}).status_code == 404
    assert get(client_for, cast.lead_a, "s11:api-return-list",
               {"partnership": "abc"}).status_code == 400
    assert get(client_for, cast.bu_manager, "s11:api-cycle-list",
               {"partnership": "1.5"}).status_code == 400
    assert get(client_for, cast.bu_manager, "s11:api-cycle-list",
               {"partnership": cast.p2.pk}).status_code == 404
    assert return_ids(client_for, cast.bu_manager, cycle=cast.cycle1.pk,
                      status="draft") == {cast.return_a.pk}
    assert get(client_for, cast.bu_manager, "s11:api-return-list",
               {"status": "lost"}).status_code == 400


def test_the_shared_return_lists_the_requests_each_caller_may_see(cast, client_for):
    def requests(who):
        data = get(client_for, cast.users[who], "s11:api-return-detail",
                   pk=cast.return_police.pk).json()
        return [(r["cycle"], r["partnership"], r["due_on"]) for r in data["requests"]]

    p1 = (cast.cycle1.pk, cast.p1.pk, "2025-12-19")
    p2 = (cast.cycle2.pk, cast.p2.pk, "2026-01-30")
    assert requests("lead_police") == [p1, p2]
    assert requests("bu_manager") == [p1]
    assert requests("bu_p2") == [p2]


def test_return_shape(cast, client_for):
    data = get(client_for, cast.bu_manager, "s11:api-return-detail", pk=cast.return_a.pk).json()
    standard = cast.s11_standard1
    assert data == {
        "id": cast.return_a.pk, "agency": cast.agency_a.pk, "agency_name": "Agency A Academy",
        "template": {"id": cast.s11_template.pk, "name": cast.s11_template.name, "version": 1,
                     "kind": "section_11", "scale": "rag"},
        "status": "draft", "version": 1,
        "requests": [{"cycle": cast.cycle1.pk, "partnership": cast.p1.pk,
                      "due_on": "2025-12-19"}],
        "answers": [{"standard": "1", "standard_id": standard.pk, "rating": 2,
                     "rating_label": "Amber: partly met", "narrative": "CNRY-RETURN-A-DRAFT",
                     "evidence": [], "by_question": False, "questions": []}],
        "plan": [], "returned_comment": "", "submitted_at": None, "signed_off_by": None,
        "signed_off_by_name": None, "signed_off_at": None}
    police = get(client_for, cast.scrutineer, "s11:api-return-detail",
                 pk=cast.return_police.pk).json()
    assert police["status"] == "submitted" and police["submitted_at"]
    assert len(police["answers"]) == 8
    assert police["answers"][0]["evidence"][0]["link"] == "https://police.example/policy"
    assert set(police["answers"][0]["evidence"][0]) == {"id", "title", "link", "filename",
                                                         "question_id"}


def test_cycles_and_their_counts(cast, client_for):
    overdue_a = int(timezone.localdate() > D(2025, 12, 19))
    overdue_x = int(timezone.localdate() > D(2026, 1, 30))
    rows = results(get(client_for, cast.bu_manager, "s11:api-cycle-list"))
    assert rows == [{
        "id": cast.cycle1.pk, "partnership": cast.p1.pk, "name": "P1 Section 11 2025",
        "template": {"id": cast.s11_template.pk, "name": cast.s11_template.name, "version": 1,
                     "kind": "section_11", "scale": "rag"},
        "opens_on": "2025-09-01", "closes_on": "2025-12-19",
        "counts": {"asked": 2, "started": 2, "submitted": 1, "signed_off": 0,
                   "overdue": overdue_a}}]
    for who in P1_ROLES:
        assert [c["id"] for c in results(get(client_for, cast.users[who],
                                             "s11:api-cycle-list"))] == [cast.cycle1.pk]
    # Agency staff: the cycles that asked their agency, counting their own return only.
    [mine] = results(get(client_for, cast.lead_a, "s11:api-cycle-list"))
    assert mine["counts"] == {"asked": 1, "started": 1, "submitted": 0, "signed_off": 0,
                              "overdue": overdue_a}
    police = results(get(client_for, cast.lead_police, "s11:api-cycle-list"))
    assert {c["id"] for c in police} == {cast.cycle1.pk, cast.cycle2.pk}
    assert all(c["counts"]["asked"] == 1 and c["counts"]["submitted"] == 1 for c in police)
    [p2] = results(get(client_for, cast.bu_p2, "s11:api-cycle-list"))
    assert p2["counts"] == {"asked": 2, "started": 1, "submitted": 1, "signed_off": 0,
                            "overdue": overdue_x}
    assert results(get(client_for, cast.outsider, "s11:api-cycle-list")) == []
    assert get(client_for, cast.lead_x, "s11:api-cycle-detail",
               pk=cast.cycle1.pk).status_code == 404
    detail = get(client_for, cast.lead_x, "s11:api-cycle-detail", pk=cast.cycle2.pk)
    assert detail.status_code == 200 and detail.json()["counts"]["asked"] == 1


# --- Answering ---------------------------------------------------------------------------

def test_answer_saves_with_the_version_and_refuses_a_stale_one(cast, client_for):
    standard2 = cast.s11_template.standards.get(number="2")
    version = cast.return_a.version
    saved = post(client_for, cast.lead_a, "s11:api-return-answers",
                 {"standard_id": standard2.pk, "rating": 3, "narrative": "Policy on the intranet",
                  "version": version}, pk=cast.return_a.pk)
    assert saved.status_code == 201, saved.content
    assert saved.json() == {"version": version + 1, "answer": {
        "standard": "2", "standard_id": standard2.pk, "rating": 3,
        "rating_label": "Green: fully met", "narrative": "Policy on the intranet",
        "evidence": [], "by_question": False, "questions": []}}
    # A colleague started from the old version: nothing of theirs is saved.
    stale = post(client_for, cast.contributor_a, "s11:api-return-answers",
                 {"standard_id": standard2.pk, "rating": 1, "narrative": "Overwritten",
                  "version": version}, pk=cast.return_a.pk)
    assert stale.status_code == 409
    assert stale.json() == {"detail": CONFLICT, "version": version + 1}
    answer = Answer.objects.get(assessment=cast.return_a, standard=standard2)
    assert (answer.rating, answer.narrative) == (3, "Policy on the intranet")
    # Omitted fields keep their value; null clears the rating.
    kept = post(client_for, cast.contributor_a, "s11:api-return-answers",
                {"standard_id": standard2.pk, "rating": None, "version": version + 1},
                pk=cast.return_a.pk)
    assert kept.status_code == 201
    assert kept.json()["answer"]["rating"] is None
    assert kept.json()["answer"]["narrative"] == "Policy on the intranet"


def test_invalid_answers_change_nothing(cast, client_for):
    other = Standard.objects.exclude(template=cast.s11_template).first()
    version = cast.return_a.version
    url = {"pk": cast.return_a.pk}
    for body, field in (
        ({"standard_id": cast.s11_standard1.pk, "rating": 9, "version": version}, "rating"),
        ({"standard_id": other.pk, "rating": 1, "version": version}, "standard_id"),
        ({"standard_id": "one", "version": version}, "standard_id"),
        ({"standard_id": cast.s11_standard1.pk, "rating": 1}, "version"),
        ({"standard_id": cast.s11_standard1.pk, "rating": "red", "version": version}, "rating"),
    ):
        response = post(client_for, cast.lead_a, "s11:api-return-answers", body, **url)
        assert response.status_code == 400, (body, response.content)
        assert field in response.json(), response.json()
    cast.return_a.refresh_from_db()
    assert cast.return_a.version == version


def test_who_may_answer(cast, client_for):
    body = {"standard_id": cast.s11_standard1.pk, "rating": 3, "version": 1}
    for who in ("bu_manager", "chief_a"):  # they see the draft, but do not write it
        assert post(client_for, cast.users[who], "s11:api-return-answers", body,
                    pk=cast.return_a.pk).status_code == 403, who
    for who in ("lead_police", "scrutineer", "lead_x", "bu_p2", "outsider"):
        assert post(client_for, cast.users[who], "s11:api-return-answers", body,
                    pk=cast.return_a.pk).status_code == 404, who
    # The police return is submitted: no longer changed, even by its lead.
    assert post(client_for, cast.lead_police, "s11:api-return-answers",
                {**body, "version": cast.return_police.version},
                pk=cast.return_police.pk).status_code == 403
    assert client_for(None).post(reverse("s11:api-return-answers", kwargs={"pk": cast.return_a.pk}),
                                 body, content_type="application/json").status_code == 401
    assert client_for(cast.lead_a).get(reverse("s11:api-return-answers", kwargs={
        "pk": cast.return_a.pk})).status_code == 405


# --- Submitting and signing off ------------------------------------------------------

def test_submit_lists_what_is_missing(cast, client_for):
    version = cast.return_a.version
    response = post(client_for, cast.lead_a, "s11:api-return-submit", {"version": version},
                    pk=cast.return_a.pk)
    assert response.status_code == 400
    missing = response.json()["missing"]
    assert missing == [message for _, message in returns.missing(cast.return_a)]
    assert missing[0].startswith("Standard 1 (") and "describe" not in missing[0]
    assert any(m.startswith("Standard 8 (") and m.endswith("choose a rating") for m in missing)
    assert Return.objects.get(pk=cast.return_a.pk).status == "draft"
    assert post(client_for, cast.contributor_a, "s11:api-return-submit", {"version": version},
                pk=cast.return_a.pk).status_code == 403
    assert post(client_for, cast.lead_a, "s11:api-return-submit", {},
                pk=cast.return_a.pk).status_code == 400


def test_submit_and_sign_off(cast, client_for):
    complete(cast, cast.return_a, cast.lead_a)
    assert post(client_for, cast.lead_a, "s11:api-return-submit",
                {"version": cast.return_a.version - 1}, pk=cast.return_a.pk).status_code == 409
    # Not submitted yet: the chief officer cannot sign it off.
    early = post(client_for, cast.chief_a, "s11:api-return-sign-off", pk=cast.return_a.pk)
    assert early.status_code == 400
    submitted = post(client_for, cast.lead_a, "s11:api-return-submit",
                     {"version": cast.return_a.version}, pk=cast.return_a.pk)
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["status"] == "submitted"
    assert submitted.json()["version"] == cast.return_a.version + 1
    # Partners now see it; only the chief officer signs off.
    assert cast.return_a.pk in return_ids(client_for, cast.scrutineer)
    for who in ("lead_a", "contributor_a", "bu_manager", "lsp", "scrutineer"):
        assert post(client_for, cast.users[who], "s11:api-return-sign-off",
                    pk=cast.return_a.pk).status_code == 403, who
    for who in ("lead_police", "lead_x", "bu_p2", "outsider"):
        assert post(client_for, cast.users[who], "s11:api-return-sign-off",
                    pk=cast.return_a.pk).status_code == 404, who
    signed = post(client_for, cast.chief_a, "s11:api-return-sign-off", pk=cast.return_a.pk)
    assert signed.status_code == 200, signed.content
    data = signed.json()
    assert data["status"] == "signed_off" and data["signed_off_at"]
    assert data["signed_off_by"] == cast.chief_a.pk
    assert data["signed_off_by_name"] == cast.chief_a.full_name
    again = post(client_for, cast.chief_a, "s11:api-return-sign-off", pk=cast.return_a.pk)
    assert again.status_code == 400
    # Locked: no more answers.
    assert post(client_for, cast.lead_a, "s11:api-return-answers",
                {"standard_id": cast.s11_standard1.pk, "rating": 1, "version": data["version"]},
                pk=cast.return_a.pk).status_code == 403


def test_sign_off_puts_the_plan_on_the_register(cast, client_for):
    assessment = complete(cast, cast.return_a, cast.lead_a)
    returns.answer_save(assessment=assessment, standard=cast.s11_standard1, user=cast.lead_a,
                        version=assessment.version, rating=2, narrative="Partly")
    returns.plan_item_add(assessment=assessment, user=cast.lead_a, version=assessment.version + 1,
                          action="Name a board lead", due_on=D(2026, 3, 31), owner="Head",
                          standard=cast.s11_standard1)
    assessment.refresh_from_db()
    assert post(client_for, cast.lead_a, "s11:api-return-submit",
                {"version": assessment.version}, pk=assessment.pk).status_code == 200
    data = post(client_for, cast.chief_a, "s11:api-return-sign-off", pk=assessment.pk).json()
    assert data["plan"] == [{"standard": "1", "action": "Name a board lead", "owner": "Head",
                             "due_on": "2026-03-31"}]
    assert Action.objects.filter(partnership=cast.p1, description="Name a board lead",
                                 owner_agency=cast.agency_a).count() == 1


# --- Query counts ------------------------------------------------------------------------

def add_returns(cast, n):
    """n more agencies of P1, asked in cycle1, each with a saved answer and evidence."""
    start = Request.objects.count()
    agencies = []
    for i in range(start, start + n):
        agency = structure.agency_create(name=f"Agency {i:03d}", sector="health")
        structure.designation_create(partnership=cast.p1, agency=agency, kind="relevant_agency",
                                     start_date=D(2020, 4, 1))
        agencies.append(agency)
    for made in cycles.requests_add(cycle=cast.cycle1, agencies=agencies):
        returns.answer_save(assessment=made.assessment, standard=cast.s11_standard1,
                            user=cast.bu_manager, version=0, rating=2, narrative="Partly")
        returns.evidence_add(assessment=made.assessment, standard=cast.s11_standard1,
                             user=cast.bu_manager, version=1, title="Policy",
                             link="https://a.example/p")
        returns.plan_item_add(assessment=made.assessment, user=cast.bu_manager, version=2,
                              action="Do better", due_on=D(2026, 6, 1),
                              standard=cast.s11_standard1)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("name", ["s11:api-return-list", "s11:api-cycle-list"])
@pytest.mark.parametrize("who", ["bu_manager", "lead_police", "scrutineer"])
def test_list_queries_do_not_grow(cast, client_for, name, who):
    client = client_for(cast.users[who])
    url = reverse(name)
    add_returns(cast, 2)
    client.get(url)
    few, _ = count_queries(client, url)
    add_returns(cast, 8)
    many, response = count_queries(client, url)
    assert few == many, f"{few} queries for a few rows, {many} for more"
    if name == "s11:api-return-list" and who == "bu_manager":
        assert response.json()["count"] == 12
