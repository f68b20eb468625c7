"""Writes to partnerships, agencies and designations."""

from collections import defaultdict

from django.db import transaction

from ..errors import Invalid
from ..models import Agency, Designation, LocalAuthorityArea, Partnership
from . import access
from .bulk import audited_create
from .common import create_once, locked, model_update


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
def designation_create(*, partnership, agency, kind, local_category="", reason="",
                       start_date=None, end_date=None):
    designation = Designation(partnership=partnership, agency=agency, kind=kind,
                              local_category=local_category, reason=reason, end_date=end_date)
    if start_date:
        designation.start_date = start_date
    designation.full_clean()
    if Designation.objects.filter(partnership=partnership, agency=agency).exclude(
            end_date__lt=designation.start_date).exists():
        raise Invalid({"agency": f"{agency} is already designated in {partnership}."})
    designation.save()
    access.designation_grants_sync(partnership, agency)
    return designation


@transaction.atomic
def designations_create(*, partnership, designations):
    """Designate several agencies at once: `designations` is a list of dicts with an
    `agency`, its `kind` and, as for designation_create, `local_category`, `reason`,
    `start_date` and `end_date`. The same rows, audit entries and grants as one
    designation_create each, in a fixed number of queries however many."""
    made = []
    for fields in designations:
        fields = {"local_category": "", "reason": "", **fields}
        start_date = fields.pop("start_date", None)
        designation = Designation(partnership=partnership, **fields)
        if start_date:
            designation.start_date = start_date
        designation.full_clean(exclude=["partnership", "agency"], validate_constraints=False)
        made.append(designation)
    agencies = {d.agency_id for d in made}
    if len(agencies) < len(made):
        raise Invalid({"agencies": "Choose each agency once."})
    held = defaultdict(list)
    for agency_id, end_date in Designation.objects.filter(
            partnership=partnership, agency_id__in=agencies).order_by().values_list(
            "agency_id", "end_date"):
        held[agency_id].append(end_date)
    already = [d for d in made
               if any(end is None or end >= d.start_date for end in held[d.agency_id])]
    if already:
        names = ", ".join(sorted(str(d.agency) for d in already))
        raise Invalid({"agencies": f"Already designated in {partnership}: {names}."})
    made = audited_create(Designation, made)
    access.grants_sync({(partnership.pk, agency_id) for agency_id in agencies})
    return made


NON_STATUTORY_KINDS = (Designation.Kind.RELEVANT_AGENCY, Designation.Kind.EDUCATION)
DESIGNATION_EDITABLE_FIELDS = ("kind", "local_category", "reason")


def _education_partner_check(designation, message):
    partnership = locked(designation.partnership)
    if (partnership.education_partner_id == designation.agency_id
            and designation.kind == Designation.Kind.EDUCATION):
        raise Invalid({"kind": f"{designation.agency} is the partnership's education partner: "
                               f"{message}"})


@transaction.atomic
def designation_update(*, designation, **fields):
    """The reason an agency was chosen, its local heading and, for an agency that is not a
    statutory partner, whether it is a relevant agency or a designated childcare or
    education agency (Children's Wellbeing and Schools Act 2026, s2). A statutory partner's
    kind is set by the platform admin."""
    kind = fields.get("kind", designation.kind)
    if kind != designation.kind:
        if designation.is_statutory or kind not in NON_STATUTORY_KINDS:
            raise Invalid({"kind": "A statutory partner stays a statutory partner, and an "
                                   "agency becomes one only through the platform admin."})
        _education_partner_check(designation, "choose another education partner, or none, "
                                              "before it stops being an education agency.")
    return model_update(designation, fields, DESIGNATION_EDITABLE_FIELDS)


@transaction.atomic
def designation_end(*, designation, end_date):
    _education_partner_check(designation, "choose another education partner, or none, "
                                          "before its designation ends.")
    designation.end_date = end_date
    designation.full_clean()
    designation.save(update_fields=["end_date"])
    access.designation_grants_sync(designation.partnership, designation.agency)
    return designation


@transaction.atomic
def education_partner_set(*, partnership, agency):
    """The designated childcare or education agency the partnership treats as a fourth
    partner in its own governance (seats, quorum, sign-off of its own documents), or none
    (agency None). The law's three statutory partners do not change."""
    locked(partnership)
    if agency is not None and not Designation.objects.active().filter(
            partnership=partnership, agency=agency, kind=Designation.Kind.EDUCATION).exists():
        raise Invalid({"agency": f"{agency} is not designated in {partnership} as a childcare "
                                 "or education agency."})
    partnership.education_partner = agency
    partnership.save(update_fields=["education_partner"])
    return partnership
