"""Funding demo data. North Yorkshire 2019/20 is seed 004 paras 27-28 exactly: the seven
contributions and the declared budget of £252,861.00. The seed writes the National Probation
Service row as "£1433,65"; it is recorded as £1,433.65, so the year shows a variance of
£1,433.65 (the stated total leaves that row out). 2020/21 is invented, with spending and
payments: the County Council paid in two instalments; the Police's £34,000 invoice is unpaid
past the year's end (under-paid)."""

import datetime
from decimal import Decimal

from partnership import demo_organisations
from partnership.models import Partnership

from . import services
from .models import Contribution, FinancialYear

NY_2019 = [
    ("North Yorkshire County Council", "124900.00", ""),
    ("North Yorkshire and York CCGs", "79761.00", ""),
    ("North Yorkshire Police", "33050.00", ""),
    ("CAFCASS", "550.00", ""),
    ("National Probation Service", "1433.65", ""),
    ("Community Rehabilitation Company", "2600.00", ""),
    ("City of York Council", "12000.00", "CDOP"),
]

NY_2020 = [  # invented: (agency, agreed, agreed share %, payments [(day, amount)])
    ("North Yorkshire County Council", "128000.00", "49.00",
     [((2020, 6, 1), "64000.00"), ((2020, 10, 1), "64000.00")]),
    ("North Yorkshire and York CCGs", "81500.00", "31.20", [((2020, 6, 1), "81500.00")]),
    ("North Yorkshire Police", "34000.00", "13.02", []),
    ("CAFCASS", "550.00", None, [((2020, 6, 1), "550.00")]),
    ("National Probation Service", "1500.00", None, []),
    ("City of York Council", "12000.00", None, [((2020, 6, 1), "12000.00")]),
]

NY_2020_SPENDING = [  # invented: (category, description, budget, actual)
    ("staffing", "Business unit: manager, officers and administrator", "168000.00", "171250.40"),
    ("scrutiny", "Independent scrutineer", "18000.00", "16500.00"),
    ("reviews", "Local child safeguarding practice reviews", "30000.00", "22850.00"),
    ("training", "Multi-agency training programme", "21000.00", "19875.25"),
    ("child_death", "Child Death Overview Panel", "15000.00", "15000.00"),
    ("other", "Website, venues and printing", "5050.00", "4120.60"),
]


def _year(partnership, start_year, declared, **extra):
    year = FinancialYear.objects.filter(partnership=partnership, start_year=start_year).first()
    return year or services.year_create(partnership=partnership, start_year=start_year,
                                        declared_budget=Decimal(declared), **extra)


def load(stdout=None):
    ny = Partnership.objects.get(slug="north-yorkshire")
    year = _year(ny, 2019, "252861.00",
                 notes="The three partners agreed to keep the current budget for 2019/20 and "
                       "to negotiate contributions for 2020/21 onwards.")
    for name, agreed, earmark in NY_2019:
        agency = demo_organisations.agency_named(name)  # the name of the year's day
        if not Contribution.objects.filter(year=year, agency=agency).exists():
            services.contribution_create(year=year, agency=agency, agreed=Decimal(agreed),
                                         earmark=earmark)
    year = _year(ny, 2020, "257550.00")
    for name, agreed, share, payments in NY_2020:
        agency = demo_organisations.agency_named(name)  # the name of the year's day
        if not Contribution.objects.filter(year=year, agency=agency).exists():
            contribution = services.contribution_create(
                year=year, agency=agency, agreed=Decimal(agreed),
                agreed_share=Decimal(share) if share else None,
                invoice_date=datetime.date(2020, 4, 15), invoice_amount=Decimal(agreed),
                invoice_reference=f"NYSCP-2020-{agency.pk:03d}")
            for day, amount in payments:
                services.payment_add(contribution=contribution, amount=Decimal(amount),
                                     received_on=datetime.date(*day), recorded_by=None)
    if not year.budget_lines.exists():
        for category, description, budget, actual in NY_2020_SPENDING:
            services.budget_line_create(year=year, category=category, description=description,
                                        budget=Decimal(budget), actual=Decimal(actual))
