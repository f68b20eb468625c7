"""Learning themes (issue 5, item 6): an editable taxonomy tagged on notifications, rapid
reviews, practice reviews and recommendations, and the themes report across reviews and
years (table, accessible chart and CSV), counted in the database."""

import csv
import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnership.models import AccessEvent
from reviews.models import LearningTheme
from reviews.models.themes import DEFAULT_THEMES
from reviews.selectors_practice import theme_report
from reviews.services import notifications, rapid, recommendations, taxonomy
from reviews.services import practice as practice_services

pytestmark = pytest.mark.django_db

D = datetime.date


def url(name, cast, **kwargs):
    return reverse(name, kwargs={"slug": cast.p1.slug, **kwargs})


def text(response):
    return response.content.decode()


# The taxonomy ------------------------------------------------------------------------------

def test_the_defaults_are_created_on_the_first_visit_only(cast, client_for):
    client = client_for(cast.scrutineer)
    page = text(client.get(url("reviews:theme-list", cast)))
    names = set(LearningTheme.objects.filter(partnership=cast.p1).values_list("name", flat=True))
    assert names == set(DEFAULT_THEMES)
    assert "Domestic abuse" in page and "Add a theme" not in page
    assert not LearningTheme.objects.filter(partnership=cast.p2).exists()
    theme = LearningTheme.objects.get(partnership=cast.p1, name="Safe sleep")
    taxonomy.theme_retire(theme=theme)
    client.get(url("reviews:theme-list", cast))
    assert LearningTheme.objects.filter(partnership=cast.p1).count() == len(DEFAULT_THEMES)
    assert taxonomy.ensure_defaults(cast.p1) == []


def test_a_theme_is_added_with_a_unique_name(cast, client_for):
    client = client_for(cast.bu_officer)
    response = client.post(url("reviews:theme-create", cast), {"name": "  Online   harm "})
    assert response.status_code == 302
    assert LearningTheme.objects.filter(partnership=cast.p1, name="Online harm").exists()
    response = client.post(url("reviews:theme-create", cast), {"name": "online HARM"})
    assert response.status_code == 200
    assert "There is already a theme called &#x27;Online harm&#x27;" in text(response)
    assert LearningTheme.objects.filter(partnership=cast.p1).count() == 1
    # The same name in another partnership is another theme.
    assert taxonomy.theme_create(partnership=cast.p2, name="Online harm").partnership == cast.p2


def test_a_theme_is_renamed_and_retired_but_keeps_what_was_tagged(cast, client_for):
    theme = taxonomy.theme_create(partnership=cast.p1, name="Nelgect")
    other = taxonomy.theme_create(partnership=cast.p1, name="Exploitation")
    review = practice_services.practice_review_create(
        partnership=cast.p1, title="Child Q", decided_on=D(2025, 6, 2), themes=[theme])
    client = client_for(cast.bu_manager)
    edit = url("reviews:theme-edit", cast, pk=theme.pk)
    response = client.post(edit, {"name": "Exploitation", "active": "on"})
    assert "There is already a theme called &#x27;Exploitation&#x27;" in text(response)
    response = client.post(edit, {"name": "Neglect", "active": "on"})
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.name == "Neglect" and theme.active
    response = client.post(edit, {"name": "Neglect"})  # unticked: retired
    theme.refresh_from_db()
    assert not theme.active
    # No longer offered for new tags, kept where it was tagged.
    client.get(url("reviews:theme-list", cast))  # shows (and so clears) the confirmation
    form = text(client.get(url("reviews:practice-review-create", cast)))
    assert "Neglect" not in form and "Exploitation" in form
    edit_form = text(client.get(url("reviews:practice-review-edit", cast, pk=review.pk)))
    assert "Neglect (retired)" in edit_form
    assert list(review.themes.all()) == [theme]
    assert "Retired" in text(client.get(url("reviews:theme-list", cast)))
    taxonomy.theme_reinstate(theme=theme)
    theme.refresh_from_db()
    assert theme.active
    with pytest.raises(ValidationError):
        taxonomy.theme_rename(theme=other, name=" ")


def test_a_retired_name_is_refused_with_a_hint(cast):
    theme = taxonomy.theme_create(partnership=cast.p1, name="Neglect")
    taxonomy.theme_retire(theme=theme)
    with pytest.raises(ValidationError) as error:
        taxonomy.theme_create(partnership=cast.p1, name="neglect")
    assert error.value.message_dict["name"] == [
        "There is already a theme called 'Neglect' (retired: reinstate it instead)"]


def test_only_the_business_unit_changes_themes(cast, client_for):
    theme = taxonomy.theme_create(partnership=cast.p1, name="Neglect")
    for who in ("lsp", "dsp", "chair", "scrutineer"):
        client = client_for(cast.users[who])
        assert client.get(url("reviews:theme-create", cast)).status_code == 403
        assert client.post(url("reviews:theme-edit", cast, pk=theme.pk),
                           {"name": "Changed"}).status_code == 403
    theme.refresh_from_db()
    assert theme.name == "Neglect"


# The report --------------------------------------------------------------------------------

def _case(cast, la_aware_on, themes, pseudonym, rapid_themes=None):
    notification = notifications.notification_create(
        partnership=cast.p1, created_by=cast.bu_officer, pseudonym=pseudonym, age_band="5_9",
        incident_type="serious_harm", la_aware_on=la_aware_on, notified_on=la_aware_on,
        themes=themes)
    review = None
    if rapid_themes is not None:
        review = rapid.rapid_review_start(notification=notification)
        rapid.rapid_review_update(review=review, themes=rapid_themes)
    return notification, review


def _tagged(cast):
    """Notifications in 2024 and 2025, their rapid reviews, practice reviews decided in
    2024 and 2026, and recommendations of both kinds of review."""
    neglect = taxonomy.theme_create(partnership=cast.p1, name="Neglect")
    abuse = taxonomy.theme_create(partnership=cast.p1, name="Domestic abuse")
    unused = taxonomy.theme_create(partnership=cast.p1, name="Safe sleep")
    _, rr_2024 = _case(cast, D(2024, 3, 4), [neglect, abuse], "Child B", [neglect])
    _case(cast, D(2024, 11, 4), [neglect], "Child C")
    _, rr_2025 = _case(cast, D(2025, 2, 3), [abuse], "Child D", [neglect, abuse])
    # The cast's case (2025) gets a theme too.
    notifications.notification_update(notification=cast.case1, themes=[neglect])
    pr_2024 = practice_services.practice_review_create(
        partnership=cast.p1, title="Child B", decided_on=D(2024, 4, 2), themes=[neglect])
    pr_2026 = practice_services.practice_review_create(
        partnership=cast.p1, title="Child E", decided_on=D(2026, 1, 6), themes=[neglect, abuse])
    for review, theme_sets in ((pr_2024, [[neglect], [neglect, abuse]]),
                               (pr_2026, [[abuse]]),
                               (rr_2025, [[neglect]])):
        for themes in theme_sets:
            recommendations.recommendation_create(review=review, text="Do better",
                                                  themes=themes)
    # Another partnership's records are not counted.
    other = taxonomy.theme_create(partnership=cast.p2, name="Neglect")
    notifications.notification_update(notification=cast.case_p2, themes=[other])
    return neglect, abuse, unused


def counts(report, name):
    row = next(r for r in report.rows if r.theme.name == name)
    return {cell.year: cell.values for cell in row.years}, row.total.values


def test_the_report_counts_each_theme_per_year(cast):
    _tagged(cast)
    report = theme_report(cast.p1)
    assert report.years == [2024, 2025, 2026]
    #             notifications, rapid reviews, practice reviews, recommendations
    assert counts(report, "Neglect") == (
        {2024: [2, 1, 1, 2], 2025: [1, 1, 0, 1], 2026: [0, 0, 1, 0]}, [3, 2, 2, 3])
    assert counts(report, "Domestic abuse") == (
        {2024: [1, 0, 0, 1], 2025: [1, 1, 0, 0], 2026: [0, 0, 1, 1]}, [2, 1, 1, 2])
    assert [t.name for t in report.unused] == ["Safe sleep"]


def test_the_report_page_has_a_table_and_an_accessible_chart(cast, client_for):
    _tagged(cast)
    page = text(client_for(cast.lsp).get(url("reviews:theme-report", cast)))
    assert 'role="img"' in page and 'aria-labelledby="themes-chart-title themes-chart-desc"' in page
    assert ("Neglect: Notifications 3, Rapid reviews 2, Practice reviews 2, Recommendations 3"
            in page)
    table = page.split('id="themes-report"', 1)[1].split("</table>", 1)[0]
    neglect = table.split("Neglect", 1)[1].split("</tbody>", 1)[0]
    assert 'rowspan="4"' in table.split("Neglect", 1)[0][-120:]
    rows = [[re.sub(r"<[^>]+>", "", cell).strip()
             for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in neglect.split("</tr>")[:-1]]
    assert rows == [["2", "1", "1", "2"], ["1", "1", "0", "1"], ["0", "0", "1", "0"],
                    ["3", "2", "2", "3"]]
    assert [re.sub(r"<[^>]+>", "", row.split("</th>")[-2]).strip()
            for row in neglect.split("</tr>")[:-1]] == ["2024", "2025", "2026", "All years"]
    assert "Safe sleep" in page.split("</table>", 1)[1]


def test_exact_small_counts_are_shown(cast, client_for):
    """The report is for the partnership's own readers: counts below 5 are not suppressed."""
    theme = taxonomy.theme_create(partnership=cast.p1, name="Neglect")
    notifications.notification_update(notification=cast.case1, themes=[theme])
    report = theme_report(cast.p1)
    assert counts(report, "Neglect") == ({2025: [1, 0, 0, 0]}, [1, 0, 0, 0])


def test_the_report_runs_a_fixed_number_of_queries(cast, client_for):
    client = client_for(cast.bu_manager)
    report_url = url("reviews:theme-report", cast)
    neglect, abuse, _ = _tagged(cast)
    client.get(report_url)

    def count(address):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        return len(queries)

    few, few_csv = count(report_url), count(url("reviews:theme-report-csv", cast))
    for year in range(2015, 2024):
        for i in range(3):
            _, review = _case(cast, D(year, 6, 1 + i), [neglect, abuse], f"Child {year}-{i}",
                              [abuse])
            recommendations.recommendation_create(review=review, text="More", themes=[neglect])
        taxonomy.theme_create(partnership=cast.p1, name=f"Theme {year}")
    assert count(report_url) == few
    assert count(url("reviews:theme-report-csv", cast)) == few_csv
    with CaptureQueriesContext(connection) as queries:
        theme_report(cast.p1)
    assert len(queries) == 5  # the themes, then one grouped count per kind of record


def test_the_csv_download(cast, client_for):
    _tagged(cast)
    response = client_for(cast.chair).get(url("reviews:theme-report-csv", cast))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="p1-learning-themes.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    assert rows[0] == ["Theme", "Retired", "Year", "Notifications", "Rapid reviews",
                       "Practice reviews", "Recommendations"]
    assert ["Neglect", "", "2024", "2", "1", "1", "2"] in rows
    assert ["Neglect", "", "All years", "3", "2", "2", "3"] in rows
    assert ["Safe sleep", "", "All years", "0", "0", "0", "0"] in rows
    event = AccessEvent.objects.get(user=cast.chair)
    assert event.action == "export" and event.partnership == cast.p1


def test_a_theme_name_cannot_become_a_spreadsheet_formula(cast, client_for):
    theme = taxonomy.theme_create(partnership=cast.p1, name="=HYPERLINK(\"x\")")
    notifications.notification_update(notification=cast.case1, themes=[theme])
    body = client_for(cast.bu_manager).get(url("reviews:theme-report-csv", cast)).getvalue().decode()
    assert "'=HYPERLINK" in body


def test_an_empty_report(cast, client_for):
    page = text(client_for(cast.bu_manager).get(url("reviews:theme-report", cast)))
    assert "Nothing has been tagged with a learning theme yet" in page
    assert "<svg" not in page
