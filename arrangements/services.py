"""Every write to the published documents.

A version is drafted by the business unit from the records of the day (the arrangements'
snapshot, snapshot.py) with the narrative of the version before it; its sections are edited;
the lead safeguarding partners sign it off; the business unit publishes it. Any change to a
version after a sign-off withdraws the sign-offs given (the partners signed a text that is no
longer the text), and the page says so. A published version never changes."""

from django.db import transaction
from django.db.models import Max

from partnership import permissions as core
from partnership.errors import Invalid, WrongState
from partnership.models.dated import today
from partnership.services.common import create_once, locked, model_update

from . import snapshot
from .models import SECTIONS, DocumentVersion, Kind, Section, Setting, SignOff, section_keys

SETTING_FIELDS = ("name", "kind", "area")


def _refuse_if_published(version):
    if version.published_on is not None:
        raise WrongState(f"Version {version.number} is published and cannot change. Draft a "
                         "new version instead.")


def _withdraw_sign_offs(version):
    """The text changed: the sign-offs given for the old text are withdrawn (how many)."""
    withdrawn, _ = version.sign_offs.all().delete()
    return withdrawn


@transaction.atomic
def version_create(*, partnership, kind, user):
    """Draft the next version of `kind`, built from today's records, with the narrative of
    the latest version of the same kind. One draft of each kind at a time."""
    if kind not in Kind.values:
        raise Invalid({"kind": "Choose which document to draft"})
    versions = DocumentVersion.objects.filter(partnership=partnership, kind=kind)
    draft = versions.filter(published_on__isnull=True).first()
    if draft is not None:
        raise WrongState(f"Version {draft.number} is still a draft: finish and publish it "
                         "before drafting another.")
    previous = versions.order_by("-number").first()
    number = (versions.aggregate(top=Max("number"))["top"] or 0) + 1
    day = today()
    version = create_once(
        lambda: DocumentVersion.objects.create(
            partnership=partnership, kind=kind, number=number, built_on=day, created_by=user,
            snapshot=snapshot.build(partnership, day) if kind == Kind.ARRANGEMENTS else {}),
        exists=versions.filter(number=number).exists,
        message="Someone else has just drafted a version: reload to see it")
    texts = {s.key: s.text for s in previous.sections.all()} if previous else {}
    Section.objects.bulk_create([Section(version=version, key=key, text=texts.get(key, ""))
                                 for key in section_keys(kind)])
    return version


@transaction.atomic
def section_save(*, version, key, text):
    """Save a section's Markdown. Returns how many sign-offs the change withdrew."""
    locked(version)
    _refuse_if_published(version)
    if key not in section_keys(version.kind):
        raise Invalid({"text": "This document has no such section"})
    section = Section.objects.select_for_update().get(version=version, key=key)
    if section.text == text.strip():
        return 0
    model_update(section, {"text": text.strip()}, ("text",))
    return _withdraw_sign_offs(version)


@transaction.atomic
def snapshot_refresh(*, version):
    """Take the recorded facts again, from today's records. Returns how many sign-offs the
    change withdrew."""
    locked(version)
    _refuse_if_published(version)
    if version.kind != Kind.ARRANGEMENTS:
        raise WrongState("Only the arrangements are built from the records")
    day = today()
    version.snapshot, version.built_on = snapshot.build(version.partnership, day), day
    version.save(update_fields=["snapshot", "built_on", "updated_at"])
    return _withdraw_sign_offs(version)


def missing_sections(version):
    """The headings of the required sections still empty."""
    texts = {s.key: s.text for s in version.sections.all()}
    return [heading for key, heading, _, required in SECTIONS[version.kind]
            if required and not texts.get(key, "").strip()]


def missing_partners(version):
    """The statutory partners whose lead partner has not signed the version off."""
    signed = set(version.sign_offs.filter(education=False).values_list("partner_id", flat=True))
    return [a for a in core.statutory_partners(version.partnership) if a.pk not in signed]


@transaction.atomic
def sign_off(*, version, membership, education=False):
    """Record the sign-off of `membership`'s holder (a lead safeguarding partner role that
    permissions.sign_off_memberships gave) for the agency it acts for, in its capacity."""
    locked(version)
    _refuse_if_published(version)
    missing = missing_sections(version)
    if missing:
        raise WrongState("The document cannot be signed off until these sections are written: "
                         + ", ".join(missing) + ".")
    partner = membership.agency
    if SignOff.objects.filter(version=version, partner=partner).exists():
        raise WrongState(f"{partner.name} has already signed off version {version.number}.")
    return SignOff.objects.create(version=version, partner=partner, signed_by=membership.user,
                                  capacity=core.capacity(membership), education=education)


@transaction.atomic
def publish(*, version, published_on, user):
    """Publish a version all three statutory partners signed off, on `published_on`."""
    locked(version)
    _refuse_if_published(version)
    if len(core.statutory_partners(version.partnership)) < 3:
        raise WrongState("The partnership must have its three statutory partners recorded, "
                         "and each must sign off, before the document is published.")
    missing = missing_partners(version)
    if missing:
        raise WrongState("All three statutory partners must sign off before the document is "
                         "published. Still to sign: " + ", ".join(a.name for a in missing) + ".")
    if published_on > today():
        raise Invalid({"published_on": "The publication date cannot be in the future"})
    last = version.sign_offs.order_by("-signed_at").first()
    if published_on < last.signed_at.date():
        raise Invalid({"published_on": "The publication date cannot be before the last "
                                       f"sign-off, on {last.signed_at:%-d %B %Y}"})
    later = DocumentVersion.objects.filter(partnership=version.partnership, kind=version.kind,
                                           number__gt=version.number,
                                           published_on__isnull=False).first()
    if later is not None:
        raise WrongState(f"Version {later.number} is already published.")
    version.published_on, version.published_by = published_on, user
    version.save(update_fields=["published_on", "published_by", "updated_at"])
    return version


@transaction.atomic
def setting_create(*, partnership, **fields):
    recorded = Setting.objects.filter(partnership=partnership, name=fields.get("name"))
    if recorded.exists():
        raise Invalid({"name": "A setting with this name is already recorded"})
    return create_once(
        lambda: model_update(Setting(partnership=partnership), fields, SETTING_FIELDS),
        exists=recorded.exists, message="Someone else has just recorded this setting")


@transaction.atomic
def setting_update(*, setting, **fields):
    if Setting.objects.filter(partnership_id=setting.partnership_id,
                              name=fields.get("name")).exclude(pk=setting.pk).exists():
        raise Invalid({"name": "A setting with this name is already recorded"})
    return model_update(setting, fields, SETTING_FIELDS)


@transaction.atomic
def setting_remove(*, setting):
    """Remove a setting from the list (versions already drafted keep it in their snapshot)."""
    locked(setting).delete()
