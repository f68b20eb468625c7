"""Role x route cases for Section 11 moderation, challenge events and analysis (see
tests/matrix.py for the helpers and rules).

The cast: return_police is submitted and shared by P1's cycle1 and P2's cycle2; return_a
is agency A's draft in cycle1; return_x is agency X's draft in cycle2. Challenge events
are made here: one in cycle1 inviting agency A, one inviting the police, one in cycle2
inviting agency X."""

import datetime

from .cast import A_STAFF, P1_BU
from .matrix import P1_NOT_BU, P1_VISIBLE, P2_VISIBLE, Case, expect

P1_READERS = ("lsp", "dsp", "chair", "scrutineer")
DAY = {"held_on_0": "3", "held_on_1": "11", "held_on_2": "2025"}
DUE = {"due_on_0": "1", "due_on_1": "6", "due_on_2": "2026"}


def p1(c):
    return {"slug": c.p1.slug}


def p2(c):
    return {"slug": c.p2.slug}


def _event(c, cycle, agency, title):
    from agencies.models import ChallengeEvent
    from agencies.services import challenge

    return (ChallengeEvent.objects.filter(cycle=cycle, title=title).first()
            or challenge.event_create(cycle=cycle, title=title, held_on=datetime.date(2025, 11, 3),
                                      agencies=[agency], outcome="Outcome"))


def event_a(c):
    return _event(c, c.cycle1, c.agency_a, "Challenge day A")


def event_police(c):
    return _event(c, c.cycle1, c.police, "Challenge day police")


def event_x(c):
    return _event(c, c.cycle2, c.agency_x, "Challenge day X")


def _return(partnership, name):
    return lambda c: {"slug": getattr(c, partnership).slug, "pk": getattr(c, name).pk}


def _moderation(c):
    return {f"rating-{c.s11_standard1.pk}": "2", f"feedback-{c.s11_standard1.pk}": "Show the plan"}


def _event_kwargs(partnership, make):
    return lambda c: {"slug": getattr(c, partnership).slug, "pk": make(c).pk}


def _cycle(partnership, name):
    return lambda c: {"slug": getattr(c, partnership).slug, "cycle_pk": getattr(c, name).pk}


MODERATE_FORBIDDEN = (*P1_READERS, "lead_police")
EVENT_A_FORBIDDEN = (*P1_READERS, *A_STAFF)

CASES = [
    # Moderation: the business unit of a partnership that asked for a submitted return.
    Case("s11:moderate", expect(P1_BU, forbidden=MODERATE_FORBIDDEN),
         kwargs=_return("p1", "return_police"), note="police via P1"),
    Case("s11:moderate", expect(P1_BU, code=302, forbidden=MODERATE_FORBIDDEN),
         kwargs=_return("p1", "return_police"), method="post", data=_moderation,
         note="police via P1"),
    Case("s11:moderate", expect(P1_BU, forbidden=MODERATE_FORBIDDEN),
         kwargs=_return("p1", "return_police"), method="post",
         data=lambda c: {f"rating-{c.s11_standard1.pk}": "9"}, note="invalid rating"),
    Case("s11:moderate", expect(P1_BU, forbidden=MODERATE_FORBIDDEN),
         kwargs=_return("p1", "return_police"), method="post", data={}, note="nothing chosen"),
    Case("s11:moderate", expect(("bu_p2",), forbidden=("lead_police",)),
         kwargs=_return("p2", "return_police"), note="police via P2"),
    Case("s11:moderate", expect(("bu_p2",), code=302, forbidden=("lead_police",)),
         kwargs=_return("p2", "return_police"), method="post", data=_moderation,
         note="police via P2"),
    Case("s11:moderate", expect((), forbidden=(*P1_BU, *A_STAFF)),
         kwargs=_return("p1", "return_a"), note="draft A"),
    Case("s11:moderate", expect((), forbidden=(*P1_BU, *A_STAFF)),
         kwargs=_return("p1", "return_a"), method="post", data=_moderation, note="draft A"),
    Case("s11:moderate", expect(()), kwargs=_return("p1", "return_x"), method="post",
         data=_moderation, note="X via P1"),
    Case("s11:moderate", expect(()), kwargs=lambda c: {**p1(c), "pk": 999999}, note="missing"),
    Case("s11:feedback", expect(("bu_p2", "lead_x")), kwargs=_return("p2", "return_x"),
         note="X via P2"),
    Case("s11:feedback", expect((*P1_BU, "lsp", "dsp", "chair", "scrutineer", "lead_police")),
         kwargs=_return("p1", "return_police"), note="police via P1"),
    Case("s11:feedback", expect(("bu_p2", "lead_police")), kwargs=_return("p2", "return_police"),
         note="police via P2"),
    Case("s11:feedback", expect((*P1_BU, *A_STAFF)), kwargs=_return("p1", "return_a"),
         note="draft A"),
    Case("s11:feedback", expect(()), kwargs=_return("p1", "return_x"), note="X via P1"),
    # Challenge events: the business unit writes, readers read, invited agencies read theirs.
    Case("s11:challenge-list", expect(P1_VISIBLE), kwargs=p1, note="P1"),
    Case("s11:challenge-list", expect(P2_VISIBLE), kwargs=p2, note="P2"),
    Case("s11:challenge-create", expect(P1_BU, forbidden=P1_NOT_BU), kwargs=p1),
    Case("s11:challenge-create", expect(P1_BU, code=302, forbidden=P1_NOT_BU), kwargs=p1,
         method="post", data=lambda c: {"cycle": c.cycle1.pk, "title": "Challenge day", **DAY,
                                        "agencies": [c.agency_a.pk, c.police.pk]}),
    Case("s11:challenge-create", expect(P1_BU, forbidden=P1_NOT_BU), kwargs=p1, method="post",
         data={"title": "", "held_on_0": "31", "held_on_1": "2", "held_on_2": "2025"},
         note="invalid"),
    Case("s11:challenge-create", expect(P1_BU, forbidden=P1_NOT_BU), kwargs=p1, method="post",
         data=lambda c: {"cycle": c.cycle2.pk, "title": "Taken over", **DAY,
                         "agencies": [c.agency_x.pk]}, note="P2 cycle and agency via P1"),
    Case("s11:challenge-create", expect(("bu_p2",), forbidden=("lead_x", "lead_police")),
         kwargs=p2, method="post", data=lambda c: {"cycle": c.cycle1.pk, "title": "Taken over",
                                                   **DAY, "agencies": [c.agency_a.pk]},
         note="P1 cycle and agency via P2"),
    Case("s11:challenge", expect((*P1_BU, *P1_READERS, *A_STAFF)),
         kwargs=_event_kwargs("p1", event_a), note="A invited"),
    Case("s11:challenge", expect((*P1_BU, *P1_READERS, "lead_police")),
         kwargs=_event_kwargs("p1", event_police), note="police invited"),
    Case("s11:challenge", expect(("bu_p2", "lead_x")), kwargs=_event_kwargs("p2", event_x),
         note="X in P2"),
    Case("s11:challenge", expect(()), kwargs=_event_kwargs("p1", event_x), note="P2 event via P1"),
    Case("s11:challenge", expect(()), kwargs=lambda c: {**p1(c), "pk": 999999}, note="missing"),
    Case("s11:challenge-edit", expect(P1_BU, forbidden=EVENT_A_FORBIDDEN),
         kwargs=_event_kwargs("p1", event_a)),
    Case("s11:challenge-edit", expect(P1_BU, code=302, forbidden=EVENT_A_FORBIDDEN),
         kwargs=_event_kwargs("p1", event_a), method="post",
         data={"title": "Challenge day A", **DAY, "outcome": "Escalation policy not known"}),
    Case("s11:challenge-edit", expect(P1_BU, forbidden=EVENT_A_FORBIDDEN),
         kwargs=_event_kwargs("p1", event_a), method="post",
         data={"title": "", "held_on_0": "40", "held_on_1": "1", "held_on_2": "2025"},
         note="invalid"),
    Case("s11:challenge-edit", expect(()), kwargs=_event_kwargs("p1", event_x), method="post",
         data={"title": "Taken over", **DAY}, note="P2 event via P1"),
    Case("s11:challenge-action-add", expect(P1_BU, forbidden=EVENT_A_FORBIDDEN),
         kwargs=_event_kwargs("p1", event_a)),
    Case("s11:challenge-action-add", expect(P1_BU, code=302, forbidden=EVENT_A_FORBIDDEN),
         kwargs=_event_kwargs("p1", event_a), method="post",
         data=lambda c: {"description": "Brief staff on escalation",
                         "owner_agency": c.agency_a.pk, **DUE}),
    Case("s11:challenge-action-add", expect(P1_BU, forbidden=EVENT_A_FORBIDDEN),
         kwargs=_event_kwargs("p1", event_a), method="post",
         data=lambda c: {"description": "Taken over", "owner_agency": c.agency_x.pk, **DUE},
         note="P2 agency as owner"),
    Case("s11:challenge-action-add", expect(P1_BU, forbidden=EVENT_A_FORBIDDEN),
         kwargs=_event_kwargs("p1", event_a), method="post", data={"description": ""},
         note="invalid"),
    Case("s11:challenge-action-add", expect(()), kwargs=_event_kwargs("p1", event_x),
         method="post", data=lambda c: {"description": "Taken over",
                                        "owner_agency": c.agency_x.pk, **DUE},
         note="P2 event via P1"),
    # Analysis and exports: readers see every agency, agency staff anonymised figures and
    # their own rows (tests/test_section11_analysis.py checks what each sees).
    Case("s11:analysis", expect(P1_VISIBLE), kwargs=_cycle("p1", "cycle1"), note="P1"),
    Case("s11:analysis", expect(P2_VISIBLE), kwargs=_cycle("p2", "cycle2"), note="P2"),
    Case("s11:analysis", expect(()), kwargs=_cycle("p1", "cycle2"), note="P2 cycle via P1"),
    Case("s11:analysis", expect(()), kwargs=lambda c: {**p1(c), "cycle_pk": 999999},
         note="missing"),
    Case("s11:year-on-year", expect(P1_VISIBLE), kwargs=p1, note="P1"),
    Case("s11:year-on-year", expect(P2_VISIBLE), kwargs=p2, note="P2"),
    Case("s11:year-on-year", expect(P1_VISIBLE), kwargs=p1, query="?kind=nonsense",
         note="unknown kind"),
    Case("s11:export-csv", expect(P1_VISIBLE), kwargs=_cycle("p1", "cycle1"), note="P1"),
    Case("s11:export-csv", expect(P2_VISIBLE), kwargs=_cycle("p2", "cycle2"), note="P2"),
    Case("s11:export-csv", expect(()), kwargs=_cycle("p1", "cycle2"), note="P2 cycle via P1"),
    Case("s11:export-xlsx", expect(P1_VISIBLE), kwargs=_cycle("p1", "cycle1"), note="P1"),
    Case("s11:export-xlsx", expect(()), kwargs=_cycle("p1", "cycle2"), note="P2 cycle via P1"),
]
