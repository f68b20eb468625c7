from django.contrib.contenttypes.models import ContentType

from ..models import AccessEvent


def access_event_record(*, user, obj, action=AccessEvent.Action.VIEW, partnership=None, path=""):
    """Record that `user` read a sensitive record. Call it in the view that shows it."""
    return AccessEvent.objects.create(
        user=user,
        partnership=partnership,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action=action,
        path=path[:500],
    )
