"""The shared steps of every app's write services.

Concurrent writers: an update is applied on top of the row as it is now, not on top of
the copy the caller read earlier. `locked` reloads an instance from its row and keeps the
row locked until the transaction ends (PostgreSQL: `SELECT ... FOR UPDATE`; SQLite has no
row locks, but its transactions begin `IMMEDIATE`, so the first write lock is taken at the
start of the transaction and writers queue one behind the other). `model_update` saves only
the fields it was given, so two people who change different fields of the same record both
keep their change, and the last of two who change the same field wins. A create that a
concurrent writer beat to a unique constraint is refused with `Conflict` (409), not a 500.
"""

from django.db import IntegrityError, transaction

from ..errors import Conflict


def locked(instance):
    """Reload `instance` in place from its row, locked until the transaction ends. Checks
    made after this see the current row. Must be called inside a transaction."""
    manager = type(instance)._base_manager
    instance.refresh_from_db(from_queryset=manager.select_for_update())
    return instance


def _auto_now(model):
    return [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]


def model_update(instance, fields, allowed, *, also=()):
    """Set `fields` (only names in `allowed`) on a model instance, validate it and save it.
    The shared step of every app's update services.

    For a saved instance, the row is locked and reloaded first (`locked`), the given fields
    are set on top of it, and only they are written (with `also`: the names of attributes
    the caller set on the instance itself, such as a derived deadline, which are kept
    through the reload, and any `auto_now` timestamp). Other attributes of the instance
    that the caller may hold from an earlier read are replaced by the row's values, so a
    concurrent writer's change to them survives."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    if instance._state.adding or instance.pk is None:
        for name, value in fields.items():
            setattr(instance, name, value)
        instance.full_clean()
        instance.save()
        return instance
    kept = {name: getattr(instance, name) for name in also}
    with transaction.atomic(savepoint=False):
        locked(instance)
        for name, value in {**kept, **fields}.items():
            setattr(instance, name, value)
        instance.full_clean()
        instance.save(update_fields=[*dict.fromkeys([*fields, *also,
                                                     *_auto_now(type(instance))])])
    return instance


def create_once(save, *, exists, message):
    """Run `save()` (a create guarded by a unique constraint) in a savepoint. If it breaks
    the constraint because a concurrent writer created the same record first (`exists()`
    is then true), refuse with `Conflict(message)`; any other integrity error is raised."""
    try:
        with transaction.atomic():
            return save()
    except IntegrityError:
        if not exists():
            raise
        raise Conflict(message) from None
