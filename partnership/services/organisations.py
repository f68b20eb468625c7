"""Organisations change; history stays true (domain.md, corrections of 2 December 2026, item 8).

An agency is renamed from a day (North Yorkshire County Council became North Yorkshire
Council on 1 April 2023), or merged into another from a day (CCGs into ICBs on 1 July 2022).
Records keep pointing at the agency they were made for and show its name on their day
(`Agency.name_on`); lists of today show today's agencies and names.

Both steps take a day no later than today: a change is recorded once it has happened, so
that `Agency.name` is always today's name and today's lists are right.

A merger moves what is current to the successor, from the merger day:
- each designation of the merged agency ends the day before; in each of those partnerships
  the successor is designated with the same kind from the merger day, unless it already
  takes part there (a successor that is a relevant agency where the merged one was a
  statutory partner is refused: the business unit changes its designation first);
- each person's current role in the merged agency (agency roles, and safeguarding partners
  acting for it) ends the day before and the same role, with the same office, starts in the
  successor on the merger day: staff move with their organisation, and their access follows
  (the old role's ended row is the record of who held it). Roles that start on or after the
  merger day are refused: end or change them first;
- the merged agency's own records stay and name it.
"""

import datetime

from django.db import transaction
from django.db.models import Q

from .. import registry
from ..errors import Invalid
from ..models import Agency, AgencyMembership, AgencyName, Designation, PartnershipMembership
from ..models.dated import today
from . import access, structure
from .common import create_once, locked

ONE_DAY = datetime.timedelta(days=1)


def _day(value):
    return f"{value:%-d %B %Y}"


def _check_day(agency, day, field):
    if day > today():
        raise Invalid({field: "The date must be today or earlier: record a change once it "
                              "has happened."})
    last = agency.former_names.order_by("-until").first()
    if last is not None and day <= last.until + ONE_DAY:
        raise Invalid({field: f"The date must be after {_day(last.until + ONE_DAY)}, when "
                              f"{agency.name} took its present name."})


def _check_not_merged(agency, field):
    if agency.merged_into_id:
        raise Invalid({field: f"{agency.name} became part of {agency.merged_into.name} on "
                              f"{_day(agency.merged_on)}."})


@transaction.atomic
def agency_rename(*, agency, name, start_date):
    """Give the agency a new name from `start_date` (its first day); the old name is kept
    as a former name until the day before."""
    locked(agency)
    name = " ".join(name.split())
    _check_not_merged(agency, "name")
    if not name:
        raise Invalid({"name": "Enter the agency's new name"})
    if name == agency.name:
        raise Invalid({"name": f"{agency.name} already has that name"})
    if Agency.objects.filter(name__iexact=name).exclude(pk=agency.pk).exists():
        raise Invalid({"name": f"Another agency is called {name}: choose another name"})
    _check_day(agency, start_date, "start_date")
    AgencyName.objects.create(agency=agency, name=agency.name, until=start_date - ONE_DAY)
    agency.name = name

    def save():
        agency.full_clean()
        agency.save(update_fields=["name"])
        return agency

    return create_once(save, exists=lambda: Agency.objects.filter(name=name).exists(),
                       message=f"Another agency was named {name} while you were working: "
                               "choose another name")


def _open_on(rows, day):
    return rows.filter(Q(end_date__isnull=True) | Q(end_date__gte=day))


def _check_merge(agency, into, merged_on):
    if into.pk == agency.pk:
        raise Invalid({"into": "Choose another agency: an agency cannot merge into itself"})
    _check_not_merged(agency, "into")
    if into.merged_into_id:
        raise Invalid({"into": f"{into.name} itself became part of {into.merged_into.name} on "
                               f"{_day(into.merged_on)}: choose that agency"})
    _check_day(agency, merged_on, "merged_on")
    late = [*_open_on(agency.designations.all(), merged_on).filter(start_date__gte=merged_on),
            *_open_on(AgencyMembership.objects.filter(agency=agency), merged_on)
            .filter(start_date__gte=merged_on),
            *_open_on(PartnershipMembership.objects.filter(agency=agency), merged_on)
            .filter(start_date__gte=merged_on)]
    if late:
        raise Invalid({"merged_on": f"{agency.name} has designations or roles that start on or "
                                    f"after {_day(merged_on)}: end or change them first"})


def _successor_designations(agency, into, merged_on):
    """Designate the successor where the merged agency takes part on the merger day and it
    does not. Returns the merged agency's designations that end."""
    ending = list(_open_on(agency.designations.all(), merged_on).select_related("partnership"))
    for designation in ending:
        present = list(_open_on(into.designations.filter(partnership=designation.partnership),
                                merged_on))
        if not present:
            new = Designation(partnership=designation.partnership, agency=into,
                              kind=designation.kind, start_date=merged_on,
                              local_category=designation.local_category,
                              reason=designation.reason)
            new.full_clean()
            new.save()
        elif designation.is_statutory and all(d.kind != designation.kind for d in present):
            raise Invalid({"into": f"{into.name} takes part in {designation.partnership.name} "
                                   f"as another kind of agency: designate it as "
                                   f"{designation.get_kind_display().lower()} there first"})
    return ending


def _move(rows, into, merged_on, **where):
    """End each role the day before the merger; the same role starts in the successor."""
    users = set()
    for row in rows:
        row.end_date = merged_on - ONE_DAY
        row.save(update_fields=["end_date"])
        users.add(row.user)
        model = type(row)
        scope = {"partnership": row.partnership} if model is PartnershipMembership else {}
        held = model.objects.active(merged_on).filter(user=row.user, role=row.role, **where,
                                                      **scope)
        if not held.exists():
            moved = model(user=row.user, role=row.role, title=row.title, start_date=merged_on,
                          end_date=None, **where, **scope)
            moved.full_clean()
            moved.save()
    return users


@transaction.atomic
def agency_merge(*, agency, into, merged_on):
    """Merge `agency` into `into` from `merged_on` (its first day as part of `into`)."""
    locked(agency)
    locked(into)
    _check_merge(agency, into, merged_on)
    ending = _successor_designations(agency, into, merged_on)
    users = _move(_open_on(AgencyMembership.objects.filter(agency=agency), merged_on),
                  into, merged_on, agency=into)
    users |= _move(_open_on(PartnershipMembership.objects.filter(agency=agency), merged_on)
                   .select_related("partnership"), into, merged_on, agency=into)
    for designation in ending:
        designation.end_date = merged_on - ONE_DAY
        designation.full_clean()
        designation.save(update_fields=["end_date"])
    agency.merged_into, agency.merged_on = into, merged_on
    agency.full_clean()
    agency.save(update_fields=["merged_into", "merged_on"])
    registry.merged(agency, into, merged_on)
    for designation in ending:
        access.designation_grants_sync(designation.partnership, agency)
        access.designation_grants_sync(designation.partnership, into)
    for user in users:
        access.user_groups_sync(user)
    return agency


@transaction.atomic
def agency_merge_into_new(*, agency, name, sector, merged_on):
    """Merge `agency` into a new agency made for it (an ICB the platform does not know yet)."""
    into = structure.agency_create(name=name, sector=sector)
    return agency_merge(agency=agency, into=into, merged_on=merged_on)
