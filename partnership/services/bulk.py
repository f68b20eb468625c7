"""Writing many new rows at once with the audit entries their one-by-one saves would write.

`bulk_create` sends no signals, so django-auditlog writes no entry for it. `audited_create`
writes the rows in one statement, then the LogEntry rows auditlog's post_save receiver
would have written for each (the same changes, representation and correlation id, and the
actor and address the request set through auditlog's pre_save hook), in one more."""

from auditlog.cid import get_cid
from auditlog.context import auditlog_disabled
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import pre_save


def _entry(instance):
    changes = model_instance_diff(
        None, instance, use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES)
    if not changes:
        return None
    entry = LogEntry(
        content_type=ContentType.objects.get_for_model(instance), object_pk=instance.pk,
        object_id=instance.pk if isinstance(instance.pk, int) else None,
        object_repr=str(instance), action=LogEntry.Action.CREATE, changes=changes,
        serialized_data=LogEntry.objects._get_serialized_data_or_none(instance),
        cid=get_cid())
    get_additional_data = getattr(instance, "get_additional_data", None)
    if callable(get_additional_data):
        entry.additional_data = get_additional_data()
    pre_save.send(sender=LogEntry, instance=entry, raw=False, using="default",
                  update_fields=None)
    return entry


def _no_reverse_one_to_one(model, objs):
    """A row just made has no row pointing at it one-to-one (a person's calendar feed):
    say so, so that auditlog's diff does not ask the database for each."""
    for rel in model._meta.related_objects:
        if rel.one_to_one:
            for obj in objs:
                obj._state.fields_cache[rel.cache_name] = None


def audited_create(model, objs):
    """Insert `objs` (unsaved instances of `model`) and their audit entries: two queries."""
    objs = model.objects.bulk_create(objs)
    _no_reverse_one_to_one(model, objs)
    if objs and auditlog.contains(model) and not auditlog_disabled.get():
        LogEntry.objects.bulk_create(entry for entry in map(_entry, objs) if entry)
    return objs
