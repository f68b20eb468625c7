"""Role x route cases for Section 11 cycles, templates and extensions (see tests/matrix.py
for the helpers and rules).

In the cast, P1's cycle1 asks agency A (a draft) and the police (submitted, shared with
P2's cycle2, which also asks agency X). Partnership roles read cycles and templates; the
business unit writes; agency staff see the cycles that asked their agency (templates: 404).
Records the cast does not have (own templates, an extension request) are made by the
case's kwargs, through the services, before anyone is asked.
"""

import datetime

from .cast import A_STAFF, P1_BU, P1_ROLES
from .matrix import P1_VISIBLE, SIGNED_IN, Case, expect

P1_NOT_BU = tuple(u for u in P1_VISIBLE if u not in P1_BU)
READERS_NOT_BU = tuple(u for u in P1_ROLES if u not in P1_BU)
P2_VISIBLE = ("bu_p2", "lead_x", "lead_police")


def p1(c):
    return {"slug": c.p1.slug}


def _once(c, name, make):
    if name not in c.__dict__:
        setattr(c, name, make())
    return c.__dict__[name]


def own_template(c):
    """P1's own copy of the library Section 11 template (editable)."""
    from agencies.services import templates

    return _once(c, "s11_own", lambda: templates.template_copy(
        template=c.s11_template, partnership=c.p1, name="P1 Section 11 standards"))


def frozen_template(c):
    """P1's own template used by a cycle (frozen)."""
    from agencies.services import cycles, templates

    def make():
        template = templates.template_copy(template=c.s11_template, partnership=c.p1,
                                           name="P1 frozen standards")
        cycles.cycle_create(partnership=c.p1, template=template, name="P1 2027 cycle",
                            opens_on=datetime.date(2027, 1, 4),
                            closes_on=datetime.date(2027, 3, 26))
        template.refresh_from_db()
        return template

    return _once(c, "s11_frozen", make)


def p2_template(c):
    from agencies.services import templates

    return _once(c, "s11_p2", lambda: templates.template_copy(
        template=c.s11_template, partnership=c.p2, name="P2 Section 11 standards"))


def extension_a(c):
    """Agency A's lead asks for more time on its P1 request."""
    from agencies.services import cycles

    return _once(c, "s11_extension_a", lambda: cycles.extension_ask(
        request=c.request_a, user=c.lead_a, until=datetime.date(2026, 1, 30),
        reason="Our safeguarding lead is new in post"))


def cycle(c, which="cycle1", slug=None):
    return {"slug": slug or c.p1.slug, "pk": getattr(c, which).pk}


def template(c, t):
    return {"slug": c.p1.slug, "pk": t.pk}


def standard_of(c, t):
    return {"slug": c.p1.slug, "pk": t.pk, "standard_pk": t.standards.order_by("position")[0].pk}


def question_of(c, t):
    from agencies.models import Question

    return {"slug": c.p1.slug, "pk": t.pk,
            "question_pk": Question.objects.filter(standard__template=t).order_by("pk")[0].pk}


def bu(code=200):
    """The business unit does it; other partnership roles and agency staff who see the
    record are refused; the rest get 404."""
    return expect(P1_BU, code=code, forbidden=P1_NOT_BU)


def bu_templates(code=200):
    """Templates: the business unit writes, partnership roles read, agency staff 404."""
    return expect(P1_BU, code=code, forbidden=READERS_NOT_BU)


def _template_write_cases():
    """Each template write: the form, an invalid POST (editable own template), a refused
    valid POST on the library template and on a frozen one."""
    cases = []
    valid = {
        "s11:template-edit": {"name": "Changed", "scale": "rag", "action_below": "3",
                              "guidance": ""},
        "s11:standard-add": {"number": "9", "title": "A new standard"},
        "s11:standard-edit": {"number": "1", "title": "Changed title"},
        "s11:question-add": {"number": "1.9", "text": "A new question?"},
        "s11:question-edit": {"number": "1.1", "text": "Changed question?"},
    }
    invalid = {
        "s11:template-edit": {"name": "", "scale": "nonsense", "action_below": "9"},
        "s11:standard-add": {"number": "", "title": "", "position": "first"},
        "s11:standard-edit": {"number": "", "title": ""},
        "s11:question-add": {"number": "", "text": ""},
        "s11:question-edit": {"number": "1.1", "text": "", "position": "0"},
    }
    kwargs_for = {
        "s11:template-edit": template,
        "s11:standard-add": template,
        "s11:standard-edit": standard_of,
        "s11:question-add": standard_of,
        "s11:question-edit": question_of,
    }
    for name, make_kwargs in kwargs_for.items():
        own = lambda c, k=make_kwargs: k(c, own_template(c))  # noqa: E731
        library = lambda c, k=make_kwargs: k(c, c.s11_template)  # noqa: E731
        frozen = lambda c, k=make_kwargs: k(c, frozen_template(c))  # noqa: E731
        p2_via_p1 = lambda c, k=make_kwargs: k(c, p2_template(c))  # noqa: E731
        cases += [
            Case(name, bu_templates(), kwargs=own, note="own"),
            Case(name, bu_templates(), kwargs=own, method="post", data=invalid[name],
                 note="own, invalid"),
            Case(name, bu_templates(), kwargs=library, note="library"),
            Case(name, bu_templates(), kwargs=library, method="post", data=valid[name],
                 note="library refuses"),
            Case(name, bu_templates(), kwargs=frozen, method="post", data=valid[name],
                 note="frozen refuses"),
            Case(name, expect(()), kwargs=p2_via_p1, method="post", data=valid[name],
                 note="P2 template via P1"),
        ]
    return cases


CASES = [
    # Cycles
    Case("s11:cycle-list", expect(P1_VISIBLE), kwargs=p1, note="P1"),
    Case("s11:cycle-list", expect(P2_VISIBLE), kwargs=lambda c: {"slug": c.p2.slug}, note="P2"),
    Case("s11:cycle-create", bu(), kwargs=p1),
    Case("s11:cycle-create", bu(), kwargs=p1, method="post",
         data={"name": "", "template": "999999", "opens_on_0": "31", "opens_on_1": "2",
               "opens_on_2": "2026", "kinds": "nonsense"}, note="invalid"),
    Case("s11:cycle-create", bu(), kwargs=p1, method="post",
         data=lambda c: {"name": "Using P2's template", "template": str(p2_template(c).pk),
                         "opens_on_0": "1", "opens_on_1": "3", "opens_on_2": "2026",
                         "closes_on_0": "29", "closes_on_1": "5", "closes_on_2": "2026",
                         "kinds": "statutory"}, note="P2 template"),
    Case("s11:cycle", expect(P1_VISIBLE), kwargs=cycle, note="cycle1"),
    Case("s11:cycle", expect(P2_VISIBLE), kwargs=lambda c: cycle(c, "cycle2", c.p2.slug),
         note="cycle2 in P2"),
    Case("s11:cycle", expect(()), kwargs=lambda c: cycle(c, "cycle2"), note="cycle2 via P1"),
    Case("s11:cycle-edit", bu(), kwargs=cycle),
    Case("s11:cycle-edit", bu(), kwargs=cycle, method="post",
         data={"name": "", "opens_on_0": "1", "opens_on_1": "9", "opens_on_2": "2025",
               "closes_on_0": "1", "closes_on_1": "8", "closes_on_2": "2025"}, note="invalid"),
    Case("s11:cycle-edit", expect(()), kwargs=lambda c: cycle(c, "cycle2"), method="post",
         data={"name": "Taken over", "opens_on_0": "1", "opens_on_1": "9", "opens_on_2": "2025",
               "closes_on_0": "1", "closes_on_1": "12", "closes_on_2": "2025"},
         note="cycle2 via P1"),
    Case("s11:cycle-agencies", bu(), kwargs=cycle),
    Case("s11:cycle-agencies", bu(), kwargs=cycle, method="post",
         data=lambda c: {"kinds": "nonsense", "agencies": str(c.agency_x.pk)}, note="invalid"),
    Case("s11:cycle-agencies", bu(), kwargs=cycle, method="post", data={},
         note="nothing chosen"),
    Case("s11:cycle-agencies", expect(()), kwargs=lambda c: cycle(c, "cycle2"), method="post",
         data=lambda c: {"agencies": str(c.council2.pk)}, note="cycle2 via P1"),
    # Templates
    Case("s11:template-list", expect(P1_ROLES), kwargs=p1),
    Case("s11:template-list", expect(("bu_p2",)), kwargs=lambda c: {"slug": c.p2.slug},
         note="P2"),
    Case("s11:template", expect(P1_ROLES), kwargs=lambda c: template(c, c.s11_template),
         note="library"),
    Case("s11:template", expect(P1_ROLES), kwargs=lambda c: template(c, own_template(c)),
         note="own"),
    Case("s11:template", expect(()), kwargs=lambda c: template(c, p2_template(c)),
         note="P2 template via P1"),
    Case("s11:template", expect(()), kwargs=lambda c: {**p1(c), "pk": 999999}, note="missing"),
    Case("s11:template-copy", bu_templates(), kwargs=lambda c: template(c, c.s11_template)),
    Case("s11:template-copy", bu_templates(), kwargs=lambda c: template(c, c.s11_template),
         method="post", data={"name": ""}, note="invalid"),
    Case("s11:template-copy", bu_templates(), kwargs=lambda c: template(c, own_template(c)),
         method="post", data={"name": "P1 Section 11 standards"}, note="name taken"),
    Case("s11:template-copy", expect(()), kwargs=lambda c: template(c, p2_template(c)),
         method="post", data={"name": "Stolen"}, note="P2 template via P1"),
    Case("s11:template-new-version", bu_templates(302),
         kwargs=lambda c: template(c, frozen_template(c)), method="post", note="frozen own"),
    Case("s11:template-new-version", bu_templates(302),
         kwargs=lambda c: template(c, c.s11_template), method="post", note="library refuses"),
    Case("s11:template-new-version", bu_templates(302),
         kwargs=lambda c: template(c, own_template(c)), method="post", note="editable refuses"),
    Case("s11:template-new-version", expect(SIGNED_IN, code=405),
         kwargs=lambda c: template(c, frozen_template(c)), note="GET is refused"),
    Case("s11:template-new-version", expect(()), kwargs=lambda c: template(c, p2_template(c)),
         method="post", note="P2 template via P1"),
    *_template_write_cases(),
    Case("s11:standard-edit", expect(()),
         kwargs=lambda c: {**template(c, own_template(c)),
                           "standard_pk": c.s11_template.standards.all()[0].pk},
         method="post", data={"number": "1", "title": "Changed"},
         note="library standard via own template"),
    Case("s11:question-edit", expect(()),
         kwargs=lambda c: {**template(c, own_template(c)),
                           "question_pk": question_of(c, c.s11_template)["question_pk"]},
         method="post", data={"number": "1.1", "text": "Changed?"},
         note="library question via own template"),
    # Extensions
    Case("s11:extension-list", bu(), kwargs=p1),
    Case("s11:extension-list", expect(("bu_p2",), forbidden=("lead_x", "lead_police")),
         kwargs=lambda c: {"slug": c.p2.slug}, note="P2"),
    Case("s11:extension-ask", expect(("lead_a",), forbidden=(*P1_BU, "chief_a", "contributor_a")),
         kwargs=lambda c: {**p1(c), "request_pk": c.request_a.pk}, note="agency A"),
    Case("s11:extension-ask", expect(("lead_a",), forbidden=(*P1_BU, "chief_a", "contributor_a")),
         kwargs=lambda c: {**p1(c), "request_pk": c.request_a.pk}, method="post",
         data={"until_0": "31", "until_1": "2", "until_2": "2026", "reason": ""},
         note="agency A, invalid"),
    Case("s11:extension-ask", expect(("lead_police",), forbidden=P1_ROLES),
         kwargs=lambda c: {**p1(c), "request_pk": c.cycle1.requests.get(agency=c.police).pk},
         method="post", data={"until_0": "30", "until_1": "1", "until_2": "2026",
                              "reason": "More time"}, note="police, already submitted"),
    Case("s11:extension-ask", expect(()),
         kwargs=lambda c: {"slug": c.p2.slug, "request_pk": c.request_a.pk}, method="post",
         data={"until_0": "30", "until_1": "1", "until_2": "2026", "reason": "More time"},
         note="agency A's request via P2"),
    Case("s11:extension-decide", expect(P1_BU, forbidden=A_STAFF),
         kwargs=lambda c: {**p1(c), "pk": extension_a(c).pk}),
    Case("s11:extension-decide", expect(P1_BU, forbidden=A_STAFF),
         kwargs=lambda c: {**p1(c), "pk": extension_a(c).pk}, method="post",
         data={"decision": "refuse", "comment": ""}, note="refused without a reason"),
    Case("s11:extension-decide", expect(P1_BU, forbidden=A_STAFF),
         kwargs=lambda c: {**p1(c), "pk": extension_a(c).pk}, method="post",
         data={"decision": "maybe"}, note="invalid"),
    Case("s11:extension-decide", expect(()),
         kwargs=lambda c: {"slug": c.p2.slug, "pk": extension_a(c).pk}, method="post",
         data={"decision": "grant"}, note="P1 extension via P2"),
]
