"""Writes to partnerships, agencies and designations."""

from django.db import transaction

from ..models import Agency, Designation, LocalAuthorityArea, Partnership
from . import access
from .common import create_once, model_update


@transaction.atomic
def partnership_create(*, name, slug, short_name="", areas=(), website=""):
    partnership = Partnership(name=name, slug=slug, short_name=short_name, website=website)
    partnership.full_clean()
    partnership.save()
    for area in areas:
        partnership.local_authority_areas.add(LocalAuthorityArea.objects.get_or_create(name=area)[0])
    access.role_groups_create(partnership)
    return partnership


@transaction.atomic
def agency_create(*, name, sector, description="", website=""):
    agency = Agency(name=name, sector=sector, description=description, website=website)
    agency.full_clean()
    agency.save()
    access.role_groups_create(agency)
    return agency


AGENCY_EDITABLE_FIELDS = ("name", "sector", "description", "website")


@transaction.atomic
def agency_update(*, agency, **fields):
    """Renaming two agencies to the same name at once: the second is refused (409)."""
    name = fields.get("name")
    return create_once(
        lambda: model_update(agency, fields, AGENCY_EDITABLE_FIELDS),
        exists=lambda: Agency.objects.filter(name=name).exclude(pk=agency.pk).exists(),
        message=f"Another agency was named {name} while you were working: choose another name")


@transaction.atomic
def designation_create(*, partnership, agency, kind, local_category="", start_date=None,
                       end_date=None):
    designation = Designation(partnership=partnership, agency=agency, kind=kind,
                              local_category=local_category, end_date=end_date)
    if start_date:
        designation.start_date = start_date
    designation.full_clean()
    designation.save()
    access.designation_grants_sync(partnership, agency)
    return designation


@transaction.atomic
def designation_end(*, designation, end_date):
    designation.end_date = end_date
    designation.full_clean()
    designation.save(update_fields=["end_date"])
    access.designation_grants_sync(designation.partnership, designation.agency)
    return designation
