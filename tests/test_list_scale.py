"""Every HTML list page answers in a pinned number of queries, the same whether the person
takes part in one partnership or in twelve (issue 14: a national agency such as CAFCASS
serves ~150). The business unit manager and the scrutineer of P1 also hold their role in
every partnership the national agency serves; CAFCASS's lead opens the lists of the first
of them. The lists are those of tests/test_every_list_paginates.py (every list route)."""

import pytest
from django.urls import reverse

from .test_api_scale import count, national
from .test_every_list_paginates import LISTS

# Queries per list page: P1's for the manager and the scrutineer (None: no access).
MANAGER = {
    "agency-list": 14, "arrangements:list": 16, "child-protection-team-list": 11,
    "governance:action-list": 14, "governance:decision-list": 13, "governance:meeting-list": 12,
    "people": 14, "reviews:case-list": 13, "reviews:national-review-list": 14,
    "reviews:practice-review-list": 14, "reviews:recommendation-list": 16,
    "reviews:theme-list": 15, "s11:challenge-list": 11, "s11:cycle-list": 13,
    "s11:extension-list": 12, "s11:return-list": 18, "s11:template-list": 12,
    "s11:year-on-year": 18, "scrutiny:activity-list": 13, "scrutiny:challenge-list": 14,
    "scrutiny:consultation-list": 12, "scrutiny:dataset-measure-list": 13,
    "scrutiny:dataset-return-list": 14, "scrutiny:report-list": 13,
}
SCRUTINEER = {
    "agency-list": 14, "arrangements:list": 16, "child-protection-team-list": 11,
    "governance:action-list": 14, "governance:decision-list": 13, "governance:meeting-list": 12,
    "people": None, "reviews:case-list": 13, "reviews:national-review-list": 14,
    "reviews:practice-review-list": 14, "reviews:recommendation-list": 16,
    "reviews:theme-list": 15, "s11:challenge-list": 11, "s11:cycle-list": 12,
    "s11:extension-list": None, "s11:return-list": 18, "s11:template-list": 12,
    "s11:year-on-year": 18, "scrutiny:activity-list": 13, "scrutiny:challenge-list": 14,
    "scrutiny:consultation-list": 12, "scrutiny:dataset-measure-list": 13,
    "scrutiny:dataset-return-list": 14, "scrutiny:report-list": 13,
}
# The national agency's lead, on the first partnership it serves (lists that take only the
# partnership's slug).
LEAD = {
    "agency-list": 18, "arrangements:list": None, "child-protection-team-list": None,
    "governance:action-list": 18, "governance:decision-list": 15, "governance:meeting-list": 15,
    "people": None, "reviews:case-list": None, "reviews:national-review-list": None,
    "reviews:practice-review-list": None, "reviews:recommendation-list": None,
    "reviews:theme-list": None, "s11:challenge-list": 16, "s11:cycle-list": 18,
    "s11:extension-list": None, "s11:return-list": 23, "s11:template-list": None,
    "s11:year-on-year": 19, "scrutiny:activity-list": None, "scrutiny:challenge-list": None,
    "scrutiny:consultation-list": 19, "scrutiny:dataset-measure-list": 19,
    "scrutiny:dataset-return-list": 21, "scrutiny:report-list": 19,
}


def _url(case, cast):
    return reverse(case.name, kwargs=case.kwargs(cast) if case.kwargs else {})


def _counts(client, urls):
    found = {}
    for name, url in urls.items():
        client.get(url)  # warm the process's caches (content types, permissions)
        response = client.get(url)
        found[name] = count(client, url)[0] if response.status_code == 200 else None
    return found


def _slug_only(case, cast):
    return case.kwargs is None or set(case.kwargs(cast)) == {"slug"}


def test_every_list_is_pinned():
    names = {case.name for case in LISTS}
    assert names == set(MANAGER) == set(SCRUTINEER)
    assert set(LEAD) <= names


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 12])
def test_lists_cost_the_same_in_1_or_12_partnerships(cast, client_for, n):
    _, _, lead, partnerships = national(cast, n)
    p1 = {case.name: _url(case, cast) for case in LISTS}
    assert _counts(client_for(cast.bu_manager), p1) == MANAGER
    assert _counts(client_for(cast.scrutineer), p1) == SCRUTINEER
    first = {case.name: reverse(case.name, kwargs={"slug": partnerships[0].slug})
             for case in LISTS if _slug_only(case, cast)}
    assert _counts(client_for(lead), first) == LEAD
