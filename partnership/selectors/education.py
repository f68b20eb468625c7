"""Whether a partnership meets the Children's Wellbeing and Schools Act 2026, s2: once the
deployment's commencement date (settings.CWSA_EDUCATION_COMMENCEMENT) has come, designated
childcare and education agencies are mandatory participants in the arrangements."""

from django.conf import settings

from ..models import Designation
from ..models.dated import today


def commencement():
    return settings.CWSA_EDUCATION_COMMENCEMENT


def in_force(on=None):
    start = commencement()
    return start is not None and (on or today()) >= start


def education_missing(partnership, on=None):
    """The warning to show when the duty is in force and the partnership has no current
    education designation; None otherwise."""
    day = on or today()
    if not in_force(day) or Designation.objects.active(day).filter(
            partnership=partnership, kind=Designation.Kind.EDUCATION).exists():
        return None
    return (f"Since {commencement():%-d %B %Y} the partnership must have designated childcare "
            "and education agencies (Children's Wellbeing and Schools Act 2026, s2). None is "
            "designated.")


def education_note(on=None):
    """Before commencement (or with no date set): what the Act will require, for information."""
    if in_force(on):
        return None
    start = commencement()
    when = f"from {start:%-d %B %Y}" if start else "once commenced by regulations"
    return (f"The Children's Wellbeing and Schools Act 2026, s2, makes designated childcare and "
            f"education agencies mandatory participants in the arrangements {when}.")
