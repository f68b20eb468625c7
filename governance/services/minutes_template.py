"""A partnership's own Word template for its minutes (MinutesTemplate): set (replacing the
one before, whose file is left for the retention job: it deletes files no record names) and
removed. The minutes' Word export is built on it (governance/minutes_export.py)."""

from django.db import transaction
from django.utils import timezone

from partnership.errors import Invalid
from partnership.files import file_save

from .. import minutes_export
from ..models import MinutesTemplate

NOT_WORD = "The template must be a Word document (.docx)"


@transaction.atomic
def minutes_template_set(*, partnership, checked, user):
    """`checked`: an upload passed through partnership.uploads.check_upload. Refused
    (Invalid on "file") unless it is a Word document that python-docx can open."""
    if checked.content_type != minutes_export.DOCX_TYPE:
        raise Invalid({"file": NOT_WORD})
    if not minutes_export.template_opens(checked.file):
        raise Invalid({"file": f"{NOT_WORD}: this file could not be opened as one"})
    template = (MinutesTemplate.objects.select_for_update().filter(partnership=partnership).first()
                or MinutesTemplate(partnership=partnership))
    template.filename, template.size, template.sha256 = (
        checked.filename, checked.size, checked.sha256)
    template.uploaded_by, template.uploaded_at = user, timezone.now()
    file_save(template.file, checked)
    template.save()
    return template


@transaction.atomic
def minutes_template_remove(*, partnership):
    """The Word export goes back to the plain document (the file is left for retention)."""
    MinutesTemplate.objects.filter(partnership=partnership).delete()
