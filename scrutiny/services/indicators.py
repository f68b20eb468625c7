"""Indicator targets, set by the business unit: one per partnership and indicator."""

from decimal import Decimal

from django.db import transaction

from partnership.errors import Invalid

from ..models import IndicatorTarget
from ..selectors.indicators import PERCENT, SPECS

HUNDRED = Decimal(100)


@transaction.atomic
def target_set(*, partnership, code, target, higher_is_better=True, amber_margin=Decimal(5),
               user=None):
    """Set (or change) the target of indicator `code` for the partnership."""
    if code not in SPECS:
        raise Invalid({"code": "Choose an indicator from the list"})
    if target is None:
        raise Invalid({"target": "Enter the target"})
    if SPECS[code][2] == PERCENT and target > HUNDRED:
        raise Invalid({"target": "A percentage target cannot be more than 100"})
    found = IndicatorTarget.objects.select_for_update().filter(
        partnership=partnership, code=code).first()
    found = found or IndicatorTarget(partnership=partnership, code=code)
    found.target, found.higher_is_better = target, higher_is_better
    found.amber_margin, found.set_by = amber_margin, user
    found.full_clean()
    found.save()
    return found


@transaction.atomic
def target_remove(*, partnership, code):
    """Remove the target of indicator `code`: its figures then have no RAG status."""
    if code not in SPECS:
        raise Invalid({"code": "Choose an indicator from the list"})
    IndicatorTarget.objects.filter(partnership=partnership, code=code).delete()
