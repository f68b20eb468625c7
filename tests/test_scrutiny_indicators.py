"""The scrutiny indicators computed from known records: Section 11 completion and ratings,
notifications and rapid reviews on time (bank holidays in the window), practice reviews on
track, actions open / overdue / completed on time (by agency), attendance, contributions;
nothing due gives "no data"; targets give the RAG status; P2's records never count in P1.

The records are dated in 2023/24 (or earlier), where the cast has nothing, so each figure is
exactly what the test made."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from agencies.models import Answer, AssessmentTemplate, Kind
from agencies.models import Status as ReturnStatus
from agencies.services import cycles
from funding import services as funding
from governance.models import Action, Attendance, Meeting
from partnership import periods
from reviews.models import Notification, PracticeReview, RapidReview
from reviews.services import notifications, rapid
from scrutiny.models import IndicatorTarget
from scrutiny.selectors import indicators as selectors
from scrutiny.selectors.indicator_charts import indicator_charts
from scrutiny.selectors.values import Rag
from scrutiny.services import indicators as services

pytestmark = pytest.mark.django_db
D = datetime.date
FY2023 = periods.parse("2023")
Q3_2023 = periods.parse("2023-Q3")


def figures(cast, period=FY2023, agency=None, partnership=None):
    found = selectors.indicators_for(partnership or cast.p1, period.start, period.end, agency)
    return {v.code: v for v in found}


def notify(cast, aware, notified, partnership=None):
    return notifications.notification_create(
        partnership=partnership or cast.p1, created_by=cast.bu_officer, pseudonym="Child T",
        age_band="1_4", incident_type="serious_harm", la_aware_on=aware, notified_on=notified)


# Periods

def test_periods_parse_years_and_quarters():
    year = periods.parse("2025")
    assert (year.start, year.end, year.label) == (D(2025, 4, 1), D(2026, 3, 31), "2025/26")
    q4 = periods.parse(" 2025-q4 ")
    assert (q4.start, q4.end, q4.label, q4.code) == (D(2026, 1, 1), D(2026, 3, 31),
                                                    "2025/26 Q4", "2025-Q4")
    assert (periods.parse("2025-Q3").start, periods.parse("2025-Q3").end) == (
        D(2025, 10, 1), D(2025, 12, 31))
    assert [p.code for p in periods.parse("2025-Q2").previous()] == [
        "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1"]
    assert [p.code for p in year.previous()] == ["2021", "2022", "2023", "2024"]
    assert periods.containing(D(2026, 3, 31)) == periods.Period(2025)
    assert periods.from_dates(D(2025, 7, 1), D(2025, 9, 30)) == periods.Period(2025, 2)
    assert periods.from_dates(D(2025, 7, 1), D(2025, 9, 29)) is None


@pytest.mark.parametrize("text", ["", "abc", "25", "2025-Q5", "2025Q1", "2025-Q", "1999",
                                  "20255", "２０２５"])
def test_periods_refuse_bad_text(text):
    with pytest.raises(ValidationError):
        periods.parse(text)


# Nothing due

def test_nothing_due_is_no_data(cast):
    found = figures(cast, periods.parse("2015"))
    for code, value in found.items():
        if value.unit == selectors.PERCENT:
            assert value.value is None, code
        else:
            assert value.value == 0, code
    assert found["notifications_on_time"].period == "2015/16"
    assert [label for label, _ in found["notifications_on_time"].trend] == [
        "2011/12", "2012/13", "2013/14", "2014/15"]


def test_not_yet_due_and_not_done_is_not_counted(cast):
    """A notification due in the future and not yet sent does not count as late."""
    case = notify(cast, D(2023, 11, 1), None)
    Notification.objects.filter(pk=case.pk).update(notify_by=D(2099, 1, 1))
    far = periods.parse("2098")
    assert figures(cast, far)["notifications_on_time"].value is None


# Case reviews

def test_notifications_within_five_working_days_across_christmas(cast):
    on_time = notify(cast, D(2023, 12, 19), D(2023, 12, 28))
    # Day 0 Tuesday 19th; 25 and 26 December are bank holidays: the 5th working day is the 28th.
    assert on_time.notify_by == D(2023, 12, 28)
    notify(cast, D(2023, 12, 19), D(2023, 12, 29))  # a day late
    notify(cast, D(2023, 12, 18), None)  # never sent, due 27 December: late
    notify(cast, D(2023, 12, 19), D(2023, 12, 28), partnership=cast.p2)  # P2's: never counts
    value = figures(cast, Q3_2023)["notifications_on_time"]
    assert value.value == Decimal("33.3")
    assert value.unit == "percent" and value.period == "2023/24 Q3"
    assert figures(cast, Q3_2023, partnership=cast.p2)["notifications_on_time"].value == 100


def test_rapid_reviews_within_fifteen_working_days(cast):
    sent = rapid.rapid_review_start(notification=notify(cast, D(2023, 12, 1), D(2023, 12, 4)))
    late = rapid.rapid_review_start(notification=notify(cast, D(2023, 12, 1), D(2023, 12, 5)))
    # 15 working days from Monday 4 December 2023 skip Christmas and Boxing Day.
    assert sent.due_on == D(2023, 12, 27)
    RapidReview.objects.filter(pk=sent.pk).update(sent_to_panel_on=D(2023, 12, 27))
    RapidReview.objects.filter(pk=late.pk).update(sent_to_panel_on=D(2024, 1, 30))
    assert figures(cast, Q3_2023)["rapid_reviews_on_time"].value == Decimal("50.0")
    assert figures(cast, periods.parse("2023-Q4"))["rapid_reviews_on_time"].value is None


def test_practice_reviews_on_track(cast):
    for title, target, report in (("On time", D(2023, 9, 1), D(2023, 8, 20)),
                                  ("Late", D(2023, 9, 1), D(2023, 10, 2)),
                                  ("Missing", D(2023, 9, 1), None)):
        PracticeReview.objects.create(partnership=cast.p1, title=title, decided_on=D(2023, 3, 1),
                                      target_on=target, final_report_on=report)
    PracticeReview.objects.create(partnership=cast.p2, title="P2", decided_on=D(2023, 3, 1),
                                  target_on=D(2023, 9, 1))
    assert figures(cast)["practice_reviews_on_track"].value == Decimal("33.3")


# Actions

def make_action(cast, ref, agency, due, created, status="open", completed=None,
                partnership=None):
    action = Action.objects.create(
        partnership=partnership or cast.p1, reference=ref, source="meeting", description="T",
        owner_agency=agency, due_on=due, status=status, completed_on=completed)
    Action.objects.filter(pk=action.pk).update(
        created_at=datetime.datetime.combine(created, datetime.time(9), tzinfo=datetime.UTC))
    return action


def actions_2023(cast):
    may = D(2023, 5, 1)
    make_action(cast, 901, cast.police, D(2023, 6, 1), may, "completed", D(2023, 5, 20))
    make_action(cast, 902, cast.police, D(2023, 7, 1), may, "closed", D(2023, 8, 1))
    make_action(cast, 903, cast.agency_a, D(2023, 9, 1), may)
    make_action(cast, 904, cast.police, D(2025, 1, 1), may, "in_progress")
    make_action(cast, 905, cast.agency_x, D(2023, 9, 1), may, partnership=cast.p2)


def test_actions_open_overdue_and_on_time(cast):
    actions_2023(cast)
    found = figures(cast)
    assert found["actions_open"].value == 2
    assert found["actions_overdue"].value == 1
    assert found["actions_on_time"].value == Decimal("33.3")
    assert found["actions_open"].trend[-1] == ("2022/23", 0)
    by_agency = figures(cast, agency=cast.agency_a)
    assert (by_agency["actions_open"].value, by_agency["actions_overdue"].value,
            by_agency["actions_on_time"].value) == (1, 1, Decimal("0.0"))
    # P2's action counts in P2 only.
    # Recorded after the event: it counts from its due date.
    make_action(cast, 907, cast.police, D(2023, 10, 1), D(2025, 1, 1))
    assert figures(cast)["actions_overdue"].value == 2
    assert figures(cast, periods.parse("2023-Q2"))["actions_open"].value == 2
    p2 = figures(cast, partnership=cast.p2)
    assert (p2["actions_open"].value, p2["actions_overdue"].value) == (1, 1)


def test_action_charts_by_agency_and_source(cast):
    actions_2023(cast)
    charts = indicator_charts(cast.p1, FY2023.start, FY2023.end)
    titles = [chart["title"] for chart in charts]
    assert "Open and overdue actions by agency, 2023/24" in titles
    by_agency = next(c for c in charts if c["title"].startswith("Open and overdue actions by ag"))
    assert [(g["label"], [b["text"] for b in g["bars"]]) for g in by_agency["groups"]] == [
        ("Agency A Academy", ["1", "1"]), ("Shires Police", ["1", "0"])]
    by_source = next(c for c in charts if "by source" in c["title"])
    assert [g["label"] for g in by_source["groups"]] == ["Meeting"]


# Attendance

def test_attendance_statutory_partners_and_all(cast):
    meeting = Meeting.objects.create(group=cast.exec_group, status="held",
                                     starts_at=datetime.datetime(2023, 6, 1, 10, tzinfo=datetime.UTC))
    cancelled = Meeting.objects.create(group=cast.exec_group, status="cancelled",
                                       starts_at=datetime.datetime(2023, 7, 1, 10,
                                                                   tzinfo=datetime.UTC))
    for seat, agency, status in ((cast.seat_lsp, cast.council1, "present"),
                                 (cast.seat_dsp, cast.police, "apologies"),
                                 (cast.seat_icb, cast.icb1, "deputy"),
                                 (cast.seat_a, cast.agency_a, "absent")):
        Attendance.objects.create(meeting=meeting, member=seat, agency=agency, status=status)
        Attendance.objects.create(meeting=cancelled, member=seat, agency=agency, status="absent")
    found = figures(cast)
    assert found["attendance_statutory"].value == Decimal("66.7")
    assert found["attendance_all"].value == Decimal("50.0")
    police = figures(cast, agency=cast.police)
    assert police["attendance_statutory"].value == Decimal("0.0")
    school = figures(cast, agency=cast.agency_a)
    assert school["attendance_statutory"].value is None
    assert school["attendance_all"].value == Decimal("0.0")


# Funding

def test_contributions_received_against_agreed(cast):
    year = funding.year_create(partnership=cast.p1, start_year=2023,
                               declared_budget=Decimal("400.00"))
    a = funding.contribution_create(year=year, agency=cast.agency_a, agreed=Decimal("100.00"))
    police = funding.contribution_create(year=year, agency=cast.police, agreed=Decimal("300.00"))
    funding.payment_add(contribution=a, amount=Decimal("100.00"), received_on=D(2023, 6, 1),
                        recorded_by=cast.users["bu_manager"])
    funding.payment_add(contribution=police, amount=Decimal("300.00"),
                        received_on=D(2024, 5, 1), recorded_by=cast.users["bu_manager"])
    assert figures(cast)["contributions_received"].value == Decimal("25.0")
    assert figures(cast, periods.parse("2023-Q1"))["contributions_received"].value == Decimal(
        "25.0")
    assert figures(cast, agency=cast.agency_a)["contributions_received"].value == 100
    assert figures(cast, periods.parse("2024"))["contributions_received"].value is None


def test_contributions_paid_in_instalments_count_what_arrived_by_the_period_end(cast):
    year = funding.year_create(partnership=cast.p1, start_year=2023,
                               declared_budget=Decimal("400.00"))
    police = funding.contribution_create(year=year, agency=cast.police, agreed=Decimal("400.00"))
    for amount, day in (("100.00", D(2023, 5, 2)), ("100.00", D(2023, 8, 1)),
                        ("200.00", D(2024, 2, 1))):
        funding.payment_add(contribution=police, amount=Decimal(amount), received_on=day,
                            recorded_by=cast.users["bu_manager"])
    assert figures(cast, periods.parse("2023-Q1"))["contributions_received"].value == 25
    assert figures(cast, periods.parse("2023-Q2"))["contributions_received"].value == 50
    assert figures(cast, periods.parse("2023"))["contributions_received"].value == 100


# Section 11

def test_section11_completion_and_ratings(cast):
    template = AssessmentTemplate.objects.get(partnership=None, kind=Kind.SECTION_11)
    cycle = cycles.cycle_create(partnership=cast.p1, template=template, name="2023 audit",
                                opens_on=D(2023, 9, 1), closes_on=D(2023, 12, 15),
                                agencies=[cast.agency_a, cast.police])
    done = cycle.requests.get(agency=cast.agency_a).assessment
    type(done).objects.filter(pk=done.pk).update(status=ReturnStatus.SUBMITTED)
    top = 4 if template.scale == "one_to_four" else 3
    for standard, rating in zip(template.standards.all(), (top, top, 1, 2), strict=False):
        Answer.objects.update_or_create(assessment=done, standard=standard,
                                        defaults={"rating": rating})
    draft = cycle.requests.get(agency=cast.police).assessment
    Answer.objects.update_or_create(assessment=draft, standard=template.standards.first(),
                                    defaults={"rating": top})  # a draft's ratings never count
    found = figures(cast)
    assert found["s11_completion"].value == Decimal("50.0")
    assert found["s11_fully_met"].value == Decimal("50.0")
    assert figures(cast, agency=cast.police)["s11_completion"].value == Decimal("0.0")
    charts = indicator_charts(cast.p1, FY2023.start, FY2023.end)
    ratings = next(c for c in charts if c["title"].startswith("Section 11 ratings"))
    assert [(g["label"], g["bars"][0]["text"]) for g in ratings["groups"]] == [
        ("Not met", "1"), ("Partly met", "1"), ("Mostly met", "0"), ("Fully met", "2")]


# Targets and RAG

def test_rag_from_targets(cast):
    notify(cast, D(2023, 12, 19), D(2023, 12, 28))
    notify(cast, D(2023, 12, 19), D(2023, 12, 29))
    notify(cast, D(2023, 12, 19), D(2023, 12, 29))  # 33.3% on time
    assert figures(cast, Q3_2023)["notifications_on_time"].rag is None

    def rag_with(target, margin, higher=True, code="notifications_on_time"):
        services.target_set(partnership=cast.p1, code=code, target=Decimal(target),
                            amber_margin=Decimal(margin), higher_is_better=higher,
                            user=cast.bu_manager)
        return figures(cast, Q3_2023)[code]

    assert rag_with("90", "10").rag == Rag.RED
    assert rag_with("35", "5").rag == Rag.AMBER
    value = rag_with("33.3", "0")
    assert (value.rag, value.target) == (Rag.GREEN, Decimal("33.3"))
    assert rag_with("10", "5", higher=False).rag == Rag.RED  # lower is better: 33.3 > 15
    assert IndicatorTarget.objects.filter(partnership=cast.p1).count() == 1
    # A target never sets a RAG on a figure with no data.
    services.target_set(partnership=cast.p1, code="rapid_reviews_on_time", target=Decimal(90),
                        user=cast.bu_manager)
    assert figures(cast, Q3_2023)["rapid_reviews_on_time"].rag is None
    # P1's targets are not P2's.
    assert figures(cast, Q3_2023, partnership=cast.p2)["notifications_on_time"].target is None
    services.target_remove(partnership=cast.p1, code="notifications_on_time")
    assert figures(cast, Q3_2023)["notifications_on_time"].rag is None


def test_counts_lower_is_better(cast):
    actions_2023(cast)
    services.target_set(partnership=cast.p1, code="actions_overdue", target=Decimal(0),
                        amber_margin=Decimal(1), higher_is_better=False, user=cast.bu_manager)
    assert figures(cast)["actions_overdue"].rag == Rag.AMBER  # 1 overdue
    make_action(cast, 906, cast.police, D(2023, 9, 2), D(2023, 5, 1))
    assert figures(cast)["actions_overdue"].rag == Rag.RED  # 2 overdue


@pytest.mark.parametrize("fields, message", [
    ({"code": "nonsense", "target": Decimal(5)}, "Choose an indicator"),
    ({"code": "notifications_on_time", "target": Decimal(101)}, "more than 100"),
    ({"code": "notifications_on_time", "target": Decimal(-1)}, "greater than or equal to 0"),
    ({"code": "notifications_on_time", "target": None}, "Enter the target"),
])
def test_target_validation(cast, fields, message):
    with pytest.raises(ValidationError, match=message):
        services.target_set(partnership=cast.p1, user=cast.bu_manager, **fields)
    assert not IndicatorTarget.objects.exists()


def test_every_indicator_has_a_drill_down(cast):
    found = figures(cast)
    assert set(found) == set(selectors.SPECS)
    for code, value in found.items():
        assert value.drill_url.startswith(f"/p/{cast.p1.slug}/"), code
        assert value.definition and value.name


def test_any_span_gets_a_trend_of_equal_spans(cast):
    found = selectors.indicators_for(cast.p1, D(2023, 5, 1), D(2023, 5, 31))
    value = next(v for v in found if v.code == "actions_open")
    assert value.period == "1 May 2023 to 31 May 2023"
    assert len(value.trend) == 4 and value.trend[-1][0] == "31 Mar 2023 to 30 Apr 2023"
    assert value.drill_url == f"/p/{cast.p1.slug}/scrutiny/indicators/actions_open/"
