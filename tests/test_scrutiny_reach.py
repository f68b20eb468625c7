"""Scrutiny within reach (issue 17, defects 1, 2 and 8): every scrutiny page carries the
scrutiny sub-navigation with the sections the person may open; the home page links them
and lists the answered challenges waiting for a judgement; the period box takes a year as
the page's own heading writes it; a figure with a target but no data says so."""

import html
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partnership import periods
from partnership.models.dated import today
from scrutiny.services import challenges, indicators

pytestmark = pytest.mark.django_db

SUBNAV = re.compile(r'<nav class="app-subnav[^>]*aria-label="Scrutiny">(.*?)</nav>', re.DOTALL)
LINK = re.compile(r'<a class="govuk-link"(?: aria-current="(\w+)")? href="([^"]+)">([^<]+)</a>')
READER_SECTIONS = ["Dashboard", "Multi-agency dataset", "Consultations", "Scrutiny plan",
                   "Scrutineer's report", "Challenge log", "Yearly reports"]


def get(client, name, *args, query=""):
    response = client.get(reverse(name, args=args) + query)
    return response, response.content.decode()


def subnav(text):
    [nav] = SUBNAV.findall(text)
    return [(html.unescape(label), url, current)
            for current, url, label in LINK.findall(nav)]


@pytest.mark.parametrize("name", [
    "scrutiny:dashboard", "scrutiny:dataset", "scrutiny:consultation-list",
    "scrutiny:activity-list", "scrutiny:section-list", "scrutiny:challenge-list",
    "scrutiny:report-list", "scrutiny:dataset-return-list", "scrutiny:dataset-measure-list"])
def test_every_scrutiny_page_has_the_scrutineers_sections(cast, client_for, name):
    response, text = get(client_for(cast.scrutineer), name, cast.p1.slug)
    assert response.status_code == 200
    items = subnav(text)
    assert [label for label, _, _ in items] == READER_SECTIONS
    # The section's own page is the current page, or the section it belongs to is marked.
    assert [current for _, _, current in items].count("page") + \
        [current for _, _, current in items].count("true") == 1


def test_the_sections_lead_to_their_pages(cast, client_for):
    client = client_for(cast.scrutineer)
    _, text = get(client, "scrutiny:dashboard", cast.p1.slug)
    for label, url, _ in subnav(text):
        assert client.get(url).status_code == 200, label


def test_detail_pages_mark_their_section(cast, client_for):
    _, text = get(client_for(cast.scrutineer), "scrutiny:challenge-detail", cast.p1.slug,
                  cast.challenge_police.pk)
    assert ("Challenge log", reverse("scrutiny:challenge-list", args=[cast.p1.slug]), "true") \
        in subnav(text)
    _, text = get(client_for(cast.scrutineer), "scrutiny:indicator", cast.p1.slug,
                  "actions_overdue")
    assert subnav(text)[0] == ("Dashboard", reverse("scrutiny:dashboard", args=[cast.p1.slug]),
                               "true")


def test_agency_staff_see_only_their_sections(cast, client_for):
    _, text = get(client_for(cast.lead_police), "scrutiny:challenge-list", cast.p1.slug)
    assert [label for label, _, _ in subnav(text)] == [
        "Dataset returns", "Consultations", "Challenge log", "Yearly reports"]
    # Agency A is a relevant agency: no challenge is addressed to it, so no challenge log.
    _, text = get(client_for(cast.lead_a), "scrutiny:report-list", cast.p1.slug)
    assert [label for label, _, _ in subnav(text)] == [
        "Dataset returns", "Consultations", "Yearly reports"]
    _, text = get(client_for(cast.contributor_a), "scrutiny:report-list", cast.p1.slug)
    assert [label for label, _, _ in subnav(text)] == ["Dataset returns", "Yearly reports"]


def test_the_home_page_links_the_scrutiny_sections(cast, client_for):
    _, text = get(client_for(cast.scrutineer), "home")
    for name in ("scrutiny:dashboard", "scrutiny:challenge-list", "scrutiny:activity-list",
                 "scrutiny:section-list", "scrutiny:report-list"):
        assert f'href="{reverse(name, args=[cast.p1.slug])}"' in text, name
    _, text = get(client_for(cast.lead_police), "home")
    assert f'href="{reverse("scrutiny:challenge-list", args=[cast.p1.slug])}"' in text
    assert f'href="{reverse("scrutiny:dashboard", args=[cast.p1.slug])}"' not in text


# Defect 2: answered challenges wait for a judgement on the home page

def test_an_answered_challenge_waits_for_a_judgement_on_the_home_page(cast, client_for):
    challenges.response_record(challenge=cast.challenge_police, agency=cast.police,
                               user=cast.lead_police, response="Done")
    title = f"Record a judgement on challenge {cast.challenge_police.code}"
    url = reverse("scrutiny:challenge-detail", args=[cast.p1.slug, cast.challenge_police.pk])
    for who in (cast.scrutineer, cast.bu_manager):  # who raised it; the business unit
        _, text = get(client_for(who), "home")
        assert title in text and f'href="{url}"' in text
        assert "Nothing needs doing" not in text
    for who in (cast.chair, cast.lead_police):  # neither raised it nor judges
        assert title not in get(client_for(who), "home")[1]
    challenges.judgement_record(challenge=cast.challenge_police, user=cast.scrutineer,
                                judgement="assured", text="Fine")
    assert title not in get(client_for(cast.scrutineer), "home")[1]


def test_whoever_raised_a_challenge_is_asked_to_judge_it(cast, client_for):
    challenges.response_record(challenge=cast.challenge_council, agency=cast.council1,
                               user=cast.bu_officer, response="Ours", on_behalf=True)
    text = get(client_for(cast.chair), "home")[1]
    assert f"Record a judgement on challenge {cast.challenge_council.code}" in text


# Defect 8: the period box and the targets

@pytest.mark.parametrize("text", ["2019/20", "2019-20", "2019/2020", "2019 to 2020",
                                  " 2019 / 20 ", "2019"])
def test_the_period_box_takes_the_year_as_the_heading_writes_it(cast, client_for, text):
    response, page = get(client_for(cast.scrutineer), "scrutiny:dashboard", cast.p1.slug,
                         query=f"?period={text}")
    assert response.status_code == 200
    assert "<h1 class=\"govuk-heading-l\">Scrutiny dashboard: 2019/20</h1>" in page


def test_the_period_box_takes_a_quarter_as_the_heading_writes_it(cast, client_for):
    response, page = get(client_for(cast.scrutineer), "scrutiny:indicator", cast.p1.slug,
                         "actions_open", query="?period=2025/26 Q3")
    assert response.status_code == 200
    assert "Actions open: 2025/26 Q3</h1>" in page


@pytest.mark.parametrize(("text", "error"), [
    ("2019/21", "A financial year runs from April to March of the next year: enter 2019/20"),
    ("2019-2021", "enter 2019/20"), ("nineteen", periods.FORMAT_HELP),
    ("2019/20/21", periods.FORMAT_HELP), ("x" * 30, periods.FORMAT_HELP)])
def test_the_period_box_says_what_is_wrong(cast, client_for, text, error):
    response, page = get(client_for(cast.scrutineer), "scrutiny:dashboard", cast.p1.slug,
                         query=f"?period={text}")
    assert response.status_code == 400
    assert "govuk-error-summary" in page and error in page


def test_the_period_box_shows_the_year_as_the_heading_does(cast, client_for):
    page = get(client_for(cast.scrutineer), "scrutiny:dashboard", cast.p1.slug)[1]
    label = periods.containing(today()).label
    assert f'value="{label}"' in page


def test_periods_parse_every_way_of_writing_a_year():
    for text in ("2019/20", "2019-20", "2019/2020", "2019 to 2020", "2019 TO 2020"):
        assert periods.parse(text) == periods.Period(2019)
    assert periods.parse("2019/20 Q4") == periods.parse("2019-Q4") == periods.Period(2019, 4)
    assert periods.parse("2099/00") == periods.Period(2099)
    for text in ("2019/19", "2019/2019", "2019 to 21", "2019Q1", "2019 / Q1"):
        with pytest.raises(ValidationError):
            periods.parse(text)


def test_a_figure_without_data_does_not_say_it_has_no_target(cast, client_for):
    indicators.target_set(partnership=cast.p1, code="rapid_reviews_on_time",
                          target=Decimal(100), user=cast.bu_manager)
    # 2015/16: nothing was due, so there is no figure to compare with the target.
    page = get(client_for(cast.scrutineer), "scrutiny:dashboard", cast.p1.slug,
               query="?period=2015/16")[1]
    row = re.search(r"Rapid reviews within 15 working days</a></th>(.*?)</tr>", page,
                    re.DOTALL).group(1)
    assert "100.00%" in row
    assert "No figure to compare with the target" in row and "No target" not in row
    detail = get(client_for(cast.scrutineer), "scrutiny:indicator", cast.p1.slug,
                 "rapid_reviews_on_time", query="?period=2015")[1]
    assert "No figure to compare with the target" in detail
    # An indicator with no target still says so.
    row = re.search(r"Notifications within 5 working days</a></th>(.*?)</tr>", page,
                    re.DOTALL).group(1)
    assert "None set" in row and "No target" in row
