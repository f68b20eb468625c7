"""Financial-year quarters (Q1 April–June ... Q4 January–March) for the multi-agency
dataset: a quarter is named by its first day. Deadlines come from partnership.dates."""

import datetime
from dataclasses import dataclass

from partnership import dates

DUE_WORKING_DAYS = 20  # a quarter's return is due this many working days after it ends


@dataclass(frozen=True)
class Quarter:
    start: datetime.date

    @classmethod
    def of(cls, day):
        month = ((day.month - 1) // 3) * 3 + 1
        return cls(datetime.date(day.year, month, 1))

    @classmethod
    def parse(cls, text):
        """The quarter a YYYY-MM-DD text names (its first day), or None."""
        try:
            day = datetime.date.fromisoformat(str(text))
        except ValueError:
            return None
        quarter = cls.of(day)
        return quarter if quarter.start == day else None

    @property
    def end(self):
        return self.next().start - datetime.timedelta(days=1)

    @property
    def fy_start(self):
        return self.start.year if self.start.month >= 4 else self.start.year - 1

    @property
    def number(self):
        return (self.start.month - 4) % 12 // 3 + 1

    @property
    def label(self):
        return f"{self.fy_start}/{(self.fy_start + 1) % 100:02d} Q{self.number}"

    @property
    def key(self):
        return self.start.isoformat()

    def next(self):
        month = self.start.month + 3
        return Quarter(datetime.date(self.start.year + (month > 12), (month - 1) % 12 + 1, 1))

    def previous(self):
        month = self.start.month - 3
        return Quarter(datetime.date(self.start.year - (month < 1), (month - 1) % 12 + 1, 1))

    def due_on(self, partnership=None):
        return dates.local_deadline(self.end, DUE_WORKING_DAYS, partnership)

    def __str__(self):
        return self.label


def last_quarters(quarter, count):
    """`count` quarters ending with `quarter`, oldest first."""
    found = [quarter]
    while len(found) < count:
        found.insert(0, found[0].previous())
    return found


def quarters_between(start, end):
    """The quarters that begin within [start, end], oldest first."""
    quarter, found = Quarter.of(start), []
    if quarter.start < start:
        quarter = quarter.next()
    while quarter.start <= end:
        found.append(quarter)
        quarter = quarter.next()
    return found
