"""Every list of governance, reviews and scrutiny is a page of rows filtered on the server
(issue 14): at most LIST_PAGE_SIZE rows with more rows than that, page 2 keeping the
filters, a filter that narrows the rows, a bad page or filter value answered with the first
page or a clear message (never a 500), and an absolute query count, the same with 3 rows
and with 60."""

import datetime
import re
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import Action, Group, Meeting
from governance.services import groups
from partnership.forms import filters
from reviews.models import (
    LearningTheme,
    NationalReview,
    Notification,
    PracticeReview,
    Recommendation,
)
from scrutiny.models import Challenge, Consultation, DatasetReturn, Measure, ScrutinyActivity

pytestmark = pytest.mark.django_db
PAGE = 50


def _actions(cast, start, n):
    Action.objects.bulk_create([Action(
        partnership=cast.p1, reference=1000 + i, source="other", description=f"Bulk action {i}",
        owner_agency=cast.agency_a, due_on=datetime.date(2030, 1, 1),
        status="in_progress" if i % 2 else "open", created_by=cast.bu_officer)
        for i in range(start, start + n)])


def _group(cast):
    found = Group.objects.filter(partnership=cast.p1, name="Bulk learning").first()
    return found or groups.group_create(partnership=cast.p1, name="Bulk learning",
                                        group_type="subgroup", frequency="monthly",
                                        start_date=datetime.date(2025, 4, 1))


def _meetings(cast, start, n):
    now, other = timezone.now(), _group(cast)
    Meeting.objects.bulk_create([Meeting(group=other if i % 2 else cast.exec_group,
                                         starts_at=now + datetime.timedelta(days=i + 1))
                                 for i in range(start, start + n)])


def _cases(cast, start, n):
    Notification.objects.bulk_create([Notification(
        partnership=cast.p1, reference=f"BULK-{i}", pseudonym=f"Child {i}", age_band="5_9",
        incident_type="death" if i % 2 else "serious_harm", summary="Bulk",
        la_aware_on=datetime.date(2026, 1, 5), notify_by=datetime.date(2026, 1, 12),
        closed_on=datetime.date(2026, 3, 1) if i % 2 else None)
        for i in range(start, start + n)])


def _practice(cast, start, n):
    PracticeReview.objects.bulk_create([PracticeReview(
        partnership=cast.p1, title=f"Child P{i}", decided_on=datetime.date(2026, 1, 5),
        target_on=datetime.date(2026, 7, 5), status="published" if i % 2 else "in_progress")
        for i in range(start, start + n)])


def _theme(cast):
    return LearningTheme.objects.get_or_create(partnership=cast.p1, name="Bulk theme")[0]


def _national(cast, start, n):
    made = NationalReview.objects.bulk_create([NationalReview(
        partnership=cast.p1, title=f"National {i}") for i in range(start, start + n)])
    theme = _theme(cast)
    NationalReview.themes.through.objects.bulk_create([NationalReview.themes.through(
        nationalreview_id=r.pk, learningtheme_id=theme.pk)
        for i, r in enumerate(made, start) if i % 2])


def _recommendations(cast, start, n):
    review = NationalReview.objects.get_or_create(partnership=cast.p1, title="Bulk national")[0]
    Recommendation.objects.bulk_create([Recommendation(
        partnership=cast.p1, national_review=review, number=i + 1, text=f"Bulk recommendation {i}",
        status="accepted" if i % 2 else "proposed") for i in range(start, start + n)])


def _challenges(cast, start, n):
    Challenge.objects.bulk_create([Challenge(
        partnership=cast.p1, reference=1000 + i, subject=f"Bulk challenge {i}", detail="Why",
        raised_by=cast.scrutineer, raised_on=datetime.date(2026, 1, 5),
        due_on=datetime.date(2026, 2, 5), state="closed" if i % 2 else "raised")
        for i in range(start, start + n)])


def _dataset_returns(cast, start, n):
    DatasetReturn.objects.bulk_create([DatasetReturn(
        partnership=cast.p1, agency=cast.agency_a,
        period_start=datetime.date(1990 + i // 4, 1 + 3 * (i % 4), 1),
        status="submitted" if i % 2 else "draft") for i in range(start, start + n)])


def _activities(cast, start, n):
    ScrutinyActivity.objects.bulk_create([ScrutinyActivity(
        partnership=cast.p1, year=2030, activity_type="multi_agency", title=f"Audit {i}",
        status="completed" if i % 2 else "planned") for i in range(start, start + n)])


def _consultations(cast, start, n):
    Consultation.objects.bulk_create([Consultation(
        partnership=cast.p1, title=f"Consultation {i}", period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30), closes_on=datetime.date(2026, 7, 31),
        created_by=cast.bu_manager) for i in range(start, start + n)])


def _measures(cast, start, n):
    Measure.objects.bulk_create([Measure(
        partnership=cast.p1, code=f"bulk-{i}", name=f"Measure {i}", definition="Counted")
        for i in range(start, start + n)])


def _themes(cast, start, n):
    LearningTheme.objects.bulk_create([LearningTheme(partnership=cast.p1, name=f"Theme {i}")
                                       for i in range(start, start + n)])


@dataclass
class ListPage:
    name: str
    make: object
    queries: int
    narrow: str = ""  # a filter (query string) that keeps the odd rows only
    bad: tuple = ()  # (query string, the message it gets), or () for a list without filters
    who: str = "bu_manager"


PAGES = {
    "actions": ListPage("governance:action-list", _actions, 14, "status=in_progress",
                        ("status=bogus", "Choose a status from the list")),
    "meetings": ListPage("governance:meeting-list", _meetings, 13, "group={group}",
                         ("group=abc", "Choose a group from the list")),
    "cases": ListPage("reviews:case-list", _cases, 13, "state=closed",
                      ("state=bogus", "Choose a case from the list")),
    "practice": ListPage("reviews:practice-review-list", _practice, 14, "status=published",
                         ("status=bogus", "Choose a status from the list")),
    "national": ListPage("reviews:national-review-list", _national, 14, "theme={theme}",
                         ("theme=999999", "Choose a learning theme from the list")),
    "recommendations": ListPage("reviews:recommendation-list", _recommendations, 16,
                                "status=accepted",
                                ("status=bogus", "Choose a status from the list")),
    "challenges": ListPage("scrutiny:challenge-list", _challenges, 14, "state=closed",
                           ("state=bogus", "Choose a state from the list")),
    "dataset-returns": ListPage("scrutiny:dataset-return-list", _dataset_returns, 14,
                                "status=submitted",
                                ("status=bogus", "Choose a status from the list")),
    "activities": ListPage("scrutiny:activity-list", _activities, 13, "status=completed",
                           ("status=bogus", "Choose a status from the list")),
    "consultations": ListPage("scrutiny:consultation-list", _consultations, 12),
    "measures": ListPage("scrutiny:dataset-measure-list", _measures, 13),
    "themes": ListPage("reviews:theme-list", _themes, 15),
}


def _rows(html):
    body = html.split("<tbody", 1)
    return body[1].split("</tbody>", 1)[0].count("<tr") if len(body) == 2 else 0


@pytest.mark.parametrize("key", PAGES)
def test_the_list_is_a_filtered_page_of_rows(key, cast, client_for, django_assert_num_queries):
    page = PAGES[key]
    client = client_for(getattr(cast, page.who))
    url = reverse(page.name, args=[cast.p1.slug])
    page.make(cast, 0, 3)
    client.get(url)
    with django_assert_num_queries(page.queries):
        assert client.get(url).status_code == 200
    page.make(cast, 3, 57)
    with django_assert_num_queries(page.queries):
        html = client.get(url).content.decode()
    assert _rows(html) == PAGE and re.search(r"Showing 1 to 50 of \d+ ", html), key
    assert "Page 2" in html and 'rel="next"' in html
    second = client.get(url + "?page=2").content.decode()
    assert "Showing 51 to" in second and 'aria-current="page">2<' in second
    for bad in ("abc", "0", "-1", "1" * 30):
        assert "Showing 1 to 50 of" in client.get(f"{url}?page={bad}").content.decode()
    assert 'aria-current="page">' in client.get(url + "?page=99999").content.decode()
    if not page.bad:
        return
    page.make(cast, 60, 60)  # 120 rows: 60 of them pass the narrowing filter
    narrow = page.narrow.format(theme=_theme(cast).pk, group=_group(cast).pk)
    if narrow:
        everything = int(re.search(r"Showing 1 to 50 of ([\d,]+)", client.get(url).content
                                   .decode()).group(1).replace(",", ""))
        first = client.get(f"{url}?{narrow}").content.decode()
        found = int(re.search(r"Showing 1 to 50 of ([\d,]+)", first).group(1).replace(",", ""))
        assert 60 <= found < everything, key
        second = client.get(f"{url}?{narrow}&page=2").content.decode()
        assert "Showing 51 to" in second
        kept = re.escape(narrow.replace("&", "&amp;"))
        assert re.search(rf'href="\?{kept}[^"]*&amp;page=1"', second)  # the filter is kept
    query, message = page.bad
    response = client.get(f"{url}?{query}")
    assert response.status_code == 200 and message in response.content.decode()
    assert _rows(response.content.decode()) == 0


def test_the_owner_agency_filter_is_a_search_when_the_select_would_be_long(
        cast, client_for, monkeypatch):
    url = reverse("governance:action-list", args=[cast.p1.slug])
    client = client_for(cast.bu_manager)
    html = client.get(url).content.decode()
    assert '<select name="agency"' in html and 'name="agency_name"' not in html
    monkeypatch.setattr(filters, "CHOICES_MAX", 1)  # two agencies own actions in P1
    html = client.get(url).content.decode()
    assert '<select name="agency"' not in html and 'name="agency_name"' in html
    html = client.get(url + "?agency_name=police").content.decode()
    assert "CNRY-ACTION-POLICE" in html and "CNRY-ACTION-A<" not in html
    html = client.get(url + f"?agency={cast.police.pk}").content.decode()  # a link's agency
    assert "CNRY-ACTION-POLICE" in html and "1 action." in html


def test_the_action_export_streams_the_filtered_register(cast, client_for):
    _actions(cast, 0, 7)
    url = reverse("governance:action-export-csv", args=[cast.p1.slug])
    response = client_for(cast.bu_manager).get(url + "?status=in_progress&page=3")
    assert response.streaming and response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith("Code,") and all("In progress" in line for line in lines[1:])
    assert sum("Bulk action" in line for line in lines) == 3
