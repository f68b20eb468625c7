"""Role x route cases for answering Section 11 question by question, changing an action plan
item and the printable copy (HTML and PDF) of a return (see tests/matrix.py for the helpers
and rules).

`question_return(c)` makes, through the services, P1's own template whose standard 1 is
answered question by question, and a cycle on it asking agency A: A's draft on it is for
A's staff and P1's business unit; A's lead and contributor write, the others who see it
get 403. The printable copy has the return page's audience (another agency's: 404)."""

import datetime

from .cast import A_STAFF, P1_BU, P1_ROLES
from .matrix import Case, api, expect

READ_A = (*P1_BU, *A_STAFF)
EDIT_A = ("lead_a", "contributor_a")
SEE_A_NOT_EDIT = (*P1_BU, "chief_a")
READ_POLICE = (*P1_ROLES, "lead_police")


def _once(c, name, make):
    if name not in c.__dict__:
        setattr(c, name, make())
    return c.__dict__[name]


def question_return(c):
    """Agency A's draft on P1's template whose standard 1 is answered question by question
    (`c.q_standard`, its questions `c.q_questions`)."""
    from agencies.services import cycles, templates

    def make():
        template = templates.template_copy(template=c.s11_template, partnership=c.p1,
                                           name="P1 questions")
        standard = template.standards.order_by("position", "pk").first()
        templates.standard_update(standard=standard, rate_questions=True)
        cycle = cycles.cycle_create(partnership=c.p1, template=template, name="P1 questions 2026",
                                    opens_on=datetime.date(2026, 9, 1),
                                    closes_on=datetime.date(2026, 12, 18), agencies=[c.agency_a])
        c.q_standard = standard
        c.q_questions = list(standard.questions.order_by("position", "pk"))
        return cycle.requests.get(agency=c.agency_a).assessment
    return _once(c, "q_return", make)


def _q(c, **extra):
    assessment = question_return(c)
    return {"slug": c.p1.slug, "pk": assessment.pk, "question_pk": c.q_questions[0].pk, **extra}


def _standard_page(c):
    return {"slug": c.p1.slug, "pk": question_return(c).pk, "standard_pk": c.q_standard.pk}


def _q_version(c):
    assessment = question_return(c)
    assessment.refresh_from_db()
    return assessment.version


def _a(c, **extra):
    return {"slug": c.p1.slug, "pk": c.return_a.pk, **extra}


def _plan_item(c):
    from agencies.services import returns

    def make():
        c.return_a.refresh_from_db()
        return returns.plan_item_add(assessment=c.return_a, user=c.lead_a,
                                     version=c.return_a.version, action="Name a board lead",
                                     due_on=datetime.date(2031, 3, 31))
    return _a(c, item_pk=_once(c, "q_plan_item", make).pk)


def _police(c):
    return {"slug": c.p1.slug, "pk": c.return_police.pk}


INVALID_ANSWER = {"rating": "9", "narrative": "x", "version": "1"}
INVALID_PLAN = {"action": "", "due_on_0": "31", "due_on_1": "2", "due_on_2": "2031",
                "version": "1"}


def _api_answer(c):
    version = _q_version(c)
    return {"question_id": c.q_questions[0].pk, "rating": 3, "narrative": "Named lead",
            "version": version}


CASES = [
    # A standard answered question by question: its page lists the questions
    Case("s11:answer", expect(READ_A), kwargs=_standard_page, note="by question"),
    Case("s11:answer", expect(EDIT_A, forbidden=SEE_A_NOT_EDIT), kwargs=_standard_page,
         method="post", data={"rating": "3", "narrative": "x", "version": "1"},
         note="by question: one answer refused"),
    # A question's answer
    Case("s11:question-answer", expect(READ_A), kwargs=_q, note="A"),
    Case("s11:question-answer", expect(EDIT_A, forbidden=SEE_A_NOT_EDIT), kwargs=_q,
         method="post", data=INVALID_ANSWER, note="invalid"),
    Case("s11:question-answer", expect(()), kwargs=lambda c: _q(c, question_pk=999999),
         note="missing"),
    Case("s11:question-answer", expect(()),
         kwargs=lambda c: {**_q(c), "question_pk": c.s11_standard1.questions.first().pk},
         note="another template's question"),
    Case("s11:question-answer", expect(()),
         kwargs=lambda c: {**_a(c), "question_pk": c.s11_standard1.questions.first().pk},
         note="a prompt, not answered on its own"),
    # Its evidence
    Case("s11:question-evidence-add", expect(EDIT_A, forbidden=SEE_A_NOT_EDIT), kwargs=_q),
    Case("s11:question-evidence-add", expect(EDIT_A, forbidden=SEE_A_NOT_EDIT), kwargs=_q,
         method="post", data={"title": "", "link": "not a link", "version": "1"},
         note="invalid"),
    # Changing an action plan item
    Case("s11:plan-edit", expect(EDIT_A, forbidden=SEE_A_NOT_EDIT), kwargs=_plan_item),
    Case("s11:plan-edit", expect(EDIT_A, forbidden=SEE_A_NOT_EDIT), kwargs=_plan_item,
         method="post", data=INVALID_PLAN, note="invalid"),
    Case("s11:plan-edit", expect(()), kwargs=lambda c: _a(c, item_pk=999999), note="missing"),
    # The printable copy and its PDF
    Case("s11:return-print", expect(READ_A), kwargs=_a, note="A's draft"),
    Case("s11:return-print", expect(READ_POLICE), kwargs=_police, note="police"),
    Case("s11:return-print", expect(()),
         kwargs=lambda c: {"slug": c.p1.slug, "pk": c.return_x.pk}, note="X via P1"),
    Case("s11:return-pdf", expect(READ_A), kwargs=_a, note="A's draft"),
    Case("s11:return-pdf", expect(()),
         kwargs=lambda c: {"slug": c.p1.slug, "pk": c.return_x.pk}, note="X via P1"),
    # The API: A's lead saves (201); the contributor then sends the same, now stale,
    # version (409); those who see the draft but do not write it: 403.
    Case("s11:api-return-questions",
         expect(("lead_a",), code=201, forbidden=SEE_A_NOT_EDIT, anon=401,
                overrides={"contributor_a": 409}),
         kwargs=lambda c: {"pk": question_return(c).pk}, method="post", data=_api_answer,
         json=True, note="saved, then stale"),
    Case("s11:api-return-questions",
         expect(EDIT_A, code=400, forbidden=SEE_A_NOT_EDIT, anon=401),
         kwargs=lambda c: {"pk": question_return(c).pk}, method="post",
         data=lambda c: {**_api_answer(c), "rating": 9}, json=True, note="invalid rating"),
    Case("s11:api-return-questions",
         expect(EDIT_A, code=400, forbidden=SEE_A_NOT_EDIT, anon=401),
         kwargs=lambda c: {"pk": c.return_a.pk}, method="post",
         data=lambda c: {"question_id": c.s11_standard1.questions.first().pk, "rating": 3,
                         "version": 1}, json=True, note="a prompt, not answered on its own"),
    Case("s11:api-return-questions", api(code=405),
         kwargs=lambda c: {"pk": question_return(c).pk}, note="GET is refused"),
]
