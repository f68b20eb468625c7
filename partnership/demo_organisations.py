"""The demo's organisations as they are in December 2026 (domain.md, corrections of
2 December 2026, item 8), recorded through partnership/services/organisations.py after every
app's demo data is made (load_demo), so that the 2019 records keep the names of their day:

- the National Probation Service and the Community Rehabilitation Company became the
  Probation Service on 26 June 2021;
- the CCGs became part of Integrated Care Boards on 1 July 2022: North Yorkshire's and City of
  York's of Humber and North Yorkshire ICB (the NHS partner of both partnerships from that
  day, with North Yorkshire's lead and delegated partners acting for it), Airedale,
  Wharfedale and Craven's of West Yorkshire ICB, Surrey's of Surrey Heartlands ICB;
- North Yorkshire County Council became North Yorkshire Council on 1 April 2023 (and its
  services listed as agencies with it).

Other demo data finds agencies by their name of 2019 (`agency_named`) for the records of
that time, and by today's (`agency_now`) for what people do today. Safe to run again."""

import datetime

from django.db.models import Q

from .models import Agency
from .models import Sector as S
from .services import organisations

D = datetime.date

# (agency, the agency it became part of, its sector if the demo makes it, first day)
MERGERS = [
    ("National Probation Service", "Probation Service", S.POLICE_JUSTICE, D(2021, 6, 26)),
    ("Community Rehabilitation Company", "Probation Service", S.POLICE_JUSTICE, D(2021, 6, 26)),
    ("North Yorkshire and York CCGs", "Humber and North Yorkshire ICB", S.HEALTH, D(2022, 7, 1)),
    ("NHS Vale of York CCG", "Humber and North Yorkshire ICB", S.HEALTH, D(2022, 7, 1)),
    ("Airedale, Wharfedale and Craven CCG", "West Yorkshire ICB", S.HEALTH, D(2022, 7, 1)),
    ("NHS Guildford and Waverley CCG", "Surrey Heartlands ICB", S.HEALTH, D(2022, 7, 1)),
]
RENAMES = [
    ("North Yorkshire County Council", "North Yorkshire Council", D(2023, 4, 1)),
    ("North Yorkshire County Council Public Health", "North Yorkshire Council Public Health",
     D(2023, 4, 1)),
    ("North Yorkshire County Council Health and Adult Service",
     "North Yorkshire Council Health and Adult Service", D(2023, 4, 1)),
    ("NYCC Lead Executive Member for Children's Services",
     "North Yorkshire Council Executive Member for Children's Services", D(2023, 4, 1)),
]


def agency_named(name):
    """The agency that has or had this name (records of the day it had it)."""
    return Agency.objects.filter(Q(name=name) | Q(former_names__name=name)).distinct().first()


def agency_now(name):
    """The agency that has or had this name, or the one it became part of (today)."""
    agency = agency_named(name)
    while agency is not None and agency.merged_into_id:
        agency = agency.merged_into
    return agency


def apply(stdout=None):
    """Record the changes not yet recorded (load_demo: after every app's demo, whose records
    of 2019 on are made under the names of their day)."""
    done = 0
    for name, into, sector, day in MERGERS:
        agency = Agency.objects.filter(name=name, merged_into__isnull=True).first()
        if agency is None:
            continue
        successor = Agency.objects.filter(name=into).first()
        if successor is None:
            organisations.agency_merge_into_new(agency=agency, name=into, sector=sector,
                                                merged_on=day)
        else:
            organisations.agency_merge(agency=agency, into=successor, merged_on=day)
        done += 1
    for old, new, day in RENAMES:
        agency = Agency.objects.filter(name=old).first()
        if agency is not None:
            organisations.agency_rename(agency=agency, name=new, start_date=day)
            done += 1
    if done and stdout is not None:
        stdout.write(f"Organisations: {done} mergers and new names recorded, as they stand "
                     "in December 2026.\n")
