"""Role x route cases for a notification's children and its DfE form export (see
tests/matrix.py for the helpers and rules).

The children's characteristics are special category data: on P1's case1 the business unit
sees them (nobody in the cast holds a case grant); everyone else who sees the case gets 403,
everyone else 404. Through P1's address, P2's case is 404 to all.
"""

from reviews.models import NotifiedChild
from reviews.services import notifications

from .cast import P1_BU
from .matrix import Case, expect
from .matrix_reviews import CASE1_NOT_BU, case1, p2_case_via_p1

CHILD = {"pseudonym": "Child A", "age_band": "1_4", "sex": "female", "ethnicity": "white",
         "disability": "no", "legal_status": "child_in_need", "placement": "parents",
         "known_to_agencies": "yes", "abuse_or_neglect": "suspected",
         "home_local_authority": "Northshire"}


def child1(c):
    """case1's notified child, made once per cast."""
    if "notified_child1" not in c.__dict__:
        child = NotifiedChild.objects.filter(notification=c.case1).first()
        c.__dict__["notified_child1"] = child or notifications.notified_child_add(
            notification=c.case1, **CHILD)
    return c.__dict__["notified_child1"]


def with_child(c):
    return case1(c, child_pk=child1(c).pk)


def case1_with_child(c):
    """case1's address, its child made first (so that the page shows one)."""
    child1(c)
    return case1(c)


def sees(name, kwargs, method="get", data=None, note="", code=200):
    """A page of case1's children: the business unit; 403 for others who see the case."""
    return Case(name, expect(P1_BU, forbidden=CASE1_NOT_BU, code=code), kwargs=kwargs,
                method=method, data=data, note=note)


def p2_via_p1(name, method="get", data=None, child=False):
    def kwargs(c):
        more = {"child_pk": child1(c).pk} if child else {}
        return {**p2_case_via_p1(c), **more}
    return Case(name, expect(()), kwargs=kwargs, method=method, data=data, note="P2 via P1")


CASES = [
    sees("reviews:notified-children", case1_with_child),
    p2_via_p1("reviews:notified-children"),
    sees("reviews:notified-child-add", case1),
    sees("reviews:notified-child-add", case1, "post", {**CHILD, "age_band": "18_24"},
         "invalid"),
    p2_via_p1("reviews:notified-child-add", "post", CHILD),
    sees("reviews:notified-child-edit", with_child),
    sees("reviews:notified-child-edit", with_child, "post", {**CHILD, "sex": "x"}, "invalid"),
    Case("reviews:notified-child-edit", expect((), forbidden=CASE1_NOT_BU),
         kwargs=lambda c: case1(c, child_pk=999999), note="missing child"),
    p2_via_p1("reviews:notified-child-edit", "post", CHILD, child=True),
    # The only child is never removed (refused, back to the children page).
    sees("reviews:notified-child-remove", with_child, "post", note="the only child", code=302),
    Case("reviews:notified-child-remove", expect((), forbidden=CASE1_NOT_BU),
         kwargs=lambda c: case1(c, child_pk=999999), method="post", note="missing child"),
    p2_via_p1("reviews:notified-child-remove", "post", child=True),
    sees("reviews:dfe-form", case1_with_child),
    p2_via_p1("reviews:dfe-form"),
    sees("reviews:dfe-form-text", case1_with_child),
    p2_via_p1("reviews:dfe-form-text"),
]
