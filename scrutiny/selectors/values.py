"""The shape every indicator takes, wherever it is computed (dashboards, the dataset, the API
and the yearly report all read it)."""

from dataclasses import dataclass, field
from decimal import Decimal


class Rag:
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


@dataclass(frozen=True)
class IndicatorValue:
    code: str  # stable, e.g. "notifications_on_time"
    name: str  # "Notifications within 5 working days"
    definition: str  # how it is counted, in plain words
    period: str  # the period's label, e.g. "2025/26" or "2025/26 Q3"
    value: Decimal | int | None  # None: nothing to measure in the period (shown as "No data")
    unit: str = "count"  # "count", "percent" or "pounds"
    target: Decimal | None = None
    rag: str | None = None  # Rag.RED / AMBER / GREEN, or None where no target is set
    trend: tuple = field(default_factory=tuple)  # ((period label, value), ...) oldest first
    drill_url: str = ""  # the records behind the figure, for those who may see them
    higher_is_better: bool = True
