"""Reporting periods: financial years (1 April to 31 March) and their quarters.

The written form, in the dashboard's filter and the API's `period` parameter:
- `YYYY`: the financial year starting on 1 April YYYY (`2025` is 2025/26);
- `YYYY-Qn`: quarter n (1 to 4) of that financial year: Q1 April–June, Q2 July–September,
  Q3 October–December, Q4 January–March of the next calendar year (`2025-Q4` is
  January–March 2026).
The year may also be written as its label shows it, with both its years: `2025/26`,
`2025-26`, `2025/2026` or `2025 to 2026` (and a quarter after a space: `2025/26 Q4`).
"""

import datetime
import re
from dataclasses import dataclass

from .errors import Invalid

FORMAT_HELP = ("Enter a financial year like 2025/26 (or 2025) or a quarter like 2025/26 Q3 "
               "(or 2025-Q3, October to December 2025)")
PATTERN = re.compile(
    r"^([0-9]{4})(?:\s*(?:/|-|\sTO\s)\s*([0-9]{4}|[0-9]{2}))?(?:(?:-|\s+)Q([1-4]))?$")
FIRST_YEAR, LAST_YEAR = 2000, 2099
TREND_PERIODS = 4  # previous periods shown in a trend


@dataclass(frozen=True)
class Period:
    year: int  # the financial year's start year
    quarter: int | None = None  # 1..4, or None for the whole year

    @property
    def start(self):
        if self.quarter is None:
            return datetime.date(self.year, 4, 1)
        month = 3 * self.quarter + 1  # Q1 April, Q2 July, Q3 October, Q4 January
        return datetime.date(self.year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def end(self):
        if self.quarter is None:
            return datetime.date(self.year + 1, 3, 31)
        following = Period(self.year + (self.quarter == 4), self.quarter % 4 + 1)
        return following.start - datetime.timedelta(days=1)

    @property
    def code(self):
        return f"{self.year}" if self.quarter is None else f"{self.year}-Q{self.quarter}"

    @property
    def label(self):
        year = f"{self.year}/{(self.year + 1) % 100:02d}"
        return year if self.quarter is None else f"{year} Q{self.quarter}"

    def previous(self, count=TREND_PERIODS):
        """The `count` periods of the same kind before this one, oldest first."""
        found, period = [], self
        for _ in range(count):
            if period.quarter is None:
                period = Period(period.year - 1)
            elif period.quarter == 1:
                period = Period(period.year - 1, 4)
            else:
                period = Period(period.year, period.quarter - 1)
            found.append(period)
        return found[::-1]


def parse(text):
    """The Period written as the module's docstring says; Invalid with FORMAT_HELP (or what
    is wrong with the years) otherwise."""
    match = PATTERN.match(" ".join((text or "").split()).upper())
    if not match:
        raise Invalid(FORMAT_HELP, code="invalid")
    year, second, quarter = match.groups()
    year = int(year)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Invalid(f"Enter a year from {FIRST_YEAR} to {LAST_YEAR}", code="invalid")
    if second is not None and int(second) != (year + 1) % 10 ** len(second):
        raise Invalid(f"A financial year runs from April to March of the next year: enter "
                      f"{year}/{(year + 1) % 100:02d}", code="invalid")
    return Period(year, int(quarter) if quarter else None)


def containing(day):
    """The financial year containing `day`."""
    return Period(day.year if day.month >= 4 else day.year - 1)


def from_dates(start, end):
    """The Period exactly covering `start`..`end`, or None for any other span."""
    year = containing(start)
    for period in (year, *(Period(year.year, q) for q in range(1, 5))):
        if (period.start, period.end) == (start, end):
            return period
    return None


def within_twelve_months(day, today):
    """Whether `day` falls in the 12 months ending on `today` (the yearly report must be
    published at least once in every 12-month period): after the same date a year earlier
    (28 February for 29 February), and not after `today`. False for no day."""
    if day is None:
        return False
    try:
        year_before = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_before = today.replace(year=today.year - 1, day=28)
    return year_before < day <= today
