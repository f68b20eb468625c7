"""Working days: the only place where deadline arithmetic lives.

Two calendars, and a deadline is counted on exactly one of them:

- STATUTORY: weekends and England and Wales bank holidays (substitute and one-off days
  included, from the `holidays` package shipped with the application, so no network is
  needed). Every clock set by law or national guidance runs on it: the 5-working-day
  notification, the 15-working-day rapid review, the LCSPR copy dates. A partnership's
  closure days never move these (domain.md, corrections of 2 December 2026, item 1): use
  `statutory_deadline()`.
- `local(partnership)`: the statutory calendar plus the closure days the partnership has
  recorded. Only the partnership's own deadlines run on it (summaries it asks for,
  challenge responses, dataset returns, its action register, reminders): use
  `local_deadline()`.

Convention (domain.md §1.12): the trigger day is day 0, and "within N working days" means
on or before the Nth working day after it. A trigger on a non-working day gives the same
result as one on the next working day.
"""

import datetime
from functools import lru_cache

import holidays

MAX_DAYS = 1000  # about four years of working days: anything longer is a mistake
EARLIEST_YEAR = 1900  # nothing the portal records happened before
YEARS_AHEAD = 100  # nor is anything planned further ahead: year 9999 is a typing mistake


def plausible_years(today=None):
    """(first, last): the years a date a person enters may fall in."""
    return EARLIEST_YEAR, (today or datetime.date.today()).year + YEARS_AHEAD


def implausible(day):
    """The message for a date outside plausible_years(), or None."""
    first, last = plausible_years()
    if day is not None and not first <= day.year <= last:
        return f"Enter a date between {first} and {last}"
    return None


@lru_cache(maxsize=64)
def bank_holidays(year):
    """England and Wales bank holidays of one year: {date: name}."""
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year))


class WorkingDays:
    """Working-day arithmetic on the England and Wales calendar plus `closures`."""

    def __init__(self, closures=()):
        self.closures = frozenset(closures)

    def is_working_day(self, day):
        return (day.weekday() < 5 and day not in bank_holidays(day.year)
                and day not in self.closures)

    def add(self, start, days):
        """The `days`-th working day after `start` (`start` itself for 0)."""
        if not 0 <= days <= MAX_DAYS:
            raise ValueError(f"days must be between 0 and {MAX_DAYS}")
        day = start
        while days:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                days -= 1
        return day

    def subtract(self, end, days):
        """The working day `days` working days before `end` (`end` itself for 0)."""
        if not 0 <= days <= MAX_DAYS:
            raise ValueError(f"days must be between 0 and {MAX_DAYS}")
        day = end
        while days:
            day -= datetime.timedelta(days=1)
            if self.is_working_day(day):
                days -= 1
        return day

    def count(self, start, end):
        """How many working days come after `start`, up to and including `end`."""
        if end < start:
            raise ValueError("the end date is before the start date")
        if (end - start).days > MAX_DAYS * 2:
            raise ValueError("the dates are too far apart")
        return sum(
            self.is_working_day(start + datetime.timedelta(days=n))
            for n in range(1, (end - start).days + 1)
        )


STATUTORY = WorkingDays()  # no closure days, ever: see the module's docstring


def add_months(day, months):
    """The same day `months` later (earlier when negative), or the month's last day when it
    is shorter: 31 January + 1 month is 28 (or 29) February."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return day.replace(year=year, month=month, day=min(day.day, last))


def statutory_deadline(start, days):
    """`days` working days after `start` on the statutory calendar (closure days ignored)."""
    return STATUTORY.add(start, days)


def local(partnership):
    """The partnership's own calendar: the statutory one plus its recorded closure days.
    Never for a statutory clock. Without a partnership, the statutory calendar."""
    from .models import ClosureDay

    if partnership is None:
        return STATUTORY
    return WorkingDays(ClosureDay.objects.filter(partnership=partnership)
                       .values_list("date", flat=True))


def local_each(partnership_ids):
    """{partnership id: its own calendar} for several partnerships, their closure days read
    in one query (a list across partnerships)."""
    from .models import ClosureDay

    closures = {pk: [] for pk in partnership_ids}
    for pk, day in ClosureDay.objects.filter(partnership_id__in=list(closures)).values_list(
            "partnership_id", "date"):
        closures[pk].append(day)
    return {pk: WorkingDays(days) for pk, days in closures.items()}


def local_deadline(start, days, partnership):
    """`days` working days after `start` on the partnership's own calendar."""
    return local(partnership).add(start, days)
