"""Navigation highlighting: the main navigation marks the section a page belongs to, and the
sections' own navigation marks the page itself (both are worked out from the route that
answered the request)."""

import re

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.db_agnostic]

ACTIVE = re.compile(r'item--active">\s*<a[^>]*>([^<]+)</a>')
SUBNAV = re.compile(r'<nav class="app-subnav.*?</nav>', re.DOTALL)
CURRENT = re.compile(r'aria-current="page" href="([^"]+)"')


def page(client, name, *args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200, (name, response.status_code)
    return response.content.decode()


# (route, its arguments after the partnership's slug, the main navigation item it marks)
SECTIONS = [
    ("partnership-overview", lambda c: [], "Partnership"),
    ("agency-list", lambda c: [], "Agencies"),
    ("agency-detail", lambda c: [c.agency_a.pk], "Agencies"),
    ("governance:group-list", lambda c: [], "Groups"),
    ("governance:group-detail", lambda c: [c.exec_group.pk], "Groups"),
    ("governance:meeting-list", lambda c: [], "Meetings"),
    ("governance:meeting-detail", lambda c: [c.meeting1.pk], "Meetings"),
    ("governance:decision-list", lambda c: [], "Meetings"),
    ("governance:attendance-report", lambda c: [], "Meetings"),
    ("governance:action-list", lambda c: [], "Actions"),
    ("governance:action-detail", lambda c: [c.action_a.pk], "Actions"),
    ("governance:priority-list", lambda c: [], "Priorities"),
    ("s11:cycle-list", lambda c: [], "Section 11"),
    ("s11:return-list", lambda c: [], "Section 11"),
    ("s11:return", lambda c: [c.return_police.pk], "Section 11"),
    ("reviews:case-list", lambda c: [], "Case reviews"),
    ("reviews:rapid-detail", lambda c: [c.review1.pk], "Case reviews"),
    ("reviews:practice-review-list", lambda c: [], "Case reviews"),
    ("reviews:theme-list", lambda c: [], "Case reviews"),
    ("reviews:deadlines", lambda c: [], "Case reviews"),
    ("funding:years", lambda c: [], "Funding"),
    ("funding:year", lambda c: [c.year1.start_year], "Funding"),
    ("scrutiny:dashboard", lambda c: [], "Scrutiny"),
    ("scrutiny:challenge-list", lambda c: [], "Scrutiny"),
    ("scrutiny:dataset", lambda c: [], "Scrutiny"),
    ("scrutiny:report-list", lambda c: [], "Yearly report"),
    ("scrutiny:report-detail", lambda c: [c.report1.pk], "Yearly report"),
]


@pytest.mark.parametrize(("name", "args", "section"), SECTIONS, ids=[s[0] for s in SECTIONS])
def test_the_main_navigation_marks_the_section(cast, client_for, name, args, section):
    text = page(client_for(cast.bu_manager), name, cast.p1.slug, *args(cast))
    assert ACTIVE.findall(text) == [section]


def test_home_is_marked_on_the_home_page(cast, client_for):
    text = page(client_for(cast.bu_manager), "home")
    assert ACTIVE.findall(text) == ["Home"]


def test_agency_staff_see_dataset_marked_on_their_dataset_pages(cast, client_for):
    text = page(client_for(cast.lead_a), "scrutiny:dataset-return-list", cast.p1.slug)
    assert ACTIVE.findall(text) == ["Dataset"]


@pytest.mark.parametrize("name", [
    "s11:cycle-list", "s11:template-list", "s11:extension-list", "reviews:case-list",
    "reviews:deadlines",
    "reviews:practice-review-list", "reviews:recommendation-list", "reviews:theme-list",
    "scrutiny:activity-list",
    "scrutiny:section-list", "scrutiny:challenge-list",
])
def test_a_section_navigation_marks_its_page(cast, client_for, name):
    text = page(client_for(cast.bu_manager), name, cast.p1.slug)
    [subnav] = SUBNAV.findall(text)
    assert CURRENT.findall(subnav) == [reverse(name, args=[cast.p1.slug])]
