"""The multi-agency dataset: measures (the business unit) and each agency's quarterly
return (its lead). Every save checks the version the writer started from, so two people
saving the same return never silently overwrite each other."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from partnership.errors import Conflict, Invalid, WrongState
from partnership.models import Designation, Sector
from partnership.quarters import Quarter

from ..models import DatasetReturn, DatasetStatus, DatasetValue, Measure, MeasureUnit

CONFLICT = ("Someone else saved this return while you were working on it. Your changes have "
            "not been saved: reload the page to see theirs, then make yours again")
MEASURE_FIELDS = ("code", "name", "definition", "unit", "sectors", "target",
                  "higher_is_better", "active")
HUNDRED = Decimal(100)


def _check_measure(measure, agencies):
    known = set(Sector.values)
    if any(s not in known for s in measure.sectors):
        raise Invalid({"sectors": "Choose sectors from the list"})
    if not measure.sectors and not agencies:
        raise Invalid({"sectors": "Choose the sectors or the agencies that report "
                                  "this measure"})
    designated = set(Designation.objects.active().filter(partnership=measure.partnership)
                     .values_list("agency_id", flat=True))
    if any(a.pk not in designated for a in agencies):
        raise Invalid({"agencies": "Choose agencies of this partnership"})
    if measure.unit == MeasureUnit.PERCENT and measure.target is not None \
            and measure.target > HUNDRED:
        raise Invalid({"target": "A percentage target cannot be more than 100"})
    measure.full_clean()


@transaction.atomic
def measure_create(*, partnership, agencies=(), **fields):
    unknown = set(fields) - set(MEASURE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    measure = Measure(partnership=partnership, **fields)
    _check_measure(measure, list(agencies))
    measure.save()
    measure.agencies.set(agencies)
    return measure


@transaction.atomic
def measure_update(*, measure, agencies=None, **fields):
    unknown = set(fields) - set(MEASURE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    for name, value in fields.items():
        setattr(measure, name, value)
    agencies = list(measure.agencies.all()) if agencies is None else list(agencies)
    _check_measure(measure, agencies)
    measure.save()
    measure.agencies.set(agencies)
    return measure


def asked_measures(partnership, agency):
    """The active measures the agency reports in the partnership (its sector's, or chosen
    for it by hand), by name. Two queries whatever the number of measures."""
    measures = (Measure.objects.filter(partnership=partnership, active=True)
                .prefetch_related("agencies").order_by("name", "pk"))
    return [m for m in measures
            if agency.sector in m.sectors or any(a.pk == agency.pk for a in m.agencies.all())]


def _clean_value(measure, value):
    if value is None or value == "":
        return None
    try:
        value = Decimal(str(value))
    except ArithmeticError:
        raise Invalid({f"measure_{measure.pk}": f"{measure.name}: enter a number"}) \
            from None
    if not value.is_finite():
        raise Invalid({f"measure_{measure.pk}": f"{measure.name}: enter a number"})
    if value < 0:
        raise Invalid({f"measure_{measure.pk}":
                       f"{measure.name}: enter a number of 0 or more"})
    if measure.unit == MeasureUnit.PERCENT and value > HUNDRED:
        raise Invalid({f"measure_{measure.pk}":
                       f"{measure.name}: a percentage cannot be more than 100"})
    if value != value.quantize(Decimal("0.01")) or value >= Decimal("1e10"):
        raise Invalid({f"measure_{measure.pk}":
                       f"{measure.name}: enter a number with at most 2 decimal "
                       "places, below 10,000,000,000"})
    return value


def _locked_return(partnership, agency, quarter, version):
    """The agency's return for the quarter (made if needed), locked for this transaction,
    after checking the writer's version (0 for a return not yet started) is current."""
    found = DatasetReturn.objects.filter(partnership=partnership, agency=agency,
                                         period_start=quarter.start)
    existing = found.select_for_update().first()
    if existing is None:
        if version not in (None, 0):
            raise Conflict(CONFLICT, current=0)
        try:
            with transaction.atomic():
                return DatasetReturn.objects.create(partnership=partnership, agency=agency,
                                                    period_start=quarter.start)
        except IntegrityError:  # someone else started it at the same moment
            current = found.values_list("version", flat=True).first()
            raise Conflict(CONFLICT, current=current) from None
    if version is not None and existing.version != version:
        raise Conflict(CONFLICT, current=existing.version)
    if existing.status != DatasetStatus.DRAFT:
        raise WrongState("This return has been submitted. Ask the business unit to "
                         "reopen it if a figure needs to change")
    return existing


@transaction.atomic
def return_save(*, partnership, agency, quarter, user, version, values, note="", submit=False):
    """Save an agency's figures for a quarter (`values`: {measure id: number or None}) as a
    draft, or submit them (every measure needs a figure). Creates the return if needed."""
    if not isinstance(quarter, Quarter) or Quarter.parse(quarter.key) is None:
        raise Invalid({"period_start": "Choose the first day of a quarter"})
    if quarter.start > timezone.localdate():
        raise Invalid({"period_start": "You can enter figures only for a quarter "
                                       "that has begun"})
    measures = {m.pk: m for m in asked_measures(partnership, agency)}
    if not measures:
        raise Invalid("Your agency is not asked for any figures in this partnership")
    extra = [pk for pk in values if pk not in measures]
    if extra:
        raise Invalid({"values": "Enter figures only for the measures your agency "
                                 "reports"})
    dataset_return = _locked_return(partnership, agency, quarter, version)
    cleaned = {pk: _clean_value(measures[pk], value) for pk, value in values.items()}
    current = {v.measure_id: v for v in dataset_return.values.all()}
    for pk, value in cleaned.items():
        if pk in current:
            if current[pk].value != value:
                current[pk].value = value
                current[pk].save(update_fields=["value"])
        else:
            current[pk] = DatasetValue.objects.create(dataset_return=dataset_return,
                                                      measure=measures[pk], value=value)
    dataset_return.note = (note or "").strip()
    if submit:
        missing = [m.name for pk, m in measures.items()
                   if pk not in current or current[pk].value is None]
        if missing:
            raise Invalid({"values": [f"{name}: enter a figure (0 if there were none)"
                                      for name in missing]})
        dataset_return.status = DatasetStatus.SUBMITTED
        dataset_return.submitted_by, dataset_return.submitted_at = user, timezone.now()
    dataset_return.version += 1
    dataset_return.full_clean()
    dataset_return.save()
    return dataset_return


@transaction.atomic
def return_reopen(*, dataset_return, user, reason):
    dataset_return = DatasetReturn.objects.select_for_update().get(pk=dataset_return.pk)
    if dataset_return.status != DatasetStatus.SUBMITTED:
        raise WrongState("Only a submitted return can be reopened")
    if not (reason or "").strip():
        raise Invalid({"reason": "Enter why the return is reopened"})
    dataset_return.status = DatasetStatus.DRAFT
    dataset_return.reopened_reason = reason.strip()
    dataset_return.reopened_by, dataset_return.reopened_at = user, timezone.now()
    dataset_return.version += 1
    dataset_return.save()
    return dataset_return
