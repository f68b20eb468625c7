"""The partnership's learning themes: the taxonomy tagged on notifications, rapid reviews,
practice reviews and recommendations. Themes are renamed or retired, never deleted, so
what was tagged keeps its theme."""

from django.db import transaction

from partnership.errors import Invalid
from partnership.models import Partnership

from ..models import LearningTheme
from ..models.themes import DEFAULT_THEMES

NAME_LENGTH = LearningTheme._meta.get_field("name").max_length


def _clean_name(partnership, name, theme=None):
    name = " ".join((name or "").split())
    if not name:
        raise Invalid({"name": "Enter the name of the theme"})
    if len(name) > NAME_LENGTH:
        raise Invalid({"name": f"The name must be {NAME_LENGTH} characters or fewer"})
    taken = LearningTheme.objects.filter(partnership=partnership, name__iexact=name)
    if theme is not None:
        taken = taken.exclude(pk=theme.pk)
    clash = taken.first()
    if clash is not None:
        retired = "" if clash.active else " (retired: reinstate it instead)"
        raise Invalid({"name": f"There is already a theme called '{clash.name}'{retired}"})
    return name


@transaction.atomic
def theme_create(*, partnership, name):
    theme = LearningTheme(partnership=partnership, name=_clean_name(partnership, name))
    theme.full_clean()
    theme.save()
    return theme


@transaction.atomic
def theme_rename(*, theme, name):
    name = _clean_name(theme.partnership, name, theme)
    if name != theme.name:
        theme.name = name
        theme.full_clean()
        theme.save(update_fields=["name"])
    return theme


@transaction.atomic
def theme_retire(*, theme):
    """No longer offered for tagging; what was tagged keeps it, and the report counts it."""
    if theme.active:
        theme.active = False
        theme.save(update_fields=["active"])
    return theme


@transaction.atomic
def theme_reinstate(*, theme):
    if not theme.active:
        theme.active = True
        theme.save(update_fields=["active"])
    return theme


@transaction.atomic
def theme_update(*, theme, name, active):
    """The edit page's one write: rename, and retire or reinstate."""
    theme_rename(theme=theme, name=name)
    return theme_retire(theme=theme) if not active else theme_reinstate(theme=theme)


@transaction.atomic
def ensure_defaults(partnership):
    """Give a partnership that has no learning themes yet the default taxonomy
    (DEFAULT_THEMES). Does nothing once it has any (even if it removed some defaults on
    purpose), so it is safe to call on every visit."""
    themes = LearningTheme.objects.filter(partnership=partnership)
    if themes.exists():
        return []
    Partnership.objects.select_for_update().get(pk=partnership.pk)  # one request at a time
    if themes.exists():
        return []
    # One by one (not bulk_create) so the change log records each theme.
    return [LearningTheme.objects.create(partnership=partnership, name=name)
            for name in DEFAULT_THEMES]
