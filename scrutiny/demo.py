"""Scrutiny's demo data (manage.py load_demo), one loader per area, in this order, then the
business unit's targets for some of North Yorkshire's dashboard indicators."""

from decimal import Decimal

from partnership.models import Partnership, User

from . import demo_activities, demo_dataset, demo_reports
from .models import IndicatorTarget
from .services import indicators

# (indicator code, target, higher is better, amber margin)
TARGETS = [
    ("notifications_on_time", Decimal(100), True, Decimal(5)),
    ("rapid_reviews_on_time", Decimal(100), True, Decimal(5)),
    ("s11_completion", Decimal(95), True, Decimal(5)),
    ("actions_on_time", Decimal(80), True, Decimal(10)),
    ("attendance_statutory", Decimal(90), True, Decimal(10)),
    ("actions_overdue", Decimal(0), False, Decimal(2)),
]


def load(stdout):
    demo_dataset.load(stdout)
    demo_activities.load(stdout)
    demo_reports.load(stdout)
    _targets(stdout)


def _targets(stdout):
    partnership = Partnership.objects.filter(slug="north-yorkshire").first()
    if partnership is None or IndicatorTarget.objects.filter(partnership=partnership).exists():
        return
    manager = User.objects.filter(email="manager@nyscp.example").first()
    for code, target, higher, margin in TARGETS:
        indicators.target_set(partnership=partnership, code=code, target=target,
                              higher_is_better=higher, amber_margin=margin, user=manager)
    if stdout is not None:
        stdout.write(f"Scrutiny demo: {len(TARGETS)} indicator targets for NYSCP.\n")
